"""After expert review: public notice (公示) with its dates, objections recorded and resolved,
and the certificate, which records the title in the enterprise registry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from portal.certification.errors import CertificationError, DeadlinePassed, WrongStep
from portal.certification.models import (
    Action,
    Application,
    Certificate,
    Objection,
    Round,
    Status,
)
from portal.certification.services import messages
from portal.certification.services.decisions import require_official
from portal.certification.services.journal import (
    actor_or_none,
    bump,
    locked,
    move,
    record,
    require_status,
    today,
)
from portal.enterprises.services import title_add


def _final_level(app: Application) -> str:
    return str(app.route[-1]["level"])


def notice_publish(*, application_id: int, actor: Any, expected_version: int,
                   start: dt.date | None = None, end: dt.date | None = None) -> Application:
    """Publish for public notice once every expert has scored; the period defaults to the
    round's notice days from today."""
    with transaction.atomic():
        app = locked(application_id, expected_version)
        require_status(app, Status.EXPERTS, doing="发布公示")
        require_official(app, actor, _final_level(app))
        pending = app.reviews.filter(submitted_at__isnull=True).count()
        if pending:
            raise WrongStep(f"还有 {pending} 位专家未提交评分，不能发布公示。")
        start = start or today()
        end = end or start + dt.timedelta(days=app.round.notice_days - 1)
        if start < today():
            raise CertificationError("公示开始日期不能早于今天。")
        if end < start:
            raise CertificationError("公示结束日期不能早于开始日期。")
        move(app, Status.NOTICE, notice_start=start, notice_end=end)
        record(app, action=Action.PUBLISH, from_status=Status.EXPERTS, actor=actor,
               level=_final_level(app),
               details={"start": start.isoformat(), "end": end.isoformat()})
        messages.tell_enterprise(app, "certification.notice", "申报进入公示",
                                 f"公示期：{start:%Y年%-m月%-d日}至{end:%Y年%-m月%-d日}。")
    return app


def objection_record(*, application_id: int, actor: Any, objector: str,
                     content: str) -> Objection:
    """Record an objection received during the notice period."""
    with transaction.atomic():
        app = locked(application_id)
        require_status(app, Status.NOTICE, doing="登记异议")
        require_official(app, actor, _final_level(app))
        assert app.notice_start is not None and app.notice_end is not None
        if not app.notice_start <= today() <= app.notice_end:
            raise DeadlinePassed(f"公示期为{app.notice_start:%Y年%-m月%-d日}至"
                                 f"{app.notice_end:%Y年%-m月%-d日}，不在公示期内不能登记异议。")
        if not objector.strip() or not content.strip():
            raise CertificationError("请填写异议人和异议内容。")
        objection = Objection.objects.create(
            application=app, objector=objector.strip(), content=content.strip(),
            received_on=today(), recorded_by=actor_or_none(actor))
        bump(app)
        record(app, action=Action.OBJECT, from_status=Status.NOTICE, actor=actor,
               level=_final_level(app), reason=content.strip(),
               details={"objection": objection.pk, "objector": objection.objector})
        messages.tell_enterprise(app, "certification.objection", "公示期间收到异议",
                                 "主管部门将核查并告知处理结果。")
    return objection


def objection_resolve(*, objection_id: int, actor: Any, upheld: bool,
                      resolution: str) -> Objection:
    with transaction.atomic():
        objection = Objection.objects.get(pk=objection_id)
        app = locked(objection.application_id)
        require_status(app, Status.NOTICE, doing="处理异议")
        require_official(app, actor, _final_level(app))
        objection.refresh_from_db()
        if objection.is_resolved:
            raise WrongStep("该异议已处理。")
        if not resolution.strip():
            raise CertificationError("请填写异议处理结果。")
        objection.upheld = upheld
        objection.resolution = resolution.strip()
        objection.resolved_by = actor_or_none(actor)
        objection.resolved_at = timezone.now()
        objection.save()
        bump(app)
        record(app, action=Action.RESOLVE, from_status=Status.NOTICE, actor=actor,
               level=_final_level(app), reason=resolution.strip(),
               details={"objection": objection.pk, "upheld": upheld})
        verdict = "异议成立" if upheld else "异议不成立"
        messages.tell_enterprise(app, "certification.objection", f"公示异议已处理：{verdict}",
                                 resolution.strip())
    return objection


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def application_certify(*, application_id: int, actor: Any,
                        expected_version: int) -> Certificate:
    """Issue the certificate once the notice period is over and no objection stands; the
    title enters the registry (and so the enterprise's ladder)."""
    with transaction.atomic():
        app = locked(application_id, expected_version)
        require_status(app, Status.NOTICE, doing="认定发证")
        require_official(app, actor, _final_level(app))
        _require_notice_over(app)
        certificate = _issue(app, actor)
        move(app, Status.CERTIFIED)
        record(app, action=Action.CERTIFY, from_status=Status.NOTICE, actor=actor,
               level=_final_level(app),
               details={"certificate": certificate.number,
                        "valid_from": certificate.valid_from.isoformat(),
                        "valid_until": certificate.valid_until.isoformat()})
        messages.tell_enterprise(
            app, "certification.certified", f"已获认定：{app.round.get_tier_display()}",
            f"证书编号 {certificate.number}，有效期"
            f"{certificate.valid_from:%Y年%-m月%-d日}至{certificate.valid_until:%Y年%-m月%-d日}。")
    return certificate


def _require_notice_over(app: Application) -> None:
    assert app.notice_end is not None
    if today() <= app.notice_end:
        raise DeadlinePassed(f"公示期至{app.notice_end:%Y年%-m月%-d日}结束，期满后方可发证。")
    objections = list(app.objections.all())
    if any(not o.is_resolved for o in objections):
        raise WrongStep("还有未处理的公示异议，不能发证。")
    if any(o.upheld for o in objections):
        raise WrongStep("有成立的公示异议，不能发证；请作出不予通过的决定。")


def _issue(app: Application, actor: Any) -> Certificate:
    round_ = Round.objects.select_for_update().get(pk=app.round_id)  # serialises numbering
    issued = today()
    valid_from = issued
    if app.renews is not None and app.renews.valid_until and app.renews.valid_until >= issued:
        valid_from = app.renews.valid_until + dt.timedelta(days=1)  # renewal follows on
    valid_until = add_years(valid_from, round_.validity_years) - dt.timedelta(days=1)
    number = _next_number(round_, issued.year)
    title = title_add(enterprise=app.enterprise, tier=round_.tier, level=round_.level,
                      valid_from=valid_from, valid_until=valid_until, year=issued.year,
                      certificate_no=number, actor=actor)
    return Certificate.objects.create(
        application=app, enterprise=app.enterprise, title=title, number=number,
        tier=round_.tier, level=round_.level, issued_on=issued, valid_from=valid_from,
        valid_until=valid_until, issued_by=actor_or_none(actor))


def _next_number(round_: Round, year: int) -> str:
    stem = f"{round_.certificate_prefix}〔{year}〕"
    taken = Certificate.objects.filter(number__startswith=stem).count()
    return f"{stem}{taken + 1:04d}号"
