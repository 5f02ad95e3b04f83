"""Who may use which page: the scoping rules every workspace view starts with."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from portal.accounts.models import Role
from portal.enterprises.models import Enterprise
from portal.workspace.selectors import enterprise_for

NO_ENTERPRISE_DATA = frozenset({Role.BANK})


def visible_enterprise(request: HttpRequest, pk: int) -> Enterprise:
    """The enterprise in the user's scope; bank viewers never see enterprise data."""
    user: Any = request.user
    if user.role in NO_ENTERPRISE_DATA and not user.is_superuser:
        raise PermissionDenied("金融机构账号只能查看已公示的名单，不能查看企业数据。")
    return enterprise_for(user, pk)


def chosen_date(request: HttpRequest) -> dt.date | None:
    """The ``on`` query parameter (YYYY-MM-DD); None (today) when absent or malformed."""
    raw = request.GET.get("on", "").strip()
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
