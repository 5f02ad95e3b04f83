"""Everything one dashboard page shows, gathered for one scope on one day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from portal.dashboards import pipeline as pipelines
from portal.dashboards import pool as pools
from portal.dashboards import selectors, trends
from portal.dashboards.scope import DashboardScope
from portal.dashboards.selectors import LADDER_TIERS, TIER_LABELS, Cell, Row


@dataclass(frozen=True)
class Overview:
    scope: DashboardScope
    on: dt.date
    total: Cell
    tier_totals: list[tuple[str, Cell]]
    pool: pools.PoolFigures
    regions: list[Row]
    pipeline: pipelines.Pipeline
    industries: list[Row]
    clusters: list[Row]
    years: list[trends.YearFigures]
    granted: list[trends.TitlesGranted]

    @property
    def clusters_registered(self) -> bool:
        return any(row.total.count for row in self.clusters)

    @property
    def tier_labels(self) -> list[str]:
        return [TIER_LABELS[tier] for tier in LADDER_TIERS]


def overview(scope: DashboardScope, on: dt.date | None = None) -> Overview:
    day = on or timezone.localdate()
    return Overview(
        scope=scope, on=day, total=selectors.scope_total(scope),
        tier_totals=list(zip(
            [TIER_LABELS[t] for t in LADDER_TIERS], selectors.tier_totals(scope, day),
            strict=True)),
        pool=pools.pool_figures(scope),
        regions=selectors.by_region(scope, day),
        pipeline=pipelines.pipeline(scope),
        industries=selectors.by_industry(scope, day),
        clusters=selectors.by_cluster(scope, day),
        years=trends.yearly_figures(scope, day),
        granted=trends.titles_granted(scope, day),
    )
