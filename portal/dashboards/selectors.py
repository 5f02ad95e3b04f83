"""Counts behind the dashboards, scoped to the viewer: enterprises and the titles they hold
in force, by region, industry and cluster (and, by region, the members of the cultivation
pool). Every count is of distinct enterprises."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from indicators.vocabulary import TITLE_BY_ID
from portal.dashboards.links import list_url
from portal.dashboards.scope import DashboardScope
from portal.enterprises.models import Title
from portal.industries.models import Cluster, Industry, IndustryLevel
from portal.regions.models import Region
from portal.workspace.selectors import POOL_IN, in_pool_state

# The rungs of the ladder an enterprise climbs, lowest first (docs: GLOSSARY, 梯度培育体系).
LADDER_TIERS: tuple[str, ...] = ("tech_sme", "innovative_sme", "srdi_sme", "little_giant",
                                 "single_champion")
TIER_LABELS: dict[str, str] = {tier: TITLE_BY_ID[tier].name for tier in LADDER_TIERS}


@dataclass(frozen=True)
class Cell:
    """One number on a dashboard and the enterprise list behind it (None: not linkable)."""

    count: int
    url: str | None


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    total: Cell
    tiers: tuple[Cell, ...]
    pool: Cell | None = None  # members of the cultivation pool, where the table shows them


def titles_in_force(day: dt.date) -> QuerySet[Title]:
    return Title.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day),
                                valid_from__lte=day, tier__in=LADDER_TIERS)


def scoped(queryset: QuerySet[Any], scope: DashboardScope, via: str = "enterprise",
           ) -> QuerySet[Any]:
    """Restrict rows of a table that points at Enterprise (through ``via``) to the scope; the
    whole province needs no filter."""
    if scope.whole_province:
        return queryset
    return queryset.filter(**{f"{via}__in": scope.enterprises.values("pk")})


def _enterprise_counts(enterprises: QuerySet[Any], field: str) -> dict[Any, int]:
    rows = (enterprises.order_by().values(field)
            .annotate(n=Count("pk", distinct=True)))
    return {row[field]: row["n"] for row in rows}


def _title_counts(scope: DashboardScope, day: dt.date, field: str) -> dict[tuple[Any, str], int]:
    """Distinct enterprises holding each ladder title, by an enterprise field."""
    key = f"enterprise__{field}"
    rows = (scoped(titles_in_force(day), scope).order_by().values(key, "tier")
            .annotate(n=Count("enterprise_id", distinct=True)))
    return {(row[key], row["tier"]): row["n"] for row in rows}


def _rolled_up(counts: Mapping[Any, int], group: Callable[[Any], Any]) -> Counter[Any]:
    """Sum counts into groups (``group`` returns a group key, or None to leave a key out)."""
    rolled: Counter[Any] = Counter()
    for key, n in counts.items():
        target = group(key)
        if target is not None:
            rolled[target] += n
    return rolled


def _row(key: str, label: str, totals: Counter[Any], tiers: Counter[Any],
         link: Callable[..., str | None] | None, members: Counter[Any] | None = None) -> Row:
    """A table row; ``link(**extra)`` gives the list URL for this row with extra filters;
    ``members`` (pool members per key) only for tables with a pool column."""
    def cell(count: int, **extra: str) -> Cell:
        return Cell(count, link(**extra) if link is not None and count else None)

    return Row(key, label, cell(totals[key]),
               tuple(cell(tiers[(key, tier)], title=tier) for tier in LADDER_TIERS),
               None if members is None else cell(members[key], pool=POOL_IN))


# --- the whole scope ------------------------------------------------------------------------

def scope_total(scope: DashboardScope) -> Cell:
    count = scope.enterprises.count()
    return Cell(count, list_url() if count else None)


def tier_totals(scope: DashboardScope, day: dt.date) -> list[Cell]:
    rows = (scoped(titles_in_force(day), scope).order_by().values("tier")
            .annotate(n=Count("enterprise_id", distinct=True)))
    found = {row["tier"]: row["n"] for row in rows}
    return [Cell(found.get(tier, 0), list_url(title=tier) if found.get(tier) else None)
            for tier in LADDER_TIERS]


# --- by region ------------------------------------------------------------------------------

def by_region(scope: DashboardScope, day: dt.date) -> list[Row]:
    """One row per child region of the scope (its whole subtree rolled up), plus the
    enterprises registered directly at the scope's own level."""
    subtree = list(Region.objects.filter(path__startswith=scope.region.path)
                   .order_by("sort", "code"))
    group = _child_of(scope.region, subtree)
    totals = _rolled_up(_enterprise_counts(scope.enterprises, "region_id"), group.get)
    tiers = _rolled_up(_title_counts(scope, day, "region_id"), _by_tier(group.get))
    # Counted with the list's own pool filter, so a region's link lists exactly these.
    members = _rolled_up(_enterprise_counts(in_pool_state(scope.enterprises, POOL_IN),
                                            "region_id"), group.get)
    children = [r for r in subtree if r.parent_id == scope.region.code]
    rows = [_row(r.code, r.name, totals, tiers, _region_link(r.code), members)
            for r in children]
    if totals[scope.region.code] or not children:
        # Enterprises registered at the scope's own level: exact only without sub-regions.
        label = f"{scope.region.name}（本级）" if children else scope.region.name
        link = None if children else _region_link(scope.region.code)
        rows.append(_row(scope.region.code, label, totals, tiers, link, members))
    return rows


def _child_of(root: Region, subtree: list[Region]) -> dict[str, str]:
    """Region code → the code of the root's child it lies under (the root maps to itself)."""
    depth = root.path.count("/")
    return {r.code: (r.path.split("/")[depth] if r.code != root.code else root.code)
            for r in subtree}


def _region_link(code: str) -> Callable[..., str | None]:
    return lambda **extra: list_url(region=code, **extra)


def _by_tier(group: Callable[[Any], Any]) -> Callable[[tuple[Any, str]], Any]:
    """Group (key, tier) pairs by the group of their key, keeping the tier."""
    def grouped(pair: tuple[Any, str]) -> Any:
        target = group(pair[0])
        return None if target is None else (target, pair[1])
    return grouped


# --- by industry and cluster ----------------------------------------------------------------

def _divisions() -> tuple[Callable[[Any], str | None], dict[str, str]]:
    """(industry code → its division (大类), or its section where the table has no division;
    the names of both). GB/T 4754 codes nest by prefix: C → C34 → C348 → C3484."""
    names = dict(Industry.objects.filter(level__in=[IndustryLevel.SECTION,
                                                    IndustryLevel.DIVISION])
                 .values_list("code", "name"))

    def division(code: Any) -> str | None:
        if code is None:
            return None
        return next((c for c in (code[:3], code[:1]) if c in names), None)
    return division, names


def by_industry(scope: DashboardScope, day: dt.date) -> list[Row]:
    """One row per industry division (大类) with enterprises, largest first."""
    division, names = _divisions()
    totals = _rolled_up(_enterprise_counts(scope.enterprises, "industry_id"), division)
    tiers = _rolled_up(_title_counts(scope, day, "industry_id"), _by_tier(division))
    ordered = sorted(totals, key=lambda code: (-totals[code], code))
    return [_row(code, f"{code} {names.get(code, '')}".strip(), totals, tiers,
                 _industry_link(code) if _exact(code, totals) else None)
            for code in ordered]


def _exact(code: str, rows: Counter[Any]) -> bool:
    """A section's row (enterprises with no division on record) is what the list's section
    filter shows only if none of its divisions has a row of its own."""
    return not any(other != code and other.startswith(code) for other in rows)


def _industry_link(code: str) -> Callable[..., str | None]:
    return lambda **extra: list_url(industry=code, **extra)


def by_cluster(scope: DashboardScope, day: dt.date) -> list[Row]:
    """One row per cluster or chain (all of them, so an empty one shows as 0)."""
    totals = Counter({k: v for k, v in _enterprise_counts(scope.enterprises, "clusters").items()
                      if k is not None})
    tiers = Counter({k: v for k, v in _title_counts(scope, day, "clusters").items()
                     if k[0] is not None})
    return [_row(c.slug, c.name, totals, tiers,
                 lambda slug=c.slug, **extra: list_url(cluster=slug, **extra))
            for c in Cluster.objects.order_by("programme", "sort")]
