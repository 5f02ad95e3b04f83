"""Writes of stored assessment results: one enterprise right after its facts change, or a
whole population (all, or only the enterprises whose facts changed since the last run)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import polars as pl
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from eligibility.api import evaluate_ladder
from portal.assessments import batch
from portal.assessments.library import criteria_library
from portal.assessments.models import Assessment, AssessmentRun
from portal.assessments.rows import assessment_from_outcome
from portal.enterprises.documents import facts_document
from portal.enterprises.models import Enterprise, Fact, Title
from portal.enterprises.selectors import current_facts_frame

CHUNK = 5_000
Progress = Callable[[int, int, str], None]


def assessment_refresh(*, enterprise: Enterprise, on: dt.date | None = None,
                       ) -> list[Assessment]:
    """Re-evaluate one enterprise with the reference interpreter and replace its rows."""
    day = on or timezone.localdate()
    outcomes = evaluate_ladder(criteria_library(), facts_document(enterprise), on=day)
    now = timezone.now()
    rows = [assessment_from_outcome(o, enterprise_id=enterprise.pk, at=now) for o in outcomes]
    _replace([enterprise.pk], rows)
    return rows


def _replace(enterprise_ids: Sequence[int], rows: list[Assessment]) -> None:
    with transaction.atomic():
        Assessment.objects.filter(enterprise_id__in=enterprise_ids).delete()
        Assessment.objects.bulk_create(rows, batch_size=2_000)


def stale_enterprise_ids(since: dt.datetime | None) -> list[int]:
    """Enterprises never assessed, or whose facts or titles changed after ``since``."""
    never = Enterprise.objects.exclude(pk__in=Assessment.objects.values("enterprise_id"))
    ids = set(never.values_list("pk", flat=True))
    if since is None:
        return sorted(Enterprise.objects.values_list("pk", flat=True))
    ids.update(Fact.objects.filter(entered_at__gt=since).values_list("enterprise_id", flat=True))
    ids.update(Title.objects.filter(entered_at__gt=since).values_list("enterprise_id", flat=True))
    return sorted(ids)


def last_run_started() -> dt.datetime | None:
    run = AssessmentRun.objects.filter(finished_at__isnull=False).order_by("-started_at").first()
    return run.started_at if run else None


def population_assess(*, only_stale: bool = False, on: dt.date | None = None,
                      task_id: str = "", progress: Progress | None = None) -> AssessmentRun:
    """Re-assess every enterprise (or only the stale ones) in chunks with the batch engine."""
    report = progress or (lambda done, total, message: None)
    run = AssessmentRun.objects.create(started_at=timezone.now(),
                                       on=on or timezone.localdate(), only_stale=only_stale,
                                       task_id=task_id)
    ids = (stale_enterprise_ids(last_run_started()) if only_stale
           else sorted(Enterprise.objects.values_list("pk", flat=True)))
    report(0, len(ids), f"待评估 {len(ids)} 户企业")
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        _assess_chunk(Enterprise.objects.filter(pk__in=chunk), chunk, run.on)
        done = start + len(chunk)
        report(done, len(ids), f"已评估 {done}/{len(ids)} 户企业")
    run.finished_at = timezone.now()
    run.enterprise_count = len(ids)
    run.save(update_fields=["finished_at", "enterprise_count"])
    return run


def _assess_chunk(enterprises: QuerySet[Enterprise], ids: list[int], on: dt.date) -> None:
    frame = current_facts_frame(enterprises=enterprises, years=batch.frame_years(on))
    # The columnar layout identifies enterprises by USCC; stored rows need the primary key.
    keys = pl.DataFrame(list(enterprises.values_list("uscc", "pk")), orient="row",
                        schema={"uscc": pl.String, "enterprise_id": pl.Int64})
    frame = frame.join(keys, on="uscc", how="inner")
    rows = batch.assess_frame(frame, criteria_library(), on, timezone.now())
    _replace(ids, rows)
