"""Background tasks of certification (django-tasks)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from portal.certification.reminders import send_daily_reminders


@task()
def daily_reminders_task(on: str | None = None) -> dict[str, int]:
    """The daily reminder run; ``on`` (ISO date) defaults to today. Idempotent."""
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    return send_daily_reminders(day)
