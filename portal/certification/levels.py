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
# Region kinds that answer at each level (zones and county-level cities act as districts).
LEVEL_KINDS: dict[str, frozenset[str]] = {
    Level.TOWN: frozenset({"town"}),
    Level.DISTRICT: frozenset({"district", "county", "county_city", "zone"}),
    Level.CITY: frozenset({"city"}),
    Level.PROVINCE: frozenset({"province"}),
}
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
    chain = region_chain(enterprise.region)
    route = []
    for level in levels:
        region = next((r for r in reversed(chain) if r.kind in LEVEL_KINDS[level]), None)
        if region is not None:
            route.append({"level": level, "region": region.code, "region_name": region.name})
    return route


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
