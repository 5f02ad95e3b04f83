"""Render a lowered plan as native Polars expressions (never ``pl.sql_expr``: it goes Decimal).

Integers are Int64, or Int128 wherever a term's proven bound passes 2⁶³ − 1 (Polars integer
arithmetic wraps silently, so the width is chosen from the bound, never hoped for). Booleans
are nullable Boolean columns: Polars' ``&``, ``|`` and ``~`` are Kleene's, as the IR's.

The whole plan is one ``select``: every named intermediate result is inlined where it is used,
and Polars' common-subexpression elimination computes each shared one once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce

import polars as pl

from .. import terms as t
from ..lowering import Plan


class PlanRenderer:
    """Polars expressions for the outputs of one plan, each rendered once."""

    def __init__(self, plan: Plan) -> None:
        self._terms = {o.name: o.term for stage in plan.stages for o in stage}
        self._done: dict[str, pl.Expr] = {}

    def output(self, name: str) -> pl.Expr:
        if name not in self._done:
            term = self._terms[name]
            self._done[name] = (self.int_expr(term) if isinstance(term, t.Term)
                                else self.pred_expr(term))
        return self._done[name]

    # --- integers ----------------------------------------------------------------------------

    def int_expr(self, term: t.Term) -> pl.Expr:
        if isinstance(term, t.Col):
            return self._input(term.name)
        if isinstance(term, t.RawCol):
            col = pl.col(term.name).cast(pl.Int64)
            return pl.when(col.is_between(-term.bound, term.bound)).then(col)
        if isinstance(term, t.Lit):
            return pl.lit(term.value, dtype=pl.Int128 if term.wide else pl.Int64)
        if isinstance(term, t.NullInt):
            return pl.lit(None, dtype=pl.Int64)
        if isinstance(term, t.Add | t.Sub | t.Mul):
            return self._arith(term)
        if isinstance(term, t.IntRef):
            return self.output(term.name)
        return self._conditional(term)

    def _input(self, column: str) -> pl.Expr:
        name = t.input_name(column)
        return self.output(name) if name in self._terms else pl.col(name)

    def _arith(self, term: t.Add | t.Sub | t.Mul) -> pl.Expr:
        if isinstance(term, t.Add) and (counted := _counted(term)) is not None:
            return pl.sum_horizontal([self.pred_expr(p) for p in counted]).cast(pl.Int64)
        left, right = self.int_expr(term.left), self.int_expr(term.right)
        if term.wide:
            left, right = left.cast(pl.Int128), right.cast(pl.Int128)
        if isinstance(term, t.Add):
            return left + right
        if isinstance(term, t.Sub):
            return left - right
        return left * right

    def _conditional(self, term: t.Term) -> pl.Expr:
        if isinstance(term, t.Choose):
            return self._choose(term)
        if isinstance(term, t.Case):
            return self._case(term)
        if isinstance(term, t.Guard):
            return pl.when(self.pred_expr(term.cond)).then(self.int_expr(term.value))
        if isinstance(term, t.Lookup):
            index = self.int_expr(term.index)
            return self._chain([(index == i, pl.lit(v)) for i, v in enumerate(term.table)],
                               pl.lit(None, dtype=pl.Int64)).fill_null(term.missing)
        if isinstance(term, t.DateOf):
            col = pl.col(term.column).cast(pl.Date)
            if term.part is t.DatePart.YEAR:
                return col.dt.year().cast(pl.Int64)
            return col.dt.month().cast(pl.Int64) * 100 + col.dt.day().cast(pl.Int64)
        raise TypeError(f"unknown integer term {term!r}")

    def _choose(self, term: t.Choose) -> pl.Expr:
        cond = self.pred_expr(term.cond)
        if (term.then, term.otherwise) == (t.Lit(1), t.Lit(0)):  # keeps nulls, unlike when
            return cond.cast(pl.Int64)
        if (term.then, term.otherwise) == (t.Lit(0), t.Lit(1)):
            return (~cond).cast(pl.Int64)
        return pl.when(cond).then(self.int_expr(term.then)).when(~cond).then(
            self.int_expr(term.otherwise))

    def _case(self, term: t.Case) -> pl.Expr:
        if _is_indicator(term):  # a two-valued test counted as 1 or 0
            return self.pred_expr(term.branches[0][0]).cast(pl.Int64)
        if _is_fill(term):
            assert isinstance(term.branches[0][1], t.Lit)
            return self.int_expr(term.otherwise).fill_null(term.branches[0][1].value)
        branches = [(self.pred_expr(test), self.int_expr(value)) for test, value in term.branches]
        return self._chain(branches, self.int_expr(term.otherwise))

    @staticmethod
    def _chain(branches: list[tuple[pl.Expr, pl.Expr]], otherwise: pl.Expr) -> pl.Expr:
        (test, value), *rest = branches
        chained = pl.when(test).then(value)
        for test, value in rest:
            chained = chained.when(test).then(value)
        return chained.otherwise(otherwise)

    # --- predicates --------------------------------------------------------------------------

    def pred_expr(self, pred: t.Pred) -> pl.Expr:
        if isinstance(pred, t.Compare):
            left, right = self.int_expr(pred.left), self.int_expr(pred.right)
            if pred.left.wide or pred.right.wide:
                left, right = left.cast(pl.Int128), right.cast(pl.Int128)
            return _COMPARE[pred.op](left, right)
        if isinstance(pred, t.And | t.Or):
            items = [self.pred_expr(item) for item in pred.items]
            return reduce(pl.Expr.and_ if isinstance(pred, t.And) else pl.Expr.or_, items)
        if isinstance(pred, t.Not):
            if isinstance(pred.item, t.IsNull):
                return ~self._is_null(pred.item.item)
            return ~self.pred_expr(pred.item)
        if isinstance(pred, t.Otherwise):
            return self.pred_expr(pred.item).fill_null(pred.default)
        if isinstance(pred, t.PredRef):
            return self.output(pred.name)
        return self._leaf(pred)

    def _leaf(self, pred: t.Pred) -> pl.Expr:
        if isinstance(pred, t.Truth):
            return pl.lit(pred.value, dtype=pl.Boolean)
        if isinstance(pred, t.BoolCol):
            return pl.col(pred.name).cast(pl.Boolean)
        if isinstance(pred, t.NullBool):
            return pl.lit(None, dtype=pl.Boolean)
        if isinstance(pred, t.CodeIn):
            return _code_in(pred)
        if isinstance(pred, t.IsNull):
            return self._is_null(pred.item)
        if isinstance(pred, t.Decide):
            return (pl.when(self.pred_expr(pred.passes)).then(pl.lit(True))
                    .when(self.pred_expr(pred.fails)).then(pl.lit(False))
                    .otherwise(pl.lit(None, dtype=pl.Boolean)))
        if isinstance(pred, t.TitleHeld):
            return _title_held(pred)
        raise TypeError(f"unknown predicate {pred!r}")

    def _is_null(self, term: t.Term) -> pl.Expr:
        """Polars arithmetic never yields null from non-null operands (widths come from the
        bounds), so a sum or product is null exactly where one of its operands is."""
        leaves = list(dict.fromkeys(_null_sources(term, self._terms)))
        if not leaves:
            return pl.lit(False)
        return reduce(pl.Expr.or_, [self.int_expr(leaf).is_null() for leaf in leaves])


def _null_sources(term: t.Term, terms: dict[str, t.Term | t.Pred]) -> list[t.Term]:
    if isinstance(term, t.Lit):
        return []
    if isinstance(term, t.IntRef):
        referenced = terms.get(term.name)
        if isinstance(referenced, t.Add | t.Sub | t.Mul):
            return _null_sources(referenced, terms)
    if isinstance(term, t.Add | t.Sub | t.Mul):
        return [*_null_sources(term.left, terms), *_null_sources(term.right, terms)]
    return [term]


def _counted(term: t.Add) -> list[t.Pred] | None:
    """The tests of a sum of two-valued indicators (``CASE WHEN test THEN 1 ELSE 0``), if it
    is one: then it is a count, and Polars adds booleans horizontally in one pass."""
    tests: list[t.Pred] = []
    stack: list[t.Term] = [term]
    while stack:
        node = stack.pop()
        if isinstance(node, t.Add):
            stack.extend((node.right, node.left))
        elif isinstance(node, t.Case) and _is_indicator(node):
            tests.append(node.branches[0][0])
        else:
            return None
    return tests


def _is_indicator(term: t.Case) -> bool:
    return (len(term.branches) == 1 and term.branches[0][1] == t.Lit(1)
            and term.otherwise == t.Lit(0) and isinstance(term.branches[0][0], t.Otherwise))


def _is_fill(term: t.Case) -> bool:
    """``CASE WHEN x IS NULL THEN literal ELSE x END``: Polars' ``fill_null``."""
    if len(term.branches) != 1:
        return False
    test, value = term.branches[0]
    return isinstance(test, t.IsNull) and test.item == term.otherwise and isinstance(value, t.Lit)


_COMPARE = {
    t.Cmp.GE: pl.Expr.ge, t.Cmp.GT: pl.Expr.gt, t.Cmp.LE: pl.Expr.le,
    t.Cmp.LT: pl.Expr.lt, t.Cmp.EQ: pl.Expr.eq, t.Cmp.NE: pl.Expr.ne,
}

_FEW_CODES = 4  # up to this many, equality tests beat ``is_in``'s hashing


def _code_in(pred: t.CodeIn) -> pl.Expr:
    col = pl.col(pred.name).cast(pl.String)
    if not pred.codes or len(pred.codes) > _FEW_CODES:
        return col.is_in(list(pred.codes))
    return reduce(pl.Expr.or_, [col == code for code in pred.codes])


def _title_held(pred: t.TitleHeld) -> pl.Expr:
    if pred.from_column is None:
        return pl.lit(False)
    started = pl.col(pred.from_column).cast(pl.Date) <= pl.lit(pred.on)
    if pred.until_column is None:
        return started.fill_null(False)
    until = pl.col(pred.until_column).cast(pl.Date)
    return (started & (until.is_null() | (until >= pl.lit(pred.since)))).fill_null(False)


def plan_exprs(plan: Plan) -> list[pl.Expr]:
    """The plan's public columns, each as one aliased expression over the input columns."""
    render = PlanRenderer(plan)
    return [render.output(name).alias(name) for name in plan.public_columns]


def apply_plan(frame: pl.LazyFrame, plan: Plan, keep: Sequence[str] = ()) -> pl.LazyFrame:
    """``keep`` columns of ``frame`` followed by the plan's public columns: one ``select``."""
    return frame.select([*(pl.col(name) for name in keep), *plan_exprs(plan)])
