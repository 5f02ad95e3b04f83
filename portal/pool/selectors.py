"""Reads on the pool, always through the reading user's jurisdiction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from portal.enterprises.models import Enterprise
from portal.enterprises.selectors import enterprises_visible_to
from portal.pool.classification import cohort_annotation, cohort_of, titles_in_force
from portal.pool.models import (
    Cohort,
    EntryRequest,
    EntryScreening,
    Focus,
    ItemDecision,
    MembershipStatus,
    PoolMembership,
    PoolReview,
    PoolSnapshot,
    RequestStatus,
    ReviewItem,
    ScreeningRun,
    SnapshotEntry,
)
from portal.regions.models import Region


def _visible(user: Any) -> QuerySet[Enterprise]:
    return enterprises_visible_to(user).values("pk")  # type: ignore[return-value]


def members_visible_to(user: Any, *, status: str = MembershipStatus.IN,
                       ) -> QuerySet[PoolMembership]:
    members = PoolMembership.objects.filter(enterprise__in=_visible(user))
    if status:
        members = members.filter(status=status)
    return (members.select_related("enterprise__region", "enterprise__industry", "entered_by",
                                   "focus_override_by", "request")
            .annotate(cohort=cohort_annotation(timezone.localdate()),
                      current_focus=Coalesce(NullIf(F("focus_override"), Value("")), F("focus"))))


def filtered_members(user: Any, filters: dict[str, Any]) -> QuerySet[PoolMembership]:
    members = members_visible_to(user, status=filters.get("status") or MembershipStatus.IN)
    if text := (filters.get("q") or "").strip():
        members = members.filter(Q(enterprise__name__icontains=text)
                                 | Q(enterprise__uscc__startswith=text.upper()))
    if focus := filters.get("focus"):
        members = members.filter(Q(focus_override=focus)
                                 | Q(focus_override="", focus=focus))
    if cohort := filters.get("cohort"):
        members = members.filter(Q(cohort=int(cohort)))
    if route := filters.get("route"):
        members = members.filter(route=route)
    if cluster := filters.get("cluster"):
        members = members.filter(enterprise__clusters__slug=cluster)
    if region := filters.get("region"):
        found = Region.objects.filter(code=region).first()
        members = members.filter(enterprise__region__path__startswith=found.path) \
            if found else members.none()
    if year := filters.get("year"):
        members = members.filter(year=int(year))
    return members.order_by("enterprise__region__path", "enterprise__name", "pk")


def focus_counts(members: QuerySet[PoolMembership]) -> dict[str, int]:
    """Members per effective focus ("recommend" …) and per cohort ("cohort1" …), and "total"."""
    counts = {str(f): Count("pk", filter=Q(current_focus=f)) for f in Focus.values}
    counts.update({f"cohort{c}": Count("pk", filter=Q(cohort=c)) for c in Cohort.values})
    found = members.order_by().aggregate(total=Count("pk"), **counts)
    return {key: int(value or 0) for key, value in found.items()}


def pending_requests(user: Any) -> QuerySet[EntryRequest]:
    return (EntryRequest.objects.filter(enterprise__in=_visible(user),
                                        status=RequestStatus.PENDING)
            .select_related("enterprise__region", "submitted_by").order_by("submitted_at", "pk"))


def recent_requests(user: Any, limit: int = 30) -> QuerySet[EntryRequest]:
    return (EntryRequest.objects.filter(enterprise__in=_visible(user))
            .exclude(status=RequestStatus.PENDING)
            .select_related("enterprise", "decided_by").order_by("-decided_at", "-pk")[:limit])


def request_for(user: Any, pk: int) -> EntryRequest:
    return get_object_or_404(EntryRequest.objects.select_related("enterprise"),
                             pk=pk, enterprise__in=_visible(user))


def candidates_for(user: Any, q: str = "") -> QuerySet[EntryScreening]:
    """Enterprises in the user's jurisdiction whose latest screening passes and that are
    not in the pool."""
    members = PoolMembership.objects.filter(status=MembershipStatus.IN).values("enterprise_id")
    found = (EntryScreening.objects.filter(enterprise__in=_visible(user), verdict="pass")
             .exclude(enterprise_id__in=members)
             .select_related("enterprise__region", "enterprise__industry"))
    if text := q.strip():
        found = found.filter(Q(enterprise__name__icontains=text)
                             | Q(enterprise__uscc__startswith=text.upper()))
    return found.order_by("enterprise__region__path", "enterprise__name")


def latest_screening_run(region: Region | None) -> ScreeningRun | None:
    return ScreeningRun.objects.filter(region=region).order_by("-started_at", "-pk").first()


def _runs_in_scope(queryset: QuerySet[Any], region: Region | None) -> QuerySet[Any]:
    if region is None:
        return queryset
    return queryset.filter(region__path__startswith=region.path)


def reviews_for(region: Region | None) -> QuerySet[PoolReview]:
    return _runs_in_scope(PoolReview.objects.select_related("region", "started_by"),
                          region).order_by("-started_at", "-pk")


def review_for(region: Region | None, pk: int) -> PoolReview:
    return get_object_or_404(reviews_for(region), pk=pk)


def review_items(user: Any, review: PoolReview) -> QuerySet[ReviewItem]:
    return (ReviewItem.objects.filter(review=review, membership__enterprise__in=_visible(user))
            .select_related("membership__enterprise__region", "decided_by")
            .order_by("-propose_exit", "-safe", "membership__enterprise__name"))


def pending_items(user: Any, review: PoolReview, ids: list[int]) -> list[ReviewItem]:
    found = list(review_items(user, review).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise Http404("所选复核结果中有您无权处理的企业。")
    return found


def item_for(user: Any, pk: int) -> ReviewItem:
    return get_object_or_404(
        ReviewItem.objects.select_related("membership__enterprise", "review"),
        pk=pk, membership__enterprise__in=_visible(user))


def open_proposals(user: Any) -> int:
    return ReviewItem.objects.filter(membership__enterprise__in=_visible(user),
                                     decision=ItemDecision.PENDING,
                                     membership__status=MembershipStatus.IN).count()


# --- one enterprise --------------------------------------------------------------------------

@dataclass
class EnterpriseStatus:
    enterprise: Enterprise
    current: PoolMembership | None
    cohort: Cohort
    memberships: list[PoolMembership] = field(default_factory=list)
    requests: list[EntryRequest] = field(default_factory=list)
    pending_application: EntryRequest | None = None

    @property
    def in_pool(self) -> bool:
        return self.current is not None


def enterprise_status(enterprise: Enterprise, on: dt.date | None = None) -> EnterpriseStatus:
    day = on or timezone.localdate()
    memberships = list(PoolMembership.objects.filter(enterprise=enterprise)
                       .select_related("entered_by", "exited_by", "focus_override_by")
                       .order_by("-entered_at", "-pk"))
    requests = list(EntryRequest.objects.filter(enterprise=enterprise)
                    .select_related("submitted_by", "decided_by")
                    .order_by("-submitted_at", "-pk"))
    current = next((m for m in memberships if m.status == MembershipStatus.IN), None)
    pending = next((r for r in requests if r.status == RequestStatus.PENDING
                    and r.route == "application"), None)
    return EnterpriseStatus(enterprise, current, cohort_of(titles_in_force(enterprise, day)),
                            memberships, requests, pending)


# --- published lists -------------------------------------------------------------------------

def snapshots() -> QuerySet[PoolSnapshot]:
    return PoolSnapshot.objects.select_related("taken_by").order_by("-year", "-version")


def latest_snapshot(year: int) -> PoolSnapshot | None:
    return PoolSnapshot.objects.filter(year=year).order_by("-version").first()


def snapshot_entries(user: Any, snapshot: PoolSnapshot) -> QuerySet[SnapshotEntry]:
    return (SnapshotEntry.objects.filter(snapshot=snapshot, enterprise__in=_visible(user))
            .select_related("membership").order_by("region_name", "name"))
