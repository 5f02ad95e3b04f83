"""The Chinese explanation an official reads: which clauses fail, by how much, what is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eligibility.authoring.model import Role
from eligibility.ir import APPLICATION_LABELS

from .display import decimal_text, quantity_text
from .outcome import STATUS_LABELS, CriterionResult, ScoreResult, missing_text
from .serialise import OP_TEXT

if TYPE_CHECKING:
    from .outcome import Outcome

_MAX_GAPS = 3  # more alternatives than this (e.g. "any award in 3 years") go to the JSON only
VERDICT_LABELS = {"pass": "符合", "fail": "不符合", "unknown": "待定（缺少数据或需人工审核）"}


def explain(outcome: Outcome) -> str:
    cs, fy = outcome.criteria_set, outcome.fiscal_year
    on = outcome.on
    lines = [
        f"{cs.title}（{cs.id}，版本 {cs.version}）",
        f"评估日期：{on.year}年{on.month}月{on.day}日；申报类型："
        f"{APPLICATION_LABELS[outcome.application]}；上年度：{fy}年",
        f"结论：{VERDICT_LABELS[outcome.verdict]}",
    ]
    lines += _status_sections(outcome, fy)
    waived = [c for c in outcome.criteria if c.waived_by is not None]
    lines += [f"豁免：{c.info.title}——{c.waived_by.title}（{c.waived_by.citation.label()}）"
              for c in waived if c.waived_by is not None]
    if outcome.score is not None:
        lines += score_lines(outcome.score)
    if outcome.missing:
        lines.append(f"需补充的数据（按影响从大到小）：{missing_text(outcome.missing, fy)}")
    return "\n".join(lines)


def _status_sections(outcome: Outcome, fy: int) -> list[str]:
    """Group results so a reader sees what decides the verdict.

    A set passes when all its criteria pass OR any direct route passes, so a failing direct
    route is not a shortcoming of an enterprise that meets the criteria (and vice versa).
    """
    main, routes = _split_routes(outcome.criteria)
    if outcome.verdict == "pass":
        return []  # what else fails does not change the verdict; the JSON keeps every detail
    lines = _section("未满足的条件", [c for c in main if c.status == "fail"], fy)
    lines += _section("待定的条件", [c for c in main if c.status == "unknown"], fy)
    lines += _section("直通条件（满足任一即可，目前均未满足）",
                      [c for c in routes if c.status != "pass"], fy)
    return lines


def _split_routes(results: tuple[CriterionResult, ...],
                  ) -> tuple[list[CriterionResult], list[CriterionResult]]:
    """Split into main criteria and direct routes; parts follow their top-level clause."""
    main: list[CriterionResult] = []
    routes: list[CriterionResult] = []
    target = main
    for result in results:
        if result.depth == 0:
            target = routes if result.info.role is Role.DIRECT_ROUTE else main
        target.append(result)
    return main, routes


def _section(title: str, results: list[CriterionResult], fy: int) -> list[str]:
    if not results:
        return []
    return [f"{title}："] + [_line(r, fy) for r in results]


def _line(result: CriterionResult, fy: int) -> str:
    info = result.info
    indent = "  " * (result.depth + 1)
    parts = [f"{indent}· {info.title}：{STATUS_LABELS[result.status]}"]
    for gap in result.gaps[:_MAX_GAPS]:
        need = f"，{gap.need.text}" if gap.need is not None else ""
        parts.append(f"实际{quantity_text(gap.value, gap.dim)}，要求{OP_TEXT[gap.op.value]}"
                     f"{quantity_text(gap.threshold, gap.dim)}，{gap.text()}{need}")
    if len(result.gaps) > _MAX_GAPS:
        parts.append(f"等共{len(result.gaps)}项差距（详见JSON输出）")
    if result.status == "unknown":
        if result.missing:
            parts.append(f"缺少：{missing_text(result.missing, fy)}")
        elif result.trace.reason:
            parts.append(result.trace.reason)
    parts.append(f"出处：{info.citation.label()}")
    return "；".join(parts)


def score_lines(score: ScoreResult) -> list[str]:
    trace, gaps = score.trace, score.gaps
    points = (f"{decimal_text(trace.lower, 2)}分" if trace.exact
              else f"{decimal_text(trace.lower, 2)}～{decimal_text(trace.upper, 2)}分")
    lines = [f"评分：{points}（门槛{decimal_text(trace.threshold, 2)}分）"]
    for cat in trace.categories:
        if cat.minimum is not None and cat.lower < cat.minimum:
            lines.append(f"  {cat.title}得分{decimal_text(cat.lower, 2)}分，"
                         f"低于该类最低要求{decimal_text(cat.minimum, 2)}分")
    if gaps.deficit > 0:
        lines.append(f"  距门槛还差{decimal_text(gaps.deficit, 2)}分")
    if gaps.cheapest:
        lines.append("  最省力的提分途径：" + "；".join(s.text for s in gaps.cheapest))
    if gaps.could_add:
        lines.append("  各指标尚可增加：" + "；".join(
            f"{title}+{decimal_text(p, 2)}分" for _, title, p in gaps.could_add))
    return lines
