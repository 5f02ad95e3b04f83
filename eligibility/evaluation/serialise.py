"""Outcome → JSON-ready dict (the shape `zjtx evaluate --format json` prints)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from eligibility import ir
from eligibility.ir import FactRef

from .display import decimal_text, fact_label, quantity_text
from .gaps import Gap
from .trace import Trace

if TYPE_CHECKING:
    from .outcome import CriterionResult, Outcome, ScoreResult

OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}


def quantity_dict(base: Fraction, dim: ir.Dim) -> dict[str, str]:
    shown = dim.to_display(base)
    return {"amount": decimal_text(shown, 4), "unit": dim.unit,
            "exact": f"{shown.numerator}/{shown.denominator}" if shown.denominator != 1
            else str(shown.numerator), "text": quantity_text(base, dim)}


def points_dict(points: Fraction) -> str:
    return decimal_text(points, 2)


def headline(result: CriterionResult) -> tuple[Trace, Trace, ir.Compare] | None:
    """The clause's first comparison with both sides known (the failing one if it failed)."""
    if result.gaps:
        return None
    body = result.trace.children[0]
    for trace in _own(body):
        node = trace.node
        if isinstance(node, ir.Compare) and all(k.value is not None for k in trace.children):
            return trace.children[0], trace.children[1], node
    return None


def _own(trace: Trace) -> list[Trace]:
    found = [trace]
    if not isinstance(trace.node, ir.Clause):
        for kid in trace.children:
            found.extend(_own(kid))
    return found


def gap_dict(gap: Gap) -> dict[str, Any]:
    return {
        "value": quantity_dict(gap.value, gap.dim),
        "threshold": quantity_dict(gap.threshold, gap.dim),
        "op": OP_TEXT[gap.op.value],
        "shortfall": quantity_dict(gap.shortfall, gap.dim) | {"text": gap.text()},
        "needs": None if gap.need is None else {
            "fact": gap.need.fact.indicator, "year_offset": gap.need.fact.year_offset,
            "text": gap.need.text},
    }


def missing_list(refs: tuple[FactRef, ...], fy: int) -> list[dict[str, Any]]:
    return [{"fact": r.indicator, "year_offset": r.year_offset,
             "year": None if r.year_offset is None else fy - r.year_offset,
             "label": fact_label(r, fy)} for r in refs]


def criterion_dict(result: CriterionResult, fy: int) -> dict[str, Any]:
    info = result.info
    out: dict[str, Any] = {
        "id": info.id, "title": info.title, "role": info.role.value, "depth": result.depth,
        "status": result.status, "waived_by": None, "value": None, "threshold": None,
        "shortfall": None, "gaps": [gap_dict(g) for g in result.gaps],
        "missing_facts": missing_list(result.missing, fy), "reason": result.trace.reason or None,
        "citation": info.citation.to_dict(), "confidence": info.confidence.value,
        "clause": info.clause or None,
    }
    if result.waived_by is not None:
        out["waived_by"] = {"id": result.waived_by.id, "title": result.waived_by.title,
                            "citation": result.waived_by.citation.to_dict()}
    if result.gaps:
        first = out["gaps"][0]
        out.update(value=first["value"], threshold=first["threshold"],
                   shortfall=first["shortfall"])
    elif result.score is not None:
        # The total decides a score clause; the band conditions inside it (研发费用占比≥6%
        # for the top band) are how points were found, not what the clause compares.
        trace = result.score.trace
        out.update(value=score_value(trace.lower, trace.upper),
                   threshold=quantity_dict(trace.threshold, ir.SCORE))
    elif (found := headline(result)) is not None:
        left, right, node = found
        assert isinstance(left.value, Fraction) and isinstance(right.value, Fraction)
        out.update(value=quantity_dict(left.value, node.left.dim),
                   threshold=quantity_dict(right.value, node.right.dim))
    if result.score is not None:
        out["score"] = score_dict(result.score)
    return out


def score_value(lower: Fraction, upper: Fraction) -> dict[str, str]:
    """The score as a quantity; while facts are missing, its lower bound with the interval
    as text (42～92分)."""
    value = quantity_dict(lower, ir.SCORE)
    if upper != lower:
        value["text"] = f"{points_dict(lower)}～{quantity_text(upper, ir.SCORE)}"
    return value


def score_dict(score: ScoreResult) -> dict[str, Any]:
    trace, gaps = score.trace, score.gaps
    return {
        "lower": points_dict(trace.lower), "upper": points_dict(trace.upper),
        "threshold": points_dict(trace.threshold), "deficit": points_dict(gaps.deficit),
        "indicators": [{"id": s.id, "title": s.title, "category": s.category,
                        "lower": points_dict(s.lower), "upper": points_dict(s.upper),
                        "max": points_dict(s.max_points), "band": s.label or None}
                       for s in trace.indicators],
        "categories": [{"id": c.id, "title": c.title, "lower": points_dict(c.lower),
                        "upper": points_dict(c.upper),
                        "minimum": None if c.minimum is None else points_dict(c.minimum)}
                       for c in trace.categories],
        "could_add": [{"id": i, "title": t, "points": points_dict(p)}
                      for i, t, p in gaps.could_add],
        "cheapest": [{"indicator": s.indicator, "points": points_dict(s.gain), "text": s.text}
                     for s in gaps.cheapest],
    }


def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    cs, fy = outcome.criteria_set, outcome.fiscal_year
    score = outcome.score
    return {
        "criteria_set": {"id": cs.id, "version": cs.version, "title": cs.title, "tier": cs.tier,
                         "level": cs.level, "jurisdiction": cs.jurisdiction,
                         "source": cs.source.label()},
        "on": outcome.on.isoformat(), "fiscal_year": fy,
        "application": outcome.application.value, "verdict": outcome.verdict,
        "score": None if score is None else score_dict(score),
        "parameters": {p.name: quantity_dict(outcome.params[p.name], p.dim)
                       for p in cs.parameters},
        "criteria": [criterion_dict(c, fy) for c in outcome.criteria],
        "missing_facts": missing_list(outcome.missing, fy),
        "explanation": outcome.explanation,
    }
