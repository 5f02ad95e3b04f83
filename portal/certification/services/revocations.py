"""Revoking a title: only the certifying level, inside its region, on a recognised ground.

The registry's Title has no revoked flag, so the title ends the day before the revocation takes
effect (the ladder and the columnar layout stop counting it from that day) and the Revocation
row keeps the original end date and the grounds. An open re-review of the title is closed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from portal.accounts.models import Role
from portal.audit.services import audit_record
from portal.certification.errors import CertificationError, NotAllowed, WrongStep
from portal.certification.levels import covers
from portal.certification.models import (
    OPEN_STATUSES,
    Action,
    Application,
    Revocation,
    RevocationGround,
    Status,
)
from portal.certification.selectors import missed_annual_updates
from portal.certification.services import messages
from portal.certification.services.journal import actor_or_none, move, record, today
from portal.enterprises.models import Title

MISSED_UPDATES_LIMIT = 2


def _revoking_role(title: Title) -> str:
    return Role.PROVINCE if title.level in ("province", "national") else title.level


def title_revoke(*, title_id: int, ground: str, reason: str, actor: Any) -> Revocation:
    if ground not in RevocationGround.values:
        raise CertificationError(f"未知的撤销事由“{ground}”。")
    if not reason.strip():
        raise CertificationError("请写明撤销所依据的事实。")
    with transaction.atomic():
        title = Title.objects.select_for_update().select_related("enterprise__region") \
            .get(pk=title_id)
        _require_revoker(title, actor)
        day = today()
        _require_in_force(title, day)
        missed = missed_annual_updates(title, day)
        if ground == RevocationGround.MISSED_UPDATES and len(missed) < MISSED_UPDATES_LIMIT:
            raise CertificationError(f"记录显示有效期内未按期更新 {len(missed)} 次，"
                                     f"不足 {MISSED_UPDATES_LIMIT} 次，不能以此事由撤销。")
        revocation = _end_title(title, ground, reason.strip(), actor, day, missed)
        _close_re_reviews(title, actor)
    return revocation


def _require_revoker(title: Title, actor: Any) -> None:
    role = _revoking_role(title)
    if getattr(actor, "role", "") != role or not covers(actor, title.enterprise):
        raise NotAllowed(f"撤销{title}须由企业所在地的{Role(role).label}办理。")


def _require_in_force(title: Title, day: dt.date) -> None:
    if hasattr(title, "revocation"):
        raise WrongStep("该称号已被撤销。")
    if title.valid_from >= day:
        raise WrongStep("称号尚未生效或今天刚生效，不能撤销。")
    if title.valid_until is not None and title.valid_until < day:
        raise WrongStep("称号已过有效期，无需撤销。")


def _end_title(title: Title, ground: str, reason: str, actor: Any, day: dt.date,
               missed: list[int]) -> Revocation:
    previous = title.valid_until
    title.valid_until = day - dt.timedelta(days=1)
    title.save(update_fields=["valid_until"])
    revocation = Revocation.objects.create(
        title=title, enterprise=title.enterprise, ground=ground, reason=reason,
        effective_on=day, previous_valid_until=previous, missed_years=missed,
        decided_by=actor_or_none(actor))
    label = RevocationGround(ground).label
    audit_record(actor=actor_or_none(actor), action="certification.revoke",
                 target=title.enterprise,
                 summary=f"{title.enterprise.name}：撤销{title}（{label}）",
                 changes={"title": title.pk, "ground": ground, "reason": reason,
                          "valid_until": {"old": previous.isoformat() if previous else None,
                                          "new": title.valid_until.isoformat()},
                          "missed_years": missed})
    messages.notify_revocation(revocation)
    return revocation


def _close_re_reviews(title: Title, actor: Any) -> None:
    for app in Application.objects.select_for_update().filter(renews=title,
                                                              status__in=OPEN_STATUSES):
        before = app.status
        move(app, Status.REJECTED, reject_reason="所复核的称号已被撤销。")
        record(app, action=Action.REJECT, from_status=before, actor=actor,
               reason="所复核的称号已被撤销。", details={"revoked_title": title.pk})
