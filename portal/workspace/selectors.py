"""Reads behind the workspace pages, always through the user's scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from indicators.vocabulary import LEVEL_LABELS
from portal.assessments.models import Assessment, Verdict
from portal.audit.models import AuditEntry
from portal.enterprises.models import TITLE_CHOICES, Enterprise, Title
from portal.enterprises.selectors import enterprises_visible_to
from portal.industries.models import Industry
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
    if tier := filters.get("title"):
        queryset = queryset.filter(pk__in=_titles_in_force(timezone.localdate())
                                   .filter(tier=tier).values("enterprise_id"))
    if ready := filters.get("ready"):
        queryset = queryset.filter(pk__in=one_short(ready).values("enterprise_id"))
    return queryset.order_by(*SORT_FIELDS.get(filters.get("sort") or "name", ("name", "pk")))


def _industry_codes(code: str) -> list[str]:
    # Codes nest by prefix (C → C34 → C348 → C3484); the table is small, the list short.
    return list(Industry.objects.filter(code__startswith=code).values_list("code", flat=True))


def _titles_in_force(day: dt.date) -> QuerySet[Title]:
    return Title.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day),
                                valid_from__lte=day)


_ONE_SHORT = (Q(verdict=Verdict.FAIL, failed_count=1, unknown_count=0)
              | Q(verdict=Verdict.UNKNOWN, failed_count=0, unknown_count=1))


def one_short(rung: str) -> QuerySet[Assessment]:
    """Stored results where all but one main criterion of the rung pass ("tier:level")."""
    tier, _, level = rung.partition(":")
    return Assessment.objects.filter(_ONE_SHORT, tier=tier, level=level)


def with_list_details(enterprises: list[Enterprise],
                      rung_labels: dict[str, str]) -> list[Enterprise]:
    """Titles in force (``titles_now``: labels) and the rungs worth a chip (``rungs``:
    (passed, label), passed or one short) for one page of rows: two plain-value queries,
    not 2×N, and no model instances for rows that only feed a label."""
    ids = [e.pk for e in enterprises]
    titles: dict[int, list[str]] = {}
    tier_names = dict(TITLE_CHOICES)
    for pk, tier, level in (_titles_in_force(timezone.localdate()).filter(enterprise_id__in=ids)
                            .order_by("tier").values_list("enterprise_id", "tier", "level")):
        titles.setdefault(pk, []).append(f"{LEVEL_LABELS.get(level, level)}"
                                          f"{tier_names.get(tier, tier)}")
    rungs: dict[int, list[tuple[bool, str]]] = {}
    shown = Assessment.objects.filter(Q(verdict=Verdict.PASS) | _ONE_SHORT, enterprise_id__in=ids)
    for pk, tier, level, set_id, verdict in (shown.order_by("tier", "level").values_list(
            "enterprise_id", "tier", "level", "set_id", "verdict")):
        label = rung_labels.get(f"{tier}:{level}") or set_id
        rungs.setdefault(pk, []).append((verdict == Verdict.PASS, label))
    for enterprise in enterprises:
        enterprise.titles_now = titles.get(enterprise.pk, [])  # type: ignore[attr-defined]
        enterprise.rungs = rungs.get(enterprise.pk, [])  # type: ignore[attr-defined]
    return enterprises


def enterprise_history(enterprise: Enterprise) -> QuerySet[AuditEntry]:
    return (AuditEntry.objects.filter(target_type=Enterprise._meta.label,
                                      target_id=str(enterprise.pk))
            .select_related("actor").order_by("-at", "-id"))
