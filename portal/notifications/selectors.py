"""Reads on notifications: always the signed-in user's own messages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from portal.notifications.models import Notification


def inbox(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    messages = Notification.objects.filter(recipient=user)
    return messages.filter(read_at__isnull=True) if unread_only else messages


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
