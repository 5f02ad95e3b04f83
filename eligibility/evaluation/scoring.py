"""Evaluating score tables: points as intervals while facts are missing (docs/engine-ir.md §5)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from eligibility import ir

from .trace import CategoryScore, IndicatorScore, ScoreTrace, Trace, merge_missing

if TYPE_CHECKING:
    from .interpreter import Interpreter


def score_table(interp: Interpreter, node: ir.ScoreTable) -> Trace:
    scores = tuple(_indicator(interp, ind) for ind in node.indicators)
    categories = tuple(_category(interp, node, cat, scores) for cat in node.categories)
    threshold = _constant(interp, node.threshold)
    lower = sum((s.lower for s in scores), Fraction(0))
    upper = sum((s.upper for s in scores), Fraction(0))
    trace = ScoreTrace(lower, upper, threshold, scores, categories)
    value = _verdict(interp, node, trace)
    kids = tuple(s.detail for s in scores)
    unsure = [s.detail for s in scores if s.lower != s.upper]
    reason = "" if value is not None else "评分尚不确定：部分指标缺少数据"
    return Trace(node, value, kids, reason, merge_missing(unsure) if value is None else (),
                 score=trace)


def _constant(interp: Interpreter, expr: ir.NumExpr) -> Fraction:
    value = interp.run(expr).value
    assert isinstance(value, Fraction)
    return value


def _verdict(interp: Interpreter, node: ir.ScoreTable, trace: ScoreTrace) -> bool | None:
    minimums = [(c.lower, c.upper, c.minimum) for c in trace.categories]
    for ind, score in zip(node.indicators, trace.indicators, strict=True):
        if ind.minimum is not None:
            minimums.append((score.lower, score.upper, _constant(interp, ind.minimum)))
    if trace.upper < trace.threshold or any(
            m is not None and hi < m for _, hi, m in minimums):
        return False
    if trace.lower >= trace.threshold and all(m is None or lo >= m for lo, _, m in minimums):
        return True
    return None


def _category(interp: Interpreter, node: ir.ScoreTable, cat: ir.ScoreCategory,
              scores: tuple[IndicatorScore, ...]) -> CategoryScore:
    mine = [s for s in scores if s.category == cat.id]
    return CategoryScore(
        cat.id, cat.title, sum((s.lower for s in mine), Fraction(0)),
        sum((s.upper for s in mine), Fraction(0)),
        None if cat.minimum is None else _constant(interp, cat.minimum))


def _indicator(interp: Interpreter, ind: ir.ScoredIndicator) -> IndicatorScore:
    if isinstance(ind.rule, ir.Banded):
        lower, upper, label, detail = _banded(interp, ind.rule)
    else:
        lower, upper, label, detail = _cases(interp, ind.rule)
    return IndicatorScore(ind.id, ind.title, ind.category, lower, upper, ind.max_points,
                          label, detail)


def _banded(interp: Interpreter, rule: ir.Banded) -> tuple[Fraction, Fraction, str, Trace]:
    detail = interp.run(rule.value)
    if detail.value is None:
        points = rule.possible_points()
        return min(points), max(points), "", detail
    assert isinstance(detail.value, Fraction)
    band = next(b for b in rule.bands if b.contains(detail.value))
    return band.points, band.points, band.label, detail


def _cases(interp: Interpreter, rule: ir.Cases) -> tuple[Fraction, Fraction, str, Trace]:
    kids: list[Trace] = []
    possible: list[Fraction] = []
    label = ""
    for case in rule.cases:
        trace = interp.run(case.condition)
        kids.append(trace)
        if trace.value is True:
            possible.append(case.points)
            label = case.label if len(possible) == 1 else ""
            break
        if trace.value is None:
            possible.append(case.points)
    else:
        possible.append(rule.otherwise)
        label = rule.otherwise_label if len(possible) == 1 else ""
    value = None if len(set(possible)) > 1 else True
    detail = Trace(ir.AnyOf(tuple(c.condition for c in rule.cases)), value, tuple(kids),
                   missing=merge_missing(kids) if value is None else ())
    return min(possible), max(possible), label, detail
