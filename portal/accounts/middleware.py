"""Idle sessions expire: a shared office computer must not stay signed in."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

IDLE_KEY = "zjtx_last_seen"
REFRESH_SECONDS = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.idle_seconds = int(getattr(settings, "SESSION_IDLE_SECONDS", 30 * 60))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(IDLE_KEY, now)
            if now - int(last) > self.idle_seconds:
                logout(request)
                messages.info(request, "长时间未操作，已自动退出登录，请重新登录。")
            elif now - int(last) >= REFRESH_SECONDS or IDLE_KEY not in request.session:
                # Writing the session on every request costs a database write per page view;
                # a minute's precision is plenty for a 30-minute idle limit.
                request.session[IDLE_KEY] = now
        return self.get_response(request)
