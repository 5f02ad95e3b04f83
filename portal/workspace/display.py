"""How values read on the portal's pages: 万元 with thousands separators, 2026年3月1日 dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from indicators.vocabulary import BY_ID, SOURCE_LABELS, Source
from portal.core.dates import cn_date
from portal.enterprises import values
from portal.enterprises.values import StoredValue


def grouped(number: Decimal) -> str:
    """Exact decimal with thousands separators and no trailing zeros: 12345.6700 → 12,345.67."""
    text = format(number.normalize() if number == number.to_integral_value() else number, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fact_text(indicator: str, stored: StoredValue | None) -> str:
    """A stored value in the user unit (no unit suffix; headers carry it)."""
    ind = BY_ID[indicator]
    value = values.to_user(ind, stored)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return grouped(value)
    if isinstance(value, dt.date):
        return cn_date(value)
    if isinstance(value, int):
        return str(value) if ind.kind.value == "year" else f"{value:,}"
    return values.user_text(ind, stored)


def source_label(source: str) -> str:
    try:
        return SOURCE_LABELS[Source(source)]
    except ValueError:
        return source
