"""The pipeline: per rung of the ladder, how many enterprises of the scope meet it today, and
how many are one or two main criteria short.

Counts come from the stored assessment results (portal.assessments), the same rows the
enterprise list filters on, so a number and the list behind it agree. When nothing has been
assessed yet, a small scope is assessed live with the batch engine (nothing is stored) and the
page says so; a large one waits for the batch run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from eligibility.authoring.model import TIER_ORDER
from indicators.vocabulary import LEVEL_LABELS, TITLE_BY_ID
from portal.assessments import batch
from portal.assessments.distance import ONE_SHORT, PASSES, TWO_SHORT
from portal.assessments.library import criteria_library
from portal.assessments.models import Assessment, Verdict
from portal.dashboards.links import list_url
from portal.dashboards.scope import DashboardScope
from portal.dashboards.selectors import Cell, scoped
from portal.enterprises.selectors import current_facts_frame

# The live fallback evaluates ~200 enterprises a second; beyond this a page would stall.
LIVE_LIMIT = 500


class Source:
    STORED = "stored"
    LIVE = "live"
    NONE = "none"


@dataclass(frozen=True)
class PipelineRow:
    rung: str  # "tier:level", the workspace's rung key
    label: str
    assessed: int
    passed: Cell
    one_short: Cell
    two_short: Cell


@dataclass(frozen=True)
class Pipeline:
    rows: list[PipelineRow]
    source: str
    assessed_on: dt.date | None


def pipeline(scope: DashboardScope) -> Pipeline:
    """Stored results when there are any for the scope, else a live assessment if small."""
    stored = scoped(Assessment.objects.all(), scope)
    on = stored.aggregate(on=Max("on"))["on"]
    if on is not None:
        return Pipeline(_rows(_stored_counts(stored), linked=True), Source.STORED, on)
    if scope.enterprises.count() <= LIVE_LIMIT:
        today = timezone.localdate()
        return Pipeline(_rows(_live_counts(scope, today), linked=False), Source.LIVE, today)
    return Pipeline([], Source.NONE, None)


Counts = dict[tuple[str, str], tuple[int, int, int, int]]


def _stored_counts(stored: QuerySet[Assessment]) -> Counts:
    rows = stored.order_by().values("tier", "level").annotate(
        assessed=Count("pk"), passed=Count("pk", filter=PASSES),
        one=Count("pk", filter=ONE_SHORT), two=Count("pk", filter=TWO_SHORT))
    return {(r["tier"], r["level"]): (r["assessed"], r["passed"], r["one"], r["two"])
            for r in rows}


def _live_counts(scope: DashboardScope, on: dt.date) -> Counts:
    frame = current_facts_frame(enterprises=scope.enterprises, years=batch.frame_years(on))
    # The columnar layout names enterprises by USCC; the batch rows need primary keys.
    keys = pl.DataFrame(list(scope.enterprises.values_list("uscc", "pk")), orient="row",
                        schema={"uscc": pl.String, "enterprise_id": pl.Int64})
    frame = frame.join(keys, on="uscc", how="inner")
    counts: dict[tuple[str, str], list[int]] = {}
    for row in batch.assess_frame(frame, criteria_library(), on, timezone.now()):
        tally = counts.setdefault((row.tier, row.level), [0, 0, 0, 0])
        tally[0] += 1
        tally[1] += row.verdict == Verdict.PASS
        distance = row.failed_count + row.unknown_count
        tally[2] += row.verdict != Verdict.PASS and distance == 1
        tally[3] += row.verdict != Verdict.PASS and distance == 2
    return {key: (t[0], t[1], t[2], t[3]) for key, t in counts.items()}


def _rows(counts: Counts, *, linked: bool) -> list[PipelineRow]:
    def cell(count: int, **filters: str) -> Cell:
        return Cell(count, list_url(**filters) if linked and count else None)

    ordered = sorted(counts, key=_rung_order)
    return [PipelineRow(f"{tier}:{level}", rung_label(tier, level), counts[(tier, level)][0],
                        cell(counts[(tier, level)][1], passes=f"{tier}:{level}"),
                        cell(counts[(tier, level)][2], ready=f"{tier}:{level}"),
                        cell(counts[(tier, level)][3], two_short=f"{tier}:{level}"))
            for tier, level in ordered]


def _rung_order(rung: tuple[str, str]) -> tuple[int, int]:
    tier, level = rung
    levels = list(LEVEL_LABELS)
    return (TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER),
            levels.index(level) if level in levels else len(levels))


def rung_label(tier: str, level: str) -> str:
    name = TITLE_BY_ID[tier].name if tier in TITLE_BY_ID else _set_title(tier)
    return f"{LEVEL_LABELS.get(level, '')}{name}"


def _set_title(tier: str) -> str:
    for criteria_set in criteria_library().sets:
        if criteria_set.tier == tier:
            return criteria_set.title
    return tier
