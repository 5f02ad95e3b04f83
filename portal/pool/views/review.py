"""The yearly review: start it (a background task), watch its progress, decide proposals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from portal.pool import access, selectors
from portal.pool.forms import ItemDecisionForm, ReviewStartForm
from portal.pool.models import RunStatus
from portal.pool.review import review_confirm_bulk, review_item_decide, review_start
from portal.pool.services import PoolError
from portal.pool.tasks import pool_review_task
from portal.pool.views.common import progress_response, selected_ids

SHOW = {"proposed": "建议出库", "unknown": "数据不全", "all": "全部"}


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_view(user), access.DENIED_VIEW)
    return render(request, "pool/reviews.html", {
        "reviews": selectors.reviews_for(access.scope_region(user))[:50],
        "form": ReviewStartForm(), "can_decide": access.can_decide(user)})


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_decide(user), access.DENIED_DECIDE)
    form = ReviewStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "复核年度填写有误（须为2020—2100之间的年份）。")
        return redirect("pool:reviews")
    try:
        review = review_start(actor=user, region=access.scope_region(user),
                              year=form.cleaned_data["year"])
    except PoolError as error:
        messages.error(request, str(error))
        return redirect("pool:reviews")
    pool_review_task.enqueue(review.pk)
    return redirect("pool:review", pk=review.pk)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_view(user), access.DENIED_VIEW)
    review = selectors.review_for(access.scope_region(user), pk)
    show = request.GET.get("show", "proposed")
    items = selectors.review_items(user, review)
    if show == "proposed":
        items = items.filter(propose_exit=True)
    elif show == "unknown":
        items = items.filter(verdict="unknown")
    return render(request, "pool/review.html", {
        "review": review, "items": items, "show": show if show in SHOW else "all",
        "shows": SHOW, "running": review.status == RunStatus.RUNNING,
        "can_decide": access.can_decide(user)})


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_view(user), access.DENIED_VIEW)
    review = selectors.review_for(access.scope_region(user), pk)
    return progress_response(request, review.progress_id, review.status != RunStatus.RUNNING)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_decide(user), access.DENIED_DECIDE)
    item = selectors.item_for(user, pk)
    form = ItemDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择“确认出库”或“保留在库”。")
    else:
        try:
            review_item_decide(item=item, actor=user,
                               confirm=form.cleaned_data["decision"] == "confirm",
                               note=form.cleaned_data["note"])
            messages.success(request, f"{item.membership.enterprise.name}："
                                      f"{item.get_decision_display()}。")
        except PoolError as error:
            messages.error(request, str(error))
    return redirect("pool:review", pk=item.review_id)


@login_required
@require_POST
def confirm_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    access.require(access.can_decide(user), access.DENIED_DECIDE)
    review = selectors.review_for(access.scope_region(user), pk)
    ids = selected_ids(request)
    if not ids:
        messages.error(request, "请至少勾选一条出库建议。")
        return redirect("pool:review", pk=review.pk)
    try:
        count = review_confirm_bulk(items=selectors.pending_items(user, review, ids),
                                    actor=user)
        messages.success(request, f"已确认 {count} 家企业出库。")
    except PoolError as error:
        messages.error(request, str(error))
    return redirect("pool:review", pk=review.pk)
