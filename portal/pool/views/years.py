"""Published yearly lists: take a new version, read and export one, compare two years."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.pool import access, selectors, services
from portal.pool.diff import YearDiff, year_diff
from portal.pool.exports import diff_xlsx, snapshot_xlsx
from portal.pool.forms import SnapshotForm, YearPairForm
from portal.pool.models import PoolSnapshot
from portal.pool.views.common import paged, xlsx_response


@login_required
def years(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_view(user), access.DENIED_VIEW)
    this_year = timezone.localdate().year
    return render(request, "pool/years.html", {
        "snapshots": selectors.snapshots(), "form": SnapshotForm(),
        "can_publish": access.can_publish(user), "a": this_year - 1, "b": this_year})


@login_required
@require_POST
def snapshot_take(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_publish(user), access.DENIED_PUBLISH)
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        messages.error(request, "名单年度填写有误（须为2020—2100之间的年份）。")
        return redirect("pool:years")
    snapshot = services.snapshot_take(year=form.cleaned_data["year"], actor=user,
                                      note=form.cleaned_data["note"])
    messages.success(request, f"已生成{snapshot}，共{snapshot.member_count}家企业。")
    return redirect("pool:snapshot", pk=snapshot.pk)


def _snapshot(request: HttpRequest, pk: int) -> tuple[Any, PoolSnapshot]:
    user: Any = request.user
    access.require(access.can_view(user), access.DENIED_VIEW)
    return user, get_object_or_404(PoolSnapshot, pk=pk)


@login_required
def snapshot(request: HttpRequest, pk: int) -> HttpResponse:
    user, found = _snapshot(request, pk)
    page, query = paged(request, selectors.snapshot_entries(user, found), size=50)
    return render(request, "pool/snapshot.html", {"snapshot": found, "page": page,
                                                  "query": query})


@login_required
def snapshot_export(request: HttpRequest, pk: int) -> HttpResponse:
    user, found = _snapshot(request, pk)
    title = f"{found.year}年度培育库名单第{found.version}版"
    return xlsx_response(snapshot_xlsx(title, selectors.snapshot_entries(user, found)), title)


def _diff(request: HttpRequest) -> tuple[YearPairForm, YearDiff | None]:
    user: Any = request.user
    access.require(access.can_view(user), access.DENIED_VIEW)
    this_year = timezone.localdate().year
    form = YearPairForm(request.GET or {"a": this_year - 1, "b": this_year})
    if not form.is_valid():
        return form, None
    return form, year_diff(user, form.cleaned_data["a"], form.cleaned_data["b"])


@login_required
def diff(request: HttpRequest) -> HttpResponse:
    form, found = _diff(request)
    return render(request, "pool/diff.html", {"form": form, "diff": found})


@login_required
def diff_export(request: HttpRequest) -> HttpResponse:
    _, found = _diff(request)
    if found is None or not found.complete:
        messages.error(request, "所选年度尚未生成培育库名单，无法导出对比结果。")
        return redirect("pool:diff")
    return xlsx_response(diff_xlsx(found), f"培育库名单变化_{found.year_from}-{found.year_to}")
