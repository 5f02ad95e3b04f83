import copy

import pytest

from reference.catalogue import ReferenceDataError, read_document, regions, wujiang_targets
from reference.records import Bound, Level
from reference.targets import load_target_table

FILE = "targets_wujiang_2022.yaml"


def count(region, tier, level, year):
    (target,) = [
        t
        for t in wujiang_targets().targets
        if (t.region, t.tiers, t.level, t.year) == (region, (tier,), level, year)
    ]
    return target.count


def test_every_unit_and_the_district_get_one_target_per_column_and_year():
    table = wujiang_targets()
    per_year = [t for t in table.targets if not t.cumulative]
    assert len(per_year) == 9 * 2 * 3  # 8 区镇 + 合计, two columns, 2022-2024
    assert {t.region for t in per_year} == {"320509"} | {f"320509{n}" for n in range(901, 909)}
    assert (table.district, table.source.seed) == ("320509", "000")


@pytest.mark.parametrize(
    ("region", "tier", "level", "year", "expected"),
    [
        ("320509901", "srdi_demo_sme", Level.CITY, 2022, 3),
        ("320509905", "srdi_demo_sme", Level.CITY, 2024, 2),
        ("320509903", "little_giant", Level.PROVINCE, 2022, 3),
        ("320509903", "little_giant", Level.PROVINCE, 2023, 2),
        ("320509908", "little_giant", Level.PROVINCE, 2024, 1),
        ("320509", "srdi_demo_sme", Level.CITY, 2023, 20),
        ("320509", "little_giant", Level.PROVINCE, 2023, 15),
    ],
)
def test_counts_match_the_attachment(region, tier, level, year, expected):
    assert count(region, tier, level, year) == expected


def test_the_three_year_totals_match_the_plans_body_text():
    statements = {s.tiers: s for s in wujiang_targets().statements}
    for tier, level in (("srdi_demo_sme", Level.CITY), ("little_giant", Level.PROVINCE)):
        total = sum(count("320509", tier, level, year) for year in (2022, 2023, 2024))
        assert total == statements[(tier,)].count  # 60 and 50


def test_the_national_target_is_district_wide_and_its_conflict_is_kept():
    (national,) = [t for t in wujiang_targets().targets if t.cumulative]
    assert (national.region, national.year, national.count, national.bound) == (
        "320509",
        2024,
        20,
        Bound.AT_LEAST,
    )
    body = [s for s in wujiang_targets().statements if s.level is Level.NATIONAL]
    assert [(s.count, s.bound) for s in body] == [(10, Bound.AT_LEAST)]


def edited(change):
    document = copy.deepcopy(read_document(FILE))
    change(document)
    return document


def test_a_row_that_does_not_add_up_to_the_total_is_rejected():
    def slip(document):
        document["unit_rows"][2]["little_giant_province"][1] = 3

    with pytest.raises(
        ReferenceDataError, match="省级专精特新“小巨人”企业 2023年：各行之和为 16，合计行为 15"
    ):
        load_target_table(FILE, edited(slip), regions())


def test_a_row_whose_name_differs_from_its_region_is_rejected():
    def rename(document):
        document["unit_rows"][0]["row"] = "吴江经济技术开发区"

    with pytest.raises(
        ReferenceDataError, match="行名 吴江经济技术开发区 与区划名称 吴江开发区 不一致"
    ):
        load_target_table(FILE, edited(rename), regions())


def test_an_unknown_tier_or_a_short_row_is_rejected():
    def bad_tier(document):
        document["columns"][0]["tiers"] = ["demo_sme"]

    def short(document):
        document["unit_rows"][0]["srdi_demo_sme"] = [3, 3]

    with pytest.raises(ReferenceDataError, match="称号 demo_sme 不在"):
        load_target_table(FILE, edited(bad_tier), regions())
    with pytest.raises(
        ReferenceDataError, match="第1条（row=吴江开发区）：字段 srdi_demo_sme：应有 3 个数"
    ):
        load_target_table(FILE, edited(short), regions())
