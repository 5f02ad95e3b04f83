"""Report and read the progress of background tasks (django-tasks has no progress of its own)."""

from __future__ import annotations

from portal.core.models import TaskProgress


def report_progress(
    task_id: str, done: int, total: int | None = None, message: str = "", *,
    title: str = "", finished: bool = False,
) -> TaskProgress:
    """Upsert the progress row; called from inside the running task."""
    defaults: dict[str, object] = {"done": done, "total": total, "message": message,
                                   "finished": finished}
    if title:
        defaults["title"] = title
    progress, _ = TaskProgress.objects.update_or_create(task_id=task_id, defaults=defaults)
    return progress


def progress_of(task_id: str) -> TaskProgress | None:
    return TaskProgress.objects.filter(task_id=task_id).first()
