"""Whose dashboard: the region a viewer oversees and the enterprises inside it.

Province officials and administrators oversee the whole province; city, district and town
officials their own region's subtree. Enterprise users, commissioners, experts and banks serve
or see individual enterprises and get no regional dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from portal.accounts.models import Role
from portal.enterprises.models import Enterprise
from portal.enterprises.selectors import enterprises_visible_to
from portal.regions.models import Region, RegionKind

WHOLE_PROVINCE = frozenset({Role.PROVINCE, Role.ADMIN})
REGIONAL = frozenset({Role.CITY, Role.DISTRICT, Role.TOWN})
NO_DASHBOARD_MESSAGE = "区域统计看板仅向省、市、区（县）、镇（街道）主管部门开放。"


@dataclass(frozen=True)
class DashboardScope:
    region: Region
    enterprises: QuerySet[Enterprise]
    whole_province: bool

    @property
    def name(self) -> str:
        return self.region.name


def dashboard_scope(user: Any) -> DashboardScope | None:
    """The viewer's dashboard scope, or None when the role has no regional dashboard."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser or user.role in WHOLE_PROVINCE:
        province = Region.objects.filter(kind=RegionKind.PROVINCE).order_by("code").first()
        if province is None:
            return None
        return DashboardScope(province, enterprises_visible_to(user), whole_province=True)
    if user.role in REGIONAL and user.region_id:
        return DashboardScope(user.region, enterprises_visible_to(user), whole_province=False)
    return None


def has_dashboard(user: Any) -> bool:
    """Cheap check for the navigation link (no database query)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.role in WHOLE_PROVINCE:
        return True
    return user.role in REGIONAL and bool(user.region_id)
