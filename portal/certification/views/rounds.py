"""The certification hub, rounds (list, detail, create) and applying in a round."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from eligibility.api import evaluate
from portal.accounts.models import OFFICIAL_ROLES, Role
from portal.assessments.library import criteria_library
from portal.certification import selectors
from portal.certification.display import criteria_rows
from portal.certification.errors import CertificationError
from portal.certification.forms import ApplyForm, RoundForm
from portal.certification.models import ApplicationType, Round
from portal.certification.services.applications import application_submit
from portal.certification.services.rounds import round_create
from portal.certification.views.common import form_errors
from portal.enterprises.documents import facts_document


def _own_enterprise(user: Any) -> Any:
    member = getattr(user, "enterprise_membership", None) \
        if user.role == Role.ENTERPRISE else None
    return member.enterprise if member else None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where each role starts: officials their queue, experts their reviews, enterprises
    their applications and the rounds open to them."""
    user: Any = request.user
    if user.role in OFFICIAL_ROLES or user.is_superuser:
        return redirect("certification:queue")
    if user.role == Role.EXPERT:
        return redirect("certification:reviews")
    enterprise = _own_enterprise(user)
    if enterprise is None:
        raise PermissionDenied("此页面供企业用户、主管部门和评审专家使用。")
    today = timezone.localdate()
    return render(request, "certification/home_enterprise.html", {
        "enterprise": enterprise,
        "applications": selectors.applications_visible_to(user).prefetch_related("transitions"),
        "open_rounds": selectors.rounds_open_to(enterprise, today),
        "certificates": enterprise.certificates.select_related("title"),
        "revocations": selectors.revocations_visible_to(user),
        "today": today,
    })


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role in (Role.BANK, Role.COMMISSIONER):
        raise PermissionDenied("此页面供企业用户、主管部门和评审专家使用。")
    titles = {s.id: s.title for s in criteria_library().sets}
    rounds_ = Round.objects.select_related("region").prefetch_related("steps")
    return render(request, "certification/rounds.html", {
        # Officials know a criteria set by its title; its id is for the files.
        "rounds": [(r, titles.get(r.criteria_set_id, r.criteria_set_id)) for r in rounds_],
        "today": timezone.localdate(),
        "can_create": user.is_superuser or user.role == Role.PROVINCE,
    })


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    if user.role in (Role.BANK, Role.COMMISSIONER):
        raise PermissionDenied("此页面供企业用户、主管部门和评审专家使用。")
    round_ = get_object_or_404(Round.objects.select_related("region"), pk=pk)
    enterprise = _own_enterprise(user)
    today = timezone.localdate()
    return render(request, "certification/round_detail.html", {
        "round": round_, "steps": round_.steps.all(), "today": today,
        "criteria_set": criteria_library().get(round_.criteria_set_id),
        "can_apply": enterprise is not None and round_ in selectors.rounds_open_to(
            enterprise, today),
        "count": selectors.applications_visible_to(user).filter(round=round_).count(),
    })


@login_required
def round_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not (user.is_superuser or user.role == Role.PROVINCE):
        raise PermissionDenied("只有省级主管部门可以创建申报批次。")
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = round_create(spec=form.spec(), actor=user)
        except CertificationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已创建申报批次“{round_.name}”。")
            return redirect("certification:round", round_.pk)
    return render(request, "certification/round_form.html", {"form": form})


@login_required
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """The enterprise applies: the page shows the engine's verdict on today's facts (which
    the submission will freeze), the form takes attachments and the pledge."""
    user: Any = request.user
    enterprise = _own_enterprise(user)
    if enterprise is None:
        raise PermissionDenied("只有企业用户可以申报。")
    round_ = get_object_or_404(Round, pk=pk)
    form = ApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                app = application_submit(round_=round_, enterprise=enterprise, actor=user,
                                         files=form.files_given())
            except CertificationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "申报已提交，企业数据和评估结果已冻结。")
                return redirect("certification:application", app.pk)
        else:
            messages.error(request, form_errors(form))
    today = timezone.localdate()
    outcome = evaluate(criteria_library().get(round_.criteria_set_id),
                       facts_document(enterprise), on=today,
                       application=round_.application_type)
    return render(request, "certification/apply.html", {
        "round": round_, "enterprise": enterprise, "form": form, "outcome": outcome,
        "criteria": criteria_rows(outcome.to_dict()), "today": today,
        "renews": selectors.renewable_title(enterprise, round_, today),
        "is_re_review": round_.application_type == ApplicationType.RE_REVIEW,
    })
