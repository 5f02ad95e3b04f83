"""One application: its page (status, route, frozen evaluation, attachments, expert review,
notice, history, and the forms the user may use now), its printable form, its attachments,
and the enterprise's corrections."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.certification import display, selectors
from portal.certification.actions import available_actions
from portal.certification.forms import (
    AssignForm,
    AttachForm,
    DecisionForm,
    ObjectionForm,
    PublishForm,
    ResolveForm,
    ResubmitForm,
    VersionForm,
)
from portal.certification.models import Application, Attachment, Snapshot
from portal.certification.services.applications import application_resubmit, attachment_add
from portal.certification.views.common import attempt, invalid, visible_application


def _latest(app: Application) -> Snapshot | None:
    return app.snapshots.order_by("-taken_at", "-id").first()


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = visible_application(request, pk)
    user: Any = request.user
    snapshot = _latest(app)
    actions = available_actions(app, user)
    version = {"version": app.version}
    is_expert = user.role == "expert"
    return render(request, "certification/application.html", {
        "app": app, "actions": actions, "today": timezone.localdate(),
        "steps": display.route_steps(app), "snapshot": snapshot,
        "criteria": display.criteria_rows(snapshot.outcome) if snapshot else [],
        "attachments": app.attachments.select_related("uploaded_by"),
        "transitions": app.transitions.select_related("actor"),
        "reviews": app.reviews.select_related("expert").prefetch_related("items")
        if not is_expert else app.reviews.filter(expert=user).prefetch_related("items"),
        "summary": selectors.score_summary(app) if not is_expert else None,
        "draw": getattr(app, "draw", None) if not is_expert else None,
        "objections": app.objections.select_related("recorded_by", "resolved_by"),
        "certificate": getattr(app, "certificate", None),
        "decision_form": DecisionForm(initial=version),
        "assign_form": AssignForm(initial=version),
        "publish_form": PublishForm(initial=version),
        "version_form": VersionForm(initial=version),
        "resubmit_form": ResubmitForm(initial=version),
        "attach_form": AttachForm(), "objection_form": ObjectionForm(),
        "resolve_form": ResolveForm(),
    })


@login_required
def print_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The application form (申报书) prefilled from the frozen facts, laid out for paper."""
    app = visible_application(request, pk)
    snapshot = _latest(app)
    if snapshot is None:
        raise Http404("该申报没有冻结的数据。")
    return render(request, "certification/print.html", {
        "app": app, "snapshot": snapshot, "document": snapshot.facts,
        "static_rows": display.static_rows(snapshot.facts),
        "annual": display.annual_table(snapshot.facts),
        "criteria": [c for c in display.criteria_rows(snapshot.outcome) if c["main"]],
        "attachments": app.attachments.all(), "opinions": display.step_opinions(app),
    })


@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(Attachment, pk=pk)
    visible_application(request, item.application_id)  # 404 outside the user's scope
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("附件文件不存在。") from None
    return FileResponse(handle, filename=item.original_name,
                        as_attachment=not item.original_name.lower().endswith(".pdf"))


@login_required
@require_POST
def resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    app = visible_application(request, pk)
    form = ResubmitForm(request.POST, request.FILES)
    if not form.is_valid():
        return invalid(request, app.pk, form)
    return attempt(request, app.pk, "已补正并重新提交。", lambda: application_resubmit(
        application_id=app.pk, actor=request.user,
        expected_version=form.cleaned_data["version"], files=form.files_given(),
        note=form.cleaned_data["note"]))


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    app = visible_application(request, pk)
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        return invalid(request, app.pk, form)
    return attempt(request, app.pk, "附件已上传。", lambda: attachment_add(
        application_id=app.pk, actor=request.user, kind=form.cleaned_data["kind"],
        upload=form.cleaned_data["file"]))


