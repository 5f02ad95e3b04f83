"""Review levels and regions: which region answers for an enterprise at each level, and who
may act there. An official acts only at their own level and only inside their region
subtree."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from portal.accounts.models import User
from portal.certification.models import Level
from portal.enterprises.models import Enterprise
from portal.regions.models import Region

LEVEL_ORDER: tuple[str, ...] = tuple(Level.values)  # town, district, city, province
# The level a region answers at is its depth in the tree, not its kind: a development zone
# directly under a city (苏州工业园区) acts as a district, one under a district (吴江开发区)
# as a town-level 区镇 unit.
LEVEL_BY_DEPTH: dict[int, str] = {1: Level.PROVINCE, 2: Level.CITY, 3: Level.DISTRICT,
                                  4: Level.TOWN}
# What an approval means at each level, in the users' words.
APPROVE_LABELS: dict[str, str] = {
    Level.TOWN: "初审通过", Level.DISTRICT: "审核通过", Level.CITY: "推荐上报",
    Level.PROVINCE: "审核通过",
}


def region_chain(region: Region) -> list[Region]:
    """The region and its ancestors, top-down (province first)."""
    codes = [code for code in region.path.split("/") if code]
    found = {r.code: r for r in Region.objects.filter(code__in=codes)}
    return [found[code] for code in codes if code in found]


def route_for(enterprise: Enterprise, levels: list[str]) -> list[dict[str, str]]:
    """The round's levels this enterprise passes, each with the region that answers for it.
    A level the enterprise's region has no unit for (an enterprise registered directly under
    a district has no town) is not on its route."""
    by_level = regions_by_level(enterprise)
    return [{"level": level, "region": by_level[level].code,
             "region_name": by_level[level].name} for level in levels if level in by_level]


def regions_by_level(enterprise: Enterprise) -> dict[str, Region]:
    """Level → the region answering for the enterprise there, counted down from the
    province (a tree with a national root above it still works)."""
    chain = region_chain(enterprise.region)
    top = next((i for i, r in enumerate(chain) if r.kind == "province"), 0)
    return {LEVEL_BY_DEPTH[depth]: region
            for depth, region in enumerate(chain[top:], start=1) if depth in LEVEL_BY_DEPTH}


def region_at(enterprise: Enterprise, level: str) -> Region | None:
    return regions_by_level(enterprise).get(level)


def covers(user: Any, enterprise: Enterprise) -> bool:
    """Whether the enterprise lies in the user's region subtree."""
    region = getattr(user, "region", None)
    return region is not None and enterprise.region.path.startswith(region.path)


def acts_at(user: Any, level: str, enterprise: Enterprise) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and user.role == level and covers(user, enterprise))


def officials_at(level: str, enterprise: Enterprise) -> QuerySet[User]:
    """Active officials of ``level`` whose region contains the enterprise."""
    codes = [code for code in enterprise.region.path.split("/") if code]
    return User.objects.filter(role=level, is_active=True, region_id__in=codes)


def level_label(level: str) -> str:
    return str(Level(level).label) if level in LEVEL_ORDER else level
