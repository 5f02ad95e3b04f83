"""The enterprise workspace: overview, ladder, figures and their versions, IP and records,
change history, and the diagnosis report (print view and PDF)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from indicators.vocabulary import BY_ID
from portal.accounts.models import Role
from portal.assessments.ladder import enterprise_ladder
from portal.enterprises import selectors as registry
from portal.enterprises.models import Enterprise
from portal.workspace import figures as figure_tables
from portal.workspace import pdf
from portal.workspace.changes import readable_entries
from portal.workspace.selectors import enterprise_history
from portal.workspace.views.access import chosen_date, visible_enterprise

TABS = [("detail", "企业概况"), ("ladder", "梯度评估"), ("figures", "指标数据"),
        ("records", "知识产权与资质"), ("history", "变更记录")]


def _context(request: HttpRequest, enterprise: Enterprise, tab: str,
             **extra: Any) -> dict[str, Any]:
    user: Any = request.user
    return {"enterprise": enterprise, "tab": tab, "tabs": TABS,
            "can_self_assess": user.role == Role.ENTERPRISE, **extra}


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = visible_enterprise(request, pk)
    figures = figure_tables.enterprise_figures(enterprise)
    return render(request, "workspace/detail.html", _context(
        request, enterprise, "detail", ladder=enterprise_ladder(enterprise),
        chart=figure_tables.chart_series(figures), clusters=list(enterprise.clusters.all()),
        titles=registry.titles_held(enterprise), today=timezone.localdate()))


@login_required
def ladder(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = visible_enterprise(request, pk)
    view = enterprise_ladder(enterprise, chosen_date(request))
    return render(request, "workspace/ladder.html", _context(
        request, enterprise, "ladder", ladder=view))


@login_required
def figures(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = visible_enterprise(request, pk)
    return render(request, "workspace/figures.html", _context(
        request, enterprise, "figures", figures=figure_tables.enterprise_figures(enterprise)))


@login_required
def fact_history(request: HttpRequest, pk: int, indicator: str,
                 year: int | None = None) -> HttpResponse:
    enterprise = visible_enterprise(request, pk)
    if indicator not in BY_ID:
        raise Http404("未知指标。")
    versions = registry.fact_history(enterprise=enterprise, indicator=indicator, year=year)
    return render(request, "workspace/fact_history.html", _context(
        request, enterprise, "figures", indicator=BY_ID[indicator], year=year,
        versions=versions))


@login_required
def records(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = visible_enterprise(request, pk)
    figures = figure_tables.enterprise_figures(enterprise)
    return render(request, "workspace/records.html", _context(
        request, enterprise, "records", ip=figure_tables.ip_figures(figures),
        titles=registry.titles_held(enterprise), standards=enterprise.standards.all(),
        awards=enterprise.quality_awards.all(), brands=enterprise.brands.all(),
        certifications=enterprise.certifications.all(),
        institutions=enterprise.rd_institutions.all()))


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = visible_enterprise(request, pk)
    page = Paginator(enterprise_history(enterprise), 30).get_page(request.GET.get("page"))
    return render(request, "workspace/history.html", _context(
        request, enterprise, "history", page=page, entries=readable_entries(page)))


def _report_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    enterprise = visible_enterprise(request, pk)
    figures = figure_tables.enterprise_figures(enterprise)
    return {"enterprise": enterprise, "ladder": enterprise_ladder(enterprise,
                                                                  chosen_date(request)),
            "figures": figures, "ip": figure_tables.ip_figures(figures),
            "titles": registry.titles_held(enterprise), "printed_at": timezone.localtime(),
            "printed_by": request.user}


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "workspace/report.html", _report_context(request, pk))


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = _report_context(request, pk)
    context["inline_css"] = _inline_css()
    html = render_to_string("workspace/report.html", context, request=request)
    try:
        content = pdf.html_to_pdf(html)
    except pdf.PdfUnavailable as error:
        messages.error(request, str(error))
        return redirect("workspace:report", pk=pk)
    name = f"诊断报告_{context['enterprise'].name}_{timezone.localdate():%Y%m%d}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _inline_css() -> str:
    """Chromium reads the report from a temporary file, so styles travel inside it."""
    parts = []
    for name in ("vendor/bootstrap.min.css", "core/zjtx.css", "workspace/workspace.css"):
        found = finders.find(name)
        if found:
            with open(found, encoding="utf-8") as handle:
                parts.append(handle.read())
    return "\n".join(parts)
