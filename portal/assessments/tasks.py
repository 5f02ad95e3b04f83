"""Background re-assessment of the population (django-tasks), with visible progress."""

from __future__ import annotations

from django_tasks import task

from portal.assessments.services import population_assess
from portal.core.progress import report_progress


@task()
def population_assess_task(progress_id: str, only_stale: bool = False) -> int:
    """Returns the number of enterprises assessed; progress under ``progress_id``."""
    title = "重新评估数据有变化的企业" if only_stale else "重新评估全部企业"

    def progress(done: int, total: int, message: str) -> None:
        report_progress(progress_id, done, total, message, title=title)

    run = population_assess(only_stale=only_stale, task_id=progress_id, progress=progress)
    report_progress(progress_id, run.enterprise_count, run.enterprise_count,
                    f"完成：共评估 {run.enterprise_count} 户企业", title=title, finished=True)
    return run.enterprise_count
