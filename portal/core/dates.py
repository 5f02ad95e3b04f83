"""Dates as Chinese pages write them, shared by every app that shows one."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def cn_date(day: dt.date | dt.datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        # Stored instants are UTC: the day people mean is the local one (Asia/Shanghai).
        day = (timezone.localtime(day) if timezone.is_aware(day) else day).date()
    return f"{day.year}年{day.month}月{day.day}日"
