"""The engine's columnar layout (docs/facts.md), derived from the indicator vocabulary.

One row per enterprise: identity columns, static indicators by id, annual indicators as
``<id>__<year>``, and titles as ``title__<tier>__<level>__from`` / ``__until`` date columns.
Storage types follow the indicator kind: integer kinds are Int64 in storage units, bools
Boolean, enums String codes, dates Date.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from indicators.vocabulary import ANNUAL, STATIC, TITLE_TIERS, Indicator, Kind

IDENTITY: tuple[str, ...] = ("uscc", "name", "region_code", "industry_code")
# Generated frames also carry each enterprise's cluster ids (a registry attribute the rules
# engine does not read, so not part of the engine's layout).
CLUSTERS = "clusters"

KIND_DTYPE: dict[Kind, pl.DataType] = {
    Kind.MONEY: pl.Int64(),
    Kind.COUNT: pl.Int64(),
    Kind.PERCENT: pl.Int64(),
    Kind.QUANTITY: pl.Int64(),
    Kind.SCORE: pl.Int64(),
    Kind.YEAR: pl.Int64(),
    Kind.BOOL: pl.Boolean(),
    Kind.ENUM: pl.String(),
    Kind.DATE: pl.Date(),
}


def annual_column(indicator_id: str, year: int) -> str:
    return f"{indicator_id}__{year}"


def title_column(tier: str, level: str, end: str) -> str:
    """``end`` is ``from`` or ``until``."""
    return f"title__{tier}__{level}__{end}"


def title_columns() -> list[tuple[str, str]]:
    """Every (tier, level) pair the layout carries, in vocabulary order."""
    return [(tier.id, level) for tier in TITLE_TIERS for level in tier.levels]


def schema(years: Iterable[int]) -> dict[str, pl.DataType]:
    """Column name → storage dtype, in layout order, for the given fiscal years."""
    ordered_years = sorted(set(years))
    columns: dict[str, pl.DataType] = {name: pl.String() for name in IDENTITY}
    columns.update({ind.id: dtype(ind) for ind in STATIC})
    for ind in ANNUAL:
        columns.update({annual_column(ind.id, y): dtype(ind) for y in ordered_years})
    for tier, level in title_columns():
        for end in ("from", "until"):
            columns[title_column(tier, level, end)] = pl.Date()
    return columns


def frame_schema(years: Iterable[int]) -> dict[str, pl.DataType]:
    """The columns of a generated population: the layout, with ``clusters`` (a list of
    cluster ids, empty for none) after the identity columns."""
    columns = schema(years)
    identity = {name: columns.pop(name) for name in IDENTITY}
    return {**identity, CLUSTERS: pl.List(pl.String()), **columns}


def dtype(indicator: Indicator) -> pl.DataType:
    return KIND_DTYPE[indicator.kind]
