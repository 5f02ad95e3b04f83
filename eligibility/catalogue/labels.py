"""Chinese names for what a criteria set's header says: tiers, levels, places, dates, units."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache

from eligibility.authoring.model import Confidence, CriteriaSet, ParameterInfo
from eligibility.ir import ApplicationType
from indicators.vocabulary import LEVEL_LABELS, TITLE_BY_ID

# Tiers that are not titles (the pool) or whose title name reads differently as a tier.
_TIER_NAMES = {
    "upgrade_pool": "“千企升级”培育库（入库）",
    "srdi_demo_sme": "专精特新示范中小企业",
}

CONFIDENCE_TEXT = {
    Confidence.VERIFIED: "已核实",
    Confidence.SECONDARY: "依据待核实（二手来源）",
    Confidence.NOT_FOUND: "依据未找到",
}

APPLICATION_TEXT = {ApplicationType.NEW: "新申报", ApplicationType.RE_REVIEW: "复核"}

NATIONWIDE = "全国"


def tier_name(tier: str) -> str:
    if tier in _TIER_NAMES:
        return _TIER_NAMES[tier]
    title = TITLE_BY_ID.get(tier)
    return title.name if title else tier


def level_name(level: str) -> str:
    return LEVEL_LABELS.get(level, level)


@cache
def _region_names() -> dict[str, str]:
    from reference.catalogue import regions  # the reference data is framework-free too

    return {r.code: r.name for r in regions()}


def jurisdiction_name(code: str) -> str:
    """'000000' → 全国; otherwise the region's name from the reference data (or the code)."""
    if set(code) == {"0"}:
        return NATIONWIDE
    return _region_names().get(code, code)


def date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def period_text(criteria_set: CriteriaSet) -> str:
    """2022年6月1日起至2026年3月31日 / 2026年4月1日起（未定截止日期）."""
    start = date_text(criteria_set.effective_from)
    if criteria_set.effective_until is None:
        return f"{start}起（未定截止日期）"
    return f"{start}起至{date_text(criteria_set.effective_until)}"


def applications_text(criteria_set: CriteriaSet) -> str:
    return "、".join(APPLICATION_TEXT[a] for a in criteria_set.application_types)


def decimal_text(value: Decimal) -> str:
    """Exact, without trailing zeros, with thousands separators: 5000 → 5,000; 2.50 → 2.5."""
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


_QUANTITY = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*(\S*)\s*$")


def quantity_text(raw: object) -> str:
    """A quantity as the YAML writes it, for people: '5000万元' → '5,000万元', '3%' → '3%'.

    A bare number is a pure ratio (1 = 100 %) in the authoring format, so it is shown in %.
    """
    match = _QUANTITY.match(str(raw))
    if match is None:
        return str(raw)
    number, unit = Decimal(match.group(1)), match.group(2)
    if not unit:
        return f"{decimal_text(number * 100)}%"
    return f"{decimal_text(number)}{unit}"


def parameter_text(param: ParameterInfo) -> str:
    if param.unit == "（纯数）":
        return f"{decimal_text(param.value)}%"
    return f"{decimal_text(param.value)}{param.unit}"
