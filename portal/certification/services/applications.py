"""The enterprise's side: applying in an open round (freezing its facts and the engine's
verdict), uploading attachments, and resubmitting after a return for correction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from eligibility.api import evaluate
from portal.accounts.models import Role
from portal.assessments.library import criteria_library
from portal.certification.errors import CertificationError, DeadlinePassed, NotAllowed
from portal.certification.levels import level_label, route_for
from portal.certification.models import (
    Action,
    Application,
    ApplicationType,
    Attachment,
    AttachmentKind,
    Round,
    Snapshot,
    Status,
)
from portal.certification.selectors import renewable_title
from portal.certification.services import messages
from portal.certification.services.journal import (
    actor_or_none,
    bump,
    locked,
    move,
    record,
    require_status,
    today,
)
from portal.certification.uploads import Upload, check_upload
from portal.enterprises.documents import facts_document
from portal.enterprises.models import Enterprise

# (kind, uploaded file) pairs as a form hands them over.
Files = Iterable[tuple[str, Any]]


def _require_member(actor: Any, enterprise: Enterprise) -> None:
    member = getattr(actor, "enterprise_membership", None) \
        if getattr(actor, "role", "") == Role.ENTERPRISE else None
    if member is None or member.enterprise_id != enterprise.pk:
        raise NotAllowed("只有本企业的用户可以提交或补正本企业的申报。")


def _require_round_open(round_: Round, day: dt.date) -> None:
    if day < round_.opens_on:
        raise DeadlinePassed(f"该批次将于{round_.opens_on:%Y年%-m月%-d日}开始申报。")
    if day > round_.application_deadline:
        raise DeadlinePassed(f"该批次已于{round_.application_deadline:%Y年%-m月%-d日}截止申报。")


def application_submit(*, round_: Round, enterprise: Enterprise, actor: Any,
                       files: Files = ()) -> Application:
    """Apply: freeze the facts and the verdict, fix the review route, notify the first step."""
    day = today()
    _require_member(actor, enterprise)
    _require_round_open(round_, day)
    files = _checked_files(files)
    if not enterprise.region.path.startswith(round_.region.path):
        raise NotAllowed(f"该批次面向{round_.region.name}的企业，本企业不在范围内。")
    renews = _renewal_target(round_, enterprise, day)
    route = route_for(enterprise, [s.level for s in round_.steps.order_by("position")])
    if not route:
        raise CertificationError("本企业所在区域没有该批次的任何审核层级，请联系主管部门。")
    try:
        with transaction.atomic():
            app = Application.objects.create(
                round=round_, enterprise=enterprise, applicant=actor_or_none(actor),
                renews=renews, route=route, current_level=route[0]["level"],
                submitted_at=timezone.now())
            snapshot = _freeze(app, day)
            _store_files(app, files, actor)
            record(app, action=Action.SUBMIT, from_status="", actor=actor,
                   level=route[0]["level"], details=_snapshot_details(snapshot, files))
            _tell_next(app, "certification.submitted", "新的申报待审核")
            messages.tell_enterprise(app, "certification.submitted", "申报已提交",
                                     f"已进入{level_label(route[0]['level'])}审核环节。")
    except IntegrityError:
        raise CertificationError("本企业已在该批次提交过申报，不能重复申报。") from None
    return app


def _renewal_target(round_: Round, enterprise: Enterprise, day: dt.date) -> Any:
    if round_.application_type != ApplicationType.RE_REVIEW:
        return None
    title = renewable_title(enterprise, round_, day)
    if title is None:
        raise NotAllowed(f"复核批次只受理持有有效{round_.get_tier_display()}称号、且有效期在"
                         f"{round_.expiring_by:%Y年%-m月%-d日}前届满的企业。")
    return title


def _freeze(app: Application, day: dt.date) -> Snapshot:
    """The facts document and the engine's outcome as of now; the verdict is advisory (the
    officials decide) but filters queues and gates bulk approval."""
    document = facts_document(app.enterprise)
    criteria_set = criteria_library().get(app.round.criteria_set_id)
    outcome = evaluate(criteria_set, document, on=day, application=app.round.application_type)
    snapshot = Snapshot.objects.create(application=app, on=day, facts=document,
                                       outcome=outcome.to_dict(), verdict=outcome.verdict)
    app.verdict = outcome.verdict
    app.save(update_fields=["verdict", "updated_at"])
    return snapshot


def _snapshot_details(snapshot: Snapshot, files: list[tuple[str, Any]]) -> dict[str, Any]:
    return {"snapshot": snapshot.pk, "verdict": snapshot.verdict,
            "criteria_set": snapshot.outcome["criteria_set"]["id"],
            "attachments": [upload.name for _, upload in files]}


def _checked_files(files: Files) -> list[tuple[str, Any]]:
    checked = []
    for kind, upload in files:
        if kind not in AttachmentKind.values:
            raise CertificationError(f"附件类别“{kind}”无效。")
        check_upload(upload)
        checked.append((kind, upload))
    return checked


def _store_files(app: Application, files: list[tuple[str, Upload]], actor: Any) -> None:
    for kind, upload in files:
        Attachment.objects.create(application=app, kind=kind, file=upload,
                                  original_name=(upload.name or "")[:200],
                                  size=upload.size or 0, uploaded_by=actor_or_none(actor))


def _tell_next(app: Application, kind: str, subject: str) -> None:
    step = app.route[app.step_index]
    deadline = app.round.steps.get(level=step["level"]).deadline
    messages.tell_officials(app, step["level"], kind, subject,
                            f"请在{deadline:%Y年%-m月%-d日}前完成{level_label(step['level'])}审核。")


def application_resubmit(*, application_id: int, actor: Any, expected_version: int,
                         files: Files = (), note: str = "") -> Application:
    """Send a corrected application back to the step that returned it, with a new snapshot."""
    files = _checked_files(files)
    with transaction.atomic():
        app = locked(application_id, expected_version)
        _require_member(actor, app.enterprise)
        require_status(app, Status.CORRECTION, doing="补正后重新提交")
        due = app.correction_due
        if due is not None and today() > due:
            raise DeadlinePassed(f"补正期限已于{due:%Y年%-m月%-d日}届满，不能再提交。")
        snapshot = _freeze(app, today())
        _store_files(app, files, actor)
        details = {**_snapshot_details(snapshot, files), "request": app.correction_note}
        move(app, Status.REVIEW, correction_note="", correction_due=None)
        record(app, action=Action.RESUBMIT, from_status=Status.CORRECTION, actor=actor,
               level=app.current_level, reason=note.strip(), details=details)
        _tell_next(app, "certification.resubmitted", "补正后的申报待审核")
    return app


def attachment_add(*, application_id: int, actor: Any, kind: str, upload: Any) -> Attachment:
    """Add an attachment while the enterprise may still change its application (in review
    at its first step, or while returned for correction)."""
    [(kind, upload)] = _checked_files([(kind, upload)])
    with transaction.atomic():
        app = locked(application_id)
        _require_member(actor, app.enterprise)
        require_status(app, Status.REVIEW, Status.CORRECTION, doing="上传附件")
        if app.status == Status.REVIEW and app.step_index > 0:
            raise CertificationError("申报已进入上级审核，只能在退回补正时补充附件。")
        attachment = Attachment.objects.create(
            application=app, kind=kind, file=upload, original_name=(upload.name or "")[:200],
            size=upload.size or 0, uploaded_by=actor_or_none(actor))
        bump(app)
        record(app, action=Action.ATTACH, from_status=app.status, actor=actor,
               details={"attachment": attachment.pk, "name": attachment.original_name,
                        "kind": kind})
    return attachment
