"""The pages shown when a request is refused (403), finds nothing (404) or fails CSRF, in Chinese.

Views raise ``PermissionDenied`` / ``Http404`` with a Chinese sentence meant for the person
(“金融机构账号只能查看已公示的名单……”); that sentence is shown. Framework messages such as
“No Enterprise matches the given query.” are for developers and give way to a general one.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

NOT_FOUND = "您访问的页面不存在，或该记录不在您的管辖范围内。"
FORBIDDEN = "您的账号没有访问此页面的权限。如需开通，请联系所在地主管部门。"
CSRF_EXPIRED = "页面已过期，请返回上一页并刷新后重试。"


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "页面不存在", _for_people(exception) or NOT_FOUND)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "无权访问", _for_people(exception) or FORBIDDEN)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The usual cause is a form left open past the session or submitted from a stale tab;
    # Django's reason ("CSRF token missing") means nothing to the person filling the form.
    return _error(request, 403, "页面已过期", CSRF_EXPIRED)


def _error(request: HttpRequest, status: int, heading: str, message: str) -> HttpResponse:
    return render(request, "core/error.html",
                  {"status": status, "heading": heading, "message": message}, status=status)


def _for_people(exception: Exception | None) -> str:
    text = str(exception) if exception is not None else ""
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else ""
