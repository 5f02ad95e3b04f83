"""Lowering score tables: each indicator's points as an interval of integers in 0.01 分."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ... import ir
from ..terms import (
    And,
    Case,
    Cmp,
    Compare,
    Decide,
    Guard,
    IntRef,
    IsNull,
    Lit,
    Not,
    Or,
    Otherwise,
    Pred,
    PredRef,
)
from ..terms import Term as IntTerm
from .collector import Collector, ScoreOutputs
from .numeric import lower_num, param_value
from .scope import BackendError, Frac, Scope, add, common_scale

SCORE_SCALE = 100  # bounds are computed and reported in 0.01 分, the score storage unit

LowerPred = Callable[[ir.BoolExpr], Pred]


def points(value: Fraction, what: str) -> int:
    scaled = value * SCORE_SCALE
    if scaled.denominator != 1:
        raise BackendError(f"{what}“{value}”不是0.01分的整数倍，批量引擎无法精确计算")
    return scaled.numerator


def _constant_points(expr: ir.NumExpr, scope: Scope, what: str) -> int:
    if isinstance(expr, ir.Const):
        return points(expr.value, what)
    assert isinstance(expr, ir.Param)
    return points(param_value(expr.name, scope), what)


def lower_score_table(table: ir.ScoreTable, scope: Scope, out: Collector,
                      lower_pred: LowerPred) -> Pred:
    bounds = [_indicator_bounds(ind, scope, out, lower_pred) for ind in table.indicators]
    owner = out.owners[-1] if out.owners else f"table{len(out.scores) + 1}"
    lo = out.add_int(f"score_lo__{owner}", _sum([b[0] for b in bounds]))
    hi = out.add_int(f"score_hi__{owner}", _sum([b[1] for b in bounds]))
    out.scores.append(ScoreOutputs(owner, lo.name, hi.name))
    limits: list[tuple[IntTerm, IntTerm, int]] = [
        (lo, hi, _constant_points(table.threshold, scope, "总分门槛"))]
    for cat in table.categories:
        if cat.minimum is not None:
            members = [b for b, i in zip(bounds, table.indicators, strict=True)
                       if i.category == cat.id]
            limits.append((_sum([b[0] for b in members]), _sum([b[1] for b in members]),
                           _constant_points(cat.minimum, scope, f"类别“{cat.title}”的最低得分")))
    for (ind_lo, ind_hi), ind in zip(bounds, table.indicators, strict=True):
        if ind.minimum is not None:
            minimum = _constant_points(ind.minimum, scope, f"指标“{ind.title}”的最低得分")
            limits.append((ind_lo, ind_hi, minimum))
    passes = And(tuple(Compare(Cmp.GE, low, Lit(m)) for low, _, m in limits))
    fails = Or(tuple(Compare(Cmp.LT, high, Lit(m)) for _, high, m in limits))
    return out.add_pred(out.fresh("verdict"), Decide(passes, fails))


def _sum(terms: list[IntTerm]) -> IntTerm:
    total: IntTerm = Lit(0)
    for term in terms:
        total = add(total, term)
    return total


def _indicator_bounds(ind: ir.ScoredIndicator, scope: Scope, out: Collector,
                      lower_pred: LowerPred) -> tuple[IntRef, IntRef]:
    if isinstance(ind.rule, ir.Banded):
        lo, hi = _banded(ind.rule, _computed_once(lower_num(ind.rule.value, scope), out),
                         ind.title, out)
    else:
        lo, hi = _cases(ind.rule, out, lower_pred, ind.title)
    return out.add_int(out.fresh("lo"), lo), out.add_int(out.fresh("hi"), hi)


def _computed_once(value: Frac, out: Collector) -> Frac:
    """The value's numerator and denominator as columns: every band edge compares with them."""
    num: IntTerm = value.num
    if not isinstance(num, Lit | IntRef):
        num = out.add_int(out.fresh("num"), num)
    den: IntTerm = value.den
    if not isinstance(den, Lit | IntRef):
        den = out.add_int(out.fresh("den"), den)
    return Frac(num, den)


def _banded(rule: ir.Banded, value: Frac, title: str, out: Collector
            ) -> tuple[IntTerm, IntTerm]:
    """The band's points are computed once, as one CASE over the edges in ascending order (the
    first edge the value lies below names its band), and null when the value is unknown; the
    bounds then replace null by the least or greatest points."""
    pts = [points(b.points, f"指标“{title}”的分值") for b in rule.bands]
    if len(set(pts)) == 1:
        return Lit(pts[0]), Lit(pts[0])
    branches: list[tuple[Pred, IntTerm]] = []
    operands: list[IntTerm] = [value.num, value.den]
    for band, band_points in zip(rule.bands[:-1], pts, strict=False):
        assert band.upper is not None  # only the last band is unbounded above
        vn, un, _ = common_scale(value, Frac.of(band.upper))
        branches.append((Compare(Cmp.LE if band.upper_closed else Cmp.LT, vn, un),
                         Lit(band_points)))
        # SQLite reads an overflowing (wide) product as unknown: guarding on it keeps a CASE
        # from falling through to a wrong band instead of widening the bounds
        operands.extend(term for term in (vn, un) if term.wide)
    found = out.add_int(out.fresh("points"), _known(operands, Case(tuple(branches),
                                                                    Lit(pts[-1]))))
    return _or_else(found, min(pts)), _or_else(found, max(pts))


def _known(operands: list[IntTerm], term: IntTerm) -> IntTerm:
    """``term`` where no operand is null, else null."""
    tests = tuple(Not(IsNull(o)) for o in dict.fromkeys(operands) if not isinstance(o, Lit))
    if not tests:
        return term
    return Guard(tests[0] if len(tests) == 1 else And(tests), term)


def _or_else(term: IntTerm, value: int) -> IntTerm:
    """``term``, or ``value`` where it is null."""
    return Case(((IsNull(term), Lit(value)),), term)


def _cases(rule: ir.Cases, out: Collector, lower_pred: LowerPred,
           title: str) -> tuple[IntTerm, IntTerm]:
    """Bounds over the candidate points: case i counts when no earlier case passes and it
    does not fail; ``otherwise`` counts when no case passes."""
    conds = [out.add_pred(out.fresh("case"), lower_pred(c.condition)) for c in rule.cases]
    pts = [points(case.points, f"指标“{title}”的分值") for case in rule.cases]
    other = points(rule.otherwise, f"指标“{title}”的分值")
    if [*pts, other] == sorted([*pts, other], reverse=True):
        return _monotone(conds, pts, other)
    if [*pts, other] == sorted([*pts, other]):
        hi, lo = _monotone(conds, pts, other)
        return lo, hi
    candidates: list[tuple[Pred, int]] = []
    for i, case_points in enumerate(pts):
        earlier = tuple(Not(Otherwise(c, False)) for c in conds[:i])
        candidates.append((And((*earlier, Otherwise(conds[i], True))), case_points))
    candidates.append((And(tuple(Not(Otherwise(c, False)) for c in conds)), other))
    return _extreme(candidates, False), _extreme(candidates, True)


def _monotone(conds: list[PredRef], pts: list[int], other: int) -> tuple[IntTerm, IntTerm]:
    """(least, greatest) candidate points when the points never rise down the list: the
    greatest is the first candidate's (the first case that does not fail), the least the last
    candidate's (the first case that passes, else ``otherwise``)."""
    first_passing = Case(tuple((c, Lit(p)) for c, p in zip(conds, pts, strict=True)),
                         Lit(other))
    first_possible = Case(tuple((Otherwise(c, True), Lit(p))
                                for c, p in zip(conds, pts, strict=True)), Lit(other))
    return first_passing, first_possible


def _extreme(candidates: list[tuple[Pred, int]], highest: bool) -> IntTerm:
    """The least (or greatest) points among the included candidates; one always is."""
    ordered = sorted(candidates, key=lambda c: c[1], reverse=highest)
    branches = tuple((cond, Lit(p)) for cond, p in ordered[:-1])
    return Case(branches, Lit(ordered[-1][1]))
