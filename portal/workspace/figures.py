"""Figures of one enterprise arranged for reading: annual indicators by year, static ones by
group, each current value with its provenance; series for the overview chart."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from indicators.vocabulary import ANNUAL, BY_ID, STATIC, Indicator
from portal.enterprises import selectors, values
from portal.enterprises.models import Enterprise, Fact
from portal.enterprises.services import stored_value
from portal.workspace.display import fact_text

IP_INDICATORS = ("invention_patents", "utility_models", "design_patents", "software_copyrights",
                 "class1_ip", "class1_ip_self_developed", "class1_ip_high_value", "class2_ip",
                 "rd_institution_level")
CHART_INDICATORS = ("revenue", "rd_expense", "net_profit")


@dataclass(frozen=True)
class AnnualRow:
    indicator: Indicator
    header: str
    cells: list[Fact | None]


@dataclass(frozen=True)
class Figures:
    years: list[int]
    annual: list[AnnualRow]
    static: list[tuple[str, list[tuple[Indicator, Fact]]]]
    by_key: dict[tuple[str, int | None], Fact]


def enterprise_figures(enterprise: Enterprise, *, last_years: int = 5) -> Figures:
    facts = selectors.current_facts(enterprise)
    by_key = {(f.indicator, f.year): f for f in facts}
    years = sorted({f.year for f in facts if f.year is not None})[-last_years:]
    annual = [AnnualRow(ind, values.header(ind), [by_key.get((ind.id, y)) for y in years])
              for ind in ANNUAL if any((ind.id, y) in by_key for y in years)]
    groups: dict[str, list[tuple[Indicator, Fact]]] = defaultdict(list)
    for ind in STATIC:
        if (fact := by_key.get((ind.id, None))) is not None:
            groups[ind.group].append((ind, fact))
    return Figures(years, annual, list(groups.items()), by_key)


def chart_series(figures: Figures) -> dict[str, Any]:
    """Money series in 万元 as strings (exact; ECharts parses them) for the overview chart."""
    series = []
    for indicator in CHART_INDICATORS:
        ind = BY_ID[indicator]
        points = []
        for year in figures.years:
            fact = figures.by_key.get((indicator, year))
            user = values.to_user(ind, stored_value(fact)) if fact else None
            points.append(None if user is None else str(user))
        series.append({"name": ind.name, "data": points})
    return {"years": [str(y) for y in figures.years], "series": series}


def ip_figures(figures: Figures) -> list[tuple[Indicator, Fact | None, str]]:
    rows = []
    for indicator in IP_INDICATORS:
        fact = figures.by_key.get((indicator, None))
        rows.append((BY_ID[indicator], fact,
                     fact_text(indicator, stored_value(fact)) if fact else ""))
    return rows
