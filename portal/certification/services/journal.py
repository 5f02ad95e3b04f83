"""Locking, moving and recording: the shared mechanics of every certification write."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from portal.audit.services import audit_record
from portal.certification.errors import StaleVersion, WrongStep
from portal.certification.models import Action, Application, Status, Transition


def today() -> Any:
    return timezone.localdate()


def actor_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def locked(application_id: int, expected_version: int | None = None) -> Application:
    """The application row locked for this transaction (SELECT … FOR UPDATE on PostgreSQL;
    SQLite serialises writers with BEGIN IMMEDIATE). A version other than the one the user's
    form was built from means someone else acted first."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("locked() must run inside transaction.atomic")
    app = (Application.objects.select_for_update(of=("self",))
           .select_related("round", "enterprise__region").get(pk=application_id))
    if expected_version is not None and app.version != expected_version:
        raise StaleVersion(f"该申报已被他人办理或已更新（当前状态：{app.get_status_display()}），"
                           "请刷新页面后重试。")
    return app


def require_status(app: Application, *allowed: Status, doing: str) -> None:
    if app.status not in allowed:
        raise WrongStep(f"该申报当前状态为“{app.get_status_display()}”，不能{doing}。")


def move(app: Application, status: Status, **fields: Any) -> None:
    """Change state, bump the version and keep ``current_level`` in step with the route."""
    app.status = status
    for name, value in fields.items():
        setattr(app, name, value)
    in_steps = status in (Status.REVIEW, Status.CORRECTION)
    app.current_level = app.route[app.step_index]["level"] if in_steps else ""
    app.version += 1
    app.save()


def record(app: Application, *, action: Action, from_status: str, actor: Any, level: str = "",
           reason: str = "", details: dict[str, Any] | None = None) -> Transition:
    """One Transition row and its audit entry, in the caller's transaction."""
    details = details or {}
    transition = Transition.objects.create(
        application=app, action=action, from_status=from_status, to_status=app.status,
        level=level, actor=actor_or_none(actor), reason=reason, details=details)
    summary = f"{app.enterprise.name}（{app.round.name}）：{Action(action).label}"
    audit_record(actor=actor_or_none(actor), action=f"certification.{action}", target=app,
                 summary=summary + (f"。{reason}" if reason else ""),
                 changes={"from": from_status, "to": str(app.status), "level": level,
                          "version": app.version, "transition": transition.pk, **details})
    return transition


def bump(app: Application) -> None:
    """A recorded event that leaves the state as it is still invalidates open forms."""
    app.version += 1
    app.save(update_fields=["version", "updated_at"])
