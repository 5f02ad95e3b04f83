"""Industries and clusters as loaded into the database."""

from __future__ import annotations

import pytest

from portal.industries.loading import clusters_load_reference, industries_load_reference
from portal.industries.models import Cluster, Industry

pytestmark = pytest.mark.django_db


def test_it_loads_every_manufacturing_division_c13_to_c43() -> None:
    industries_load_reference()
    divisions = set(Industry.objects.filter(level="division").values_list("code", flat=True))
    assert {f"C{n}" for n in range(13, 44)} <= divisions
    assert Industry.objects.get(code="C34").name == "通用设备制造业"
    assert Industry.objects.get(code="C3484").parent_id == "C348"


def test_it_loads_jiangsus_13_clusters_in_the_seeds_order() -> None:
    clusters_load_reference()
    names = list(Cluster.objects.filter(programme="全省13个先进制造业集群")
                 .order_by("sort").values_list("name", flat=True))
    assert len(names) == 13
    assert names[0] == "新型电力（新能源）装备" and names[-1] == "新型显示"


def test_loading_again_adds_nothing() -> None:
    first = industries_load_reference() + clusters_load_reference()
    assert first > 0
    assert industries_load_reference() + clusters_load_reference() == 0
