"""Pool test fixtures: the shared places, users and enterprises of the assessment tests, plus
crafted pool facts (never the demo). ``pool_facts`` makes an enterprise pass the manufacturing
entry track for the fiscal year before today; keyword overrides break chosen figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from portal.assessments.tests.fixtures import enterprises, places, users
from portal.enterprises import services as registry

__all__ = ["enterprises", "places", "users"]

WAN = 10_000
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def fiscal_year() -> int:
    return timezone.localdate().year - 1


PASSING_STATIC: dict[str, Any] = {
    "independent_legal_entity": True, "niche_focus": True, "good_governance": True,
    "advanced_cluster": True, "market_position_leading": True,
    "on_dishonesty_list": False, "on_abnormal_list": False, "large_leader_supplier": False,
    "class1_ip": 1, "class2_ip": 2, "invention_patents": 1, "utility_models": 3,
}


def _passing_annual() -> dict[tuple[str, int], Any]:
    fy = fiscal_year()
    figures: dict[tuple[str, int], Any] = {}
    for offset, revenue in ((2, 8_000), (1, 8_500), (0, 9_000)):
        figures[("revenue", fy - offset)] = revenue * WAN
        figures[("operating_profit", fy - offset)] = 480 * WAN
    figures.update({("main_product_revenue", fy): 5_000 * WAN, ("main_revenue", fy): 8_500 * WAN,
                    ("major_accidents", fy): 0, ("serious_violations", fy): 0,
                    ("resource_rating", fy): "B"})
    return figures


def write_pool_facts(enterprise: Any, actor: Any, *, static: dict[str, Any] | None = None,
                     annual: dict[tuple[str, int], Any] | None = None) -> None:
    for indicator, value in {**PASSING_STATIC, **(static or {})}.items():
        registry.fact_set(enterprise=enterprise, indicator=indicator, year=None, value=value,
                          source="expert", actor=actor)
    for (indicator, year), value in {**_passing_annual(), **(annual or {})}.items():
        registry.fact_set(enterprise=enterprise, indicator=indicator, year=year, value=value,
                          source="audit_report", actor=actor)


@pytest.fixture
def pool_facts(users: dict[str, Any]) -> Callable[..., None]:
    def give(enterprise: Any, **overrides: Any) -> None:
        write_pool_facts(enterprise, users["wujiang"], **overrides)
    return give


@pytest.fixture
def ready(enterprises: dict[str, Any], pool_facts: Callable[..., None]) -> dict[str, Any]:
    """All three fixture enterprises pass the manufacturing track."""
    for enterprise in enterprises.values():
        pool_facts(enterprise)
    return enterprises


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
