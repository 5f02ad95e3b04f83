"""Self-assessment: an enterprise user fills in or corrects its own figures, most decisive
questions first, and sees the ladder change before and after saving (htmx, progressive:
without JavaScript the form posts and redirects)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from indicators.vocabulary import BY_ID
from portal.accounts.models import Role
from portal.assessments.ladder import LadderView, Question, enterprise_ladder
from portal.enterprises import selectors as registry
from portal.enterprises.documents import facts_document
from portal.enterprises.models import Enterprise
from portal.enterprises.services import RegistryError, stored_value
from portal.workspace.forms import SelfAssessmentForm, field_name, form_value
from portal.workspace.services import SelfAssessmentError, self_assessment_save
from portal.workspace.views.access import visible_enterprise
from portal.workspace.whatif import with_answers

# Asked after the decisive questions: the figures most criteria read, for the last two years.
ANNUAL_BASICS = ("revenue", "main_revenue", "main_product_revenue", "rd_expense",
                 "total_assets", "total_liabilities", "net_profit", "employees", "rd_staff")
STATIC_BASICS = ("invention_patents", "class1_ip", "class2_ip", "niche_since", "sme_size",
                 "rd_institution_level")
MAX_DECISIVE = 12


def _own_enterprise(request: HttpRequest, pk: int) -> Enterprise:
    enterprise = visible_enterprise(request, pk)
    if request.user.role != Role.ENTERPRISE:  # type: ignore[union-attr]
        raise PermissionDenied("企业自评仅供本企业用户填写。")
    return enterprise


def questions_for(view: LadderView) -> tuple[list[Question], list[Question]]:
    """(answerable questions, decisive first; attested judgements the enterprise cannot give)."""
    asked = [q for q in view.questions if not BY_ID[q.indicator].attested][:MAX_DECISIVE]
    judged = [q for q in view.questions if BY_ID[q.indicator].attested]
    seen = {(q.indicator, q.year) for q in asked}
    for year in (view.fiscal_year, view.fiscal_year - 1):
        for indicator in ANNUAL_BASICS:
            _append(asked, seen, indicator, year)
    for indicator in STATIC_BASICS:
        _append(asked, seen, indicator, None)
    return asked, judged


def _append(asked: list[Question], seen: set[tuple[str, int | None]], indicator: str,
            year: int | None) -> None:
    if (indicator, year) in seen:
        return
    seen.add((indicator, year))
    name = BY_ID[indicator].name
    asked.append(Question(indicator, year, f"{year}年度{name}" if year else name, False))


def _current(enterprise: Enterprise) -> dict[str, Any]:
    return {field_name(f.indicator, f.year): form_value(f.indicator, stored_value(f))
            for f in registry.current_facts(enterprise)}


def _page(request: HttpRequest, enterprise: Enterprise, form: SelfAssessmentForm,
          view: LadderView, judged: list[Question], saved_message: str = "") -> HttpResponse:
    decisive = {field_name(q.indicator, q.year) for q in form.questions if q.decisive}
    return render(request, "workspace/self_assessment.html", {
        "enterprise": enterprise, "form": form, "ladder": view, "judged": judged,
        "decisive_names": decisive, "saved_message": saved_message,
        "tab": "self", "tabs": [], "can_self_assess": True})


@login_required
def self_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _own_enterprise(request, pk)
    view = enterprise_ladder(enterprise)
    asked, judged = questions_for(view)
    form = SelfAssessmentForm(request.POST or None, questions=asked,
                              current=_current(enterprise))
    if request.method == "POST" and form.is_valid():
        try:
            written = self_assessment_save(enterprise=enterprise, actor=request.user,
                                           answers=form.parsed)
        except (SelfAssessmentError, RegistryError) as error:
            form.add_error(None, str(error))
        else:
            text = (f"已保存 {written} 项企业自报数据，评估结果已更新。" if written
                    else "数据没有变化，未保存新的版本。")
            if not request.htmx:  # type: ignore[attr-defined]
                messages.success(request, text)
                return redirect("workspace:self_assessment", pk=pk)
            return _fresh_page(request, enterprise, text)
    return _page(request, enterprise, form, view, judged)


def _fresh_page(request: HttpRequest, enterprise: Enterprise, text: str) -> HttpResponse:
    """After an htmx save: the questions and ladder recomputed from the stored facts."""
    view = enterprise_ladder(enterprise)
    asked, judged = questions_for(view)
    form = SelfAssessmentForm(questions=asked, current=_current(enterprise))
    return _page(request, enterprise, form, view, judged, saved_message=text)


@login_required
@require_POST
def self_assessment_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The ladder as it would be with the typed answers; nothing is stored."""
    enterprise = _own_enterprise(request, pk)
    asked, _ = questions_for(enterprise_ladder(enterprise))
    form = SelfAssessmentForm(request.POST, questions=asked, current=_current(enterprise))
    answers = form.parsed if form.is_valid() else {}
    document = with_answers(facts_document(enterprise), answers)
    view = enterprise_ladder(enterprise, facts=document)
    return render(request, "workspace/partials/ladder_summary.html", {
        "ladder": view, "preview": True, "form_errors": form.errors if form.errors else None})
