"""The summary of a screening run: counts by verdict, per criterion and per region."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from eligibility.backends.lowering import Plan

if TYPE_CHECKING:
    from .job import ScreeningRequest

CODES = ("pass", "fail", "unknown", "waived")
LABELS = {"pass": "满足", "fail": "不满足", "unknown": "待定", "waived": "豁免"}


@dataclass(frozen=True)
class Summary:
    data: dict[str, Any]

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.data, ensure_ascii=False, indent=2), encoding="utf-8")

    def text(self) -> str:
        """The summary as Chinese text, for the terminal."""
        d = self.data
        lines = [f"筛查完成：{d['enterprises']} 户企业，评价日期 {d['on']}，"
                 f"申报类型 {d['application_label']}，引擎 {d['engine']}，"
                 f"用时 {d['seconds']:.2f} 秒"]
        for s in d["sets"]:
            lines.append(f"【{s['title']}】（{s['id']} 版本 {s['version']}）"
                         + _counts(s["verdicts"]))
            for c in s["criteria"]:
                lines.append(f"  · {c['title']}（{c['id']}）：" + _counts(c["counts"]))
            top = sorted(s["regions"], key=lambda r: -r["counts"].get("pass", 0))[:10]
            for r in top:
                lines.append(f"  区域 {r['region_code']}：" + _counts(r["counts"]))
        return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return "，".join(f"{LABELS[c]} {counts.get(c, 0)}" for c in CODES if c in counts
                     or c != "waived")


class SummaryBuilder:
    def __init__(self, request: ScreeningRequest, plans: list[Plan]) -> None:
        self.request = request
        self.plans = plans
        self.verdicts: dict[str, Counter[str]] = defaultdict(Counter)
        self.criteria: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.regions: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def add(self, plan: Plan, rows: pl.DataFrame) -> None:
        for code, n in rows["verdict"].value_counts().iter_rows():
            self.verdicts[plan.set_id][code] += n
        for clause in plan.clauses:
            for code, n in rows[clause.status].value_counts().iter_rows():
                self.criteria[(plan.set_id, clause.id)][code] += n
        grouped = rows.group_by("region_code", "verdict").len()
        for region, code, n in grouped.iter_rows():
            self.regions[(plan.set_id, str(region))][code] += n

    def build(self, enterprises: int, seconds: float) -> Summary:
        request = self.request
        titles = {s.id: s.title for s in request.criteria}
        sets = []
        for plan in self.plans:
            regions = [{"region_code": region, "counts": dict(counts)}
                       for (set_id, region), counts in sorted(self.regions.items())
                       if set_id == plan.set_id]
            criteria = [{"id": c.id, "title": c.title,
                         "counts": dict(self.criteria[(plan.set_id, c.id)])}
                        for c in plan.clauses]
            sets.append({"id": plan.set_id, "version": plan.version,
                         "title": titles.get(plan.set_id, plan.set_id),
                         "verdicts": dict(self.verdicts[plan.set_id]),
                         "criteria": criteria, "regions": regions})
        return Summary({
            "input": str(request.input), "output": str(request.output),
            "engine": request.engine, "on": request.on.isoformat(),
            "application": request.application,
            "application_label": {"new": "新申报", "re_review": "复核"}.get(
                request.application, request.application),
            "enterprises": enterprises, "seconds": round(seconds, 3), "sets": sets,
        })
