"""Rules without the web: which entry standard applies (and the carried-over notice), the
"either track" verdict, focus derivation from the ladder, and cohorts from titles."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.test import override_settings

from eligibility.api import evaluate, evaluate_ladder
from indicators.document import parse_facts
from portal.assessments.library import criteria_library
from portal.pool.classification import (
    cohort_of,
    distance,
    focus_from_ladder,
    held_in_force,
)
from portal.pool.entry import combine, entry_verdict, track_result
from portal.pool.models import Cohort, Focus, PoolConfig
from portal.pool.standards import EntryStandardError, entry_standard

LATER = dt.date(2026, 6, 1)
DURING = dt.date(2021, 6, 1)
NOTICE = "入库标准沿用《江苏省“千企升级”三年行动计划（2020-2022年）》（苏制造强省办〔2020〕2号）"


def _case_facts(relative: str) -> dict[str, Any]:
    path = Path(settings.CRITERIA_DIR) / relative
    return yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]


@pytest.mark.django_db
def test_it_carries_the_2020_sets_over_after_2022_and_says_so() -> None:
    standard = entry_standard(LATER, "320509")
    assert [s.id for s in standard.sets] == ["js-2020-pool-manufacturing",
                                             "js-2020-pool-innovative"]
    assert standard.carried_over
    assert standard.notice.startswith(NOTICE)
    assert "2022年12月31日" in standard.notice and "按2025年度数据评估" in standard.notice


@pytest.mark.django_db
def test_it_uses_the_sets_in_force_without_a_notice_of_carry_over() -> None:
    standard = entry_standard(DURING, "320509")
    assert not standard.carried_over
    assert {s.id for s in standard.sets} == {"js-2020-pool-manufacturing",
                                             "js-2020-pool-innovative"}
    assert standard.notice.startswith("入库标准：《江苏省“千企升级”")


@pytest.mark.django_db
def test_it_prefers_the_configured_sets() -> None:
    PoolConfig.objects.create(entry_set_ids="js-2020-pool-innovative")
    assert [s.id for s in entry_standard(LATER, "320509").sets] == ["js-2020-pool-innovative"]


@pytest.mark.django_db
@override_settings(POOL_ENTRY_SETS=["js-2020-pool-manufacturing"])
def test_it_reads_the_setting_when_no_row_is_configured() -> None:
    assert [s.id for s in entry_standard(LATER, "320509").sets] == ["js-2020-pool-manufacturing"]


@pytest.mark.django_db
def test_it_refuses_an_unknown_set_and_a_foreign_region_in_chinese() -> None:
    PoolConfig.objects.create(entry_set_ids="no-such-set")
    with pytest.raises(EntryStandardError, match="没有编号为 no-such-set"):
        entry_standard(LATER, "320509")
    PoolConfig.objects.create(entry_set_ids="js-2020-pool-manufacturing")
    with pytest.raises(EntryStandardError, match="区划代码 110101"):
        entry_standard(LATER, "110101")


def test_it_combines_tracks_as_either_passes() -> None:
    assert combine(["fail", "pass"]) == "pass"
    assert combine(["fail", "unknown"]) == "unknown"
    assert combine(["fail", "fail"]) == "fail"


@pytest.mark.django_db
def test_it_admits_a_firm_that_passes_only_the_innovative_track() -> None:
    facts = parse_facts(_case_facts("jiangsu-2020/js-2020-pool-innovative.cases.yaml"))
    verdict = entry_verdict(entry_standard(DURING, facts.region_code), facts)
    by_track = {t.track_title: t for t in verdict.tracks}
    assert by_track["创新类"].verdict == "pass"
    assert by_track["制造类"].verdict != "pass"
    assert verdict.verdict == "pass"


def test_it_reports_failed_criteria_with_the_engines_shortfall() -> None:
    data = _case_facts("jiangsu-2020/js-2020-pool-manufacturing.cases.yaml")
    data["annual"]["2020"]["main_product_revenue"] = "2800"
    facts = parse_facts(data)
    manufacturing = criteria_library().get("js-2020-pool-manufacturing")
    outcome = evaluate(manufacturing, facts, on=DURING)
    track = track_result(outcome)
    assert track.verdict == "fail"
    assert len(track.failed) == 1
    assert track.failed[0].startswith("主导产品营业收入占企业整体收入的40%以上")
    assert "主导产品销售收入" in track.failed[0]  # the engine's "还差…万元" needs text


# --- focus --------------------------------------------------------------------------------------

def _srdi_facts(**annual_2025: str) -> dict[str, Any]:
    data = copy.deepcopy(_case_facts("national/cn-2026-srdi-sme.cases.yaml"))
    data["annual"]["2025"].update(annual_2025)
    return data


def _focus(data: dict[str, Any]) -> Any:
    facts = parse_facts(data)
    outcomes = evaluate_ladder(criteria_library(), facts, on=LATER)
    return focus_from_ladder(outcomes, held_in_force(facts, LATER)), outcomes


def test_it_recommends_a_firm_that_passes_the_next_tier() -> None:
    result, outcomes = _focus(_srdi_facts())
    srdi = next(o for o in outcomes if o.criteria_set.tier == "srdi_sme")
    assert srdi.verdict == "pass"
    assert result.focus == Focus.RECOMMEND
    assert result.basis == "已满足省级专精特新中小企业条件"


def test_it_recommends_one_criterion_short_and_asks_improvement_two_or_three_short() -> None:
    one, outcomes = _focus(_srdi_facts(development_score="40"))
    srdi = next(o for o in outcomes if o.criteria_set.tier == "srdi_sme")
    assert distance(srdi) == 1 and one.focus == Focus.RECOMMEND
    two, outcomes = _focus(_srdi_facts(development_score="40", total_liabilities="3900"))
    srdi = next(o for o in outcomes if o.criteria_set.tier == "srdi_sme")
    assert distance(srdi) == 2 and two.distance == 2 and two.focus == Focus.IMPROVE
    assert two.basis == "距省级专精特新中小企业还差2项条件"


def test_it_watches_a_firm_far_from_every_tier() -> None:
    data = _srdi_facts(development_score="40", total_liabilities="3900", revenue="900",
                       main_revenue="300", main_product_revenue="100")
    data["static"]["class1_ip"] = 0
    result, _ = _focus(data)
    assert result.distance is not None and result.distance >= 4
    assert result.focus == Focus.WATCH


def test_it_aims_above_the_title_already_held() -> None:
    data = _srdi_facts()
    data["titles"].append({"tier": "srdi_sme", "level": "province", "valid_from": "2025-01-01",
                           "valid_until": "2027-12-31"})
    result, _ = _focus(data)
    assert "专精特新中小企业" not in result.basis.replace("“小巨人”", "")
    assert "小巨人" in result.basis or "单项冠军" in result.basis


# --- cohorts ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("held", "cohort"), [
    ([("little_giant", "national")], Cohort.FIRST),
    ([("srdi_sme", "province"), ("srdi_demo_sme", "city")], Cohort.FIRST),
    ([("srdi_demo_sme", "city")], Cohort.SECOND),
    ([("innovative_sme", "province"), ("hnte", "national")], Cohort.THIRD),
    ([], Cohort.THIRD),
])
def test_it_derives_the_cohort_from_srdi_honours(held: list[tuple[str, str]],
                                                 cohort: Cohort) -> None:
    assert cohort_of(held) == cohort
