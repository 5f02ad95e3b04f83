"""Writes made from the workspace: an enterprise's self-assessment answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from indicators.vocabulary import BY_ID, Source
from portal.assessments.services import assessment_refresh
from portal.enterprises.models import Enterprise
from portal.enterprises.services import fact_set
from portal.enterprises.values import StoredValue


class SelfAssessmentError(ValueError):
    """An answer may not be self-reported; the message is Chinese."""


def self_assessment_save(*, enterprise: Enterprise, actor: Any,
                         answers: Mapping[tuple[str, int | None], StoredValue | None]) -> int:
    """Record the changed answers as self-reported facts (each audited by fact_set), then
    refresh the stored ladder. Blank answers never erase a value. Returns facts written."""
    attested = [BY_ID[i].name for (i, _), v in answers.items() if BY_ID[i].attested]
    if attested:
        raise SelfAssessmentError(f"以下为认定判断，须由专家或主管部门录入：{'、'.join(attested)}")
    written = 0
    with transaction.atomic():
        for (indicator, year), value in answers.items():
            if value is None:
                continue
            fact = fact_set(enterprise=enterprise, indicator=indicator, year=year, value=value,
                            source=Source.SELF_REPORTED, actor=actor, note="企业自评填报")
            written += fact is not None
        if written:
            assessment_refresh(enterprise=enterprise)
    return written
