"""One enterprise against every criteria set in force on a date, shaped for people: per
criterion status, value, threshold, shortfall, missing facts and citation; the nearest tier not
yet reached and the cheapest path to it; the questions whose answers would change a verdict.

Evaluation is live (the reference interpreter, ~40 ms per enterprise), so a page always shows
the current facts; stored Assessment rows only serve lists and counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from eligibility.api import Outcome, evaluate_ladder
from eligibility.ir import FactRef
from indicators.vocabulary import BY_ID, LEVEL_LABELS
from portal.assessments.library import criteria_library
from portal.enterprises.documents import facts_document
from portal.enterprises.models import Enterprise, Title

STATUS_LABELS = {"pass": "通过", "fail": "未通过", "unknown": "待定", "waived": "豁免"}
VERIFIED = "verified"


@dataclass(frozen=True)
class Question:
    """One fact to ask for: an indicator and, for annual ones, the fiscal year."""

    indicator: str
    year: int | None
    label: str
    decisive: bool  # named by an undecided verdict's missing facts


@dataclass
class Rung:
    outcome: Outcome
    data: dict[str, Any]
    criteria: list[dict[str, Any]]
    held: bool
    failed_count: int = 0
    unknown_count: int = 0
    path: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return self.outcome.verdict

    @property
    def verdict_label(self) -> str:
        return STATUS_LABELS[self.verdict]

    @property
    def title(self) -> str:
        return str(self.data["criteria_set"]["title"])

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.outcome.criteria_set.level, "")

    @property
    def distance(self) -> int:
        return self.failed_count + self.unknown_count

    @property
    def unverified_count(self) -> int:
        return sum(1 for c in self.criteria if not c["verified"])


@dataclass
class LadderView:
    on: dt.date
    fiscal_year: int
    rungs: list[Rung]
    nearest: Rung | None
    questions: list[Question]

    @property
    def passed(self) -> list[Rung]:
        return [r for r in self.rungs if r.verdict == "pass"]


def enterprise_ladder(enterprise: Enterprise, on: dt.date | None = None,
                      facts: Mapping[str, Any] | None = None) -> LadderView:
    """``facts`` replaces the stored facts document (a what-if preview)."""
    day = on or timezone.localdate()
    document = facts if facts is not None else facts_document(enterprise)
    outcomes = evaluate_ladder(criteria_library(), document, on=day)
    held = _held(enterprise, day)
    rungs = [_rung(o, (o.criteria_set.tier, o.criteria_set.level) in held) for o in outcomes]
    fiscal_year = day.year - 1
    return LadderView(on=day, fiscal_year=fiscal_year, rungs=rungs, nearest=_nearest(rungs),
                      questions=_questions(rungs, outcomes, fiscal_year))


def _held(enterprise: Enterprise, day: dt.date) -> set[tuple[str, str]]:
    titles = Title.objects.filter(enterprise=enterprise, valid_from__lte=day)
    return {(t.tier, t.level) for t in titles
            if t.valid_until is None or t.valid_until >= day}


def _rung(outcome: Outcome, held: bool) -> Rung:
    data = outcome.to_dict()
    criteria = [_criterion(c) for c in data["criteria"]]
    main = [c for c in criteria if c["role"] == "main"]
    rung = Rung(outcome=outcome, data=data, criteria=criteria, held=held,
                failed_count=sum(1 for c in main if c["status"] == "fail"),
                unknown_count=sum(1 for c in main if c["status"] == "unknown"))
    rung.path = _path(criteria) if outcome.verdict != "pass" else []
    return rung


def _criterion(raw: dict[str, Any]) -> dict[str, Any]:
    status = "waived" if raw["waived_by"] else raw["status"]
    shown = dict(raw)
    shown.update(
        status=status, status_label=STATUS_LABELS[status],
        verified=raw["confidence"] == VERIFIED,
        value_text=(raw["value"] or {}).get("text", ""),
        threshold_text=_threshold_text(raw),
        shortfall_text=_shortfall_text(raw),
        missing_labels=[m["label"] for m in raw["missing_facts"]],
        citation_text=raw["citation"]["text"],
    )
    return shown


def _threshold_text(raw: dict[str, Any]) -> str:
    threshold = raw["threshold"]
    if not threshold:
        return ""
    op = raw["gaps"][0]["op"] if raw["gaps"] else ""
    return f"{op}{threshold['text']}"


def _shortfall_text(raw: dict[str, Any]) -> str:
    if not raw["gaps"]:
        return ""
    gap = raw["gaps"][0]
    needs = gap.get("needs")
    return str(needs["text"]) if needs else str(gap["shortfall"]["text"])


# How the engine's gap texts begin when they name no fact (eligibility.evaluation.gaps).
BARE_GAP_WORDS = ("还差", "超出", "须高于", "须低于")


def _path(criteria: list[dict[str, Any]]) -> list[str]:
    """What to do, criterion by criterion, for every main criterion not met: the shortfall
    of the clause or of its failing parts, the cheapest score steps, the facts to supply."""
    steps: list[str] = []
    for index, criterion in enumerate(criteria):
        if criterion["role"] != "main" or criterion["status"] in ("pass", "waived"):
            continue
        steps.extend(_steps_for(criterion, _parts_of(criteria, index)))
    return list(dict.fromkeys(steps))


def _parts_of(criteria: list[dict[str, Any]], index: int) -> list[dict[str, Any]]:
    depth = criteria[index]["depth"]
    parts = []
    for criterion in criteria[index + 1:]:
        if criterion["depth"] <= depth:
            break
        parts.append(criterion)
    return parts


def _steps_for(criterion: dict[str, Any], parts: list[dict[str, Any]]) -> list[str]:
    title = criterion["title"]
    if criterion.get("score") and criterion["score"]["cheapest"]:
        return [f"{title}：{s['text']}" for s in criterion["score"]["cheapest"]]
    if criterion["status"] == "unknown":
        labels = criterion["missing_labels"] or _part_missing(parts)
        return [f"补充数据：{'、'.join(labels)}（{title}）"] if labels else [f"待认定：{title}"]
    for part in (criterion, *parts):
        text = part["shortfall_text"]
        if text:
            # A bare gap ("还差2年") says how much but not of what: name the clause.
            return [f"{part['title']}：{text}" if text.startswith(BARE_GAP_WORDS) else text]
    return [f"需满足：{title}"]


def _part_missing(parts: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(label for p in parts for label in p["missing_labels"]))


def _nearest(rungs: list[Rung]) -> Rung | None:
    """The rung not yet passed nor held with the fewest unmet main criteria (lower tiers
    first on a tie): the next step worth working on."""
    open_rungs = [r for r in rungs if r.verdict != "pass" and not r.held]
    if not open_rungs:
        return None
    return min(open_rungs, key=lambda r: (r.distance, r.failed_count,
                                          r.outcome.criteria_set.tier_rank))


def _questions(rungs: list[Rung], outcomes: list[Outcome], fiscal_year: int,
               ) -> list[Question]:
    """Facts whose answer would decide an undecided verdict (nearest rung first, in the
    engine's most-decisive-first order), then facts that would decide an undecided
    criterion, then facts a shortfall names."""
    order = sorted(range(len(rungs)), key=lambda i: (rungs[i].verdict == "pass",
                                                     rungs[i].distance))
    decisive: list[FactRef] = []
    for i in order:
        decisive.extend(outcomes[i].missing)
    found: dict[tuple[str, int | None], Question] = {}
    for ref in decisive:
        _add(found, ref.indicator, _year(ref, fiscal_year), True)
    for i in order:  # facts that would decide an undecided criterion, even of a failed set
        for criterion in rungs[i].data["criteria"]:
            for missing in criterion["missing_facts"]:
                _add(found, missing["fact"], missing["year"], False)
    for i in order:
        for criterion in rungs[i].data["criteria"]:
            for gap in criterion["gaps"]:
                if gap.get("needs"):
                    offset = gap["needs"]["year_offset"]
                    year = None if offset is None else fiscal_year - offset
                    _add(found, gap["needs"]["fact"], year, False)
    return list(found.values())


def _year(ref: FactRef, fiscal_year: int) -> int | None:
    return None if ref.year_offset is None else fiscal_year - ref.year_offset


def _add(found: dict[tuple[str, int | None], Question], indicator: str, year: int | None,
         decisive: bool) -> None:
    ind = BY_ID.get(indicator)
    if ind is None or (indicator, year) in found:
        return
    label = f"{year}年度{ind.name}" if year is not None else ind.name
    found[(indicator, year)] = Question(indicator, year, label, decisive)
