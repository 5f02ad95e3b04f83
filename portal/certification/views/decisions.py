"""Officials' side: the review queue (with filters and town-level bulk approval) and every
decision on one application."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.certification import selectors
from portal.certification.errors import CertificationError
from portal.certification.forms import (
    AssignForm,
    DecisionForm,
    ObjectionForm,
    PublishForm,
    ResolveForm,
    VersionForm,
)
from portal.certification.levels import LEVEL_ORDER
from portal.certification.models import Objection, Round
from portal.certification.services.decisions import (
    Correction,
    application_decide,
    applications_bulk_approve,
)
from portal.certification.services.experts import experts_assign
from portal.certification.services.publicity import (
    application_certify,
    notice_publish,
    objection_record,
    objection_resolve,
)
from portal.certification.views.common import (
    attempt,
    invalid,
    require_official,
    visible_application,
)

DONE_TEXT = {"approve": "已审核通过，转入下一环节。", "return": "已退回企业补正。",
             "reject": "已作出不予通过的决定。"}


def _filters(request: HttpRequest) -> selectors.QueueFilters:
    round_id = request.GET.get("round", "")
    tab = request.GET.get("tab", "todo")
    return selectors.QueueFilters(
        tab=tab if tab in selectors.QUEUE_TABS else "todo",
        round_id=int(round_id) if round_id.isdigit() else None,
        verdict=request.GET.get("verdict", "") if request.GET.get("verdict") in (
            "pass", "fail", "unknown") else "",
        region=request.GET.get("region", "").strip()[:12],
        q=request.GET.get("q", "").strip()[:100])


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    require_official(request)
    user: Any = request.user
    filters = _filters(request)
    page = Paginator(selectors.review_queue(user, filters), 50).get_page(request.GET.get("page"))
    return render(request, "certification/queue.html", {
        "page": page, "filters": filters, "tabs": selectors.QUEUE_TABS,
        "rounds": Round.objects.all(),
        "bulk": user.role == LEVEL_ORDER[0] and filters.tab == "todo",
        "query": request.GET.copy(),
    })


@login_required
@require_POST
def bulk_approve(request: HttpRequest) -> HttpResponse:
    require_official(request)
    items: dict[int, int] = {}
    for raw in request.POST.getlist("pick"):
        pk_text, _, version = raw.partition(":")
        if pk_text.isdigit() and version.isdigit():
            items[int(pk_text)] = int(version)
    if not items:
        messages.error(request, "请先勾选要批量通过的申报。")
        return redirect("certification:queue")
    try:
        result = applications_bulk_approve(items=items, actor=request.user)
    except CertificationError as error:
        messages.error(request, str(error))
        return redirect("certification:queue")
    if result.approved:
        messages.success(request, f"已批量初审通过 {len(result.approved)} 件。")
    for pk, reason in result.refused.items():
        messages.error(request, f"申报 {pk} 未通过批量处理：{reason}")
    return redirect("certification:queue")


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    app = visible_application(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return invalid(request, app.pk, form)
    data = form.cleaned_data
    return attempt(request, app.pk, DONE_TEXT[data["decision"]], lambda: application_decide(
        application_id=app.pk, actor=request.user, decision=data["decision"],
        expected_version=data["version"], reason=data["reason"],
        correction=Correction(missing=data["missing"], due=data["due"])))


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    app = visible_application(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return invalid(request, app.pk, form)
    return attempt(request, app.pk, "已随机抽取评审专家。", lambda: experts_assign(
        application_id=app.pk, actor=request.user,
        expected_version=form.cleaned_data["version"], seed=form.cleaned_data["seed"]))


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    app = visible_application(request, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return invalid(request, app.pk, form)
    data = form.cleaned_data
    return attempt(request, app.pk, "已发布公示。", lambda: notice_publish(
        application_id=app.pk, actor=request.user, expected_version=data["version"],
        start=data["start"], end=data["end"]))


@login_required
@require_POST
def objection(request: HttpRequest, pk: int) -> HttpResponse:
    app = visible_application(request, pk)
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        return invalid(request, app.pk, form)
    return attempt(request, app.pk, "已登记异议。", lambda: objection_record(
        application_id=app.pk, actor=request.user, **form.cleaned_data))


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Objection, pk=pk)
    app = visible_application(request, item.application_id)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return invalid(request, app.pk, form)
    return attempt(request, app.pk, "已处理异议。", lambda: objection_resolve(
        objection_id=item.pk, actor=request.user, **form.cleaned_data))


@login_required
@require_POST
def certify(request: HttpRequest, pk: int) -> HttpResponse:
    app = visible_application(request, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return invalid(request, app.pk, form)
    return attempt(request, app.pk, "已认定并发放证书，称号已记入企业档案。",
                   lambda: application_certify(application_id=app.pk, actor=request.user,
                                               expected_version=form.cleaned_data["version"]))
