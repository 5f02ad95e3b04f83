"""The data each ECharts chart on the dashboard draws, as plain JSON-ready dicts.

Each series carries the list URL of every bar or point, so a click on a chart opens the same
list a click on the table's number does. Decimals travel as strings (exact), and ECharts
parses them as numbers for drawing only.
"""

from __future__ import annotations

from typing import Any

from portal.dashboards.overview import Overview
from portal.dashboards.selectors import Cell, Row

INDUSTRY_BARS = 12


def _series(name: str, cells: list[Cell]) -> dict[str, Any]:
    return {"name": name, "data": [c.count for c in cells], "urls": [c.url for c in cells]}


def _tier_series(page: Overview, rows: list[Row]) -> list[dict[str, Any]]:
    return [_series(label, [row.tiers[i] for row in rows])
            for i, label in enumerate(page.tier_labels)]


def _bars(page: Overview, rows: list[Row]) -> dict[str, Any]:
    return {"categories": [row.label for row in rows],
            "series": [_series("企业总数", [row.total for row in rows]),
                       *_tier_series(page, rows)]}


def chart_data(page: Overview) -> dict[str, Any]:
    return {
        "regions": _bars(page, page.regions),
        "industries": _bars(page, page.industries[:INDUSTRY_BARS]),
        "clusters": _bars(page, page.clusters),
        "pipeline": {
            "categories": [row.label for row in page.pipeline.rows],
            "series": [_series("已满足", [r.passed for r in page.pipeline.rows]),
                       _series("差一项", [r.one_short for r in page.pipeline.rows]),
                       _series("差两项", [r.two_short for r in page.pipeline.rows])]},
        "figures": {
            "categories": [f"{y.year}年" for y in page.years],
            "revenue": [None if y.revenue_median is None else str(y.revenue_median)
                        for y in page.years],
            "intensity": [None if y.rd_intensity_median is None
                          else str(y.rd_intensity_median) for y in page.years]},
        "granted": {
            "categories": [f"{g.year}年" for g in page.granted],
            "series": [_series(label, [g.tiers[i] for g in page.granted])
                       for i, label in enumerate(page.tier_labels)]},
    }
