"""Render a lowered plan as native Polars expressions (never ``pl.sql_expr``: it goes Decimal).

Integers are Int64, or Int128 wherever a term's proven bound passes 2⁶³ − 1 (Polars integer
arithmetic wraps silently, so the width is chosen from the bound, never hoped for). Booleans
are nullable Boolean columns: Polars' ``&``, ``|`` and ``~`` are Kleene's, as the IR's.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce

import polars as pl

from .. import terms as t
from ..lowering import Plan


def int_expr(term: t.Term) -> pl.Expr:
    if isinstance(term, t.Col):
        return pl.col(t.input_name(term.name))
    if isinstance(term, t.RawCol):
        col = pl.col(term.name).cast(pl.Int64)
        return pl.when(col.is_between(-term.bound, term.bound)).then(col)
    if isinstance(term, t.Lit):
        return pl.lit(term.value, dtype=pl.Int128 if term.wide else pl.Int64)
    if isinstance(term, t.NullInt):
        return pl.lit(None, dtype=pl.Int64)
    if isinstance(term, t.Add | t.Sub | t.Mul):
        return _arith(term)
    if isinstance(term, t.IntRef):
        return pl.col(term.name)
    return _conditional(term)


def _arith(term: t.Add | t.Sub | t.Mul) -> pl.Expr:
    left, right = int_expr(term.left), int_expr(term.right)
    if term.wide:
        left, right = left.cast(pl.Int128), right.cast(pl.Int128)
    if isinstance(term, t.Add):
        return left + right
    if isinstance(term, t.Sub):
        return left - right
    return left * right


def _conditional(term: t.Term) -> pl.Expr:
    if isinstance(term, t.Choose):
        cond = pred_expr(term.cond)
        if (term.then, term.otherwise) == (t.Lit(1), t.Lit(0)):  # keeps nulls, unlike when
            return cond.cast(pl.Int64)
        if (term.then, term.otherwise) == (t.Lit(0), t.Lit(1)):
            return (~cond).cast(pl.Int64)
        return pl.when(cond).then(int_expr(term.then)).when(~cond).then(
            int_expr(term.otherwise))
    if isinstance(term, t.Case):
        if _is_indicator(term):  # a two-valued test counted as 1 or 0
            return pred_expr(term.branches[0][0]).cast(pl.Int64)
        result = int_expr(term.otherwise)
        for test, value in reversed(term.branches):
            result = pl.when(pred_expr(test)).then(int_expr(value)).otherwise(result)
        return result
    if isinstance(term, t.Guard):
        return pl.when(pred_expr(term.cond)).then(int_expr(term.value))
    if isinstance(term, t.Lookup):
        table = pl.lit(pl.Series(term.table, dtype=pl.Int64))
        return table.gather(int_expr(term.index)).fill_null(term.missing)
    if isinstance(term, t.DateOf):
        col = pl.col(term.column).cast(pl.Date)
        if term.part is t.DatePart.YEAR:
            return col.dt.year().cast(pl.Int64)
        return col.dt.month().cast(pl.Int64) * 100 + col.dt.day().cast(pl.Int64)
    raise TypeError(f"unknown integer term {term!r}")


def _is_indicator(term: t.Case) -> bool:
    return (len(term.branches) == 1 and term.branches[0][1] == t.Lit(1)
            and term.otherwise == t.Lit(0) and isinstance(term.branches[0][0], t.Otherwise))


_COMPARE = {
    t.Cmp.GE: pl.Expr.ge, t.Cmp.GT: pl.Expr.gt, t.Cmp.LE: pl.Expr.le,
    t.Cmp.LT: pl.Expr.lt, t.Cmp.EQ: pl.Expr.eq, t.Cmp.NE: pl.Expr.ne,
}


def pred_expr(pred: t.Pred) -> pl.Expr:
    if isinstance(pred, t.Compare):
        left, right = int_expr(pred.left), int_expr(pred.right)
        if pred.left.wide or pred.right.wide:
            left, right = left.cast(pl.Int128), right.cast(pl.Int128)
        return _COMPARE[pred.op](left, right)
    if isinstance(pred, t.And | t.Or):
        items = [pred_expr(item) for item in pred.items]
        return reduce(pl.Expr.and_ if isinstance(pred, t.And) else pl.Expr.or_, items)
    if isinstance(pred, t.Not):
        return ~pred_expr(pred.item)
    if isinstance(pred, t.Otherwise):
        return pred_expr(pred.item).fill_null(pred.default)
    return _leaf(pred)


def _leaf(pred: t.Pred) -> pl.Expr:
    if isinstance(pred, t.Truth):
        return pl.lit(pred.value, dtype=pl.Boolean)
    if isinstance(pred, t.BoolCol):
        return pl.col(pred.name).cast(pl.Boolean)
    if isinstance(pred, t.NullBool):
        return pl.lit(None, dtype=pl.Boolean)
    if isinstance(pred, t.CodeIn):
        return pl.col(pred.name).cast(pl.String).is_in(list(pred.codes))
    if isinstance(pred, t.IsNull):
        return int_expr(pred.item).is_null()
    if isinstance(pred, t.Decide):
        return (pl.when(pred_expr(pred.passes)).then(pl.lit(True))
                .when(pred_expr(pred.fails)).then(pl.lit(False))
                .otherwise(pl.lit(None, dtype=pl.Boolean)))
    if isinstance(pred, t.TitleHeld):
        return _title_held(pred)
    if isinstance(pred, t.PredRef):
        return pl.col(pred.name)
    raise TypeError(f"unknown predicate {pred!r}")


def _title_held(pred: t.TitleHeld) -> pl.Expr:
    if pred.from_column is None:
        return pl.lit(False)
    started = pl.col(pred.from_column).cast(pl.Date) <= pl.lit(pred.on)
    if pred.until_column is None:
        return started.fill_null(False)
    until = pl.col(pred.until_column).cast(pl.Date)
    return (started & (until.is_null() | (until >= pl.lit(pred.since)))).fill_null(False)


def stage_exprs(plan: Plan) -> list[list[pl.Expr]]:
    """One list of aliased expressions per stage of ``plan``."""
    return [[_output_expr(o.term).alias(o.name) for o in stage] for stage in plan.stages]


def _output_expr(term: t.Term | t.Pred) -> pl.Expr:
    return int_expr(term) if isinstance(term, t.Term) else pred_expr(term)


def apply_plan(frame: pl.LazyFrame, plan: Plan, keep: Sequence[str] = ()) -> pl.LazyFrame:
    """``keep`` columns of ``frame`` followed by the plan's public columns."""
    for exprs in stage_exprs(plan):
        frame = frame.with_columns(exprs)
    return frame.select([*keep, *plan.public_columns])
