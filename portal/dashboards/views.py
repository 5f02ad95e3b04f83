"""The regional dashboard page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal.dashboards.charts import chart_data
from portal.dashboards.overview import overview
from portal.dashboards.scope import NO_DASHBOARD_MESSAGE, dashboard_scope


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = dashboard_scope(request.user)
    if scope is None:
        messages.info(request, NO_DASHBOARD_MESSAGE)
        return redirect("home")
    page = overview(scope)
    return render(request, "dashboards/overview.html",
                  {"page": page, "charts": chart_data(page)})
