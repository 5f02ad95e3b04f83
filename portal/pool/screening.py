"""Entry screening of a jurisdiction (background work): every enterprise not in the pool is
evaluated against the entry criteria and its verdict stored, so officials can select from the
ones that pass. The reference interpreter runs per enterprise: the batch engine refuses the
manufacturing track (its mean of three margins exceeds exact 38-digit arithmetic)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from portal.audit.services import audit_record
from portal.pool.entry import entry_verdict
from portal.pool.facts import facts_of_many
from portal.pool.models import EntryScreening, RunStatus, ScreeningRun
from portal.pool.scope import enterprises_in, members_in, region_label
from portal.pool.standards import EntryStandard, entry_standard
from portal.regions.models import Region

Progress = Callable[[int, int, str], None]


def screening_start(*, actor: Any, region: Region | None,
                    on: dt.date | None = None) -> ScreeningRun:
    with transaction.atomic():
        run = ScreeningRun.objects.create(region=region, started_by=actor,
                                          started_at=timezone.now(),
                                          on=on or timezone.localdate())
        audit_record(actor=actor, action="pool.screening", target=run,
                     summary=f"发起{region_label(region)}培育库入库筛选",
                     changes={"region": getattr(region, "code", None)})
    return run


def screening_run(*, run: ScreeningRun, progress: Progress | None = None) -> ScreeningRun:
    report = progress or (lambda done, total, message: None)
    members = members_in(run.region).values("enterprise_id")
    ids = list(enterprises_in(run.region).exclude(pk__in=members)
               .order_by("pk").values_list("pk", flat=True))
    report(0, len(ids), f"待筛选 {len(ids)} 家企业")
    standards: dict[str, EntryStandard] = {}
    counts = {"pass": 0, "fail": 0, "unknown": 0}
    rows: list[EntryScreening] = []
    now = timezone.now()
    for done, (enterprise_id, facts) in enumerate(facts_of_many(ids), start=1):
        code = facts.region_code
        standard = standards.get(code) or standards.setdefault(code, entry_standard(run.on, code))
        verdict = entry_verdict(standard, facts)
        counts[verdict.verdict] += 1
        rows.append(EntryScreening(enterprise_id=enterprise_id, verdict=verdict.verdict,
                                   evaluation=verdict.to_json(), on=run.on, screened_at=now))
        if done % 200 == 0 or done == len(ids):
            _store(rows)
            rows = []
            report(done, len(ids), f"已筛选 {done}/{len(ids)} 家企业")
    run.counts = {**counts, "total": len(ids)}
    run.status = RunStatus.FINISHED
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "status", "finished_at"])
    return run


def _store(rows: list[EntryScreening]) -> None:
    with transaction.atomic():
        EntryScreening.objects.filter(enterprise_id__in=[r.enterprise_id for r in rows]).delete()
        EntryScreening.objects.bulk_create(rows, batch_size=1_000)

