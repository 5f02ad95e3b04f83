"""What an evaluation is relative to: the date, the application type and parameter values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction


class ApplicationType(StrEnum):
    NEW = "new"  # 新申报
    RE_REVIEW = "re_review"  # 复核


APPLICATION_LABELS: dict[ApplicationType, str] = {
    ApplicationType.NEW: "新申报",
    ApplicationType.RE_REVIEW: "复核",
}


def fiscal_year(on: date) -> int:
    """上年度 on an evaluation date D is fiscal year D.year − 1 (year offset 0)."""
    return on.year - 1


def year_of_offset(on: date, offset: int) -> int:
    """The fiscal year a year offset addresses: 0 → 上年度, 1 → the year before, …"""
    return fiscal_year(on) - offset


def annual_column(indicator: str, year: int) -> str:
    """The columnar layout's column for an annual fact (docs/facts.md)."""
    return f"{indicator}__{year}"


@dataclass(frozen=True)
class EvaluationContext:
    on: date
    application: ApplicationType
    params: Mapping[str, Fraction] = field(default_factory=dict)  # base units

    @property
    def fiscal_year(self) -> int:
        return fiscal_year(self.on)
