"""Score tables as Markdown: one row per band or case (档位、条件、分值)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .labels import quantity_text
from .wording import Wording

_RANGE = re.compile(r"^\s*([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])\s*$")


def range_text(raw: str) -> str:
    """'[3%, 5%)' → '≥ 3% 且 < 5%'; '(, 55%]' → '≤ 55%'; '[5%, )' → '≥ 5%'."""
    match = _RANGE.match(raw)
    if match is None:
        return raw
    left, low, high, right = match.groups()
    words = []
    if low:
        words.append(f"{'≥' if left == '[' else '>'} {quantity_text(low)}")
    if high:
        words.append(f"{'≤' if right == ']' else '<'} {quantity_text(high)}")
    return " 且 ".join(words) or "任意取值"


def _points(raw: Any) -> str:
    return f"{quantity_text(raw)}" if not str(raw).isdigit() else f"{raw}分"


def score_table_rows(table: Mapping[str, Any], wording: Wording) -> Iterator[str]:
    """The Markdown table of one ``score_table`` (categories in order, their indicators)."""
    yield "| 类别 | 指标 | 档位 | 条件 | 分值 |"
    yield "|---|---|---|---|---|"
    for category in table["categories"]:
        heading = category["title"]
        if category.get("minimum") is not None:
            heading += f"（最低{wording.score(category['minimum'])}）"
        for indicator in (i for i in table["indicators"] if i["category"] == category["id"]):
            for row in _indicator_rows(indicator, wording):
                yield f"| {heading} | {row}"
                heading = ""


def _indicator_rows(indicator: Mapping[str, Any], wording: Wording) -> Iterator[str]:
    title = indicator["title"]
    if indicator.get("minimum") is not None:
        title += f"（不得低于{wording.score(indicator['minimum'])}）"
    if "bands" in indicator:
        value = wording.number(indicator["value"])
        for band in indicator["bands"]:
            condition = f"{value} {range_text(str(band['range']))}"
            yield f"{title} | {band.get('label', '')} | {condition} | {_points(band['points'])} |"
            title = ""
        return
    for case in indicator["cases"]:
        condition = wording.condition(case["when"])
        yield f"{title} | {case.get('label', '')} | {condition} | {_points(case['points'])} |"
        title = ""
    label = indicator.get("otherwise_label", "不属于以上情况")
    yield f"{title} | {label} | 其他情形 | {_points(indicator.get('otherwise', 0))} |"


def score_tables(rule: Any) -> Iterator[Mapping[str, Any]]:
    """Every ``score_table`` written directly in a rule (not inside a named part)."""
    if isinstance(rule, dict):
        if "score_table" in rule and len(rule) == 1:
            yield rule["score_table"]
            return
        if {"id", "title", "rule"} <= rule.keys():
            return
        for value in rule.values():
            yield from score_tables(value)
    elif isinstance(rule, list):
        for item in rule:
            yield from score_tables(item)
