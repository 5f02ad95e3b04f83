from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from population import generate

SHOWCASE = pl.DataFrame({
    "uscc": ["91350100M000100Y43"],
    "name": ["苏州示例精密机械有限公司"],
    "region_code": ["320509901"],
    "industry_code": ["C3484"],
    "revenue__2025": [123_456_789],
    "class1_ip": [16],
    "title__little_giant__national__from": [dt.date(2024, 7, 1)],
})


def test_it_appends_showcase_rows_in_the_layout() -> None:
    base = generate(200, 3)
    frame = generate(200, 3, extra=SHOWCASE)
    assert frame.height == 201
    assert frame.schema == base.schema
    assert frame.head(200).equals(base)
    last = frame.row(200, named=True)
    assert last["revenue__2025"] == 123_456_789 and last["class1_ip"] == 16
    assert last["revenue__2024"] is None


@pytest.mark.parametrize(("extra", "message"), [
    (SHOWCASE.with_columns(pl.lit(1).alias("revenue__2099")), "版式之外的列"),
    (SHOWCASE.drop("region_code"), "缺少必需列"),
    (SHOWCASE.with_columns(pl.lit("91350100M000100Y44").alias("uscc")), "代码无效"),
    (SHOWCASE.with_columns(pl.lit("很多").alias("class1_ip")), "列类型与版式不符"),
    (pl.concat([SHOWCASE, SHOWCASE]), "统一社会信用代码与已有企业重复"),
])
def test_it_rejects_bad_extra_rows_in_chinese(extra: pl.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(50, 1, extra=extra)
