"""One row of the columnar layout (docs/facts.md) as the facts document the interpreter reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from indicators.document import FactsDocument, FactValue, TitleHeld
from indicators.vocabulary import BY_ID, TITLE_BY_ID, Period

IDENTITY = ("uscc", "name", "region_code", "industry_code")


@dataclass(frozen=True)
class ColumnRole:
    """What a layout column holds: a static or annual fact, or one end of a title's validity."""

    indicator: str | None = None
    year: int | None = None
    title: tuple[str, str, str] | None = None  # (tier, level, "from" | "until")


def column_role(name: str) -> ColumnRole | None:
    """The role of column ``name``, or None for identity and unrelated columns."""
    if name in BY_ID and BY_ID[name].period is Period.STATIC:
        return ColumnRole(indicator=name)
    parts = name.split("__")
    if len(parts) == 4 and parts[0] == "title" and parts[1] in TITLE_BY_ID \
            and parts[3] in ("from", "until"):
        return ColumnRole(title=(parts[1], parts[2], parts[3]))
    if len(parts) == 2 and parts[0] in BY_ID and parts[1].isdigit() \
            and BY_ID[parts[0]].period is Period.ANNUAL:
        return ColumnRole(indicator=parts[0], year=int(parts[1]))
    return None


def document_from_row(row: Mapping[str, Any],
                      roles: Mapping[str, ColumnRole | None] | None = None) -> FactsDocument:
    """The facts document of one enterprise row; nulls are absent facts.

    ``roles`` (from ``column_roles``) saves parsing the column names again for every row.
    """
    static: dict[str, FactValue] = {}
    annual: dict[int, dict[str, FactValue]] = {}
    starts: dict[tuple[str, str], date] = {}
    ends: dict[tuple[str, str], date] = {}
    for name, value in row.items():
        if value is None:
            continue
        role = roles[name] if roles is not None else column_role(name)
        if role is None:
            continue
        if role.title is not None:
            tier, level, end = role.title
            (starts if end == "from" else ends)[(tier, level)] = value
        elif role.year is None:
            static[str(role.indicator)] = FactValue(value)
        else:
            annual.setdefault(role.year, {})[str(role.indicator)] = FactValue(value)
    titles = tuple(TitleHeld(tier, level, start, ends.get((tier, level)))
                   for (tier, level), start in starts.items())
    return FactsDocument(
        region_code=str(row.get("region_code") or ""), uscc=row.get("uscc"),
        name=row.get("name"), industry_code=row.get("industry_code"),
        static=static, annual=annual, titles=titles)


def column_roles(names: Iterable[str]) -> dict[str, ColumnRole | None]:
    return {name: column_role(name) for name in names}


def documents(frame: pl.DataFrame) -> list[FactsDocument]:
    """One facts document per row of ``frame``."""
    roles = column_roles(frame.columns)
    return [document_from_row(row, roles) for row in frame.iter_rows(named=True)]
