"""Officials' decisions at a review step: approve (forward to the next level), return for
correction (what is missing, by when), or reject with a reason. An official decides only at
the application's current step, at their own level, inside their region, by the step's
deadline; the row lock plus the version check let only the first of two simultaneous
decisions through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from portal.accounts.models import OFFICIAL_ROLES
from portal.certification.errors import (
    CertificationError,
    DeadlinePassed,
    NotAllowed,
    WrongStep,
)
from portal.certification.levels import APPROVE_LABELS, LEVEL_ORDER, covers, level_label
from portal.certification.models import Action, Application, Level, Status
from portal.certification.services import messages
from portal.certification.services.journal import locked, move, record, today


class Decision:
    APPROVE = "approve"
    RETURN = "return"
    REJECT = "reject"
    ALL = (APPROVE, RETURN, REJECT)


def require_official(app: Application, actor: Any, level: str) -> None:
    """The actor is an official of ``level`` over the enterprise; says precisely why not."""
    role = getattr(actor, "role", "")
    if role not in OFFICIAL_ROLES or not actor.is_active:
        raise NotAllowed("只有主管部门工作人员可以办理申报审核。")
    route_levels = [step["level"] for step in app.route]
    if role != level:
        if role in route_levels and LEVEL_ORDER.index(role) > LEVEL_ORDER.index(level):
            raise WrongStep(f"该申报尚在{level_label(level)}审核环节，"
                            f"{level_label(role)}不能越级办理。")
        raise NotAllowed(f"该环节由{level_label(level)}主管部门办理，"
                         f"{level_label(role)}主管部门不能办理。")
    if not covers(actor, app.enterprise):
        raise NotAllowed("该企业不在您的管辖范围内。")


def require_step_open(app: Application) -> dt.date:
    deadline = app.round.steps.get(level=app.current_level).deadline
    if today() > deadline:
        raise DeadlinePassed(f"{level_label(app.current_level)}审核已于"
                             f"{deadline:%Y年%-m月%-d日}截止，不能再办理。")
    return deadline


def acting_level(app: Application) -> str:
    """The level that acts now: the current step while in review, the final step's level
    during expert review and public notice."""
    if app.status in (Status.REVIEW, Status.CORRECTION):
        return app.current_level
    return str(app.route[-1]["level"])


@dataclass(frozen=True)
class Correction:
    missing: str
    due: dt.date | None


def application_decide(*, application_id: int, actor: Any, decision: str,
                       expected_version: int, reason: str = "",
                       correction: Correction | None = None) -> Application:
    if decision not in Decision.ALL:
        raise CertificationError(f"未知的审核决定“{decision}”。")
    with transaction.atomic():
        app = locked(application_id, expected_version)
        if decision == Decision.REJECT:
            _reject(app, actor, reason)
            return app
        if app.status != Status.REVIEW:
            raise WrongStep(f"该申报当前状态为“{app.get_status_display()}”，不在审核环节，"
                            "不能办理。")
        require_official(app, actor, app.current_level)
        deadline = require_step_open(app)
        if decision == Decision.APPROVE:
            _approve(app, actor, reason)
        else:
            _return(app, actor, correction or Correction("", None), deadline)
    return app


def _approve(app: Application, actor: Any, reason: str) -> None:
    if app.is_final_step:
        raise WrongStep("本级是最后一个审核环节：请抽取评审专家，或退回补正、不予通过。")
    level = app.current_level
    move(app, Status.REVIEW, step_index=app.step_index + 1)
    record(app, action=Action.APPROVE, from_status=Status.REVIEW, actor=actor, level=level,
           reason=reason.strip(), details={"label": APPROVE_LABELS[level],
                                           "next": app.current_level})
    nxt = app.current_level
    deadline = app.round.steps.get(level=nxt).deadline
    messages.tell_officials(app, nxt, "certification.forwarded",
                            f"{level_label(level)}已{APPROVE_LABELS[level]}，待本级审核",
                            f"请在{deadline:%Y年%-m月%-d日}前完成审核。")
    messages.tell_enterprise(app, "certification.forwarded",
                             f"申报已{APPROVE_LABELS[level]}",
                             f"{level_label(level)}已{APPROVE_LABELS[level]}，"
                             f"进入{level_label(nxt)}审核。")


def _return(app: Application, actor: Any, correction: Correction, deadline: dt.date) -> None:
    missing = correction.missing.strip()
    if not missing:
        raise CertificationError("退回补正须写明需要补正的内容。")
    due = correction.due
    if due is None:
        raise CertificationError("退回补正须给出补正期限。")
    if due < today():
        raise CertificationError("补正期限不能早于今天。")
    if due > deadline:
        raise CertificationError(f"补正期限不能晚于本级审核截止日期（{deadline:%Y年%-m月%-d日}）。")
    level = app.current_level
    move(app, Status.CORRECTION, correction_note=missing, correction_due=due)
    record(app, action=Action.RETURN, from_status=Status.REVIEW, actor=actor, level=level,
           reason=missing, details={"due": due.isoformat()})
    messages.tell_enterprise(app, "certification.returned", "申报被退回补正",
                             f"{level_label(level)}要求补正：{missing}\n"
                             f"请于{due:%Y年%-m月%-d日}前补正后重新提交。")


def _reject(app: Application, actor: Any, reason: str) -> None:
    if not app.is_open or app.status == Status.CORRECTION:
        raise WrongStep(f"该申报当前状态为“{app.get_status_display()}”，不能作出不予通过的决定。")
    level = acting_level(app)
    require_official(app, actor, level)
    if app.status == Status.REVIEW:
        require_step_open(app)
    if not reason.strip():
        raise CertificationError("不予通过须写明理由。")
    before = app.status
    move(app, Status.REJECTED, reject_reason=reason.strip())
    record(app, action=Action.REJECT, from_status=before, actor=actor, level=level,
           reason=reason.strip())
    messages.tell_enterprise(app, "certification.rejected", "申报未通过",
                             f"{level_label(level)}决定不予通过，理由：{reason.strip()}")


@dataclass(frozen=True)
class BulkResult:
    approved: list[int]
    refused: dict[int, str]  # application id → Chinese reason


def applications_bulk_approve(*, items: dict[int, int], actor: Any) -> BulkResult:
    """Approve many applications at the town level, each in its own transaction (one refusal
    does not undo the others). Only applications whose frozen engine verdict is "pass" are
    eligible: anything needing judgement is decided one by one. ``items`` maps application
    id → the version the user saw."""
    if getattr(actor, "role", "") != Level.TOWN:
        raise NotAllowed("批量通过只适用于镇（街道）初审。")
    approved, refused = [], {}
    for app_id, version in items.items():
        try:
            _bulk_one(app_id, version, actor)
        except CertificationError as error:
            refused[app_id] = str(error)
        except Application.DoesNotExist:
            refused[app_id] = "申报不存在。"
        else:
            approved.append(app_id)
    return BulkResult(approved=approved, refused=refused)


def _bulk_one(app_id: int, version: int, actor: Any) -> None:
    with transaction.atomic():
        app = locked(app_id, version)
        if app.verdict != "pass":
            raise CertificationError("系统评估结论不是“满足”，请逐件审核。")
        if app.status != Status.REVIEW or app.current_level != Level.TOWN:
            raise WrongStep("不在镇（街道）初审环节。")
        require_official(app, actor, Level.TOWN)
        require_step_open(app)
        _approve(app, actor, "批量初审通过（系统评估结论为满足）")
