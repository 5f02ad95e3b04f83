"""The reference interpreter: docs/engine-ir.md, executed exactly, with a trace of every node."""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from typing import Any

from eligibility import ir
from eligibility.ir import EvaluationContext, Expr, FactRef
from indicators.document import FactsDocument

from .facts import FactReader
from .scoring import score_table
from .trace import Trace, first_reason, merge_missing

MISSING = "缺少数据"
ZERO_DIVISOR = "除数为零"
NEGATIVE_DIVISOR = "除数为负数"
BAD_BASE = "基数为零或负数，无法计算增长率"
MANUAL = "需人工审核"
AWAITING = "待认定"

_COMPARE: dict[ir.CompareOp, Callable[[Any, Any], bool]] = {
    ir.CompareOp.GE: operator.ge, ir.CompareOp.GT: operator.gt, ir.CompareOp.LE: operator.le,
    ir.CompareOp.LT: operator.lt, ir.CompareOp.EQ: operator.eq, ir.CompareOp.NE: operator.ne,
}


class Interpreter:
    def __init__(self, doc: FactsDocument, context: EvaluationContext) -> None:
        self.reader = FactReader(doc, context)
        self.context = context
        self._dispatch: dict[type, Callable[[Any], Trace]] = {
            ir.Const: lambda n: Trace(n, n.value), ir.Param: self._param,
            ir.Fact: self._fact, ir.Arith: self._arith, ir.Reduce: self._reduce,
            ir.YearsSince: self._years_since, ir.Compare: self._compare,
            ir.CompoundGrowth: self._compound, ir.AllOf: self._all, ir.AnyOf: self._any,
            ir.AtLeast: self._at_least, ir.Not: self._not, ir.IsTrue: self._flag,
            ir.Attested: self._flag, ir.EnumIn: self._enum_in, ir.HoldsTitle: self._holds,
            ir.ApplicationIs: lambda n: Trace(n, self.context.application in n.types),
            ir.NotFormalised: lambda n: Trace(n, None, reason=f"{MANUAL}：{n.reason}"),
            ir.Clause: self._clause, ir.ScoreTable: lambda n: score_table(self, n),
        }

    def run(self, node: Expr) -> Trace:
        return self._dispatch[type(node)](node)

    # ---- numbers ------------------------------------------------------------------------
    def _param(self, node: ir.Param) -> Trace:
        return Trace(node, self.context.params[node.name])

    def _fact(self, node: ir.Fact) -> Trace:
        ref = FactRef(node.indicator, node.year_offset)
        value = self.reader.number(ref)
        return Trace(node, value, reason=MISSING if value is None else "",
                     missing=(ref,) if value is None else ())

    def _arith(self, node: ir.Arith) -> Trace:
        left, right = self.run(node.left), self.run(node.right)
        kids = (left, right)
        if left.value is None or right.value is None:
            return _unknown(node, kids)
        a, b = _num(left), _num(right)
        if node.op is ir.ArithOp.DIV:
            if b <= 0:
                return Trace(node, None, kids, ZERO_DIVISOR if b == 0 else NEGATIVE_DIVISOR)
            return Trace(node, a / b, kids)
        result = a + b if node.op is ir.ArithOp.ADD else a - b if node.op is ir.ArithOp.SUB \
            else a * b
        return Trace(node, result, kids)

    def _reduce(self, node: ir.Reduce) -> Trace:
        kids = tuple(self.run(item) for item in node.items)
        if any(k.value is None for k in kids):
            return _unknown(node, kids)
        values = [_num(k) for k in kids]
        reducers: dict[ir.Aggregate, Callable[[list[Fraction]], Fraction]] = {
            ir.Aggregate.SUM: lambda v: sum(v, Fraction(0)),
            ir.Aggregate.MEAN: lambda v: sum(v, Fraction(0)) / len(v),
            ir.Aggregate.MIN: min, ir.Aggregate.MAX: max,
        }
        return Trace(node, reducers[node.op](values), kids)

    def _years_since(self, node: ir.YearsSince) -> Trace:
        ref = FactRef(node.indicator, None)
        raw = self.reader.raw(ref)
        if raw is None:
            return Trace(node, None, reason=MISSING, missing=(ref,))
        reference = self._reference_date(node.reference)
        if isinstance(raw, date):
            late = (reference.month, reference.day) < (raw.month, raw.day)
            return Trace(node, Fraction(reference.year - raw.year - int(late)))
        return Trace(node, Fraction(reference.year - int(raw)))

    def _reference_date(self, reference: ir.Reference) -> date:
        if reference is ir.Reference.EVALUATION_DATE:
            return self.context.on
        return date(self.context.fiscal_year, 12, 31)

    # ---- predicates ---------------------------------------------------------------------
    def _compare(self, node: ir.Compare) -> Trace:
        left, right = self.run(node.left), self.run(node.right)
        kids = (left, right)
        if left.value is None or right.value is None:
            return _unknown(node, kids)
        return Trace(node, _COMPARE[node.op](left.value, right.value), kids)

    def _compound(self, node: ir.CompoundGrowth) -> Trace:
        kids = (self.run(node.last), self.run(node.first), self.run(node.rate))
        if any(k.value is None for k in kids):
            return _unknown(node, kids)
        last, first, rate = (_num(k) for k in kids)
        if first <= 0:
            return Trace(node, None, kids, BAD_BASE)
        return Trace(node, _COMPARE[node.op](last, first * (1 + rate) ** node.years), kids)

    def _all(self, node: ir.AllOf) -> Trace:
        kids = tuple(self.run(item) for item in node.items)
        if any(k.value is False for k in kids):
            return Trace(node, False, kids)
        if any(k.value is None for k in kids):
            return _unknown(node, kids)
        return Trace(node, True, kids)

    def _any(self, node: ir.AnyOf) -> Trace:
        kids = tuple(self.run(item) for item in node.items)
        if any(k.value is True for k in kids):
            return Trace(node, True, kids)
        if any(k.value is None for k in kids):
            return _unknown(node, kids)
        return Trace(node, False, kids)

    def _at_least(self, node: ir.AtLeast) -> Trace:
        kids = tuple(self.run(item) for item in node.items)
        passes = sum(1 for k in kids if k.value is True)
        unknowns = sum(1 for k in kids if k.value is None)
        if passes >= node.n:
            return Trace(node, True, kids)
        if passes + unknowns < node.n:
            return Trace(node, False, kids)
        return _unknown(node, kids)

    def _not(self, node: ir.Not) -> Trace:
        kid = self.run(node.item)
        value = None if kid.value is None else not kid.value
        return Trace(node, value, (kid,), kid.reason, kid.missing)

    def _flag(self, node: ir.IsTrue | ir.Attested) -> Trace:
        ref = FactRef(node.indicator, getattr(node, "year_offset", None))
        raw = self.reader.raw(ref)
        if raw is None:
            reason = AWAITING if isinstance(node, ir.Attested) else MISSING
            return Trace(node, None, reason=reason, missing=(ref,))
        return Trace(node, bool(raw))

    def _enum_in(self, node: ir.EnumIn) -> Trace:
        ref = FactRef(node.indicator, node.year_offset)
        raw = self.reader.raw(ref)
        if raw is None:
            return Trace(node, None, reason=MISSING, missing=(ref,))
        return Trace(node, raw in node.codes)

    def _holds(self, node: ir.HoldsTitle) -> Trace:
        return Trace(node, self.reader.holds(node))

    def _clause(self, node: ir.Clause) -> Trace:
        body = self.run(node.body)
        exemptions = tuple(self.run(e.condition) for e in node.exemptions)
        kids = (body, *exemptions)
        waived = next((e.id for e, t in zip(node.exemptions, exemptions, strict=True)
                       if t.value is True), None)
        if waived is not None:
            return Trace(node, True, kids, waived_by=waived)
        if body.value is True:
            return Trace(node, True, kids)
        if body.value is False and all(t.value is False for t in exemptions):
            return Trace(node, False, kids)
        return _unknown(node, kids)


def _num(trace: Trace) -> Fraction:
    assert isinstance(trace.value, Fraction)
    return trace.value


def _unknown(node: Expr, kids: tuple[Trace, ...]) -> Trace:
    return Trace(node, None, kids, first_reason(kids), merge_missing(kids))


def run_program(program: ir.Program, doc: FactsDocument, context: EvaluationContext) -> Trace:
    """Trace of the whole verdict: AnyOf(AllOf(criteria), *direct_routes) or AllOf(criteria)."""
    return Interpreter(doc, context).run(program.verdict)
