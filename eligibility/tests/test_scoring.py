"""Score tables: exact points when facts are known, bounds while they are missing."""

from __future__ import annotations

from datetime import date
from fractions import Fraction as F
from pathlib import Path

import pytest
import yaml

from eligibility import ir
from eligibility.api import evaluate, load_library
from eligibility.evaluation import Interpreter
from eligibility.evaluation.scoregaps import score_gaps

from .factsdoc import context, doc

PCT = ir.RATIO


def band(lo, hi, points, lo_closed=True, hi_closed=False):
    return ir.Band(None if lo is None else F(lo, 100), lo is not None and lo_closed,
                   None if hi is None else F(hi, 100), hi is not None and hi_closed,
                   F(points), f"{lo}-{hi}")


RD_BANDS = ir.Banded(ir.ratio(ir.Fact("rd_expense", 0), ir.Fact("revenue", 0)), (
    band(None, 1, 0), band(1, 3, 5), band(3, 5, 15), band(5, None, 20)))
IP_CASES = ir.Cases((
    ir.Case(ir.Compare(ir.CompareOp.GE, ir.Fact("class1_ip"), ir.Const(F(1), ir.count("项"))),
            F(10), "Ⅰ类"),
    ir.Case(ir.Compare(ir.CompareOp.GE, ir.Fact("class2_ip"), ir.Const(F(1), ir.count("项"))),
            F(5), "Ⅱ类"),
), F(0))


def table(threshold=20, innovation_min=None):
    minimum = None if innovation_min is None else ir.Const(F(innovation_min), ir.SCORE)
    return ir.ScoreTable(
        (ir.ScoredIndicator("rd", "研发强度", "innovation", RD_BANDS),
         ir.ScoredIndicator("ip", "知识产权", "ip", IP_CASES)),
        (ir.ScoreCategory("innovation", "创新", minimum), ir.ScoreCategory("ip", "知识产权")),
        ir.Const(F(threshold), ir.SCORE))


def run(node, **facts):
    static = {k: v for k, v in facts.items() if k in ("class1_ip", "class2_ip")}
    annual = {"2025": {k: v for k, v in facts.items() if k not in static}}
    return Interpreter(doc(static=static, annual=annual), context()).run(node)


@pytest.mark.parametrize(("rd", "points"), [("0.99", 0), ("1", 5), ("2.99", 5), ("3", 15),
                                             ("4.99", 15), ("5", 20), ("50", 20)])
def test_it_scores_band_edges_as_written(rd: str, points: int) -> None:
    trace = run(table(), rd_expense=rd, revenue="100", class1_ip=0, class2_ip=0)
    assert trace.score is not None
    assert trace.score.lower == trace.score.upper == points


def test_it_bounds_an_unknown_band_by_all_its_points() -> None:
    trace = run(table(threshold=30), class1_ip=1, class2_ip=0)
    assert trace.score is not None and (trace.score.lower, trace.score.upper) == (10, 30)
    assert trace.value is None


def test_it_bounds_unknown_cases_by_the_points_still_possible() -> None:
    trace = run(table(threshold=10), rd_expense="5", revenue="100", class2_ip=1)
    assert trace.score is not None and (trace.score.lower, trace.score.upper) == (25, 30)
    assert trace.value is True  # lower bound already reaches the threshold


def test_it_fails_when_even_the_upper_bound_misses() -> None:
    trace = run(table(threshold=31), class1_ip=1)
    assert trace.value is False


def test_it_fails_on_a_category_minimum_despite_the_total() -> None:
    trace = run(table(threshold=10, innovation_min=15), rd_expense="2", revenue="100",
                class1_ip=1, class2_ip=0)
    assert trace.score is not None and trace.score.lower == 15
    assert trace.value is False


def test_it_rejects_bands_with_a_gap_or_overlap_when_built() -> None:
    with pytest.raises(ir.IRTypeError) as gap:
        ir.Banded(RD_BANDS.value, (band(None, 1, 0), band(2, None, 5)))
    assert gap.value.code == "band_gap"
    with pytest.raises(ir.IRTypeError) as overlap:
        ir.Banded(RD_BANDS.value, (band(None, 1, 0, hi_closed=True), band(1, None, 5)))
    assert overlap.value.code == "band_overlap"


def test_it_finds_the_fewest_band_steps_to_the_threshold() -> None:
    node = table(threshold=25)
    trace = run(node, rd_expense="2", revenue="100", class1_ip=0, class2_ip=1)
    assert trace.score is not None and trace.score.lower == 10
    gaps = score_gaps(node, trace.score)
    assert gaps.deficit == 15
    assert [(s.indicator, s.gain, s.steps) for s in gaps.cheapest] == [("rd", 15, 2)]
    assert "达到5%" in gaps.cheapest[0].text


TECH_SME = Path(__file__).parents[2] / "criteria" / "national" / "cn-2026-tech-sme"


@pytest.mark.parametrize(("drop", "shown"), [(None, "72分"), ("rd_expense", "42～92分")])
def test_a_score_clause_reads_its_total_not_a_band_condition(drop: str | None,
                                                            shown: str) -> None:
    # The cases file's typical enterprise scores 72 (12 + 30 + 30); without its R&D expense
    # the R&D indicator may still score 0 to 50.
    facts = yaml.safe_load(TECH_SME.with_suffix(".cases.yaml").read_text("utf-8"))["facts"]
    if drop:
        del facts["annual"]["2025"][drop]
    criteria_set = load_library(TECH_SME.parent).get("cn-2026-tech-sme")
    outcome = evaluate(criteria_set, facts, on=date(2026, 6, 1)).to_dict()
    clause = next(c for c in outcome["criteria"] if c["id"] == "evaluation.score")
    assert (clause["value"]["text"], clause["threshold"]["text"]) == (shown, "60分")
