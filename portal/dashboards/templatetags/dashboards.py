"""Template filters for linking to the dashboard from shared templates."""

from __future__ import annotations

from typing import Any

from django import template

from portal.dashboards.scope import has_dashboard as _has_dashboard

register = template.Library()


@register.filter
def has_dashboard(user: Any) -> bool:
    return _has_dashboard(user)
