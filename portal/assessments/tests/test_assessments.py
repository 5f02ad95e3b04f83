"""Stored assessment results: one enterprise through the interpreter, a population through the
Polars backend (the same counts), staleness, and the ladder shaped for people."""

from __future__ import annotations

from typing import Any

from portal.assessments.ladder import enterprise_ladder
from portal.assessments.models import Assessment, AssessmentRun
from portal.assessments.services import (
    assessment_refresh,
    population_assess,
    stale_enterprise_ids,
)
from portal.assessments.tests.fixtures import ON, WAN
from portal.enterprises.services import fact_set


def _keyed(rows: Any) -> dict[tuple[int, str, str], tuple[str, int, int]]:
    return {(r.enterprise_id, r.tier, r.level): (r.verdict, r.failed_count, r.unknown_count)
            for r in rows}


def test_it_stores_one_row_per_rung_in_force(enterprises: dict[str, Any]) -> None:
    rows = assessment_refresh(enterprise=enterprises["wujiang_town"], on=ON)
    assert {(r.tier, r.level) for r in rows} >= {("srdi_sme", "province"),
                                                   ("little_giant", "national")}
    srdi = next(r for r in rows if r.tier == "srdi_sme")
    assert srdi.verdict == "fail" and srdi.failed_count >= 1
    assert Assessment.objects.filter(enterprise=enterprises["wujiang_town"]).count() == len(rows)


def test_it_counts_the_same_in_batch_as_one_by_one(enterprises: dict[str, Any]) -> None:
    population_assess(on=ON)
    batch = _keyed(Assessment.objects.all())
    for enterprise in enterprises.values():
        assessment_refresh(enterprise=enterprise, on=ON)
    assert _keyed(Assessment.objects.all()) == batch
    assert len(batch) >= 3 * 4


def test_it_reassesses_only_enterprises_whose_facts_changed(
        enterprises: dict[str, Any]) -> None:
    run = population_assess(on=ON)
    assert run.enterprise_count == 3 and run.finished_at is not None
    assert stale_enterprise_ids(run.started_at) == []
    fact_set(enterprise=enterprises["nanjing"], indicator="revenue", year=2025,
             value=1_600 * WAN, source="tax", actor=None)
    assert stale_enterprise_ids(run.started_at) == [enterprises["nanjing"].pk]
    second = population_assess(only_stale=True, on=ON)
    assert second.enterprise_count == 1
    assert AssessmentRun.objects.count() == 2


def test_the_ladder_shows_value_threshold_shortfall_and_citation(
        enterprises: dict[str, Any]) -> None:
    view = enterprise_ladder(enterprises["wujiang_town"], ON)
    srdi = next(r for r in view.rungs if r.outcome.criteria_set.id == "cn-2026-srdi-sme")
    revenue = next(c for c in srdi.criteria if c["id"] == "revenue")
    assert revenue["status"] == "fail" and revenue["status_label"] == "未通过"
    assert revenue["value_text"] == "1,200万元"
    assert revenue["threshold_text"] == "≥1,500万元"
    assert "300万元" in revenue["shortfall_text"]
    assert revenue["citation_text"].startswith("《优质中小企业梯度培育管理办法》")
    assert revenue["verified"] is True
    debt = next(c for c in srdi.criteria if c["id"] == "debt_ratio")
    assert debt["status"] == "pass" and debt["verified"] is False  # secondary source


def test_the_ladder_names_missing_facts_and_the_nearest_rung(
        enterprises: dict[str, Any]) -> None:
    view = enterprise_ladder(enterprises["wujiang_town"], ON)
    srdi = next(r for r in view.rungs if r.outcome.criteria_set.tier == "srdi_sme")
    dev = next(c for c in srdi.criteria if c["id"] == "development_score")
    assert dev["status"] == "unknown"
    assert "2025年度中小企业专精特新发展评价得分" in dev["missing_labels"]
    assert view.nearest is not None and view.nearest.verdict != "pass"
    assert view.nearest.path, "an open rung always has a path"
    assert any(q.indicator == "development_score" and q.year == 2025 for q in view.questions)


def test_a_path_step_names_the_clause_when_the_gap_alone_would_not(
        enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang_town"]
    fact_set(enterprise=enterprise, indicator="niche_since", year=None, value=2024,
             source="self_reported", actor=None)
    srdi = next(r for r in enterprise_ladder(enterprise, ON).rungs
                if r.outcome.criteria_set.tier == "srdi_sme")
    niche = next(c for c in srdi.criteria if c["shortfall_text"].startswith("还差"))
    assert f"{niche['title']}：{niche['shortfall_text']}" in srdi.path


def test_the_score_clause_reads_the_score_against_its_threshold(
        enterprises: dict[str, Any]) -> None:
    view = enterprise_ladder(enterprises["wujiang_town"], ON)
    tech = next(r for r in view.rungs if r.outcome.criteria_set.id == "cn-2026-tech-sme")
    clause = next(c for c in tech.criteria if c["id"] == "evaluation.score")
    score = clause["score"]
    bounds = score["lower"] if score["lower"] == score["upper"] else \
        f"{score['lower']}～{score['upper']}"
    assert clause["value_text"] == f"{bounds}分"
    assert clause["threshold_text"] == f"{score['threshold']}分" == "60分"
