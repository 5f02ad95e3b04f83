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


def _series(name: str, cells: list[Cell], **style: Any) -> dict[str, Any]:
    """One ECharts series: ``style`` carries type, stack and axis (default: plain bars)."""
    return {"name": name, "type": "bar", **style, "data": [c.count for c in cells],
            "urls": [c.url for c in cells]}


def _stacked_tiers(page: Overview, rows: list[Row]) -> dict[str, Any]:
    """Title holders stacked per row, the row's enterprise total as a line on its own axis
    (totals dwarf title counts)."""
    tiers = [_series(label, [row.tiers[i] for row in rows], stack="tiers")
             for i, label in enumerate(page.tier_labels)]
    total = _series("企业总数", [row.total for row in rows], type="line", yAxisIndex=1)
    return {"categories": [row.label for row in rows], "series": [*tiers, total],
            "axes": ["称号企业（家）", "企业总数（家）"]}


def _totals(rows: list[Row]) -> dict[str, Any]:
    return {"categories": [row.label for row in rows],
            "series": [_series("企业总数", [row.total for row in rows])], "axes": ["家"]}


def chart_data(page: Overview) -> dict[str, Any]:
    return {
        "regions": _stacked_tiers(page, page.regions),
        "industries": _totals(page.industries[:INDUSTRY_BARS]),
        "clusters": _totals(page.clusters),
        "pipeline": {
            "categories": [row.label for row in page.pipeline.rows],
            "series": [_series("已满足", [r.passed for r in page.pipeline.rows]),
                       _series("差一项", [r.one_short for r in page.pipeline.rows]),
                       _series("差两项", [r.two_short for r in page.pipeline.rows])],
            "axes": ["家"]},
        "figures": {
            "categories": [f"{y.year}年" for y in page.years],
            "revenue": [None if y.revenue_median is None else str(y.revenue_median)
                        for y in page.years],
            "intensity": [None if y.rd_intensity_median is None
                          else str(y.rd_intensity_median) for y in page.years]},
        "granted": {
            "categories": [f"{g.year}年" for g in page.granted],
            "series": [_series(label, [g.tiers[i] for g in page.granted], stack="tiers")
                       for i, label in enumerate(page.tier_labels)],
            "axes": ["项"]},
    }
