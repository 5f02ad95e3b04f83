"""Template filters for dates, money, fact values and verdict badges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from portal.core import dates
from portal.workspace import display

register = template.Library()

BADGE = {"pass": "zj-badge-pass", "fail": "zj-badge-fail", "unknown": "zj-badge-unknown",
         "waived": "zj-badge-waived"}


@register.filter
def cn_date(day: dt.date | dt.datetime | None) -> str:
    return dates.cn_date(day)


@register.filter
def fact_value(fact: Any) -> str:
    from portal.enterprises.services import stored_value

    return display.fact_text(fact.indicator, stored_value(fact)) if fact else ""


@register.filter
def source_label(source: str) -> str:
    return display.source_label(source)


@register.filter
def verdict_badge(status: str) -> str:
    return BADGE.get(status, "zj-badge-unknown")


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def thousands(number: int | None) -> str:
    """12345 → 12,345 (the locale's humanize filter does not group in zh-hans)."""
    return "" if number is None else f"{number:,}"
