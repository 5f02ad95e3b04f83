"""The one place where records imply vocabulary indicators.

Record services call ``derived_facts`` after every record write and store the result through
``fact_set`` (so derived values are versioned, audited and provenanced like typed ones):

- Standard → ``standards_led`` (year Y): international/national/industry standards
  published in Y that the enterprise led; ``standards_participated`` (Y): the same levels,
  led or participated.
- RdInstitution → ``rd_institution_level``: the highest level held (``none`` when none).
- QualityAward → ``quality_award_level``: the highest level won (``none`` when none).
- Certification (in force today) → ``quality_system_certified`` (a quality-management
  system), ``management_system_certified`` (any management system),
  ``developed_market_product_cert`` (a developed-market product certification).
- Brand → ``own_brand`` (any brand), ``famous_trademark`` (a brand marked 驰名商标).

Group standards (团体标准) do not count: the vocabulary's standards indicators name
international, national and industry standards only. Titles are not facts: the facts document
and the columnar layout carry them as validity periods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import models
from django.utils import timezone

from indicators.vocabulary import AWARD_LEVELS, RD_INSTITUTION_LEVELS
from portal.enterprises.models import (
    Brand,
    Certification,
    CertificationKind,
    Enterprise,
    QualityAward,
    RdInstitution,
    Standard,
    StandardLevel,
    StandardRole,
)
from portal.enterprises.values import StoredValue

COUNTED_STANDARD_LEVELS = (StandardLevel.INTERNATIONAL, StandardLevel.NATIONAL,
                           StandardLevel.INDUSTRY)
MANAGEMENT_SYSTEMS = (CertificationKind.QUALITY, CertificationKind.ENVIRONMENT,
                      CertificationKind.SAFETY, CertificationKind.INFORMATION_SECURITY,
                      CertificationKind.ENERGY, CertificationKind.OTHER_SYSTEM)

DerivedFact = tuple[str, int | None, StoredValue]


def _highest(levels: list[str], order: tuple[tuple[str, str], ...]) -> str:
    ranks = [code for code, _ in order]
    return max(levels, key=ranks.index) if levels else "none"


def _standards(enterprise: Enterprise, year: int | None) -> list[DerivedFact]:
    assert year is not None, "standards are counted per publication year"
    counted = Standard.objects.filter(enterprise=enterprise, year=year,
                                      level__in=COUNTED_STANDARD_LEVELS)
    led = counted.filter(role=StandardRole.LEAD).count()
    return [("standards_led", year, led), ("standards_participated", year, counted.count())]


def _rd_institutions(enterprise: Enterprise, year: int | None) -> list[DerivedFact]:
    levels = list(RdInstitution.objects.filter(enterprise=enterprise)
                  .values_list("level", flat=True))
    return [("rd_institution_level", None, _highest(levels, RD_INSTITUTION_LEVELS))]


def _quality_awards(enterprise: Enterprise, year: int | None) -> list[DerivedFact]:
    levels = list(QualityAward.objects.filter(enterprise=enterprise)
                  .values_list("level", flat=True))
    return [("quality_award_level", None, _highest(levels, AWARD_LEVELS))]


def _in_force(today: dt.date) -> models.Q:
    return (models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=today)) & (
        models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=today))


def _certifications(enterprise: Enterprise, year: int | None) -> list[DerivedFact]:
    held = Certification.objects.filter(_in_force(timezone.localdate()), enterprise=enterprise)
    kinds = set(held.values_list("kind", flat=True))
    return [
        ("quality_system_certified", None, CertificationKind.QUALITY in kinds),
        ("management_system_certified", None, bool(kinds & set(MANAGEMENT_SYSTEMS))),
        ("developed_market_product_cert", None,
         CertificationKind.DEVELOPED_MARKET_PRODUCT in kinds),
    ]


def _brands(enterprise: Enterprise, year: int | None) -> list[DerivedFact]:
    brands = Brand.objects.filter(enterprise=enterprise)
    return [("own_brand", None, brands.exists()),
            ("famous_trademark", None, brands.filter(famous_trademark=True).exists())]


DERIVERS: dict[type[models.Model], Callable[[Enterprise, int | None], list[DerivedFact]]] = {
    Standard: _standards,
    RdInstitution: _rd_institutions,
    QualityAward: _quality_awards,
    Certification: _certifications,
    Brand: _brands,
}


def derived_facts(record_type: type[models.Model], enterprise: Enterprise,
                  year: int | None = None) -> list[DerivedFact]:
    """The facts implied by an enterprise's records of one type (for one year where the
    indicator is annual)."""
    derive = DERIVERS.get(record_type)
    return derive(enterprise, year) if derive else []
