"""Pool template tags for other apps' templates: the navigation entry and the status card
(``{% load pool_tags %}{% pool_status_card enterprise %}``)."""

from __future__ import annotations

from typing import Any

from django import template

from portal.accounts.models import Role
from portal.pool import access
from portal.pool.selectors import enterprise_status

register = template.Library()


@register.filter
def pool_nav(user: Any) -> str:
    """Which pool link the navigation shows: "pool" (the member list), "own" (an enterprise
    user's own status page), "nominate" (experts) or "" (none). No database query."""
    if access.can_view(user):
        return "pool"
    if getattr(user, "role", "") == Role.ENTERPRISE:
        return "own"
    return "nominate" if access.can_nominate(user) else ""


@register.inclusion_tag("pool/_status_card.html")
def pool_status_card(enterprise: Any) -> dict[str, Any]:
    return {"status": enterprise_status(enterprise)}
