"""Experts' side: the reviews drawn for them and the scoring sheet."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal.accounts.models import Role
from portal.certification import selectors
from portal.certification.errors import CertificationError
from portal.certification.forms import ScoreForm
from portal.certification.services.experts import Sheet, review_submit
from portal.certification.views.common import visible_application


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role != Role.EXPERT:
        raise PermissionDenied("此页面供评审专家使用。")
    return render(request, "certification/reviews.html",
                  {"reviews": selectors.reviews_of(user)})


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    app = visible_application(request, pk)
    user: Any = request.user
    review = app.reviews.filter(expert=user).first() if user.role == Role.EXPERT else None
    if review is None:
        raise PermissionDenied("您不是该申报的评审专家。")
    form = ScoreForm(request.POST or None, lines=selectors.sheet_criteria(app))
    if request.method == "POST" and form.is_valid():
        sheet = Sheet(scores=form.scores(), recommend=form.cleaned_data["recommend"],
                      comment=form.cleaned_data["comment"])
        try:
            review_submit(application_id=app.pk, actor=user, sheet=sheet)
        except CertificationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "评分已提交。")
            return redirect("certification:application", app.pk)
    return render(request, "certification/score.html",
                  {"app": app, "review": review, "form": form})
