"""What the signed-in user may do to an application right now — the same rules the services
enforce, asked without raising, so pages offer only the buttons that will work."""

from __future__ import annotations

from typing import Any

from portal.accounts.models import Role
from portal.certification.errors import CertificationError
from portal.certification.models import Application, Status
from portal.certification.services.decisions import require_official
from portal.certification.services.journal import today


def _official(app: Application, user: Any, level: str) -> bool:
    try:
        require_official(app, user, level)
    except CertificationError:
        return False
    return True


def _member(app: Application, user: Any) -> bool:
    member = getattr(user, "enterprise_membership", None) \
        if getattr(user, "role", "") == Role.ENTERPRISE else None
    return member is not None and member.enterprise_id == app.enterprise_id


def available_actions(app: Application, user: Any) -> frozenset[str]:
    actions: set[str] = set()
    if _member(app, user):
        actions |= _enterprise_actions(app)
    if app.status == Status.REVIEW and _official(app, user, app.current_level):
        actions |= {"return", "reject", "assign_experts" if app.is_final_step else "approve"}
    final = str(app.route[-1]["level"]) if app.route else ""
    if app.status in (Status.EXPERTS, Status.NOTICE) and _official(app, user, final):
        actions |= _final_level_actions(app)
    if app.status == Status.EXPERTS and app.reviews.filter(
            expert_id=getattr(user, "pk", None), submitted_at__isnull=True).exists():
        actions.add("score")
    return frozenset(actions)


def _enterprise_actions(app: Application) -> set[str]:
    if app.status == Status.CORRECTION:
        return {"resubmit", "attach"}
    if app.status == Status.REVIEW and app.step_index == 0:
        return {"attach"}
    return set()


def _final_level_actions(app: Application) -> set[str]:
    actions = {"reject"}
    if app.status == Status.EXPERTS:
        if not app.reviews.filter(submitted_at__isnull=True).exists():
            actions.add("publish")
        return actions
    actions |= {"object", "resolve"}
    if app.notice_end is not None and today() > app.notice_end:
        actions.add("certify")
    return actions
