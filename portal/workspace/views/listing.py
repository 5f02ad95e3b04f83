"""The enterprise list: search, filters, sort, pages, xlsx export."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from portal.accounts.models import Role
from portal.enterprises.models import Enterprise
from portal.workspace import exports, paging, selectors
from portal.workspace.forms import EnterpriseFilterForm

PAGE_SIZE = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request: HttpRequest) -> tuple[EnterpriseFilterForm, Any]:
    user: Any = request.user
    if user.role == Role.BANK and not user.is_superuser:
        raise PermissionDenied("金融机构账号只能查看已公示的名单，不能查看企业数据。")
    form = EnterpriseFilterForm(request.GET or None, scope_region=selectors.scope_region(user))
    if form.is_bound and not form.is_valid():
        return form, Enterprise.objects.none().order_by("name", "pk")
    filters = form.cleaned_data if form.is_bound else {}
    return form, selectors.filtered_enterprises(user, filters)


def _count_key(user: Any, form: EnterpriseFilterForm) -> str:
    """What the list's count depends on: whose scope, and which filters (not the sort)."""
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    narrowing = sorted((k, str(v)) for k, v in filters.items() if k != "sort" and v)
    return f"{user.pk}:{user.role}:{user.region_id}:{user.is_superuser}:{narrowing}"


@login_required
def enterprise_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role == Role.ENTERPRISE:
        membership = getattr(user, "enterprise_membership", None)
        if membership is not None:
            return redirect("workspace:detail", pk=membership.enterprise_id)
    form, enterprises = _filtered(request)
    page = paging.list_page(enterprises, request.GET.get("page"), PAGE_SIZE,
                            _count_key(user, form))
    rung_labels = dict(form.fields["ready"].choices)  # type: ignore[attr-defined]
    rows = selectors.list_rows(list(page.object_list), rung_labels)
    # Jinja2 autoescapes every value; the fragment is HTML ready to insert.
    rows_html = mark_safe(render_to_string(
        "workspace/list_rows.html", {"rows": rows}, using="jinja2"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "workspace/enterprise_list.html", {
        "form": form, "options": form.options(), "chips": _chips(form, query),
        "page": page, "rows": rows,
        "rows_html": rows_html, "query": query.urlencode(),
        "assessed_on": selectors.last_assessment_day(),
        "assigned_only": user.role in (Role.COMMISSIONER, Role.EXPERT)})


def _chips(form: EnterpriseFilterForm, query: QueryDict) -> list[dict[str, str]]:
    """The filters a dashboard link set that have no select: each with the list without it."""
    chips = []
    for name, value, text in form.chips():
        rest = query.copy()
        rest.pop(name, None)
        chips.append({"name": name, "value": value, "text": text, "without": rest.urlencode()})
    return chips


@login_required
def enterprise_export(request: HttpRequest) -> HttpResponse:
    """The filtered list, or exactly the ticked enterprises (``id``; any id outside the
    user's scope answers 404)."""
    ids = request.GET.getlist("id")
    if ids:
        if not all(i.isdigit() for i in ids):
            raise PermissionDenied("企业编号格式不正确。")
        if request.user.role == Role.BANK:  # type: ignore[union-attr]
            raise PermissionDenied("金融机构账号不能导出企业数据。")
        enterprises = selectors.enterprises_for(request.user, [int(i) for i in ids])
    else:
        _, enterprises = _filtered(request)
    content = exports.enterprise_list_xlsx(enterprises.order_by("name", "pk"))
    name = f"企业名单_{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
