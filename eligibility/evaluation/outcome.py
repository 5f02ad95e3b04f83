"""An evaluation's result for people and programs: per-criterion status, gaps, missing facts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from eligibility import ir
from eligibility.authoring.model import CriteriaSet, CriterionInfo
from eligibility.ir import ApplicationType, FactRef

from .display import fact_label
from .gaps import Gap, compare_gap, compound_gap
from .scoregaps import ScoreGaps, score_gaps
from .trace import ScoreTrace, Trace

STATUS = {True: "pass", False: "fail", None: "unknown"}
STATUS_LABELS = {"pass": "满足", "fail": "不满足", "unknown": "待定", "waived": "豁免"}


def status_of(value: object) -> str:
    return STATUS[value] if value is None or isinstance(value, bool) else "unknown"


@dataclass(frozen=True)
class ScoreResult:
    trace: ScoreTrace
    gaps: ScoreGaps


@dataclass(frozen=True)
class CriterionResult:
    info: CriterionInfo
    status: str  # pass / fail / unknown
    trace: Trace
    waived_by: CriterionInfo | None = None
    gaps: tuple[Gap, ...] = ()
    missing: tuple[FactRef, ...] = ()
    score: ScoreResult | None = None
    depth: int = 0


@dataclass(frozen=True)
class Outcome:
    criteria_set: CriteriaSet
    on: date
    application: ApplicationType
    params: dict[str, Fraction]
    verdict: str
    trace: Trace
    criteria: tuple[CriterionResult, ...]
    missing: tuple[FactRef, ...] = ()
    explanation: str = field(default="", compare=False)

    @property
    def fiscal_year(self) -> int:
        return ir.fiscal_year(self.on)

    @property
    def score(self) -> ScoreResult | None:
        return next((c.score for c in self.criteria if c.score is not None), None)

    def result(self, criterion_id: str) -> CriterionResult:
        return next(c for c in self.criteria if c.info.id == criterion_id)

    def to_dict(self) -> dict[str, Any]:
        from .serialise import outcome_dict

        return outcome_dict(self)


def criterion_results(criteria_set: CriteriaSet, root: Trace, fiscal_year: int,
                      ) -> tuple[CriterionResult, ...]:
    """One result per clause in the trace (criteria, parts, direct routes), in reading order."""
    out: list[CriterionResult] = []
    _collect(criteria_set, root, fiscal_year, 0, out)
    return tuple(out)


def _collect(cs: CriteriaSet, trace: Trace, fy: int, depth: int, out: list[CriterionResult],
             ) -> None:
    node = trace.node
    if isinstance(node, ir.Clause):
        out.append(_result(cs, trace, node, fy, depth))
        depth += 1
        for kid in trace.children[:1]:  # exemption conditions are reported with the clause
            _collect(cs, kid, fy, depth, out)
        return
    for kid in trace.children:
        _collect(cs, kid, fy, depth, out)


def _result(cs: CriteriaSet, trace: Trace, node: ir.Clause, fy: int, depth: int,
            ) -> CriterionResult:
    waived = cs.info[trace.waived_by] if trace.waived_by else None
    score_trace = next((t for t in _own(trace.children[0]) if t.score is not None), None)
    score = None
    if score_trace is not None and score_trace.score is not None:
        assert isinstance(score_trace.node, ir.ScoreTable)
        score = ScoreResult(score_trace.score, score_gaps(score_trace.node, score_trace.score))
    failing = _failing(trace.children[0], cs.guards)
    gaps = tuple(sorted((g for t in failing if (g := _gap(t, fy)) is not None), key=_nearness))
    return CriterionResult(cs.info[node.id], status_of(trace.value), trace, waived,
                           gaps if trace.value is False else (), trace.missing, score, depth)


def _nearness(gap: Gap) -> Fraction:
    """Relative shortfall: the alternative closest to passing is listed first."""
    return gap.shortfall / abs(gap.threshold) if gap.threshold else gap.shortfall


def _gap(trace: Trace, fy: int) -> Gap | None:
    return compare_gap(trace, fy) or compound_gap(trace, fy)


def _own(trace: Trace) -> list[Trace]:
    """The nodes of a clause's body, not descending into nested clauses."""
    found = [trace]
    if not isinstance(trace.node, ir.Clause):
        for kid in trace.children:
            found.extend(_own(kid))
    return found


def _failing(trace: Trace, guards: frozenset[ir.BoolExpr]) -> list[Trace]:
    """Comparisons that make a failed body fail (every alternative of a failed 'any').

    A conjunction one of whose ``choose`` guards fails is a branch that does not apply to this
    enterprise (another revenue band, say): its comparisons are no gap.
    """
    if trace.value is not False or isinstance(trace.node, ir.Not | ir.Clause):
        return []
    if isinstance(trace.node, ir.Compare | ir.CompoundGrowth):
        return [trace]
    if isinstance(trace.node, ir.AllOf) and any(
            k.value is False and k.node in guards for k in trace.children):
        return []
    return [f for kid in trace.children for f in _failing(kid, guards)]


def rank_missing(root: Trace, results: tuple[CriterionResult, ...]) -> tuple[FactRef, ...]:
    """The root's missing facts, most decisive first.

    A fact that alone leaves an unknown criterion undecided ranks first, then facts shared by
    more unknown criteria, then first use.
    """
    unknown = [r for r in results if r.status == "unknown"]
    alone = Counter(r.missing[0] for r in unknown if len(r.missing) == 1)
    shared = Counter(ref for r in unknown for ref in r.missing)
    order = {ref: i for i, ref in enumerate(root.missing)}
    return tuple(sorted(root.missing, key=lambda f: (-alone[f], -shared[f], order[f])))


def missing_text(refs: tuple[FactRef, ...], fy: int) -> str:
    return "、".join(fact_label(ref, fy) for ref in refs)
