"""The inbox: list, open (marks read, then follows the link), mark everything read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.notifications import selectors, services
from portal.notifications.models import Notification


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.inbox(request.user, unread_only=unread_only), 30) \
        .get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html",
                  {"page": page, "unread_only": unread_only,
                   "unread": selectors.unread_count(request.user)})


@login_required
@require_POST
def open_message(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(notification=note, user=request.user)
    safe = note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts=None)
    return redirect(note.link if safe else "notifications:inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    return redirect("notifications:inbox")
