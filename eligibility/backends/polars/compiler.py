"""Render a lowered plan as native Polars expressions (never ``pl.sql_expr``: it goes Decimal).

Every integer term is rendered in the narrowest of Int8 … Int128 that holds its proven bound
(``widths``): Polars integer arithmetic wraps silently, so the width is chosen from the bound,
never hoped for, and a sum is computed in its own width, not its operands'. Booleans are
nullable Boolean columns: Polars' ``&``, ``|`` and ``~`` are Kleene's, as the IR's.

The plan runs as one lazy query: the sub-terms ``sharing`` found shared are computed once into
hidden columns, step by step (``with_columns``); everything else is inlined into its one user.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache, reduce
from threading import Lock

import polars as pl
from polars.expr.whenthen import ChainedThen, Then

from .. import terms as t
from ..lowering import Plan
from .nodes import FillNull, Known, Node, Sum, Unknown
from .sharing import share
from .widths import dtype_of, widest, width


class PlanRenderer:
    """Polars expressions for a plan's nodes; a shared node (``names``) is read from the hidden
    column it is computed into, once, in an earlier step."""

    def __init__(self, names: dict[int, str]) -> None:
        self._names = names  # id of a shared node → its column

    def expr(self, node: Node) -> pl.Expr:
        name = self._names.get(id(node))
        return self.define(node) if name is None else pl.col(name)

    def define(self, node: Node) -> pl.Expr:
        return self._define_int(node) if isinstance(node, t.Term) else self._define_pred(node)

    # --- integers ----------------------------------------------------------------------------

    def _define_int(self, term: t.Term) -> pl.Expr:
        if isinstance(term, t.RawCol):
            col = pl.col(term.name).cast(pl.Int64)
            return pl.when(col.is_between(-term.bound, term.bound)).then(col)
        if isinstance(term, t.Lit):
            return _literal(term.value, dtype_of(term))
        if isinstance(term, t.NullInt):
            return pl.lit(None, dtype=pl.Int64)
        if isinstance(term, t.Add | t.Sub | t.Mul):
            return self._arith(term)
        if isinstance(term, Sum):
            return self._sum(term)
        if isinstance(term, FillNull):
            return self.expr(term.item).fill_null(_literal(term.value, dtype_of(term)))
        if isinstance(term, t.DateOf):
            return _date_of(term)
        return self._conditional(term)

    def _conditional(self, term: t.Term) -> pl.Expr:
        if isinstance(term, t.Choose):
            return self._choose(term)
        if isinstance(term, t.Case):
            return self._case(term)
        if isinstance(term, t.Guard):
            return pl.when(self.expr(term.cond)).then(self.expr(term.value))
        if isinstance(term, t.Lookup):  # null index → missing: no test is true
            index, dtype = self.expr(term.index), dtype_of(term)
            branches = [(index == i, _literal(v, dtype)) for i, v in enumerate(term.table)]
            return _chain(branches, _literal(term.missing, dtype))
        raise TypeError(f"unknown integer term {term!r}")

    def _arith(self, term: t.Add | t.Sub | t.Mul) -> pl.Expr:
        target = widest(width(term.bound), dtype_of(term.left), dtype_of(term.right))
        left, right = (self._widened(side, target) for side in (term.left, term.right))
        if isinstance(term, t.Add):
            return left + right
        if isinstance(term, t.Sub):
            return left - right
        return left * right

    def _widened(self, term: t.Term, target: pl.DataType) -> pl.Expr:
        rendered = self.expr(term)
        return rendered if dtype_of(term) == target else rendered.cast(target)

    def _sum(self, term: Sum) -> pl.Expr:
        """One horizontal sum, in the sum's own width (it reads null as 0)."""
        target = width(term.bound)
        if all(isinstance(item, t.Pred) for item in term.items):
            return pl.sum_horizontal([self.expr(item) for item in term.items]).cast(target)
        return pl.sum_horizontal([
            self._widened(item, target) if isinstance(item, t.Term)
            else self.expr(item).cast(target) for item in term.items])

    def _choose(self, term: t.Choose) -> pl.Expr:
        cond = self.expr(term.cond)
        if (term.then, term.otherwise) == (t.Lit(1), t.Lit(0)):  # keeps nulls, unlike when
            return cond.cast(dtype_of(term))
        if (term.then, term.otherwise) == (t.Lit(0), t.Lit(1)):
            return (~cond).cast(dtype_of(term))
        return pl.when(cond).then(self.expr(term.then)).when(~cond).then(
            self.expr(term.otherwise))

    def _case(self, term: t.Case) -> pl.Expr:
        branches = [(self.expr(test), self.expr(value)) for test, value in term.branches]
        return _chain(branches, self.expr(term.otherwise))

    # --- predicates --------------------------------------------------------------------------

    def _define_pred(self, pred: t.Pred) -> pl.Expr:
        if isinstance(pred, t.Compare):
            left, right = self.expr(pred.left), self.expr(pred.right)
            if pred.left.wide or pred.right.wide:
                left, right = left.cast(pl.Int128), right.cast(pl.Int128)
            return _COMPARE[pred.op](left, right)
        if isinstance(pred, t.And | t.Or):
            items = [self.expr(item) for item in pred.items]
            return reduce(pl.Expr.and_ if isinstance(pred, t.And) else pl.Expr.or_, items)
        if isinstance(pred, t.Not):
            return ~self.expr(pred.item)
        if isinstance(pred, Known):
            return reduce(pl.Expr.and_, [self.expr(item).is_not_null() for item in pred.items])
        if isinstance(pred, Unknown):
            return reduce(pl.Expr.or_, [self.expr(item).is_null() for item in pred.items])
        if isinstance(pred, t.Otherwise):
            return self.expr(pred.item).fill_null(pred.default)
        if isinstance(pred, t.IsNull):
            return self.expr(pred.item).is_null()
        if isinstance(pred, t.Decide):
            return (pl.when(self.expr(pred.passes)).then(pl.lit(True))
                    .when(self.expr(pred.fails)).then(pl.lit(False))
                    .otherwise(pl.lit(None, dtype=pl.Boolean)))
        return _leaf(pred)


@lru_cache(maxsize=4096)
def _literal(value: int, dtype: pl.DataType) -> pl.Expr:
    """An integer literal (building one costs Polars a Series: a plan repeats a few a lot)."""
    return pl.lit(value, dtype=dtype)


def _chain(branches: list[tuple[pl.Expr, pl.Expr]], otherwise: pl.Expr) -> pl.Expr:
    (test, value), *rest = branches
    chained: Then | ChainedThen = pl.when(test).then(value)
    for test, value in rest:
        chained = chained.when(test).then(value)
    return chained.otherwise(otherwise)


def _date_of(term: t.DateOf) -> pl.Expr:
    col = pl.col(term.column).cast(pl.Date)
    if term.part is t.DatePart.YEAR:
        return col.dt.year().cast(dtype_of(term))
    return (col.dt.month().cast(pl.Int16) * 100 + col.dt.day().cast(pl.Int16)).cast(
        dtype_of(term))


_COMPARE = {
    t.Cmp.GE: pl.Expr.ge, t.Cmp.GT: pl.Expr.gt, t.Cmp.LE: pl.Expr.le,
    t.Cmp.LT: pl.Expr.lt, t.Cmp.EQ: pl.Expr.eq, t.Cmp.NE: pl.Expr.ne,
}

_FEW_CODES = 4  # up to this many, equality tests beat ``is_in``'s hashing


def _leaf(pred: t.Pred) -> pl.Expr:
    if isinstance(pred, t.Truth):
        return pl.lit(pred.value, dtype=pl.Boolean)
    if isinstance(pred, t.BoolCol):
        return pl.col(pred.name).cast(pl.Boolean)
    if isinstance(pred, t.NullBool):
        return pl.lit(None, dtype=pl.Boolean)
    if isinstance(pred, t.CodeIn):
        return _code_in(pred)
    if isinstance(pred, t.TitleHeld):
        return _title_held(pred)
    raise TypeError(f"unknown predicate {pred!r}")


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


Steps = tuple[list[list[pl.Expr]], list[list[pl.Expr]]]
_RENDERED: OrderedDict[tuple[int, ...], tuple[Sequence[Plan], Steps]] = OrderedDict()
_RENDERED_KEPT = 16  # a screening run applies the same few plans to chunk after chunk
_RENDERED_LOCK = Lock()


def plan_steps(plans: Sequence[Plan]) -> Steps:
    """The hidden shared columns, step by step, then each plan's public columns (statuses
    Boolean, score bounds Int64), aliased ``prefix(i) + name`` for plan ``i``. Rendered once
    per sequence of plans (plans are immutable) and reused."""
    key = tuple(map(id, plans))
    with _RENDERED_LOCK:
        if key in _RENDERED:
            _RENDERED.move_to_end(key)
            return _RENDERED[key][1]
    steps = _render(plans)
    with _RENDERED_LOCK:
        _RENDERED[key] = (list(plans), steps)  # holding the plans keeps their ids unique
        if len(_RENDERED) > _RENDERED_KEPT:
            _RENDERED.popitem(last=False)
    return steps


def _render(plans: Sequence[Plan]) -> Steps:
    sharing = share(plans)
    render = PlanRenderer(sharing.names)
    steps = [[render.define(node).alias(sharing.names[id(node)]) for node in step]
             for step in sharing.steps]
    outputs = []
    for i, plan_outputs in enumerate(sharing.outputs):
        exprs = []
        for name, node in plan_outputs.items():
            rendered = render.expr(node)
            if isinstance(node, t.Term):  # score bounds leave as Int64, whatever their width
                rendered = rendered.cast(pl.Int64)
            exprs.append(rendered.alias(prefix(i) + name))
        outputs.append(exprs)
    return steps, outputs


def prefix(i: int) -> str:
    """Plan ``i``'s public columns in a query of several plans (their names may be equal)."""
    return f"__plan{i}__"


def apply_plans(frame: pl.LazyFrame, plans: Sequence[Plan], keep: Sequence[str] = ()
                ) -> pl.LazyFrame:
    """``keep`` columns of ``frame`` followed by every plan's public columns (plan ``i``'s
    under ``prefix(i)``), as one query that computes what the plans share once."""
    steps, outputs = plan_steps(plans)
    for step in steps:
        frame = frame.with_columns(step)
    return frame.select([*(pl.col(name) for name in keep), *(e for o in outputs for e in o)])


def apply_plan(frame: pl.LazyFrame, plan: Plan, keep: Sequence[str] = ()) -> pl.LazyFrame:
    """``keep`` columns of ``frame`` followed by the plan's public columns, as one query."""
    renamed = {prefix(0) + name: name for name in plan.public_columns}
    return apply_plans(frame, [plan], keep).rename(renamed)


def split_results(result: pl.DataFrame, plans: Sequence[Plan], keep: Sequence[str] = ()
                  ) -> list[pl.DataFrame]:
    """The result of ``apply_plans`` as one frame per plan: ``keep`` and its public columns."""
    return [result.select([*keep, *(pl.col(prefix(i) + name).alias(name)
                                    for name in plan.public_columns)])
            for i, plan in enumerate(plans)]
