"""Telling the parties: the enterprise's users, the officials of a level over the enterprise,
the experts on the panel. Messages go to the inbox and, for users with an address, by e-mail."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from portal.accounts.models import User
from portal.certification.levels import officials_at
from portal.certification.models import Application
from portal.notifications.services import notify


def link_to(app: Application) -> str:
    return reverse("certification:application", args=[app.pk])


def enterprise_users(app: Application) -> list[User]:
    return list(User.objects.filter(enterprise_membership__enterprise=app.enterprise,
                                    is_active=True))


def _prefix(app: Application) -> str:
    return f"{app.enterprise.name} · {app.round.name}"


def tell_enterprise(app: Application, kind: str, subject: str, body: str = "",
                    dedup_key: str = "") -> int:
    return len(notify(recipients=enterprise_users(app), kind=kind, subject=subject,
                      body=f"{_prefix(app)}\n{body}".strip(), link=link_to(app),
                      dedup_key=dedup_key))


def tell_officials(app: Application, level: str, kind: str, subject: str, body: str = "",
                   dedup_key: str = "") -> None:
    notify(recipients=officials_at(level, app.enterprise), kind=kind, subject=subject,
           body=f"{_prefix(app)}\n{body}".strip(), link=link_to(app), dedup_key=dedup_key)


def tell_users(app: Application, users: Iterable[Any], kind: str, subject: str,
               body: str = "", dedup_key: str = "") -> None:
    notify(recipients=users, kind=kind, subject=subject, body=f"{_prefix(app)}\n{body}".strip(),
           link=link_to(app), dedup_key=dedup_key)


def notify_revocation(revocation: Any) -> None:
    enterprise = revocation.enterprise
    users = User.objects.filter(enterprise_membership__enterprise=enterprise, is_active=True)
    notify(recipients=users, kind="certification.revoked",
           subject=f"称号已被撤销：{revocation.title}",
           body=f"{enterprise.name}：{revocation.get_ground_display()}。\n{revocation.reason}",
           link=reverse("certification:revocations"))
