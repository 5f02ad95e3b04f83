from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal.assessments.tests.fixtures import enterprises, make_enterprise, places, users
from portal.pool.models import (
    EntryRequest,
    EntryRoute,
    Focus,
    MembershipStatus,
    PoolMembership,
    RequestStatus,
)

__all__ = ["enterprises", "places", "users"]


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    # The yearly figures are cached per scope; each test builds its own data.
    cache.clear()


def _member(enterprise: Any, focus: str, override: str = "",
            status: str = MembershipStatus.IN) -> PoolMembership:
    return PoolMembership.objects.create(
        enterprise=enterprise, year=2026, route=EntryRoute.SELECTION, status=status,
        entered_at=timezone.now(), focus=focus, focus_override=override)


def _pending(enterprise: Any, route: str, by: Any) -> EntryRequest:
    return EntryRequest.objects.create(enterprise=enterprise, route=route, submitted_by=by,
                                       submitted_at=timezone.now(),
                                       status=RequestStatus.PENDING)


@pytest.fixture
def pool_members(places: dict[str, Any], enterprises: dict[str, Any],
                 users: dict[str, Any]) -> dict[str, Any]:
    """In the pool: 吴江开发区's firm (rule says 重点推荐, an official moved it to 重点关注; it
    left once before), 吴江区's own firm (重点提升) and 南京's (重点推荐). Awaiting a decision:
    a 吴江开发区 firm that left the pool and applied again, and a nomination of 南京's member."""
    town, district, nanjing = (enterprises[k] for k in ("wujiang_town", "wujiang", "nanjing"))
    _member(town, Focus.IMPROVE, status=MembershipStatus.EXITED)
    _member(town, Focus.RECOMMEND, override=Focus.WATCH)
    _member(district, Focus.IMPROVE)
    _member(nanjing, Focus.RECOMMEND)
    returning = make_enterprise("吴江新材料科技有限公司", places["town"], places["machine"])
    _member(returning, Focus.WATCH, status=MembershipStatus.EXITED)
    _pending(returning, EntryRoute.APPLICATION, users["enterprise"])
    _pending(nanjing, EntryRoute.NOMINATION, users["nanjing"])
    return {**enterprises, "returning": returning}
