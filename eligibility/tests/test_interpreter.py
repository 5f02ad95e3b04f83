"""The reference interpreter on hand-built IR: boundaries, nulls, division by zero, Kleene logic."""

from __future__ import annotations

from datetime import date
from fractions import Fraction as F

import pytest

from eligibility import ir
from eligibility.evaluation import Interpreter
from eligibility.evaluation.interpreter import BAD_BASE, NEGATIVE_DIVISOR, ZERO_DIVISOR
from eligibility.ir import CompareOp, FactRef

from .factsdoc import context, doc

RD, REV = ir.Fact("rd_expense", 0), ir.Fact("revenue", 0)
THREE_PERCENT = ir.Const(F(3, 100), ir.RATIO)
INTENSITY = ir.Compare(CompareOp.GE, ir.ratio(RD, REV), THREE_PERCENT)


def run(node, facts=None, **kwargs):
    return Interpreter(facts or doc(), context(**kwargs)).run(node)


def flags(*values):
    """maker_china_top50 in 2025, 2024, 2023 set to ``values`` (None = missing)."""
    annual = {str(2025 - i): {"maker_china_top50": v} for i, v in enumerate(values)}
    leaves = tuple(ir.IsTrue("maker_china_top50", i) for i in range(len(values)))
    return doc(annual=annual), leaves


@pytest.mark.parametrize(("rd", "expected"), [("2.99", False), ("3", True), ("3.01", True)])
def test_it_decides_a_ratio_exactly_at_the_boundary(rd: str, expected: bool) -> None:
    facts = doc(annual={"2025": {"rd_expense": rd, "revenue": "100"}})
    assert run(INTENSITY, facts).value is expected


def test_it_is_exact_where_floats_are_not() -> None:
    # 0.07 * 100 in binary floating point is 7.000000000000001
    facts = doc(annual={"2025": {"rd_expense": "7", "revenue": "100"}})
    node = ir.Compare(CompareOp.GE, ir.ratio(RD, REV), ir.Const(F(7, 100), ir.RATIO))
    assert run(node, facts).value is True


def test_it_treats_a_missing_fact_as_unknown_and_names_it() -> None:
    trace = run(INTENSITY, doc(annual={"2025": {"rd_expense": "3"}}))
    assert trace.value is None
    assert trace.missing == (FactRef("revenue", 0),)


def test_it_never_reads_a_missing_fact_as_zero() -> None:
    node = ir.Compare(CompareOp.LE, ir.Fact("major_accidents", 0), ir.Const(F(0), ir.count("起")))
    assert run(node).value is None
    assert run(node, doc(annual={"2025": {"major_accidents": 0}})).value is True


@pytest.mark.parametrize(("revenue", "reason"), [("0", ZERO_DIVISOR), ("-5", NEGATIVE_DIVISOR)])
def test_it_makes_division_by_a_zero_or_negative_base_unknown(revenue: str, reason: str) -> None:
    trace = run(INTENSITY, doc(annual={"2025": {"rd_expense": "3", "revenue": revenue}}))
    assert trace.value is None
    assert trace.reason == reason
    assert trace.missing == ()


@pytest.mark.parametrize(("values", "all_of", "any_of"), [
    ((True, True), True, True), ((True, False), False, True), ((True, None), None, True),
    ((False, None), False, None), ((None, None), None, None), ((False, False), False, False),
])
def test_it_follows_kleene_logic(values, all_of, any_of) -> None:
    facts, leaves = flags(*values)
    assert run(ir.AllOf(leaves), facts).value is all_of
    assert run(ir.AnyOf(leaves), facts).value is any_of
    assert run(ir.Not(ir.AllOf(leaves)), facts).value is (None if all_of is None else not all_of)


@pytest.mark.parametrize(("values", "expected"), [
    ((True, True, False), True), ((True, None, False), None), ((True, False, False), False),
    ((None, None, False), None), ((False, False, None), False),
])
def test_it_counts_at_least_n_with_unknowns(values, expected) -> None:
    facts, leaves = flags(*values)
    assert run(ir.AtLeast(2, leaves), facts).value is expected


def test_it_sums_and_averages_strictly_and_exactly() -> None:
    years = tuple(ir.Fact("rd_expense", k) for k in range(3))
    facts = doc(annual={"2025": {"rd_expense": "1"}, "2024": {"rd_expense": "1"},
                        "2023": {"rd_expense": "2"}})
    mean = run(ir.Reduce(ir.Aggregate.MEAN, years), facts)
    assert mean.value == F(40000, 3)  # (1+1+2)万元 / 3, in 元
    partial = doc(annual={"2025": {"rd_expense": "1"}, "2024": {"rd_expense": "1"}})
    assert run(ir.Reduce(ir.Aggregate.MIN, years), partial).value is None


def _cagr(last: str, first: str) -> ir.CompoundGrowth:
    return ir.CompoundGrowth(CompareOp.GE, ir.Fact("revenue", 0), ir.Fact("revenue", 2),
                             ir.Const(F(5, 100), ir.RATIO), 2)


@pytest.mark.parametrize(("last", "first", "expected"), [
    ("11025", "10000", True), ("11024.99", "10000", False), ("11025.01", "10000", True),
])
def test_it_tests_compound_growth_without_roots(last: str, first: str, expected: bool) -> None:
    facts = doc(annual={"2025": {"revenue": last}, "2023": {"revenue": first}})
    assert run(_cagr(last, first), facts).value is expected


@pytest.mark.parametrize("first", ["0", "-100"])
def test_it_makes_compound_growth_from_a_non_positive_base_unknown(first: str) -> None:
    trace = run(_cagr("100", first), doc(annual={"2025": {"revenue": "100"},
                                                 "2023": {"revenue": first}}))
    assert (trace.value, trace.reason) == (None, BAD_BASE)


def test_it_counts_years_since_a_year_to_the_end_of_the_fiscal_year() -> None:
    node = ir.YearsSince("niche_since")
    assert run(node, doc(static={"niche_since": 2022})).value == 3
    assert run(node).value is None


@pytest.mark.parametrize(("on", "expected"), [
    (date(2026, 2, 28), 13), (date(2026, 3, 1), 14), (date(2026, 3, 2), 14),
])
def test_it_counts_whole_years_since_a_date(on: date, expected: int) -> None:
    node = ir.YearsSince("founded_on", ir.Reference.EVALUATION_DATE)
    assert run(node, doc(static={"founded_on": "2012-03-01"}), on=on).value == expected
    fiscal = ir.YearsSince("founded_on")  # to 2025-12-31
    assert run(fiscal, doc(static={"founded_on": "2012-03-01"}), on=on).value == 13


def _title(valid_from: str, valid_until: str | None, level: str = "national") -> dict:
    return {"tier": "little_giant", "level": level, "valid_from": valid_from,
            "valid_until": valid_until}


@pytest.mark.parametrize(("titles", "within", "expected"), [
    ([_title("2023-07-01", "2026-06-30")], None, True),
    ([_title("2020-07-01", "2023-06-30")], None, False),
    ([_title("2020-07-01", "2023-06-30")], 3, True),  # held on 2023-03-01 .. 2023-06-30
    ([_title("2019-07-01", "2023-02-28")], 3, False),
    ([_title("2026-07-01", None)], None, False),  # not yet valid
    ([_title("2023-07-01", None, "province")], None, False),  # wrong level
    ([_title("2023-07-01", "2026-06-30"), _title("2026-07-01", None)], None, False),  # latest
])
def test_it_reads_titles_on_the_evaluation_date(titles, within, expected) -> None:
    node = ir.HoldsTitle("little_giant", ("national",), within)
    assert run(node, doc(titles=titles)).value is expected


def test_it_waives_a_clause_by_an_exemption_and_not_otherwise() -> None:
    failing = ir.Compare(CompareOp.GE, ir.Const(F(0), ir.RATIO), THREE_PERCENT)
    clause = ir.Clause("c", "增长", failing, (ir.Exemption(
        "c.re", "复核豁免", ir.ApplicationIs((ir.ApplicationType.RE_REVIEW,))),))
    waived = run(clause, application="re_review")
    assert (waived.value, waived.waived_by) == (True, "c.re")
    assert run(clause, application="new").value is False


def test_it_reads_parameters_from_the_context() -> None:
    node = ir.Compare(CompareOp.GE, ir.ratio(RD, REV), ir.Param("min", ir.RATIO))
    facts = doc(annual={"2025": {"rd_expense": "4", "revenue": "100"}})
    assert run(node, facts, min=F(3, 100)).value is True
    assert run(node, facts, min=F(5, 100)).value is False


def test_not_formalised_is_always_unknown_with_its_reason() -> None:
    trace = run(ir.NotFormalised("原文无量化标准"))
    assert trace.value is None and "原文无量化标准" in trace.reason
