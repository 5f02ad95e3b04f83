"""Entry: pending applications and nominations with their decisions, the nomination form,
and the screening list officials select from (refreshed by a background screening)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.enterprises.selectors import enterprises_visible_to
from portal.pool import access, selectors, services
from portal.pool.forms import DecisionForm, NominationForm
from portal.pool.models import RunStatus, ScreeningRun
from portal.pool.screening import screening_start
from portal.pool.standards import EntryStandardError
from portal.pool.tasks import pool_screening_task
from portal.pool.views.common import paged, progress_response, selected_ids, standard_for


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_view(user), access.DENIED_VIEW)
    return render(request, "pool/requests.html", {
        "pending": selectors.pending_requests(user), "recent": selectors.recent_requests(user),
        "can_decide": access.can_decide(user)})


@login_required
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_decide(user), access.DENIED_DECIDE)
    entry_request = selectors.request_for(user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择“批准入库”或“不予入库”。")
        return redirect("pool:requests")
    try:
        services.entry_request_decide(request=entry_request, actor=user,
                                      approve=form.cleaned_data["decision"] == "approve",
                                      note=form.cleaned_data["note"])
        messages.success(request, f"{entry_request.enterprise.name}："
                                  f"{entry_request.get_status_display()}。")
    except (services.PoolError, EntryStandardError) as error:
        messages.error(request, f"{entry_request.enterprise.name}：{error}")
    return redirect("pool:requests")


@login_required
def nominate(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_nominate(user), access.DENIED_NOMINATE)
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enterprise = enterprises_visible_to(user).filter(uscc=form.cleaned_data["uscc"]).first()
        if enterprise is None:
            form.add_error("uscc", "管辖范围内没有该统一社会信用代码的企业。")
        else:
            try:
                services.nomination_submit(
                    enterprise=enterprise, actor=user, reason=form.cleaned_data["reason"],
                    nominator_name=form.cleaned_data["nominator_name"],
                    nominator_kind=form.cleaned_data["nominator_kind"])
                messages.success(request, f"已登记对{enterprise.name}的举荐，待主管部门审核。")
                return redirect("pool:nominate")
            except (services.PoolError, EntryStandardError) as error:
                form.add_error(None, str(error))
    return render(request, "pool/nominate.html", {"form": form})


@login_required
def candidates(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_view(user), access.DENIED_VIEW)
    region = access.scope_region(user)
    page, query = paged(request, selectors.candidates_for(user, request.GET.get("q", "")))
    run = selectors.latest_screening_run(region)
    standard, problem = standard_for(region)
    return render(request, "pool/candidates.html", {
        "page": page, "query": query, "q": request.GET.get("q", ""), "run": run,
        "running": run is not None and run.status == RunStatus.RUNNING,
        "standard": standard,
        "standard_problem": problem, "can_decide": access.can_decide(user)})


@login_required
@require_POST
def screening_refresh(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_decide(user), access.DENIED_DECIDE)
    region = access.scope_region(user)
    latest = selectors.latest_screening_run(region)
    if latest is not None and latest.status == RunStatus.RUNNING:
        messages.info(request, "入库筛选正在进行中。")
        return redirect("pool:candidates")
    run = screening_start(actor=user, region=region)
    pool_screening_task.enqueue(run.pk)
    return redirect("pool:candidates")


@login_required
def screening_progress(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_view(user), access.DENIED_VIEW)
    run = get_object_or_404(ScreeningRun, pk=pk)
    if run.region_id != getattr(access.scope_region(user), "pk", None):
        raise Http404("未找到该筛选。")
    return progress_response(request, run.progress_id, run.status != RunStatus.RUNNING)


@login_required
@require_POST
def select(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_decide(user), access.DENIED_DECIDE)
    ids = selected_ids(request)
    if not ids:
        messages.error(request, "请至少勾选一家企业。")
        return redirect("pool:candidates")
    chosen = access.enterprises_in_scope(user, ids)
    try:
        result = services.pool_select(enterprises=chosen, actor=user,
                                      note=request.POST.get("note", ""))
    except EntryStandardError as error:
        messages.error(request, str(error))
        return redirect("pool:candidates")
    if result.entered:
        messages.success(request, f"已遴选 {len(result.entered)} 家企业进入培育库。")
    for enterprise, reason in result.skipped:
        messages.warning(request, f"{enterprise.name} 未入库：{reason}。")
    return redirect("pool:candidates")
