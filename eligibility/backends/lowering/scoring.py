"""Lowering score tables: each indicator's points as an interval of integers in 0.01 分."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ... import ir
from ..terms import (
    And,
    Case,
    Choose,
    Cmp,
    Compare,
    Decide,
    IntRef,
    Lit,
    Lookup,
    Not,
    Or,
    Otherwise,
    Pred,
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
    """The band's index is computed once (one comparison per edge, null when the value is
    unknown); the bounds then look the points up by index."""
    if len(rule.bands) == 1:
        only = points(rule.bands[0].points, f"指标“{title}”的分值")
        return Lit(only), Lit(only)
    pts = [points(b.points, f"指标“{title}”的分值") for b in rule.bands]
    index: IntTerm = Lit(0)
    for band in rule.bands[:-1]:
        assert band.upper is not None  # only the last band is unbounded above
        vn, un, _ = common_scale(value, Frac.of(band.upper))
        below = Compare(Cmp.LE if band.upper_closed else Cmp.LT, vn, un)
        # null when the comparison is (an unknown value, or an overflow in SQLite): the
        # index is then unknown too, and the bounds widen instead of picking a wrong band
        index = add(index, Choose(below, Lit(0), Lit(1)))
    found = out.add_int(out.fresh("band"), index)
    return Lookup(found, tuple(pts), min(pts)), Lookup(found, tuple(pts), max(pts))


def _cases(rule: ir.Cases, out: Collector, lower_pred: LowerPred,
           title: str) -> tuple[IntTerm, IntTerm]:
    """Bounds over the candidate points: case i counts when no earlier case passes and it
    does not fail; ``otherwise`` counts when no case passes."""
    conds = [out.add_pred(out.fresh("case"), lower_pred(c.condition)) for c in rule.cases]
    candidates: list[tuple[Pred, int]] = []
    for i, case in enumerate(rule.cases):
        earlier = tuple(Not(Otherwise(c, False)) for c in conds[:i])
        candidates.append((And((*earlier, Otherwise(conds[i], True))),
                           points(case.points, f"指标“{title}”的分值")))
    candidates.append((And(tuple(Not(Otherwise(c, False)) for c in conds)),
                       points(rule.otherwise, f"指标“{title}”的分值")))
    return _extreme(candidates, False), _extreme(candidates, True)


def _extreme(candidates: list[tuple[Pred, int]], highest: bool) -> IntTerm:
    """The least (or greatest) points among the included candidates; one always is."""
    ordered = sorted(candidates, key=lambda c: c[1], reverse=highest)
    branches = tuple((cond, Lit(p)) for cond, p in ordered[:-1])
    return Case(branches, Lit(ordered[-1][1]))
