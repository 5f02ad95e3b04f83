"""Lowering numeric IR nodes to exact fractions of integer terms."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from indicators.vocabulary import BY_ID, Kind

from ...ir import (
    Aggregate,
    Arith,
    ArithOp,
    Const,
    Fact,
    FactRef,
    NumExpr,
    Param,
    Reduce,
    Reference,
    YearsSince,
    storage_factor,
)
from ..terms import Choose, Cmp, Compare, DateOf, DatePart, Guard, Lit, NullInt, Term
from .scope import BackendError, Frac, Scope, add, column, common_scale, lit, mul, sub


def lower_num(expr: NumExpr, scope: Scope) -> Frac:
    if isinstance(expr, Const):
        return Frac.of(expr.value)
    if isinstance(expr, Param):
        return Frac.of(param_value(expr.name, scope))
    if isinstance(expr, Fact):
        return _fact(expr, scope)
    if isinstance(expr, Arith):
        return _arith(expr.op, lower_num(expr.left, scope), lower_num(expr.right, scope))
    if isinstance(expr, Reduce):
        return _reduce(expr.op, [lower_num(item, scope) for item in expr.items])
    if isinstance(expr, YearsSince):
        return Frac(_years_since(expr, scope), Lit(1))
    raise BackendError(f"批量引擎不支持数值节点 {type(expr).__name__}")


def param_value(name: str, scope: Scope) -> Fraction:
    try:
        return scope.params[name]
    except KeyError:
        raise BackendError(f"缺少参数“{name}”的取值") from None


def _fact(expr: Fact, scope: Scope) -> Frac:
    name = FactRef(expr.indicator, expr.year_offset).column(scope.on)
    factor = storage_factor(BY_ID[expr.indicator])
    return Frac(mul(column(scope, name), lit(factor.numerator)), lit(factor.denominator))


def _arith(op: ArithOp, left: Frac, right: Frac) -> Frac:
    if op is ArithOp.ADD or op is ArithOp.SUB:
        ln, rn, den = common_scale(left, right)
        return Frac(add(ln, rn) if op is ArithOp.ADD else sub(ln, rn), den)
    if op is ArithOp.MUL:
        return Frac(mul(left.num, right.num), mul(left.den, right.den))
    return divide(left, right)


def divide(left: Frac, right: Frac) -> Frac:
    """left / right; null unless right > 0 (right.den > 0, so the sign is right.num's)."""
    num = mul(left.num, right.den)
    if isinstance(right.num, Lit):
        if right.num.value <= 0:
            return Frac(NullInt(), Lit(1))
        return Frac(num, mul(left.den, right.num))
    positive = Compare(Cmp.GT, right.num, Lit(0))
    return Frac(Guard(positive, num), mul(left.den, right.num))


def _reduce(op: Aggregate, items: list[Frac]) -> Frac:
    if op is Aggregate.SUM or op is Aggregate.MEAN:
        total = items[0]
        for item in items[1:]:
            total = _arith(ArithOp.ADD, total, item)
        if op is Aggregate.SUM:
            return total
        return Frac(total.num, mul(total.den, lit(len(items))))
    best = items[0]
    for item in items[1:]:
        best = _pick(op, best, item)
    return best


def _pick(op: Aggregate, left: Frac, right: Frac) -> Frac:
    """The smaller (MIN) or larger (MAX) of two fractions; null if either is null."""
    ln, rn, _ = common_scale(left, right)
    keep_left = Compare(Cmp.LE if op is Aggregate.MIN else Cmp.GE, ln, rn)
    if left.den == right.den:
        return Frac(Choose(keep_left, left.num, right.num), left.den)
    return Frac(Choose(keep_left, left.num, right.num), Choose(keep_left, left.den, right.den))


def _years_since(expr: YearsSince, scope: Scope) -> Term:
    ref = _reference(expr.reference, scope.on)
    name = expr.indicator
    if not scope.has(name):
        return NullInt()
    if BY_ID[name].kind is Kind.YEAR:
        return sub(lit(ref.year), column(scope, name))
    years = sub(lit(ref.year), DateOf(name, DatePart.YEAR))
    before = Compare(Cmp.GT, DateOf(name, DatePart.MONTH_DAY), lit(ref.month * 100 + ref.day))
    return sub(years, Choose(before, Lit(1), Lit(0)))


def _reference(reference: Reference, on: date) -> date:
    if reference is Reference.FISCAL_YEAR_END:
        return date(on.year - 1, 12, 31)
    return on
