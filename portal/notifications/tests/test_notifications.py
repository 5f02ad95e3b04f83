"""Notifications: one row per recipient, keyed reminders sent once, e-mail after commit."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from portal.accounts.models import Role, User
from portal.notifications.models import Notification
from portal.notifications.selectors import inbox, unread_count
from portal.notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    notify,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(settings: Any) -> list[User]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return [User.objects.create_user(username="with_mail", password="x" * 12,
                                     role=Role.TOWN, email="a@example.test"),
            User.objects.create_user(username="no_mail", password="x" * 12, role=Role.TOWN)]


def test_it_writes_one_message_per_distinct_recipient(people: list[User]) -> None:
    made = notify(recipients=[*people, people[0]], kind="k", subject="标题", body="内容",
                  link="/x/")
    assert len(made) == 2 and Notification.objects.count() == 2
    assert unread_count(people[0]) == 1 and inbox(people[0]).get().link == "/x/"


def test_a_keyed_message_is_sent_once(people: list[User]) -> None:
    assert len(notify(recipients=people, kind="k", subject="提醒", dedup_key="r:1")) == 2
    assert notify(recipients=people, kind="k", subject="提醒", dedup_key="r:1") == []
    assert len(notify(recipients=people, kind="k", subject="提醒", dedup_key="r:2")) == 2


def test_mail_goes_out_after_commit_and_only_to_addresses(
        people: list[User], django_capture_on_commit_callbacks: Any,
        mailoutbox: list[Any]) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=people, kind="k", subject="申报已提交", body="正文", link="/c/1/")
        assert mailoutbox == []
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["a@example.test"]
    assert mailoutbox[0].subject == "【专精特新平台】申报已提交" and "/c/1/" in mailoutbox[0].body
    assert Notification.objects.get(recipient=people[0]).emailed_at is not None


def test_no_mail_when_the_writing_transaction_rolls_back(
        people: list[User], django_capture_on_commit_callbacks: Any,
        mailoutbox: list[Any]) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(recipients=people, kind="k", subject="作废")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert mailoutbox == [] and not Notification.objects.exists()


def test_only_the_recipient_marks_a_message_read(people: list[User]) -> None:
    [note, _] = notify(recipients=people, kind="k", subject="s")
    with pytest.raises(PermissionError):
        notification_mark_read(notification=note, user=people[1])
    notification_mark_read(notification=note, user=people[0])
    assert unread_count(people[0]) == 0 and unread_count(people[1]) == 1
    assert notifications_mark_all_read(user=people[1]) == 1 and unread_count(people[1]) == 0
