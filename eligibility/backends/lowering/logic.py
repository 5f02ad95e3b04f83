"""Lowering predicates: comparisons by cross-multiplication, Kleene connectives, clauses."""

from __future__ import annotations

from datetime import date

from ... import ir
from ..terms import (
    And,
    BoolCol,
    Case,
    Cmp,
    CodeIn,
    Compare,
    Decide,
    Guard,
    Lit,
    Not,
    NullBool,
    Or,
    Otherwise,
    Pred,
    PredRef,
    Term,
    TitleHeld,
    Truth,
)
from .collector import Collector
from .numeric import lower_num
from .scope import BackendError, Frac, Scope, add, common_scale, lit, mul
from .scoring import lower_score_table

_OPS = {op: Cmp(op.value) for op in ir.CompareOp}


def lower_bool(expr: ir.BoolExpr, scope: Scope, out: Collector) -> Pred:
    if isinstance(expr, ir.Clause):
        return lower_clause(expr, scope, out)
    if isinstance(expr, ir.AllOf | ir.AnyOf | ir.Not | ir.AtLeast):
        return _connective(expr, scope, out)
    if isinstance(expr, ir.Compare):
        return compare(_OPS[expr.op], lower_num(expr.left, scope), lower_num(expr.right, scope))
    if isinstance(expr, ir.CompoundGrowth):
        return _compound_growth(expr, scope)
    if isinstance(expr, ir.ScoreTable):
        return lower_score_table(expr, scope, out, lambda e: lower_bool(e, scope, out))
    return _leaf(expr, scope)


def _connective(expr: ir.BoolExpr, scope: Scope, out: Collector) -> Pred:
    if isinstance(expr, ir.Not):
        return Not(lower_bool(expr.item, scope, out))
    assert isinstance(expr, ir.AllOf | ir.AnyOf | ir.AtLeast)
    items = tuple(lower_bool(item, scope, out) for item in expr.items)
    if isinstance(expr, ir.AllOf):
        return all_of(items)
    if isinstance(expr, ir.AnyOf):
        return any_of(items)
    return at_least(expr.n, items)


def all_of(items: tuple[Pred, ...]) -> Pred:
    """Kleene AND, folding literal items (False absorbs, True drops out)."""
    if Truth(False) in items:
        return Truth(False)
    kept = tuple(dict.fromkeys(i for i in items if i != Truth(True)))
    if not kept:
        return Truth(True)
    return kept[0] if len(kept) == 1 else And(kept)


def any_of(items: tuple[Pred, ...]) -> Pred:
    """Kleene OR, folding literal items (True absorbs, False drops out)."""
    if Truth(True) in items:
        return Truth(True)
    kept = tuple(dict.fromkeys(i for i in items if i != Truth(False)))
    if not kept:
        return Truth(False)
    return kept[0] if len(kept) == 1 else Or(kept)


def otherwise(item: Pred, default: bool) -> Pred:
    if isinstance(item, Truth):
        return Truth(default if item.value is None else item.value)
    return Otherwise(item, default)


def at_least(n: int, items: tuple[Pred, ...]) -> Pred:
    """Pass if ≥ n pass; fail if passes + unknowns < n; else unknown."""
    passes = _count(tuple(Otherwise(item, False) for item in items))
    possible = _count(tuple(Otherwise(item, True) for item in items))
    return Decide(Compare(Cmp.GE, passes, Lit(n)), Compare(Cmp.LT, possible, Lit(n)))


def _count(tests: tuple[Pred, ...]) -> Term:
    total: Term = Lit(0)
    for test in tests:
        total = add(total, Case(((test, Lit(1)),), Lit(0)))
    return total


def compare(op: Cmp, left: Frac, right: Frac) -> Pred:
    ln, rn, _ = common_scale(left, right)
    return Compare(op, ln, rn)


def _compound_growth(expr: ir.CompoundGrowth, scope: Scope) -> Pred:
    """last op first × (1 + rate)^n, i.e. L·f·sⁿ op F·(s + r)ⁿ·l; unknown unless F > 0."""
    last, first = lower_num(expr.last, scope), lower_num(expr.first, scope)
    rate = lower_num(expr.rate, scope)
    grow_num, grow_den = add(rate.den, rate.num), rate.den
    left, right = mul(last.num, first.den), mul(first.num, last.den)
    for _ in range(expr.years):
        left, right = mul(left, grow_den), mul(right, grow_num)
    positive = Compare(Cmp.GT, first.num, lit(0))
    return Compare(_OPS[expr.op], Guard(positive, left), right)


def _leaf(expr: ir.BoolExpr, scope: Scope) -> Pred:
    if isinstance(expr, ir.IsTrue | ir.Attested):
        name = ir.FactRef(expr.indicator, getattr(expr, "year_offset", None)).column(scope.on)
        return BoolCol(name) if scope.has(name) else NullBool()
    if isinstance(expr, ir.EnumIn):
        name = ir.FactRef(expr.indicator, expr.year_offset).column(scope.on)
        return CodeIn(name, expr.codes) if scope.has(name) else NullBool()
    if isinstance(expr, ir.HoldsTitle):
        return _holds_title(expr, scope)
    if isinstance(expr, ir.ApplicationIs):
        return Truth(scope.application in {str(t) for t in expr.types})
    if isinstance(expr, ir.NotFormalised):
        return Truth(None)
    raise BackendError(f"批量引擎不支持条件节点 {type(expr).__name__}")


def title_column(tier: str, level: str, end: str) -> str:
    return f"title__{tier}__{level}__{end}"


def _holds_title(expr: ir.HoldsTitle, scope: Scope) -> Pred:
    since = scope.on if expr.within_years is None else years_before(scope.on, expr.within_years)
    held = []
    for level in expr.levels:
        start, until = (title_column(expr.tier, level, end) for end in ("from", "until"))
        held.append(TitleHeld(start if scope.has(start) else None,
                              until if scope.has(until) else None, scope.on, since))
    return any_of(tuple(held))


def years_before(on: date, years: int) -> date:
    """The same month and day ``years`` earlier; 29 February becomes 28 February."""
    day = 28 if (on.month, on.day) == (2, 29) else on.day
    return date(on.year - years, on.month, day)


def lower_clause(clause: ir.Clause, scope: Scope, out: Collector) -> Pred:
    name = f"status__{clause.id}"
    if clause.id in out.clause_nodes:
        if out.clause_nodes[clause.id] != clause:
            raise BackendError(f"条款编号“{clause.id}”重复，且内容不同")
        return PredRef(name)
    out.owners.append(clause.id)
    body = lower_bool(clause.body, scope, out)
    waivers = tuple(lower_bool(e.condition, scope, out) for e in clause.exemptions)
    out.owners.pop()
    if waivers:
        out.add_pred(f"waived__{clause.id}", any_of(tuple(otherwise(w, False) for w in waivers)))
        ref = out.add_pred(name, any_of((*waivers, body)))
    else:
        ref = out.add_pred(name, body)
    out.clause_nodes[clause.id] = clause
    return ref
