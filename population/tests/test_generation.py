from __future__ import annotations

import math

import polars as pl
import pytest

from indicators.uscc import is_valid
from indicators.vocabulary import ANNUAL, BY_ID, STATIC, Kind
from population import DEFAULT_YEARS, frame_schema, generate
from population.tests.levels import giant_level, srdi_level

LAST, PREVIOUS = DEFAULT_YEARS[-1], DEFAULT_YEARS[-2]


def col(indicator_id: str, year: int = LAST) -> pl.Expr:
    return pl.col(f"{indicator_id}__{year}")


def share(frame: pl.DataFrame, condition: pl.Expr) -> float:
    return float(frame.select(condition.fill_null(False).mean()).item())


def test_the_same_seed_gives_the_same_population() -> None:
    first = generate(800, 11, regions=["3205"])
    again = generate(800, 11, regions=["3205"])
    other = generate(800, 12, regions=["3205"])
    assert first.equals(again)
    assert not first.equals(other)


def test_it_matches_the_columnar_layout_exactly(sample: pl.DataFrame) -> None:
    assert sample.schema == pl.Schema(frame_schema(DEFAULT_YEARS))


def test_every_indicator_column_carries_data(sample: pl.DataFrame) -> None:
    """A new vocabulary indicator fails here until population/ generates it."""
    counts = sample.select(pl.all().is_not_null().sum()).row(0, named=True)
    hint = "合成数据未生成该指标，请在 population/ 中补充"
    for ind in STATIC:
        assert counts[ind.id] > 0, f"{ind.id}: {hint}"
    for ind in ANNUAL:
        assert all(counts[f"{ind.id}__{y}"] > 0 for y in DEFAULT_YEARS[2:]), f"{ind.id}: {hint}"


def test_there_is_no_float_and_no_nan_anywhere(sample: pl.DataFrame) -> None:
    # NaN only exists in float columns: there must be none, numbers are exact integers.
    assert not [c for c, t in sample.schema.items() if t.is_float()]
    assert all(t == pl.Int64 for c, t in sample.schema.items()
               if c in BY_ID and BY_ID[c].numeric)


def test_some_cells_are_unknown_but_identity_never_is(sample: pl.DataFrame) -> None:
    nulls = sample.null_count().row(0, named=True)
    identity = ("uscc", "name", "region_code", "industry_code", "clusters")
    assert all(nulls[c] == 0 for c in identity)
    revenue_nulls = nulls[f"revenue__{LAST}"] / sample.height
    assert 0.01 < revenue_nulls < 0.08
    assert 0 < nulls["invention_patents"] / sample.height < 0.06


def test_codes_are_valid_unique_usccs_and_names_are_unique(sample: pl.DataFrame) -> None:
    assert sample["uscc"].n_unique() == sample.height
    assert sample["name"].n_unique() == sample.height
    assert all(is_valid(code) for code in sample["uscc"].to_list())
    assert sample["name"].str.ends_with("有限公司").all()
    prefix = sample.select(pl.col("uscc").str.slice(2, 4) == pl.col("region_code").str.slice(0, 4))
    assert prefix.to_series().all()


def test_financial_figures_are_consistent(sample: pl.DataFrame) -> None:
    for year in DEFAULT_YEARS:
        checks = sample.select(pl.struct(
            main=(col("main_revenue", year) <= col("revenue", year)).all(),
            product=(col("main_product_revenue", year) <= col("main_revenue", year)).all(),
            rd_staff=(col("rd_staff", year) <= col("employees", year)).all(),
            tech_staff=(col("tech_staff", year) <= col("employees", year)).all(),
            rd_in_tech=(col("rd_staff", year) <= col("tech_staff", year)).all(),
            debt_low=(col("total_liabilities", year) * 100 >= col("total_assets", year) * 19).all(),
            debt_high=(col("total_liabilities", year) * 100 <= col("total_assets", year) * 90)
            .all(),
            revenue=(col("revenue", year) > 0).all(),
            rd=(col("rd_expense", year) >= 0).all(),
        )).item()
        assert all(checks.values()), (year, checks)


def test_growth_from_year_to_year_is_plausible(sample: pl.DataFrame) -> None:
    # Founding years earn part of a year, so compare established years only.
    established = sample.filter(pl.col("founded_on").dt.year() < DEFAULT_YEARS[0])
    g = col("revenue") / col("revenue", PREVIOUS) - 1
    growth = established.select(low=g.min(), high=g.max(), median=g.median()).row(0, named=True)
    assert growth["low"] > -0.5 and growth["high"] < 1.3
    assert 0.02 < growth["median"] < 0.12


def test_revenue_and_rd_look_like_a_population_of_smes(sample: pl.DataFrame) -> None:
    stats = sample.select(
        median=col("revenue").median(),
        p99=col("revenue").quantile(0.99),
        rd_p75=(col("rd_expense") / col("revenue")).quantile(0.75),
        patents=pl.col("invention_patents").median(),
    ).row(0, named=True)
    assert 1e7 < stats["median"] < 6e7  # a few 千万元
    assert stats["p99"] > 10 * stats["median"]  # long tail
    assert stats["rd_p75"] < 0.04
    assert stats["patents"] <= 2


def test_each_enterprise_has_three_to_five_years_with_few_exceptions(sample: pl.DataFrame) -> None:
    reported = sample.select(pl.sum_horizontal(
        col("revenue", y).is_not_null().cast(pl.Int32) for y in DEFAULT_YEARS).alias("n"))["n"]
    assert reported.max() == 5
    assert share(reported.to_frame(), pl.col("n").is_between(3, 5)) > 0.9
    recent = sample.filter(pl.col("founded_on").dt.year() >= LAST - 2)
    assert recent.height > 0
    assert recent.select(col("revenue", DEFAULT_YEARS[0]).is_null().all()).item()


def test_the_tails_near_the_thresholds_are_thin(sample: pl.DataFrame) -> None:
    assert 0.05 <= share(sample, srdi_level()) <= 0.08
    assert 0.004 <= share(sample, giant_level()) <= 0.012


def test_little_giants_resemble_the_published_cohort(sample: pl.DataFrame) -> None:
    giants = sample.filter(pl.col("title__little_giant__national__from").is_not_null())
    assert 0.004 < giants.height / sample.height < 0.012
    stats = giants.select(
        (col("main_revenue") / col("revenue")).median().alias("main_share"),
        (col("rd_expense") / col("revenue")).median().alias("rd"),
        pl.col("invention_patents").mean().alias("inventions"),
        pl.col("class1_ip").mean().alias("class1"),
    ).row(0, named=True)
    assert stats["main_share"] > 0.95
    assert 0.05 < stats["rd"] < 0.09
    assert 12 <= stats["inventions"] <= 25
    assert 12 <= stats["class1"] <= 22


def test_some_large_enterprises_sit_just_above_the_three_percent_floor(
        sample: pl.DataFrame) -> None:
    near_floor = sample.filter(
        pl.col("title__little_giant__national__from").is_not_null()
        & (col("revenue") >= 100_000_000)
        & (col("rd_expense") * 100 >= col("revenue") * 3)
        & (col("rd_expense") * 1000 < col("revenue") * 45))
    assert near_floor.height >= 5


def test_titles_follow_the_ladder_and_the_figures(sample: pl.DataFrame) -> None:
    lg_from, srdi_from = ("title__little_giant__national__from",
                          "title__srdi_sme__province__from")
    giants = sample.filter(pl.col(lg_from).is_not_null())
    assert giants.select(pl.col(srdi_from).is_not_null().mean()).item() > 0.9
    # The first 专精特新 certificate predates the 小巨人 one unless it was renewed since.
    renewed_or_earlier = (pl.col(srdi_from) < pl.col(lg_from)) | (
        pl.col(srdi_from).dt.year() >= pl.col(lg_from).dt.year())
    assert giants.filter(pl.col(srdi_from).is_not_null()).select(renewed_or_earlier.all()).item()
    hnte = sample.filter(pl.col("title__hnte__national__from").is_not_null())
    assert hnte.select((col("rd_expense") * 100 >= col("revenue") * 3).all()).item()
    for column in [c for c in sample.columns if c.endswith("__from")]:
        until = column.removesuffix("__from") + "__until"
        pair = sample.select(
            (pl.col(column).is_null() == pl.col(until).is_null()).all().alias("both"),
            (pl.col(column) <= pl.col(until)).all().alias("ordered"),
            (pl.col(column).dt.year() <= LAST).all().alias("issued")).row(0)
        assert all(v in (True, None) for v in pair), column
    singles = sample["title__single_champion__national__from"].is_not_null().sum()
    assert 0 < singles < sample.height * 0.002


def test_attested_judgements_exist_only_for_a_subset(sample: pl.DataFrame) -> None:
    attested = [i for i in STATIC if i.attested]
    for ind in attested:
        known = sample.select(pl.col(ind.id).is_not_null().mean()).item()
        assert 0.01 < known < 0.25, ind.id
    no_ip = sample.filter(pl.col("class1_ip") == 0)
    assert not no_ip["class1_ip_applied"].drop_nulls().any()


def test_storage_units_are_respected(sample: pl.DataFrame) -> None:
    assert sample.select(col("niche_market_share").max()).item() <= 100 * 100  # 0.01 % units
    assert BY_ID["niche_market_share"].kind is Kind.PERCENT
    assert sample["niche_since"].drop_nulls().is_between(1980, LAST).all()
    levels = set(sample["rd_institution_level"].drop_nulls().unique())
    assert levels <= set(BY_ID["rd_institution_level"].choice_codes)
    ratings = {r for y in DEFAULT_YEARS for r in sample[f"resource_rating__{y}"].drop_nulls()}
    assert ratings == set(BY_ID["resource_rating"].choice_codes)


def test_regions_are_weighted_with_a_good_share_for_the_seed_regions(
        sample: pl.DataFrame) -> None:
    region = pl.col("region_code")
    assert math.isclose(share(sample, region.str.starts_with("320509")), 0.08, abs_tol=0.015)
    assert share(sample, region.str.starts_with("320571")) > 0.04
    assert share(sample, region.str.starts_with("320411")) > 0.025
    assert sample["region_code"].str.starts_with("320509901").any()
    assert sample["region_code"].str.slice(0, 4).n_unique() == 13
    nanjing = share(sample, region.str.starts_with("3201"))
    suqian = share(sample, region.str.starts_with("3213"))
    assert nanjing > 2.5 * suqian


def test_it_restricts_years_and_regions() -> None:
    frame = generate(300, 5, years=(2024, 2023), regions=["320509"])
    assert "revenue__2023" in frame.columns and "revenue__2025" not in frame.columns
    assert frame["region_code"].str.starts_with("320509").all()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"n": 0, "seed": 1}, "企业数量"),
    ({"n": 10, "seed": -1}, "随机种子"),
    ({"n": 10, "seed": 1, "years": ()}, "年度"),
    ({"n": 10, "seed": 1, "years": (2024, 2024)}, "重复"),
    ({"n": 10, "seed": 1, "regions": ["11"]}, "没有区域代码以11开头"),
])
def test_it_rejects_bad_arguments_in_chinese(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(**kwargs)


def test_yearly_records_nest_as_their_definitions_require(sample: pl.DataFrame) -> None:
    for year in DEFAULT_YEARS:
        checks = sample.select(pl.struct(
            top3_in_top5=(col("national_sti_award_top3", year)
                          <= col("national_sti_award_top5", year)).all(),
            ranked_in_any=(col("national_sti_award_top5", year)
                           + col("province_sti_award_top3", year)
                           <= col("sti_award_province_plus", year)).all(),
            maker=(~col("maker_china_top50", year) | col("maker_china_top500", year)).all(),
            standards=(col("standards_led", year) <= col("standards_participated", year)).all(),
            ranks=(col("province_rank", year) <= col("domestic_rank", year)).all(),
        )).item()
        assert all(checks.values()), (year, checks)
    ip = sample.select(
        (pl.col("class1_ip_self_developed") <= pl.col("class1_ip")).all(),
        (pl.col("class1_ip_high_value") <= pl.col("class1_ip")).all().alias("high_value"),
    ).row(0)
    assert all(ip)
