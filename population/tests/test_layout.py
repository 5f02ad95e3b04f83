from __future__ import annotations

import polars as pl

from indicators.vocabulary import ANNUAL, INDICATORS, STATIC, TITLE_TIERS, Kind
from population.layout import IDENTITY, schema

YEARS = (2023, 2021, 2022)


def test_it_has_every_static_indicator_by_id_and_every_annual_one_for_every_year() -> None:
    columns = schema(YEARS)
    for ind in STATIC:
        assert ind.id in columns
    for ind in ANNUAL:
        for year in YEARS:
            assert f"{ind.id}__{year}" in columns
    expected = len(IDENTITY) + len(STATIC) + len(ANNUAL) * len(YEARS) + 2 * sum(
        len(t.levels) for t in TITLE_TIERS)
    assert len(columns) == expected


def test_it_orders_identity_then_statics_then_annual_by_year_then_titles() -> None:
    names = list(schema(YEARS))
    assert names[:4] == ["uscc", "name", "region_code", "industry_code"]
    assert names[4] == STATIC[0].id
    assert names.index("revenue__2021") < names.index("revenue__2022") < names.index(
        "revenue__2023") < names.index("main_revenue__2021")
    assert names[-2:] == ["title__ip_demo__national__from", "title__ip_demo__national__until"]


def test_it_stores_each_kind_in_its_storage_type() -> None:
    columns = schema((2025,))
    expected = {Kind.MONEY: pl.Int64, Kind.COUNT: pl.Int64, Kind.PERCENT: pl.Int64,
                Kind.QUANTITY: pl.Int64, Kind.SCORE: pl.Int64, Kind.YEAR: pl.Int64,
                Kind.BOOL: pl.Boolean, Kind.ENUM: pl.String, Kind.DATE: pl.Date}
    for ind in INDICATORS:
        name = ind.id if ind in STATIC else f"{ind.id}__2025"
        assert columns[name] == expected[ind.kind], name
    assert all(columns[c] == pl.Date for c in columns if c.startswith("title__"))
