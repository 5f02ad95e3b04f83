"""Random facts (a whole frame at once, vectorised) and random rule trees (hypothesis).

The facts are built to sit *on* the thresholds the rule trees use: R&D exactly 3 % of revenue,
growth exactly 5 %, compound growth exactly (1.05)², a founding date exactly N years before the
reference date, a title expiring exactly on the evaluation date — and one unit either side of
each — mixed with nulls, zeros, negative values and values near the input bound.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import numpy as np
import polars as pl
from hypothesis import strategies as st

from eligibility import ir
from eligibility.backends.lowering import INPUT_BOUND

ON = date(2026, 3, 1)  # fiscal year 2025 is offset 0
YEARS = (2025, 2024, 2023)
MONEY = ("revenue", "rd_expense", "main_revenue", "total_assets", "total_liabilities",
         "qualified_equity", "net_profit")
BOOLS_STATIC = ("own_brand", "quality_system_certified")
TITLES = (("hnte", "national"), ("little_giant", "national"), ("little_giant", "province"),
          ("srdi_sme", "province"))
PERCENTS = (0, 1, 3, 5, 6, 10, 50, 70)  # thresholds the rule trees use, in %
GROWTHS = (-5, 0, 5, 10)
MONEY_LEVELS = (0, 1_000_000, 10_000_000, 50_000_000, 100_000_000)  # 元


def _nullify(rng: np.random.Generator, values: np.ndarray, share: float) -> list[object]:
    mask = rng.random(len(values)) < share
    return [None if m else int(v) for v, m in zip(values.tolist(), mask, strict=True)]


def _deltas(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.choice(np.array([-1, 0, 0, 0, 1], dtype=np.int64), n)


def _base_money(rng: np.random.Generator, n: int) -> np.ndarray:
    """Multiples of 400 (so percentages and (1.05)² land exactly), with levels and extremes."""
    values = 400 * rng.integers(1, 2_500_000, n, dtype=np.int64)
    levels = rng.choice(np.array(MONEY_LEVELS, dtype=np.int64), n) + _deltas(rng, n)
    values = np.where(rng.random(n) < 0.25, levels, values)
    # near the input bound, with room for two years of growth (the chain stays inside it)
    huge = 400 * rng.integers(10**11, INPUT_BOUND // 1000, n, dtype=np.int64)
    values = np.where(rng.random(n) < 0.03, huge, values)
    values = np.where(rng.random(n) < 0.03, -values, values)
    return np.where(rng.random(n) < 0.04, 0, values)


def _share_of(rng: np.random.Generator, base: np.ndarray, choices: tuple[int, ...]) -> np.ndarray:
    """``base × p %`` exactly (± 1) for a threshold p, or an unrelated value."""
    n = len(base)
    p = rng.choice(np.array(choices, dtype=np.int64), n)
    exact = base // 100 * p + _deltas(rng, n)
    return np.where(rng.random(n) < 0.7, exact, _base_money(rng, n))


def _grown(rng: np.random.Generator, base: np.ndarray) -> np.ndarray:
    """``base × (1 + g %)`` exactly (± 1) for g in GROWTHS, else ``base × 441/400`` (1.05²)."""
    n = len(base)
    g = rng.choice(np.array(GROWTHS, dtype=np.int64), n)
    step = base // 100 * (100 + g)
    compound = base // 400 * 441
    return np.where(rng.random(n) < 0.2, compound, step) + _deltas(rng, n)


def facts_frame(n: int, seed: int) -> pl.DataFrame:
    """``n`` enterprises in the columnar layout for evaluations on ``ON``."""
    rng = np.random.default_rng(seed)
    cols: dict[str, list[object]] = {"uscc": [f"E{i:08d}" for i in range(n)],
                                     "region_code": ["320500"] * n}
    _money(rng, n, cols)
    _people_and_counts(rng, n, cols)
    frame = pl.DataFrame(cols, schema_overrides={k: pl.Int64 for k in cols
                                                 if k not in ("uscc", "region_code")})
    return frame.with_columns(_flags(rng, n)).with_columns(_dates(rng, n))


def _money(rng: np.random.Generator, n: int, cols: dict[str, list[object]]) -> None:
    main = _base_money(rng, n)
    chain = [main]
    for _ in YEARS[1:]:
        chain.append(_grown(rng, chain[-1]))
    for year, value in zip(YEARS, reversed(chain), strict=True):
        revenue = np.where(rng.random(n) < 0.8, value // 100 * 100, _base_money(rng, n))
        figures = {
            "revenue": revenue, "rd_expense": _share_of(rng, revenue, PERCENTS),
            "total_assets": value,
            "total_liabilities": _share_of(rng, value, PERCENTS),
            "qualified_equity": _share_of(rng, np.full(n, 10_000_000), (50, 100)),
            "net_profit": _share_of(rng, revenue, PERCENTS),
        }
        for name, values in figures.items():
            cols[f"{name}__{year}"] = _nullify(rng, values, 0.08)
    for year, value in zip(YEARS, reversed(chain), strict=True):
        cols[f"main_revenue__{year}"] = _nullify(rng, value, 0.08)


def _people_and_counts(rng: np.random.Generator, n: int, cols: dict[str, list[object]]) -> None:
    for year in YEARS:
        employees = rng.choice(np.array([0, 100, 200, 1000]), n) + rng.integers(0, 3, n)
        employees = np.where(rng.random(n) < 0.3, rng.integers(1, 600, n), employees)
        cols[f"employees__{year}"] = _nullify(rng, employees, 0.08)
        cols[f"rd_staff__{year}"] = _nullify(rng, _share_of(rng, employees, (10, 15, 50)), 0.08)
        share = rng.choice(np.array([0, 1000, 5000]), n) + _deltas(rng, n)
        cols[f"niche_market_share__{year}"] = _nullify(rng, share, 0.1)
    cols["class1_ip"] = _nullify(rng, rng.integers(0, 5, n), 0.1)
    cols["niche_since"] = _nullify(rng, 2025 - rng.integers(-1, 6, n), 0.1)


def _flags(rng: np.random.Generator, n: int) -> list[pl.Series]:
    def flags(name: str) -> pl.Series:
        draw = rng.random(n)
        return pl.Series(name, [None if d < 0.15 else bool(d < 0.6) for d in draw],
                         dtype=pl.Boolean)

    series = [flags(name) for name in (*BOOLS_STATIC, "key_field")]
    series += [flags(f"maker_china_top50__{year}") for year in YEARS]
    levels = ["none", "city", "province", "national", None]
    series.append(pl.Series("rd_institution_level",
                            [levels[i] for i in rng.integers(0, 5, n)], dtype=pl.String))
    return series


def _near(rng: np.random.Generator, anchors: list[date], n: int, empty: float) -> pl.Series:
    """Dates on, a day before or a day after one of ``anchors``; null with chance ``empty``."""
    picks = rng.integers(0, len(anchors), n)
    shifts = rng.integers(-1, 2, n)
    nulls = rng.random(n) < empty
    return pl.Series([None if z else anchors[a] + timedelta(days=int(s))
                      for a, s, z in zip(picks, shifts, nulls, strict=True)], dtype=pl.Date)


def _dates(rng: np.random.Generator, n: int) -> list[pl.Series]:
    founding = [date(2022, 12, 31), date(2023, 3, 1), date(2021, 3, 1), date(2020, 2, 29)]
    series = [_near(rng, founding, n, 0.1).alias("founded_on")]
    for tier, level in TITLES:
        starts = [ON, date(2020, 1, 1), date(2026, 6, 1)]
        ends = [ON, date(2023, 3, 1), date(2024, 3, 1), date(2030, 1, 1)]
        series.append(_near(rng, starts, n, 0.4).alias(f"title__{tier}__{level}__from"))
        series.append(_near(rng, ends, n, 0.3).alias(f"title__{tier}__{level}__until"))
    return series


# --- rule trees --------------------------------------------------------------------------


@st.composite
def money_fact(draw: st.DrawFn) -> ir.Fact:
    return ir.Fact(draw(st.sampled_from(MONEY)), draw(st.integers(0, 2)))


def ratio_const(draw: st.DrawFn, choices: tuple[int, ...] = PERCENTS) -> ir.Const:
    return ir.Const(Fraction(draw(st.sampled_from(choices)), 100), ir.RATIO)


def money_const(draw: st.DrawFn) -> ir.Const:
    value = draw(st.sampled_from(MONEY_LEVELS)) + draw(st.sampled_from((-1, 0, 1)))
    return ir.Const(Fraction(value), ir.MONEY)


def _op(draw: st.DrawFn) -> ir.CompareOp:
    return draw(st.sampled_from(list(ir.CompareOp)))


@st.composite
def ratio_expr(draw: st.DrawFn) -> ir.NumExpr:
    """A ratio: a share, a growth, an average growth, a staff share or a market share."""
    k = draw(st.integers(0, 1))
    kind = draw(st.sampled_from(("share", "growth", "mean_growth", "staff", "market")))
    if kind == "share":
        return ir.ratio(draw(money_fact()), draw(money_fact()))
    if kind == "growth":
        name = draw(st.sampled_from(("main_revenue", "revenue")))
        return ir.growth(ir.Fact(name, k), ir.Fact(name, k + 1))
    if kind == "mean_growth":
        return ir.Reduce(ir.Aggregate.MEAN, (
            ir.growth(ir.Fact("main_revenue", 0), ir.Fact("main_revenue", 1)),
            ir.growth(ir.Fact("main_revenue", 1), ir.Fact("main_revenue", 2))))
    if kind == "staff":
        return ir.ratio(ir.Fact("rd_staff", k), ir.Fact("employees", k))
    return ir.Fact("niche_market_share", k)


@st.composite
def money_expr(draw: st.DrawFn) -> ir.NumExpr:
    kind = draw(st.sampled_from(("fact", "reduce", "scaled", "difference")))
    if kind == "fact":
        return draw(money_fact())
    if kind == "reduce":
        op = draw(st.sampled_from(list(ir.Aggregate)))
        name = draw(st.sampled_from(MONEY))
        return ir.Reduce(op, tuple(ir.Fact(name, k) for k in range(draw(st.integers(1, 3)))))
    if kind == "scaled":
        return ir.Arith(ir.ArithOp.MUL, draw(money_fact()), ratio_const(draw))
    return ir.Arith(ir.ArithOp.SUB, draw(money_fact()), draw(money_fact()))


@st.composite
def comparison(draw: st.DrawFn) -> ir.BoolExpr:
    kind = draw(st.sampled_from(("ratio", "money", "cross", "compound", "years", "count",
                                 "each_year")))
    if kind == "ratio":
        return ir.Compare(_op(draw), draw(ratio_expr()), ratio_const(draw))
    if kind == "money":
        return ir.Compare(_op(draw), draw(money_expr()), money_const(draw))
    if kind == "cross":
        return ir.Compare(_op(draw), draw(money_expr()), draw(money_expr()))
    if kind == "compound":
        name = draw(st.sampled_from(("main_revenue", "revenue")))
        return ir.CompoundGrowth(_op(draw), ir.Fact(name, 0), ir.Fact(name, 2),
                                 ratio_const(draw, (0, 5, 10)), 2)
    if kind == "years":
        return _years_comparison(draw)
    if kind == "count":
        return ir.Compare(_op(draw), ir.Fact("class1_ip"),
                          ir.Const(Fraction(draw(st.integers(0, 3))), ir.count("项")))
    template = ir.Compare(ir.CompareOp.GE, ir.ratio(ir.Fact("rd_expense", 0),
                                                    ir.Fact("revenue", 0)), ratio_const(draw))
    return ir.AllOf(tuple(ir.shift_years(template, k) for k in range(2)))


def _years_comparison(draw: st.DrawFn) -> ir.BoolExpr:
    indicator = draw(st.sampled_from(("niche_since", "founded_on")))
    reference = draw(st.sampled_from(list(ir.Reference)))
    years = ir.Const(Fraction(draw(st.integers(1, 6))), ir.YEARS)
    return ir.Compare(_op(draw), ir.YearsSince(indicator, reference), years)


@st.composite
def fact_test(draw: st.DrawFn) -> ir.BoolExpr:
    kind = draw(st.sampled_from(("flag", "attested", "enum", "title", "application",
                                 "manual", "annual_flag")))
    if kind == "flag":
        return ir.IsTrue(draw(st.sampled_from(BOOLS_STATIC)))
    if kind == "annual_flag":
        return ir.IsTrue("maker_china_top50", draw(st.integers(0, 2)))
    if kind == "attested":
        return ir.Attested("key_field")
    if kind == "enum":
        codes = draw(st.lists(st.sampled_from(("none", "city", "province", "national")),
                              min_size=1, max_size=3, unique=True))
        return ir.EnumIn("rd_institution_level", tuple(codes))
    if kind == "title":
        tier, level = draw(st.sampled_from(TITLES))
        within = draw(st.sampled_from((None, 1, 3)))
        return ir.HoldsTitle(tier, (level,), within)
    if kind == "application":
        return ir.ApplicationIs((draw(st.sampled_from(list(ir.ApplicationType))),))
    return ir.NotFormalised("需专家判断")


def leaf() -> st.SearchStrategy[ir.BoolExpr]:
    return st.one_of(comparison(), comparison(), fact_test())


def _compose(children: st.SearchStrategy[ir.BoolExpr]) -> st.SearchStrategy[ir.BoolExpr]:
    many = st.lists(children, min_size=1, max_size=4).map(tuple)

    @st.composite
    def at_least(draw: st.DrawFn) -> ir.BoolExpr:
        items = draw(many)
        return ir.AtLeast(draw(st.integers(1, len(items))), items)

    return st.one_of(many.map(ir.AllOf), many.map(ir.AnyOf), at_least(),
                     children.map(ir.Not))


def predicate(max_leaves: int = 8) -> st.SearchStrategy[ir.BoolExpr]:
    return st.recursive(leaf(), _compose, max_leaves=max_leaves)


# --- score tables ------------------------------------------------------------------------


@st.composite
def bands(draw: st.DrawFn, edges: tuple[Fraction, ...]) -> tuple[ir.Band, ...]:
    chosen = sorted(set(draw(st.lists(st.sampled_from(edges), min_size=1, max_size=4))))
    closed_below = [draw(st.booleans()) for _ in chosen]  # does the upper band own the edge?
    lowers: list[Fraction | None] = [None, *chosen]
    uppers: list[Fraction | None] = [*chosen, None]
    pts: list[Fraction] = draw(st.lists(st.sampled_from(
        (*map(Fraction, (0, 1, 2, 5, 10)), Fraction(5, 2))),
                        min_size=len(lowers), max_size=len(lowers)))
    return tuple(
        ir.Band(lo, lo is not None and closed_below[i - 1], hi,
                hi is not None and not closed_below[i], p, f"档{i}")
        for i, (lo, hi, p) in enumerate(zip(lowers, uppers, pts, strict=True)))


@st.composite
def scored_indicator(draw: st.DrawFn, number: int, category: str) -> ir.ScoredIndicator:
    if draw(st.booleans()):
        value = draw(st.one_of(ratio_expr(), money_expr()))
        if value.dim == ir.RATIO:
            edges = tuple(Fraction(p, 100) for p in PERCENTS)
        else:
            edges = tuple(Fraction(v) for v in MONEY_LEVELS)
        rule: ir.ScoreRule = ir.Banded(value, draw(bands(edges)))
    else:
        conditions = draw(st.lists(st.one_of(leaf(), predicate(3)), min_size=1, max_size=3))
        rule = ir.Cases(tuple(ir.Case(c, Fraction(draw(st.sampled_from((1, 3, 5, 8)))),
                                      f"情形{i}") for i, c in enumerate(conditions)),
                        Fraction(draw(st.sampled_from((0, 2)))))
    minimum = draw(st.sampled_from((None, None, ir.Const(Fraction(1), ir.SCORE))))
    return ir.ScoredIndicator(f"i{number}", f"指标{number}", category, rule, minimum)


@st.composite
def score_table(draw: st.DrawFn) -> ir.ScoreTable:
    count = draw(st.integers(1, 4))
    categories = ("a", "b")
    indicators = tuple(draw(scored_indicator(i, categories[i % 2])) for i in range(count))
    minimum = draw(st.sampled_from((None, ir.Const(Fraction(2), ir.SCORE))))
    cats = (ir.ScoreCategory("a", "甲类", minimum), ir.ScoreCategory("b", "乙类"))
    threshold = ir.Const(Fraction(draw(st.integers(0, 25))), ir.SCORE)
    return ir.ScoreTable(indicators, cats, threshold)


@st.composite
def programs(draw: st.DrawFn) -> ir.Program:
    """A criteria set: 1–3 clauses (one may be a score table, one may have an exemption),
    and maybe a direct route."""
    count = draw(st.integers(1, 3))
    clauses = []
    for i in range(count):
        body = draw(st.one_of(predicate(), score_table()) if i == 0 else predicate())
        exemptions: tuple[ir.Exemption, ...] = ()
        if draw(st.integers(0, 3)) == 0:
            exemptions = (ir.Exemption(f"x{i}", "豁免", draw(leaf())),)
        clauses.append(ir.Clause(f"c{i}", f"条件{i}", body, exemptions))
    routes: tuple[ir.Clause, ...] = ()
    if draw(st.booleans()):
        routes = (ir.Clause("route", "直通", draw(predicate(4))),)
    return ir.Program("random", "1", tuple(clauses), routes)
