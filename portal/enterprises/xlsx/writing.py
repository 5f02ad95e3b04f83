"""Writing sheets with xlsxwriter: headers with notes, typed cells, value lists for choices.

Frames handed to ``write_sheet`` are in user units: scaled numbers as Float64 (Excel can only
hold doubles; any value with at most 15 significant digits — 4 decimals of 万元 up to 1000亿元 —
reads back exactly), counts as Int64, texts, dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from indicators.vocabulary import Kind
from portal.enterprises import values
from portal.enterprises.xlsx.sheets import Column

DATE_FORMAT = "yyyy-mm-dd"


class Book:
    """An xlsxwriter workbook with the formats the sheets share."""

    def __init__(self, target: Path | BytesIO) -> None:
        self.workbook = xlsxwriter.Workbook(target, {"constant_memory": True})
        add = self.workbook.add_format
        self.header = add({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        self.required = add({"bold": True, "bg_color": "#FCE4D6", "border": 1,
                             "text_wrap": True})
        self.date = add({"num_format": DATE_FORMAT})
        self.text = add({"num_format": "@"})
        self.numbers = {places: add({"num_format": "#,##0" + ("." + "0" * min(places, 2)
                                     + "#" * max(places - 2, 0) if places else "")})
                        for places in range(0, 5)}

    def close(self) -> None:
        self.workbook.close()


def cell_format(book: Book, column: Column) -> Any:
    ind = column.indicator
    if ind is None:
        if column.key.endswith(("valid_from", "valid_until")):
            return book.date
        return None if column.key in ("year", "title_year") else book.text
    if ind.kind is Kind.DATE:
        return book.date
    if values.value_column(ind) == "value_int":
        return book.numbers[values.decimals(ind)]
    return None


def write_header(book: Book, sheet: Worksheet, columns: tuple[Column, ...]) -> None:
    for index, column in enumerate(columns):
        style = book.required if column.required else book.header
        sheet.write_string(0, index, column.label, style)
        if column.note:
            sheet.write_comment(0, index, column.note, {"x_scale": 2})
        sheet.set_column(index, index, max(12, min(len(column.label) * 2 + 2, 40)))
    sheet.freeze_panes(1, 1)
    sheet.set_row(0, 36)


def add_choices(sheet: Worksheet, columns: tuple[Column, ...], rows: int) -> None:
    """Drop-down lists for yes/no and choice columns (typing a code is accepted too)."""
    for index, column in enumerate(columns):
        ind = column.indicator
        if ind is None or ind.kind not in (Kind.BOOL, Kind.ENUM):
            continue
        options = ["是", "否"] if ind.kind is Kind.BOOL else [label for _, label in ind.choices]
        if sum(len(o) + 1 for o in options) < 255:
            sheet.data_validation(1, index, rows, index, {
                "validate": "list", "source": options, "error_type": "warning"})


def write_sheet(book: Book, name: str, columns: tuple[Column, ...], frame: pl.DataFrame,
                ) -> Worksheet:
    """Write ``frame`` (columns keyed like ``columns``, user units) below the header row."""
    sheet = book.workbook.add_worksheet(name)
    write_header(book, sheet, columns)
    writers = [_writer(sheet, frame.schema.get(c.key), cell_format(book, c)) for c in columns]
    ordered = frame.select(pl.col(c.key) if c.key in frame.columns else pl.lit(None).alias(c.key)
                           for c in columns)
    for row_index, row in enumerate(ordered.iter_rows(), start=1):
        for col_index, value in enumerate(row):
            if value is not None:
                writers[col_index](row_index, col_index, value)
    return sheet


def _writer(sheet: Worksheet, dtype: Any, style: Any) -> Callable[[int, int, Any], Any]:
    if dtype is not None and dtype.is_numeric():
        return lambda r, c, v: sheet.write_number(r, c, v, style)
    if dtype == pl.Date:
        return lambda r, c, v: sheet.write_datetime(r, c, v, style)
    return lambda r, c, v: sheet.write_string(r, c, str(v), style)


def user_units(frame: pl.DataFrame, columns: tuple[Column, ...]) -> pl.DataFrame:
    """Storage columns → what people read: 万元 as numbers, 是/否, choice labels."""
    out = []
    for column in columns:
        ind = column.indicator
        if ind is None or column.key not in frame.columns:
            continue
        value = pl.col(column.key)
        if values.value_column(ind) == "value_int" and ind.scale != 1:
            out.append((value / ind.scale).alias(column.key))
        elif ind.kind is Kind.BOOL:
            out.append(pl.when(value).then(pl.lit("是")).when(~value).then(pl.lit("否"))
                       .alias(column.key))
        elif ind.kind is Kind.ENUM:
            out.append(value.replace_strict(dict(ind.choices), default=value).alias(column.key))
    return frame.with_columns(out)


def today_stamp() -> str:
    return dt.date.today().strftime("%Y%m%d")
