"""Background work of the pool (django-tasks): the entry screening of a jurisdiction and the
yearly review. Progress goes to portal.core's TaskProgress under the run's ``progress_id``;
a failure marks the run failed with its message before re-raising."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django_tasks import task

from portal.core.progress import report_progress
from portal.pool.models import PoolReview, RunStatus, ScreeningRun
from portal.pool.review import review_run
from portal.pool.screening import screening_run


def _reporter(progress_id: str, title: str) -> Callable[[int, int, str], None]:
    def progress(done: int, total: int, message: str) -> None:
        report_progress(progress_id, done, total, message, title=title)
    return progress


def _failed(run: PoolReview | ScreeningRun, error: Exception) -> None:
    run.status, run.finished_at = RunStatus.FAILED, timezone.now()
    run.error = f"{type(error).__name__}: {error}"[:500]
    run.save(update_fields=["status", "finished_at", "error"])
    report_progress(run.progress_id, 0, None, f"失败：{run.error}", finished=True)


@task()
def pool_review_task(review_id: int) -> int:
    """Returns the number of exits proposed."""
    review = PoolReview.objects.select_related("region", "started_by").get(pk=review_id)
    title = f"培育库{review.year}年度复核"
    try:
        review_run(review=review, progress=_reporter(review.progress_id, title))
    except Exception as error:
        _failed(review, error)
        raise
    proposed = int(review.counts.get("proposed", 0))
    report_progress(review.progress_id, review.counts["members"], review.counts["members"],
                    f"完成：复核 {review.counts['members']} 家，建议出库 {proposed} 家",
                    title=title, finished=True)
    return proposed


@task()
def pool_screening_task(run_id: int) -> int:
    """Returns the number of enterprises that pass the entry criteria."""
    run = ScreeningRun.objects.select_related("region").get(pk=run_id)
    title = "培育库入库筛选"
    try:
        screening_run(run=run, progress=_reporter(run.progress_id, title))
    except Exception as error:
        _failed(run, error)
        raise
    total, passed = run.counts["total"], run.counts["pass"]
    report_progress(run.progress_id, total, total,
                    f"完成：筛选 {total} 家，满足入库标准 {passed} 家", title=title, finished=True)
    return int(passed)
