"""Building small import workbooks in tests, with the template's own headers."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import xlsxwriter

from indicators.vocabulary import BY_ID
from portal.enterprises.values import header
from portal.enterprises.xlsx import sheets

Rows = list[dict[str, Any]]


def label(sheet: str, key: str) -> str:
    """The template header of column ``key`` on ``sheet``."""
    return next(c.label for c in sheets.COLUMNS[sheet] if c.key == key)


def workbook(data: dict[str, Rows]) -> bytes:
    """An xlsx with one sheet per entry; each row maps column keys to cell values (numbers
    are written as numbers, everything else as text)."""
    buffer = BytesIO()
    book = xlsxwriter.Workbook(buffer)
    for sheet_name, rows in data.items():
        keys = list(dict.fromkeys(k for row in rows for k in row))
        sheet = book.add_worksheet(sheet_name)
        sheet.write_row(0, 0, [label(sheet_name, k) for k in keys])
        for r, row in enumerate(rows, start=1):
            for c, key in enumerate(keys):
                value = row.get(key)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    sheet.write_number(r, c, value)
                elif value is not None:
                    sheet.write_string(r, c, str(value))
    book.close()
    return buffer.getvalue()


def money_header(indicator: str) -> str:
    return header(BY_ID[indicator])
