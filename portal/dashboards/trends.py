"""Figures by fiscal year for the scope: median revenue, median R&D intensity (R&D expense as
a share of revenue), and titles granted per year.

Medians are exact: revenue is stored in integer 元, so the median is an integer or a half;
intensity is computed per enterprise in integers of 0.0001 percentage point (truncated), far
finer than the 0.01 % shown. Enterprises without the figure are left out, never counted as 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import polars as pl
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import Coalesce, ExtractYear

from portal.dashboards.links import list_url
from portal.dashboards.scope import DashboardScope
from portal.dashboards.selectors import LADDER_TIERS, Cell, scoped
from portal.enterprises.models import Fact, Title

YUAN_PER_WAN = 10_000
# Intensity unit: 10^-6 of revenue, i.e. 0.0001 percentage point.
INTENSITY_SCALE = 1_000_000
FACT_YEARS = 5
CACHE_SECONDS = 15 * 60
TITLE_YEARS = 8


@dataclass(frozen=True)
class YearFigures:
    year: int
    revenue_median: Decimal | None  # 万元
    revenue_reported: Cell
    rd_intensity_median: Decimal | None  # percent
    rd_reported: Cell


@dataclass(frozen=True)
class TitlesGranted:
    year: int
    tiers: tuple[Cell, ...]


def fact_years(day: dt.date) -> list[int]:
    last = day.year - 1  # 上年度, the latest fiscal year with final accounts
    return list(range(last - FACT_YEARS + 1, last + 1))


def yearly_figures(scope: DashboardScope, day: dt.date) -> list[YearFigures]:
    """Cached per scope and day: at 100 000 enterprises this reads ~0.9 M fact rows (seconds),
    and annual figures change rarely (a correction shows within ``CACHE_SECONDS``)."""
    key = f"dashboards:yearly:{scope.region.code}:{day.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = _yearly_figures(scope, day)
        cache.set(key, figures, CACHE_SECONDS)
    return list(figures)


def _yearly_figures(scope: DashboardScope, day: dt.date) -> list[YearFigures]:
    years = fact_years(day)
    wide = _revenue_and_rd(scope, years)
    return [_figures(wide.filter(pl.col("year") == year), year) for year in years]


def _revenue_and_rd(scope: DashboardScope, years: list[int]) -> pl.DataFrame:
    facts = scoped(Fact.objects.filter(
        indicator__in=("revenue", "rd_expense"), year__in=years, superseded_at__isnull=True,
        value_int__isnull=False), scope)
    rows = list(facts.values_list("enterprise_id", "indicator", "year", "value_int"))
    long = pl.DataFrame(rows, orient="row", schema={
        "enterprise_id": pl.Int64, "indicator": pl.String, "year": pl.Int64,
        "value_int": pl.Int64})
    if long.is_empty():
        return pl.DataFrame(schema={"enterprise_id": pl.Int64, "year": pl.Int64})
    return long.pivot(on="indicator", index=["enterprise_id", "year"], values="value_int",
                      aggregate_function="first")


def _figures(rows: pl.DataFrame, year: int) -> YearFigures:
    revenue = _column(rows, "revenue").drop_nulls().to_list()
    intensity = _intensities(rows)
    revenue_median = exact_median(revenue)
    intensity_median = exact_median(intensity)
    return YearFigures(
        year=year,
        revenue_median=None if revenue_median is None
        else (revenue_median / YUAN_PER_WAN).quantize(Decimal("0.01")),
        revenue_reported=_reported(len(revenue), f"revenue:{year}"),
        rd_intensity_median=None if intensity_median is None
        else (intensity_median * 100 / INTENSITY_SCALE).quantize(Decimal("0.01")),
        rd_reported=_reported(len(intensity), f"rd_intensity:{year}"))


def _intensities(rows: pl.DataFrame) -> list[int]:
    """Per enterprise with both figures and positive revenue: R&D expense / revenue in
    ``INTENSITY_SCALE`` units (Int128: 元 × 10^6 overflows Int64 past ~9 万亿 元)."""
    if not {"revenue", "rd_expense"} <= set(rows.columns):
        return []
    ratio = (pl.col("rd_expense").cast(pl.Int128) * pl.lit(INTENSITY_SCALE, pl.Int128)
             // pl.col("revenue").cast(pl.Int128))
    both = rows.filter(pl.col("revenue") > 0, pl.col("rd_expense").is_not_null())
    return [int(v) for v in both.select(ratio.alias("ratio"))["ratio"].to_list()]


def _column(rows: pl.DataFrame, name: str) -> pl.Series:
    return rows[name] if name in rows.columns else pl.Series(name, [], dtype=pl.Int64)


def _reported(count: int, figures: str) -> Cell:
    # The list's "reported" filter selects the enterprises a median is taken over.
    return Cell(count, list_url(reported=figures) if count else None)


def exact_median(values: list[int]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Decimal(ordered[middle])
    return (Decimal(ordered[middle - 1]) + Decimal(ordered[middle])) / 2


def titles_granted(scope: DashboardScope, day: dt.date) -> list[TitlesGranted]:
    """Enterprises granted each ladder title per year, the last ``TITLE_YEARS`` years: by
    认定年份, or by the year validity began where no 认定年份 was recorded (an enterprise granted
    two levels of a tier in one year counts once, as the list behind the number shows it)."""
    years = list(range(day.year - TITLE_YEARS + 1, day.year + 1))
    granted = Title.objects.annotate(granted=Coalesce("year", ExtractYear("valid_from")))
    rows = (scoped(granted.filter(tier__in=LADDER_TIERS, granted__in=years), scope)
            .order_by().values("granted", "tier")
            .annotate(n=Count("enterprise_id", distinct=True)))
    found = {(row["granted"], row["tier"]): row["n"] for row in rows}
    return [TitlesGranted(year, tuple(
        Cell(n, list_url(title=tier, granted=str(year)) if n else None)
        for tier in LADDER_TIERS for n in [found.get((year, tier), 0)]))
        for year in years]
