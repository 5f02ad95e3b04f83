"""Querysets bounded by a region subtree (None = the whole province)."""

from __future__ import annotations

from django.db.models import QuerySet

from portal.enterprises.models import Enterprise
from portal.pool.models import MembershipStatus, PoolMembership
from portal.regions.models import Region


def members_in(region: Region | None) -> QuerySet[PoolMembership]:
    members = PoolMembership.objects.filter(status=MembershipStatus.IN)
    if region is not None:
        members = members.filter(enterprise__region__path__startswith=region.path)
    return members


def enterprises_in(region: Region | None) -> QuerySet[Enterprise]:
    enterprises = Enterprise.objects.all()
    if region is not None:
        enterprises = enterprises.filter(region__path__startswith=region.path)
    return enterprises


def region_label(region: Region | None) -> str:
    return region.name if region is not None else "全省"
