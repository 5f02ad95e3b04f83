"""Which region answers for an enterprise at each level: by depth in the tree, so zones act
at the level they sit at, and levels an enterprise has no unit for are not on its route."""

from __future__ import annotations

import pytest

from portal.certification.levels import route_for
from portal.certification.tests.fixtures import World
from portal.enterprises.models import Enterprise
from portal.regions.models import Region

pytestmark = pytest.mark.django_db
ALL = ["town", "district", "city", "province"]


def placed(world: World, region: Region) -> Enterprise:
    Enterprise.objects.filter(pk=world.enterprise.pk).update(region=region)
    return Enterprise.objects.select_related("region").get(pk=world.enterprise.pk)


def test_a_zone_under_a_city_acts_as_a_district_and_one_under_it_as_a_town(
        world: World) -> None:
    park = Region.objects.create(code="320571", name="苏州工业园区", kind="zone",
                                 parent=world.regions["suzhou"], official=False)
    inner = Region.objects.create(code="320571901", name="苏相合作区", kind="zone",
                                  parent=park, official=False)
    route = route_for(placed(world, inner), ALL)
    assert [(s["level"], s["region_name"]) for s in route] == [
        ("town", "苏相合作区"), ("district", "苏州工业园区"), ("city", "苏州市"),
        ("province", "江苏省")]


def test_an_enterprise_registered_under_a_district_skips_the_town_step(world: World) -> None:
    route = route_for(placed(world, world.regions["wujiang"]), ALL)
    assert [s["level"] for s in route] == ["district", "city", "province"]


def test_the_route_keeps_only_the_rounds_levels(world: World) -> None:
    route = route_for(world.enterprise, ["district", "province"])
    assert [s["region"] for s in route] == ["320509", "320000"]
