"""Revocation: the list of revocations, titles the user's level may revoke (with missed
annual updates flagged), and the revocation form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from portal.accounts.models import Role
from portal.certification import selectors
from portal.certification.errors import CertificationError
from portal.certification.forms import RevokeForm
from portal.certification.services.revocations import MISSED_UPDATES_LIMIT, title_revoke

REVOKERS = frozenset({Role.PROVINCE, Role.CITY, Role.DISTRICT})


@login_required
def revocations(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role in (Role.BANK, Role.COMMISSIONER, Role.EXPERT):
        raise PermissionDenied("此页面供主管部门和企业用户使用。")
    today = timezone.localdate()
    q = request.GET.get("q", "").strip()[:100]
    titles = selectors.revocable_titles(user, today) if user.role in REVOKERS else None
    if titles is not None and q:
        titles = titles.filter(enterprise__name__icontains=q)
    rows = [{"title": t, "missed": selectors.missed_annual_updates(t, today)}
            for t in (titles.order_by("enterprise__name")[:100] if titles is not None else [])]
    return render(request, "certification/revocations.html", {
        "revocations": selectors.revocations_visible_to(user)[:200], "rows": rows,
        "q": q, "limit": MISSED_UPDATES_LIMIT, "can_revoke": titles is not None,
    })


@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    if user.role not in REVOKERS:
        raise PermissionDenied("只有认定机关可以撤销称号。")
    today = timezone.localdate()
    title = get_object_or_404(selectors.revocable_titles(user, today), pk=pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            title_revoke(title_id=title.pk, actor=user, **form.cleaned_data)
        except CertificationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已撤销{title.enterprise.name}的{title}。")
            return redirect("certification:revocations")
    return render(request, "certification/revoke.html", {
        "title": title, "form": form,
        "missed": selectors.missed_annual_updates(title, today),
        "limit": MISSED_UPDATES_LIMIT})
