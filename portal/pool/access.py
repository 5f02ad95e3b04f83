"""Who may do what with the pool. Denials: a role without pool work gets 403; an enterprise
outside the user's jurisdiction gets 404 (never a hint that it exists).

Seed 003 三、（一）2: "各设区市、县（市）工信部门负责组织遴选各地入库企业" — selection and
decisions belong to province, city and district (county) officials; town (street) staff see their
town's members and may record nominations.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal.accounts.models import Role
from portal.enterprises.models import Enterprise
from portal.enterprises.selectors import enterprises_visible_to
from portal.regions.models import Region

DECIDERS = frozenset({Role.PROVINCE, Role.CITY, Role.DISTRICT, Role.ADMIN})
VIEWERS = DECIDERS | {Role.TOWN}
NOMINATORS = VIEWERS | {Role.EXPERT}
PUBLISHERS = frozenset({Role.PROVINCE, Role.ADMIN})  # 省工信厅每年底公布入库培育企业名单

DENIED_VIEW = "培育库管理仅向省、市、区（县）、镇（街道）主管部门开放。"
DENIED_DECIDE = "只有省、市、区（县）主管部门可以审核入库、遴选企业、调整分类和确认出库。"
DENIED_PUBLISH = "年度培育库名单由省级主管部门生成。"
DENIED_NOMINATE = "举荐由主管部门代为登记，或由评审专家提交。"


def _role(user: Any) -> str:
    return Role.ADMIN if user.is_superuser else str(user.role)


def can_view(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _role(user) in VIEWERS


def can_decide(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _role(user) in DECIDERS


def can_publish(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _role(user) in PUBLISHERS


def can_nominate(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _role(user) in NOMINATORS


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def scope_region(user: Any) -> Region | None:
    """The region bounding the user's pool work; None = the whole province."""
    if _role(user) in (Role.CITY, Role.DISTRICT, Role.TOWN):
        if user.region_id is None:
            raise PermissionDenied("您的账号未设置管辖区域，请联系管理员。")
        return user.region
    return None


def enterprise_in_scope(user: Any, pk: int) -> Enterprise:
    return get_object_or_404(enterprises_visible_to(user), pk=pk)


def enterprises_in_scope(user: Any, ids: list[int]) -> list[Enterprise]:
    found = list(enterprises_visible_to(user).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise Http404("所选企业中有您无权查看的企业。")
    return found


def enterprise_user_owns(user: Any, enterprise: Enterprise) -> bool:
    membership = getattr(user, "enterprise_membership", None)
    return _role(user) == Role.ENTERPRISE and membership is not None \
        and membership.enterprise_id == enterprise.pk
