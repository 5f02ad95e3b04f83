"""What every certification view shares: finding an application in the user's scope and
turning a refused action into a message instead of an error page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from portal.accounts.models import OFFICIAL_ROLES
from portal.certification.errors import CertificationError
from portal.certification.models import Application
from portal.certification.selectors import applications_visible_to


def visible_application(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(applications_visible_to(request.user), pk=pk)


def require_official(request: HttpRequest) -> None:
    user: Any = request.user
    if not (user.is_superuser or user.role in OFFICIAL_ROLES):
        raise PermissionDenied("只有主管部门工作人员可以使用此页面。")


def form_errors(form: Any) -> str:
    parts = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        parts.append(f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
    return "；".join(parts)


def attempt(request: HttpRequest, app_pk: int, done: str,
            action: Callable[[], Any]) -> HttpResponse:
    """Run a service call; success and refusal both come back to the application page."""
    try:
        action()
    except CertificationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("certification:application", app_pk)


def invalid(request: HttpRequest, app_pk: int, form: Any) -> HttpResponse:
    messages.error(request, f"提交的内容有误：{form_errors(form)}")
    return redirect("certification:application", app_pk)
