"""The JSON facts document (``zjtx.facts/1``, docs/facts.md) of one enterprise.

Values are written in the user unit: scaled numbers (money, percent, score, quantity) as exact
decimal strings ("12345.6789" 万元), counts and years as integers, bools, enum codes and ISO
dates as they are. A value carries its provenance object when it did not come from the
indicator's typical source, when a named person entered it, or when it is an attested
judgement; otherwise it is written plain.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from indicators.vocabulary import BY_ID, Indicator
from portal.enterprises import selectors, values
from portal.enterprises.models import Enterprise, Fact, Title

SCHEMA = "zjtx.facts/1"


def facts_document(enterprise: Enterprise) -> dict[str, Any]:
    """The enterprise's current facts and titles as a ``zjtx.facts/1`` document."""
    static: dict[str, Any] = {}
    annual: dict[str, dict[str, Any]] = {}
    for fact in selectors.current_facts(enterprise):
        target = static if fact.year is None else annual.setdefault(str(fact.year), {})
        target[fact.indicator] = _entry(fact)
    return {
        "schema": SCHEMA,
        "uscc": enterprise.uscc,
        "name": enterprise.name,
        "region_code": enterprise.region_id,
        "industry_code": enterprise.industry_id,
        "static": static,
        "annual": dict(sorted(annual.items(), reverse=True)),
        "titles": [_title(t) for t in selectors.titles_held(enterprise)],
    }


def document_value(ind: Indicator, stored: values.StoredValue | None) -> Any:
    """A storage-unit value as the document writes it."""
    user = values.to_user(ind, stored)
    if isinstance(user, Decimal):
        return format(user, "f")
    if isinstance(user, dt.date):
        return user.isoformat()
    return user


def _entry(fact: Fact) -> Any:
    ind = BY_ID[fact.indicator]
    value = document_value(ind, getattr(fact, values.value_column(ind)))
    if fact.source == ind.source and fact.entered_by_id is None and not ind.attested:
        return value
    return {
        "value": value,
        "source": fact.source,
        "entered_by": str(fact.entered_by) if fact.entered_by else None,
        "entered_at": timezone.localtime(fact.entered_at).isoformat(timespec="seconds"),
    }


def _title(title: Title) -> dict[str, Any]:
    document: dict[str, Any] = {
        "tier": title.tier,
        "level": title.level,
        "valid_from": title.valid_from.isoformat(),
        "valid_until": title.valid_until.isoformat() if title.valid_until else None,
    }
    if title.certificate_no:
        document["certificate_no"] = title.certificate_no
    return document
