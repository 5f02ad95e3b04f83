"""Exactness at the edges, on every engine: thresholds, 64-bit overflow, nulls, zero divisors."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import polars as pl
import pytest

from eligibility import ir
from eligibility.backends.lowering import INPUT_BOUND, BackendError, Plan, lower_program
from eligibility.screening import engines
from eligibility.screening.reference import interpret_frame

ON = date(2026, 3, 1)
RD, REVENUE, PROFIT, ASSETS = (ir.Fact(n, 0) for n in (
    "rd_expense", "revenue", "net_profit", "total_assets"))
COLUMNS = ("rd_expense__2025", "revenue__2025", "net_profit__2025", "total_assets__2025")


def program_of(body: ir.BoolExpr) -> ir.Program:
    return ir.Program("edge", "1", (ir.Clause("c", "条件", body),))


def facts(rows: list[tuple[int | None, ...]]) -> pl.DataFrame:
    data = {name: [r[i] for r in rows] for i, name in enumerate(COLUMNS)}
    return pl.DataFrame({"uscc": [f"E{i}" for i in range(len(rows))], **data},
                        schema_overrides=dict.fromkeys(COLUMNS, pl.Int64))


def statuses(frame: pl.DataFrame, plan: Plan, engine: str) -> list[bool | None]:
    runner = getattr(engines, f"run_{engine}")
    return runner(frame, plan)["status__c"].to_list()


def reachable_engines() -> list[str]:
    import psycopg

    try:
        psycopg.connect(engines.POSTGRES_DSN, connect_timeout=2).close()
    except psycopg.OperationalError:
        return ["polars", "duckdb"]
    return ["polars", "duckdb", "postgres"]


EXACT_ENGINES = reachable_engines()


def expected(program: ir.Program, frame: pl.DataFrame, plan: Plan) -> list[bool | None]:
    return interpret_frame(program, frame, plan, ON, "new")["status__c"].to_list()


def three_percent() -> ir.Program:
    return program_of(ir.Compare(ir.CompareOp.GE, ir.ratio(RD, REVENUE),
                                 ir.Const(Fraction(3, 100), ir.RATIO)))


@pytest.mark.parametrize("engine", [*EXACT_ENGINES, "sqlite"])
def test_it_decides_three_percent_exactly_on_the_boundary(engine: str) -> None:
    # 299 999 / 10 000 000 is just below 3 %, 300 000 exactly on it, 300 001 above; a zero or
    # negative revenue makes the ratio unknown, as does a missing R&D figure.
    frame = facts([(299_999, 10_000_000, 0, 0), (300_000, 10_000_000, 0, 0),
                   (300_001, 10_000_000, 0, 0), (5, 0, 0, 0), (5, -100, 0, 0),
                   (None, 100, 0, 0)])
    plan = lower_program(three_percent(), ON, "new")
    assert statuses(frame, plan, engine) == [False, True, True, None, None, None]
    assert expected(three_percent(), frame, plan) == [False, True, True, None, None, None]


def cross_ratio() -> ir.Program:
    """rd/revenue ≥ profit/assets, i.e. rd × assets ≥ profit × revenue: a 30-digit product."""
    return program_of(ir.Compare(ir.CompareOp.GE, ir.ratio(RD, REVENUE), ir.ratio(PROFIT, ASSETS)))


# rd × assets = 2⁶³ − 1 exactly (the largest 64-bit product), then 2⁶³ (one past it), then two
# products of 10³⁰ that differ by one: only exact 128-bit arithmetic tells them apart.
WIDE_ROWS = [(153_092_023, 1, 1, 60_247_241_209), (2**32, 1, 1, 2**31),
             (10**15, 10**15 - 1, 10**15, 10**15 + 0), (10**15 - 1, 10**15, 10**15, 10**15)]


@pytest.mark.parametrize("engine", EXACT_ENGINES)
def test_it_compares_products_beyond_64_bits_exactly(engine: str) -> None:
    frame = facts([(a, b, c, min(d, INPUT_BOUND)) for a, b, c, d in WIDE_ROWS])
    plan = lower_program(cross_ratio(), ON, "new")
    assert statuses(frame, plan, engine) == [True, True, True, False]
    assert expected(cross_ratio(), frame, plan) == [True, True, True, False]


def test_sqlite_is_exact_up_to_the_64_bit_limit_and_unknown_past_it() -> None:
    frame = facts([(a, b, c, min(d, INPUT_BOUND)) for a, b, c, d in WIDE_ROWS])
    plan = lower_program(cross_ratio(), ON, "new")
    # 2⁶³ − 1 still fits: exact. 2⁶³ overflows into a REAL: unknown, never a wrong verdict.
    assert statuses(frame, plan, "sqlite") == [True, None, None, None]


def test_it_reads_values_beyond_the_input_bound_as_unknown() -> None:
    frame = facts([(INPUT_BOUND, 1, 0, 0), (INPUT_BOUND + 1, 1, 0, 0)])
    program = program_of(ir.Compare(ir.CompareOp.GE, RD, ir.Const(Fraction(0), ir.MONEY)))
    plan = lower_program(program, ON, "new")
    for engine in [*EXACT_ENGINES, "sqlite"]:
        assert statuses(frame, plan, engine) == [True, None]


def test_it_refuses_what_no_engine_can_compute_exactly() -> None:
    growths = tuple(ir.growth(ir.Fact("main_revenue", k), ir.Fact("main_revenue", k + 1))
                    for k in range(3))
    program = program_of(ir.Compare(ir.CompareOp.GE, ir.Reduce(ir.Aggregate.MEAN, growths),
                                     ir.Const(Fraction(5, 100), ir.RATIO)))
    with pytest.raises(BackendError, match="38位整数"):
        lower_program(program, ON, "new")


def test_polars_null_is_kleene_unknown() -> None:
    """The Polars compiler relies on & | ~ over nullable booleans being Kleene's."""
    frame = pl.DataFrame({"u": [None], "f": [False], "t": [True]}, schema={
        "u": pl.Boolean, "f": pl.Boolean, "t": pl.Boolean})
    row = frame.select(
        (pl.col("u") & pl.col("f")).alias("and_false"),
        (pl.col("u") & pl.col("t")).alias("and_true"),
        (pl.col("u") | pl.col("t")).alias("or_true"), (pl.col("u") | pl.col("f")).alias("or_false"),
        (~pl.col("u")).alias("not")).row(0, named=True)
    assert row == {"and_false": False, "and_true": None, "or_true": True, "or_false": None,
                   "not": None}


def test_compound_growth_is_exact_on_its_boundary_and_unknown_from_a_zero_base() -> None:
    this, base = ir.Fact("revenue", 0), ir.Fact("revenue", 2)
    program = program_of(ir.CompoundGrowth(ir.CompareOp.GE, this, base,
                                           ir.Const(Fraction(5, 100), ir.RATIO), 2))
    rows = {"revenue__2025": [441, 440, 5, 1], "revenue__2023": [400, 400, 0, None]}
    frame = pl.DataFrame({"uscc": ["a", "b", "c", "d"], **rows},
                         schema_overrides=dict.fromkeys(rows, pl.Int64))
    plan = lower_program(program, ON, "new")
    assert expected(program, frame, plan) == [True, False, None, None]
    for engine in [*EXACT_ENGINES, "sqlite"]:
        assert statuses(frame, plan, engine) == [True, False, None, None]
