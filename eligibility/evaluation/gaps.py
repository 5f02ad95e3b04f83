"""Shortfalls: by how much a failed numeric test misses, and what one fact would need to be.

For ``L op R`` failing with both sides known, the shortfall is |R − L| in the comparison's
unit (个百分点 for ratios). If ``L`` is built from facts by + − × ÷ and sums/means, the first
fact on a numerator path (left to right; for year sums the latest year) is solved for, holding
every other fact at its value: "研发费用还差 37.5 万元". Needed values are rounded to the fact's
storage unit in the direction that makes the test pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from eligibility import ir
from eligibility.ir import CompareOp, Dim, FactRef
from indicators.vocabulary import BY_ID

from .display import difference_text, fact_label, quantity_text
from .trace import Trace

_FLIP = {CompareOp.GE: CompareOp.LE, CompareOp.GT: CompareOp.LT, CompareOp.LE: CompareOp.GE,
         CompareOp.LT: CompareOp.GT, CompareOp.EQ: CompareOp.EQ, CompareOp.NE: CompareOp.NE}
_RAISE = (CompareOp.GE, CompareOp.GT)


@dataclass(frozen=True)
class Need:
    fact: FactRef
    current: Fraction  # base units
    needed: Fraction  # base units, rounded to the fact's storage unit
    text: str  # "2025年度研发费用还差37.5万元"


@dataclass(frozen=True)
class Gap:
    value: Fraction  # the left side, base units
    threshold: Fraction  # the right side, base units
    dim: Dim
    shortfall: Fraction  # |threshold − value|, base units
    op: CompareOp
    need: Need | None

    def text(self) -> str:
        """'差0.5个百分点' / '超出5个百分点' / '须高于3%'."""
        if self.shortfall == 0:
            word = "须高于" if self.op is CompareOp.GT else "须低于"
            return f"{word}{quantity_text(self.threshold, self.dim)}"
        word = "还差" if self.op in _RAISE else "超出"
        return f"{word}{difference_text(self.shortfall, self.dim)}"


def compare_gap(trace: Trace, fiscal_year: int) -> Gap | None:
    """The gap of a failed ``Compare`` whose sides are known; None otherwise."""
    node = trace.node
    if not isinstance(node, ir.Compare) or trace.value is not False:
        return None
    left, right = trace.children
    op = node.op
    if not _has_fact(left) and _has_fact(right):
        left, right, op = right, left, _FLIP[op]
    if op in (CompareOp.EQ, CompareOp.NE):
        return None
    return _gap(left, _frac(right), node.left.dim, op, fiscal_year)


def compound_gap(trace: Trace, fiscal_year: int) -> Gap | None:
    node = trace.node
    if not isinstance(node, ir.CompoundGrowth) or trace.value is not False:
        return None
    last, first, rate = trace.children
    target = _frac(first) * (1 + _frac(rate)) ** node.years
    return _gap(last, target, node.last.dim, node.op, fiscal_year)


def _gap(left: Trace, target: Fraction, dim: Dim, op: CompareOp, fiscal_year: int) -> Gap:
    value = _frac(left)
    need = _need(left, target, op, fiscal_year)
    return Gap(value, target, dim, abs(target - value), op, need)


def _need(left: Trace, target: Fraction, op: CompareOp, fiscal_year: int) -> Need | None:
    solved = _invert(left, target)
    if solved is None:
        return None
    ref, current, needed = solved
    ind = BY_ID[ref.indicator]
    needed = _round_to_storage(needed, ir.storage_factor(ind), op)
    dim = ir.indicator_dim(ind)
    delta = abs(needed - current)
    verb = "还差" if needed > current else "需减少"
    text = f"{fact_label(ref, fiscal_year)}{verb}{difference_text(delta, dim)}"
    return Need(ref, current, needed, text)


def _round_to_storage(needed: Fraction, factor: Fraction, op: CompareOp) -> Fraction:
    units = needed / factor
    if op is CompareOp.GE:
        whole = math.ceil(units)
    elif op is CompareOp.GT:
        whole = math.floor(units) + 1
    elif op is CompareOp.LE:
        whole = math.floor(units)
    else:
        whole = math.ceil(units) - 1
    return whole * factor


def _invert(trace: Trace, target: Fraction) -> tuple[FactRef, Fraction, Fraction] | None:
    """Solve ``trace.node == target`` for its first numerator fact, others held fixed."""
    node = trace.node
    if isinstance(node, ir.Fact):
        return FactRef(node.indicator, node.year_offset), _frac(trace), target
    if isinstance(node, ir.Arith):
        return _invert_arith(node.op, trace.children, target)
    if isinstance(node, ir.Reduce) and node.op in (ir.Aggregate.SUM, ir.Aggregate.MEAN):
        total = target * len(trace.children) if node.op is ir.Aggregate.MEAN else target
        for i, item in enumerate(trace.children):
            others = sum((_frac(t) for j, t in enumerate(trace.children) if j != i), Fraction(0))
            solved = _invert(item, total - others)
            if solved is not None:
                return solved
    return None


def _invert_arith(op: ir.ArithOp, kids: tuple[Trace, ...], target: Fraction,
                  ) -> tuple[FactRef, Fraction, Fraction] | None:
    left, right = kids
    a, b = _frac(left), _frac(right)
    if op is ir.ArithOp.ADD:
        return _invert(left, target - b) or _invert(right, target - a)
    if op is ir.ArithOp.SUB:
        return _invert(left, target + b) or _invert(right, a - target)
    if op is ir.ArithOp.MUL:
        first = _invert(left, target / b) if b != 0 else None
        return first or (_invert(right, target / a) if a != 0 else None)
    return _invert(left, target * b)  # DIV: only the numerator is a lever


def _has_fact(trace: Trace) -> bool:
    return any(isinstance(t.node, ir.Fact) for t in trace.walk())


def _frac(trace: Trace) -> Fraction:
    assert isinstance(trace.value, Fraction)
    return trace.value
