"""Pool entry evaluated by the engine: one outcome per track, combined as "either track".

A firm enters the pool if ANY track passes (seed 003 表1: 制造类 or 创新类), so the combined
verdict is Kleene ``any``: pass if a track passes, else unknown if a track is undecided, else
fail. Summaries are compact JSON (set ids, per-track verdicts, the main criteria that fail or
are undecided, with the engine's shortfall text) so requests and review items can be replayed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eligibility.api import FactsDocument, Outcome, evaluate
from eligibility.evaluation.outcome import CriterionResult
from portal.pool.standards import EntryStandard

MAIN = "main"


@dataclass(frozen=True)
class TrackResult:
    set_id: str
    title: str
    track_title: str
    verdict: str
    failed: tuple[str, ...]  # main criteria that fail, with their shortfall where known
    undecided: tuple[str, ...]  # main criteria the engine could not decide

    def to_json(self) -> dict[str, Any]:
        return {"set_id": self.set_id, "title": self.title, "track": self.track_title,
                "verdict": self.verdict, "failed": list(self.failed),
                "undecided": list(self.undecided)}


@dataclass(frozen=True)
class EntryVerdict:
    verdict: str
    tracks: tuple[TrackResult, ...]
    standard: EntryStandard

    def to_json(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "tracks": [t.to_json() for t in self.tracks],
                "standard": self.standard.to_json()}


def combine(verdicts: list[str]) -> str:
    """Kleene ``any`` over the tracks' verdicts."""
    if "pass" in verdicts:
        return "pass"
    return "unknown" if "unknown" in verdicts else "fail"


def entry_outcomes(standard: EntryStandard, facts: FactsDocument, *,
                   application: str = "new") -> list[Outcome]:
    return [evaluate(s, facts, on=standard.on, application=application)
            for s in standard.sets]


def entry_verdict(standard: EntryStandard, facts: FactsDocument, *,
                  application: str = "new") -> EntryVerdict:
    tracks = tuple(track_result(o) for o in entry_outcomes(standard, facts,
                                                           application=application))
    return EntryVerdict(combine([t.verdict for t in tracks]), tracks, standard)


def track_result(outcome: Outcome) -> TrackResult:
    criteria_set = outcome.criteria_set
    main = [c for c in outcome.criteria if c.info.role == MAIN and c.waived_by is None]
    return TrackResult(
        set_id=criteria_set.id, title=criteria_set.title,
        track_title=criteria_set.track_title or criteria_set.title,
        verdict=outcome.verdict,
        failed=tuple(_described(c) for c in main if c.status == "fail"),
        undecided=tuple(c.info.title for c in main if c.status == "unknown"))


def _described(result: CriterionResult) -> str:
    needs = [g.need.text for g in result.gaps if g.need is not None]
    return f"{result.info.title}（{needs[0]}）" if needs else result.info.title
