"""The landing page after sign-in: what each role works on, in its own scope."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.accounts.models import Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    # The overview lives with the workspace (it reads assessments); core only routes to it.
    from portal.workspace.overview import home_context

    user: Any = request.user
    context = home_context(user) if user.role != Role.BANK else {}
    return render(request, "core/home.html", context)
