"""The unread badge in the header (an inclusion tag, so only pages that show the header pay for
the count)."""

from __future__ import annotations

from typing import Any

from django import template

from portal.notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/badge.html")
def inbox_link(user: Any) -> dict[str, Any]:
    return {"unread": unread_count(user)}
