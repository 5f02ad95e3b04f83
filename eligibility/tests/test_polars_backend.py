"""The Polars renderer's own shortcuts: each one exact against the interpreter on every case.

The backend-equivalence property tests cover random rule trees; these pin the identities the
Polars renderer relies on (case-scored bounds read off one CASE when the points never rise,
horizontal sums in a width of their own, what several plans share computed once).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from itertools import product

import polars as pl
import pytest

from eligibility import ir
from eligibility.backends.lowering import Plan, lower_program
from eligibility.backends.polars import plan_steps
from eligibility.screening import engines
from eligibility.screening.reference import interpret_frame

ON = date(2026, 3, 1)
FLAGS = ("own_brand", "quality_system_certified")


def score_program(*indicators: ir.ScoredIndicator, threshold: int = 0) -> ir.Program:
    table = ir.ScoreTable(indicators, (ir.ScoreCategory("a", "甲类"),),
                          ir.Const(Fraction(threshold), ir.SCORE))
    return ir.Program("polars", "1", (ir.Clause("c", "评分", table),))


def cases_indicator(points: tuple[int, int, int]) -> ir.ScoredIndicator:
    first, second, otherwise = (Fraction(p) for p in points)
    rule = ir.Cases((ir.Case(ir.IsTrue(FLAGS[0]), first, "甲"),
                     ir.Case(ir.IsTrue(FLAGS[1]), second, "乙")), otherwise)
    return ir.ScoredIndicator("i", "指标", "a", rule)


def every_flag_combination() -> pl.DataFrame:
    rows = list(product([True, False, None], repeat=len(FLAGS)))
    return pl.DataFrame({"uscc": [f"E{i}" for i in range(len(rows))],
                         **{flag: [r[i] for r in rows] for i, flag in enumerate(FLAGS)}},
                        schema_overrides=dict.fromkeys(FLAGS, pl.Boolean))


def assert_like_interpreter(program: ir.Program, frame: pl.DataFrame) -> pl.DataFrame:
    plan = lower_program(program, ON, "new", columns=engines.column_kinds(frame.schema))
    expected = interpret_frame(program, frame, plan, ON, "new")
    for engine in ("polars", "duckdb", "sqlite"):
        actual = getattr(engines, f"run_{engine}")(frame, plan)
        assert actual.select(plan.public_columns).equals(
            expected.select(plan.public_columns)), engine
    return engines.run_polars(frame, plan)


@pytest.mark.parametrize("points", [(8, 5, 0), (0, 5, 8), (5, 8, 0), (5, 5, 5)])
def test_case_scored_bounds_agree_with_the_interpreter_in_any_order_of_points(
        points: tuple[int, int, int]) -> None:
    # falling, rising (both read off one CASE each), mixed (the general walk), and constant
    result = assert_like_interpreter(score_program(cases_indicator(points)),
                                     every_flag_combination())
    unknown_both = result.row(8, named=True)  # both flags missing
    assert (unknown_both["score_lo__c"], unknown_both["score_hi__c"]) == (
        min(points) * 100, max(points) * 100)


def test_a_sum_of_points_is_computed_wider_than_its_operands() -> None:
    # three indicators of 150 分 each: 45 000 in 0.01 分 overflows the Int16 each one fits in
    big = tuple(ir.ScoredIndicator(f"i{k}", f"指标{k}", "a", ir.Cases(
        (ir.Case(ir.IsTrue(FLAGS[0]), Fraction(150), "有"),), Fraction(0))) for k in range(3))
    result = assert_like_interpreter(score_program(*big, threshold=400),
                                     every_flag_combination())
    assert result["score_hi__c"].max() == 45_000
    assert result["status__c"].to_list().count(True) == 3  # own_brand true: 450 分 ≥ 400


def banded_rd_intensity() -> ir.ScoredIndicator:
    edges = [Fraction(p, 100) for p in (1, 2, 3, 5)]
    lowers: list[Fraction | None] = [None, *edges]
    uppers: list[Fraction | None] = [*edges, None]
    bands = tuple(ir.Band(lo, lo is not None, hi, False, Fraction(2 * i), f"档{i}")
                  for i, (lo, hi) in enumerate(zip(lowers, uppers, strict=True)))
    value = ir.ratio(ir.Fact("rd_expense", 0), ir.Fact("revenue", 0))
    return ir.ScoredIndicator("rd", "研发强度", "a", ir.Banded(value, bands))


def test_a_banded_ratio_is_exact_on_each_edge_and_unknown_without_a_positive_divisor() -> None:
    rd = [99, 100, 199, 200, 299, 300, 499, 500, 7, 7, None]
    revenue = [10_000] * 8 + [0, -5, 10_000]
    frame = pl.DataFrame({"uscc": [f"E{i}" for i in range(len(rd))], "rd_expense__2025": rd,
                          "revenue__2025": revenue},
                         schema_overrides={"rd_expense__2025": pl.Int64,
                                           "revenue__2025": pl.Int64})
    result = assert_like_interpreter(score_program(banded_rd_intensity()), frame)
    assert result["score_lo__c"].to_list() == [0, 200, 200, 400, 400, 600, 600, 800, 0, 0, 0]
    assert result["score_hi__c"].to_list()[-3:] == [800, 800, 800]


def two_plans(frame: pl.DataFrame) -> list[Plan]:
    kinds = engines.column_kinds(frame.schema)
    return [lower_program(score_program(banded_rd_intensity()), ON, "new", columns=kinds),
            lower_program(score_program(banded_rd_intensity(), cases_indicator((8, 5, 0))),
                          ON, "new", columns=kinds)]


def test_plans_screened_together_give_what_each_gives_alone() -> None:
    frame = every_flag_combination().with_columns(
        pl.Series("rd_expense__2025", [300, None, 5, 0, 1, 2, 3, 4, 5], dtype=pl.Int64),
        pl.Series("revenue__2025", [10_000, 1, 0, 7, 8, 9, None, 10, 11], dtype=pl.Int64))
    plans = two_plans(frame)
    together = engines.run_polars_many(frame, plans, ["uscc"])
    for plan, result in zip(plans, together, strict=True):
        assert result.columns == ["uscc", *plan.public_columns]
        assert result.equals(engines.run_polars(frame, plan, ["uscc"]))


def test_a_ratio_read_at_every_band_edge_is_computed_once() -> None:
    frame = every_flag_combination().with_columns(
        pl.lit(1, dtype=pl.Int64).alias("rd_expense__2025"),
        pl.lit(1, dtype=pl.Int64).alias("revenue__2025"))
    steps, outputs = plan_steps(two_plans(frame))
    rendered = [str(expr) for step in steps for expr in step] + [str(o) for o in outputs[1]]
    # two plans, four band edges each: one bounds check of the R&D figure (which names the
    # column twice) feeds one guarded ratio numerator
    assert sum(text.count('col("rd_expense__2025")') for text in rendered) == 2
