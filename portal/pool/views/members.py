"""The member list (scoped, filtered, exported) and one enterprise's pool page: its status,
its history, the live entry evaluation, applying (enterprise users) and focus overrides."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.accounts.models import Role
from portal.pool import access, selectors, services
from portal.pool.exports import members_xlsx
from portal.pool.forms import FocusOverrideForm, MemberFilterForm
from portal.pool.models import Cohort, Focus, PoolMembership
from portal.pool.standards import EntryStandardError
from portal.pool.views.common import paged, standard_for, xlsx_response


def _filtered(request: HttpRequest) -> tuple[MemberFilterForm, Any]:
    user: Any = request.user
    access.require(access.can_view(user), access.DENIED_VIEW)
    form = MemberFilterForm(request.GET or None, scope_region=access.scope_region(user))
    return form, selectors.filtered_members(user, form.filters() if form.is_bound else {})


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role == Role.ENTERPRISE and hasattr(user, "enterprise_membership"):
        return redirect("pool:enterprise", pk=user.enterprise_membership.enterprise_id)
    form, members = _filtered(request)
    page, query = paged(request, members)
    standard, problem = standard_for(access.scope_region(user))
    return render(request, "pool/member_list.html", {
        "form": form, "page": page, "query": query, "stats": _stats(members),
        "pending": selectors.pending_requests(user).count(),
        "open_proposals": selectors.open_proposals(user), "standard": standard,
        "standard_problem": problem, "can_decide": access.can_decide(user)})


def _stats(members: Any) -> list[tuple[str, int]]:
    counts = selectors.focus_counts(members)
    return [("当前筛选", counts["total"]),
            *[(label, counts.get(value, 0)) for value, label in Focus.choices],
            *[(label, counts.get(f"cohort{value}", 0)) for value, label in Cohort.choices]]


@login_required
def member_export(request: HttpRequest) -> HttpResponse:
    _, members = _filtered(request)
    return xlsx_response(members_xlsx(members), "培育库企业名单")


def _status_viewer(request: HttpRequest, pk: int) -> Any:
    user: Any = request.user
    if user.role == Role.BANK and not user.is_superuser:
        raise PermissionDenied("金融机构账号不能查看企业的培育库信息。")
    return access.enterprise_in_scope(user, pk)


@login_required
def enterprise_page(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    enterprise = _status_viewer(request, pk)
    status = selectors.enterprise_status(enterprise)
    evaluation, problem = None, ""
    try:
        evaluation = services.assess_entry(enterprise).verdict
    except EntryStandardError as error:
        problem = str(error)
    return render(request, "pool/enterprise.html", {
        "enterprise": enterprise, "status": status, "evaluation": evaluation,
        "standard_problem": problem, "can_apply": access.enterprise_user_owns(user, enterprise),
        "can_decide": access.can_decide(user), "focus_form": FocusOverrideForm(),
        "focus_choices": Focus.choices})


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    enterprise = _status_viewer(request, pk)
    access.require(access.enterprise_user_owns(user, enterprise), "入库申请须由本企业用户提交。")
    try:
        services.entry_apply(enterprise=enterprise, actor=user,
                             reason=request.POST.get("reason", ""))
        messages.success(request, "入库申请已提交，请等待主管部门审核。")
    except (services.PoolError, EntryStandardError) as error:
        messages.error(request, str(error))
    return redirect("pool:enterprise", pk=enterprise.pk)


@login_required
@require_POST
def focus_override(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_decide(user), access.DENIED_DECIDE)
    membership = get_object_or_404(PoolMembership.objects.select_related("enterprise"), pk=pk)
    access.enterprise_in_scope(user, membership.enterprise_id)
    form = FocusOverrideForm(request.POST)
    form.is_valid()
    focus, reason = form.cleaned_data.get("focus", ""), form.cleaned_data.get("reason", "")
    try:
        if focus:
            services.focus_override_set(membership=membership, actor=user, focus=focus,
                                        reason=reason)
        else:
            services.focus_override_clear(membership=membership, actor=user, reason=reason)
        messages.success(request, f"重点分类已更新为：{membership.effective_focus_label}。")
    except services.PoolError as error:
        messages.error(request, str(error))
    return redirect("pool:enterprise", pk=membership.enterprise_id)
