"""Reads behind the workspace pages, always through the user's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404
from django.utils import timezone

from indicators.vocabulary import LEVEL_LABELS, TITLE_TIERS
from portal.assessments.distance import ONE_SHORT, PASSES, TWO_SHORT
from portal.assessments.models import Assessment, AssessmentRun, Verdict
from portal.audit.models import AuditEntry
from portal.enterprises.models import SME_SIZES, TITLE_CHOICES, Enterprise, Fact, Title
from portal.enterprises.selectors import enterprises_visible_to
from portal.industries.models import Industry
from portal.pool.models import EntryRequest, MembershipStatus, PoolMembership, RequestStatus
from portal.regions.models import Region
from portal.workspace import filter_choices

SORT_FIELDS = {"name": ("name", "pk"), "uscc": ("uscc",), "region": ("region_id", "name"),
               "industry": ("industry_id", "name"), "-updated": ("-updated_at", "pk")}


def enterprise_for(user: Any, pk: int) -> Enterprise:
    """The enterprise if the user may see it; 404 otherwise (never a hint that it exists)."""
    enterprise = enterprises_visible_to(user).filter(pk=pk).first()
    if enterprise is None:
        raise Http404("未找到该企业，或您无权查看。")
    return enterprise


def enterprises_for(user: Any, ids: list[int]) -> QuerySet[Enterprise]:
    """Exactly these enterprises, all of which the user must be able to see (else 404)."""
    found = enterprises_visible_to(user).filter(pk__in=ids)
    if found.count() != len(set(ids)):
        raise Http404("所选企业中有您无权查看的企业。")
    return found


def scope_region(user: Any) -> Region | None:
    """The region whose subtree bounds the user's filters (None: the whole province)."""
    if user.role in ("city", "district", "town") and user.region_id:
        return user.region
    return None


def filtered_enterprises(user: Any, filters: dict[str, Any]) -> QuerySet[Enterprise]:
    """The user's enterprises narrowed by the list's filters; each filter is one indexed
    predicate (a short IN list or a semi-join), so counting and paging stay cheap."""
    queryset = enterprises_visible_to(user)
    if text := (filters.get("q") or "").strip():
        queryset = queryset.filter(Q(name__icontains=text) | Q(uscc__startswith=text.upper()))
    if region := filters.get("region"):
        queryset = queryset.filter(region_id__in=filter_choices.region_subtree(region))
    if industry := filters.get("industry"):
        queryset = queryset.filter(industry_id__in=_industry_codes(industry))
    if cluster := filters.get("cluster"):
        queryset = queryset.filter(pk__in=Enterprise.clusters.through.objects.filter(
            cluster_id=cluster).values("enterprise_id"))
    queryset = _by_title(queryset, filters.get("title"), filters.get("granted"))
    for name, distance in (("passes", PASSES), ("ready", ONE_SHORT), ("two_short", TWO_SHORT)):
        if rung := filters.get(name):
            queryset = queryset.filter(pk__in=at_distance(rung, distance).values("enterprise_id"))
    if reported := filters.get("reported"):
        queryset = _having_reported(queryset, reported)
    if pool := filters.get("pool"):
        queryset = in_pool_state(queryset, pool)
    return queryset.order_by(*SORT_FIELDS.get(filters.get("sort") or "name", ("name", "pk")))


# The pool filter's values (forms.POOL_STATES): in the pool (any, or ``pool_focus_state`` for
# one focus category), applied and awaiting a decision, left and not back in, not in at present.
POOL_IN, POOL_PENDING, POOL_EXITED, POOL_OUT = "in", "pending", "exited", "out"


def pool_focus_state(focus: str) -> str:
    return f"{POOL_IN}:{focus}"


def in_pool_state(queryset: QuerySet[Enterprise], state: str) -> QuerySet[Enterprise]:
    members = PoolMembership.objects.filter(status=MembershipStatus.IN)
    if state == POOL_PENDING:
        return queryset.filter(pk__in=EntryRequest.objects.filter(
            status=RequestStatus.PENDING).values("enterprise_id"))
    if state == POOL_OUT:
        return queryset.exclude(pk__in=members.values("enterprise_id"))
    if state == POOL_EXITED:
        return queryset.filter(pk__in=PoolMembership.objects.filter(
            status=MembershipStatus.EXITED).values("enterprise_id")).exclude(
            pk__in=members.values("enterprise_id"))
    _, _, focus = state.partition(":")
    if focus:  # the effective category: an official's override wins over the rule's
        members = members.filter(Q(focus_override=focus) | Q(focus_override="", focus=focus))
    return queryset.filter(pk__in=members.values("enterprise_id"))


def _industry_codes(code: str) -> list[str]:
    # Codes nest by prefix (C → C34 → C348 → C3484); the table is small, the list short.
    return list(Industry.objects.filter(code__startswith=code).values_list("code", flat=True))


def _by_title(queryset: QuerySet[Enterprise], tier: str | None,
              granted: int | None) -> QuerySet[Enterprise]:
    """Holders of a title in force today; with a year, those granted it (without a tier, any
    title) that year, in force or not — the dashboard's "granted per year": by 认定年份, or by
    the year validity began where none was recorded."""
    titles: QuerySet[Any]
    if granted is not None:
        titles = Title.objects.annotate(granted=Coalesce("year", ExtractYear("valid_from")))
        titles = titles.filter(granted=granted, **({"tier": tier} if tier else {}))
    elif tier:
        titles = _titles_in_force(timezone.localdate()).filter(tier=tier)
    else:
        return queryset
    return queryset.filter(pk__in=titles.values("enterprise_id"))


def _having_reported(queryset: QuerySet[Enterprise], reported: str) -> QuerySet[Enterprise]:
    """Enterprises with the year's revenue on record ("revenue:2024"), or with revenue above
    zero and R&D expense both on record ("rd_intensity:2024") — what the dashboard's medians
    are taken over."""
    kind, _, year = reported.partition(":")

    def having(indicator: str, **value: Any) -> QuerySet[Any]:
        return Fact.objects.filter(indicator=indicator, year=int(year), value_int__isnull=False,
                                   superseded_at__isnull=True, **value).values("enterprise_id")

    if kind == "rd_intensity":
        return queryset.filter(pk__in=having("revenue", value_int__gt=0)).filter(
            pk__in=having("rd_expense"))
    return queryset.filter(pk__in=having("revenue"))


def _titles_in_force(day: dt.date) -> QuerySet[Title]:
    return Title.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day),
                                valid_from__lte=day)


def at_distance(rung: str, distance: Q) -> QuerySet[Assessment]:
    """Stored results of the rung ("tier:level") at that distance (portal.assessments.distance:
    passes, one or two main criteria short)."""
    tier, _, level = rung.partition(":")
    return Assessment.objects.filter(distance, tier=tier, level=level)


@dataclass(frozen=True)
class ListRow:
    """One row of the enterprise list, as plain values."""

    pk: int
    name: str
    uscc: str
    region_name: str
    industry_name: str
    size: str
    titles: tuple[str, ...]  # titles in force, as labels, in ladder order
    rungs: tuple[tuple[bool, str], ...]  # (passed, label): rungs passed or one short


def list_rows(page_rows: list[tuple[Any, ...]], rung_labels: dict[str, str]) -> list[ListRow]:
    """The page's rows (``paging.ROW_FIELDS`` tuples) with their titles in force and the rungs
    worth a chip, read for all twenty rows in one statement."""
    ids = [row[0] for row in page_rows]
    titles: dict[int, list[tuple[int, str]]] = {}
    rungs: dict[int, list[tuple[int, int, bool, str]]] = {}
    for pk, kind, tier, level, set_id, verdict in _list_extras(ids):
        rank = _TIER_RANK.get(tier, len(_TIER_RANK))
        if kind == "title":
            label = f"{LEVEL_LABELS.get(level, level)}{_TIER_NAMES.get(tier, tier)}"
            titles.setdefault(pk, []).append((rank, label))
        else:
            label = rung_labels.get(f"{tier}:{level}") or set_id
            rungs.setdefault(pk, []).append((rank, _LEVEL_RANK.get(level, 0),
                                             verdict == Verdict.PASS, label))
    sizes = dict(SME_SIZES)
    return [ListRow(pk, name, uscc, region, industry, sizes.get(size, ""),
                    tuple(label for _, label in sorted(titles.get(pk, []))),
                    tuple((passed, label) for *_, passed, label in sorted(rungs.get(pk, []))))
            for pk, name, uscc, region, industry, size in page_rows]


_TIER_RANK = {tier.id: rank for rank, tier in enumerate(TITLE_TIERS)}
_TIER_NAMES = dict(TITLE_CHOICES)
# National first within a tier, as the ladder view shows them.
_LEVEL_RANK = {level: rank for rank, level in enumerate(LEVEL_LABELS)}


def _list_extras(ids: list[int]) -> list[tuple[Any, ...]]:
    """(enterprise, "title" | "rung", tier, level, set id, verdict) for ``ids``: titles in
    force today, and stored results that pass or are one criterion short. Plain SQL: this
    runs on every list page view, and the ORM's compilation of two querysets cost more than
    the statement itself."""
    if not ids:
        return []
    today = timezone.localdate()
    marks = ", ".join(["%s"] * len(ids))
    title_table, result_table = Title._meta.db_table, Assessment._meta.db_table
    sql = (f"SELECT enterprise_id, 'title', tier, level, '', '' FROM {title_table} "
           f"WHERE enterprise_id IN ({marks}) AND valid_from <= %s "
           f"AND (valid_until IS NULL OR valid_until >= %s) UNION ALL "
           f"SELECT enterprise_id, 'rung', tier, level, set_id, verdict FROM {result_table} "
           f"WHERE enterprise_id IN ({marks}) AND (verdict = %s OR (verdict = %s AND "
           f"failed_count = 1 AND unknown_count = 0) OR (verdict = %s AND failed_count = 0 "
           f"AND unknown_count = 1))")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, today, today, *ids, Verdict.PASS, Verdict.FAIL,
                             Verdict.UNKNOWN])
        return cursor.fetchall()


def last_assessment_day() -> dt.date | None:
    """The day the latest finished population assessment judged (the list's result column
    comes from it). Cached a minute: the list shows it on every view, a run takes minutes."""
    return cache.get_or_set("workspace:last-assessment-day", _last_assessment_day, 60)


def _last_assessment_day() -> dt.date | None:
    return (AssessmentRun.objects.filter(finished_at__isnull=False).order_by("-started_at")
            .values_list("on", flat=True).first())


def enterprise_history(enterprise: Enterprise) -> QuerySet[AuditEntry]:
    return (AuditEntry.objects.filter(target_type=Enterprise._meta.label,
                                      target_id=str(enterprise.pk))
            .select_related("actor").order_by("-at", "-id"))
