"""Writes on notifications: sending to people (in the app, and by e-mail after commit) and
marking messages read."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.notifications.models import Notification

logger = logging.getLogger(__name__)


def notify(*, recipients: Iterable[Any], kind: str, subject: str, body: str = "",
           link: str = "", dedup_key: str = "") -> list[Notification]:
    """Create one message per distinct recipient; with ``dedup_key``, recipients who already
    have a message with that key get nothing (idempotent reminders). E-mail copies go out
    once the surrounding transaction commits."""
    created = []
    for user in {u.pk: u for u in recipients if getattr(u, "pk", None)}.values():
        if dedup_key and Notification.objects.filter(recipient=user,
                                                     dedup_key=dedup_key).exists():
            continue
        try:
            with transaction.atomic():
                created.append(Notification.objects.create(
                    recipient=user, kind=kind, subject=subject[:200], body=body,
                    link=link[:300], dedup_key=dedup_key[:200]))
        except IntegrityError:  # a concurrent run wrote the same keyed reminder first
            continue
    ids = [n.pk for n in created if n.recipient.email]
    if ids:
        transaction.on_commit(lambda: notifications_email(ids=ids))
    return created


def notifications_email(*, ids: list[int]) -> int:
    """E-mail each message not yet e-mailed; a failing mail server is logged, never raised,
    because the in-app message already reached the recipient."""
    sent = 0
    for note in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True) \
            .select_related("recipient"):
        text = note.body + (f"\n\n请登录平台查看：{note.link}" if note.link else "")
        try:
            send_mail(f"【专精特新平台】{note.subject}", text, settings.DEFAULT_FROM_EMAIL,
                      [note.recipient.email])
        except OSError:
            logger.exception("邮件发送失败：消息 %s", note.pk)
            continue
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def notification_mark_read(*, notification: Notification, user: Any) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionError("只能标记本人的消息。")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True) \
        .update(read_at=timezone.now())
