"""``score_table`` in YAML → ``ir.ScoreTable``: categories, banded and case-scored indicators."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from eligibility import ir
from eligibility.evaluation.display import quantity_text

from .issues import Code, CriteriaError
from .literals import parse_points, parse_range
from .shapes import as_list, ir_errors, require
from .yamlsource import LineList, line_of

if TYPE_CHECKING:
    from .rules import RuleBuilder


def build_score_table(builder: RuleBuilder, node: Any, line: int) -> ir.ScoreTable:
    categories = as_list(require(node, "categories", line, "评分表"),
                         line_of(node, "categories", line), "categories")
    indicators = as_list(require(node, "indicators", line, "评分表"),
                         line_of(node, "indicators", line), "indicators")
    threshold = builder.constant_score(require(node, "threshold", line, "评分表"),
                                       line_of(node, "threshold", line))
    cats = tuple(_category(builder, c, categories.line_of(i)) for i, c in enumerate(categories))
    inds = tuple(_indicator(builder, d, indicators.line_of(i)) for i, d in enumerate(indicators))
    known = {c.id for c in cats}
    for i, ind in enumerate(inds):
        if ind.category not in known:
            raise CriteriaError(Code.STRUCTURE, f"指标“{ind.title}”的类别“{ind.category}”未在"
                                "categories 中定义", indicators.line_of(i))
    return ir.ScoreTable(inds, cats, threshold)


def _category(builder: RuleBuilder, node: Any, line: int) -> ir.ScoreCategory:
    minimum = node.get("minimum") if isinstance(node, dict) else None
    return ir.ScoreCategory(
        id=str(require(node, "id", line, "评分类别")),
        title=str(require(node, "title", line, "评分类别")),
        minimum=None if minimum is None else builder.constant_score(
            minimum, line_of(node, "minimum", line)),
    )


def _indicator(builder: RuleBuilder, node: Any, line: int) -> ir.ScoredIndicator:
    title = str(require(node, "title", line, "评分指标"))
    if "bands" in node:
        rule: ir.ScoreRule = _banded(builder, node, line, title)
    elif "cases" in node:
        rule = _cases(builder, node, line)
    else:
        raise CriteriaError(Code.STRUCTURE, f"评分指标“{title}”须有 bands 或 cases", line)
    minimum = node.get("minimum")
    return ir.ScoredIndicator(
        id=str(require(node, "id", line, "评分指标")), title=title,
        category=str(require(node, "category", line, "评分指标")), rule=rule,
        minimum=None if minimum is None else builder.constant_score(
            minimum, line_of(node, "minimum", line)),
    )


def _banded(builder: RuleBuilder, node: Any, line: int, title: str) -> ir.Banded:
    value = builder.number(require(node, "value", line, "分档指标"), line_of(node, "value", line))
    rows = as_list(node["bands"], line_of(node, "bands", line), "bands")
    bands = sorted((_band(value.dim, r, rows.line_of(i)) for i, r in enumerate(rows)),
                   key=_band_order)
    problems = ir.band_problems(tuple(bands), lambda v: quantity_text(v, value.dim))
    if problems:
        code = Code.BAND_GAP if problems[0][0] == "band_gap" else Code.BAND_OVERLAP
        raise CriteriaError(code, f"评分指标“{title}”：{problems[0][1]}", rows.line)
    with ir_errors(rows.line):
        return ir.Banded(value, tuple(bands))


def _band_order(band: ir.Band) -> tuple[int, Fraction, int]:
    if band.lower is None:
        return (0, Fraction(0), 0)
    return (1, band.lower, 0 if band.lower_closed else 1)


def _band(dim: ir.Dim, node: Any, line: int) -> ir.Band:
    lower, lower_closed, upper, upper_closed = parse_range(
        require(node, "range", line, "分档"), line_of(node, "range", line))
    for bound in (lower, upper):
        if bound is not None and bound[1] != dim:
            raise CriteriaError(
                Code.UNIT_MISMATCH, f"分档边界的单位{bound[1]}与指标取值的单位{dim}不一致", line)
    return ir.Band(
        lower=None if lower is None else lower[0], lower_closed=lower_closed,
        upper=None if upper is None else upper[0], upper_closed=upper_closed,
        points=parse_points(require(node, "points", line, "分档"), line),
        label=str(node.get("label", node["range"])),
    )


def _cases(builder: RuleBuilder, node: Any, line: int) -> ir.Cases:
    rows: LineList = as_list(node["cases"], line_of(node, "cases", line), "cases")
    cases = []
    for i, row in enumerate(rows):
        at = rows.line_of(i)
        cases.append(ir.Case(
            condition=builder.predicate(
                require(row, "when", at, "计分情形"), line_of(row, "when", at)),
            points=parse_points(require(row, "points", at, "计分情形"), at),
            label=str(row.get("label", "")),
        ))
    otherwise = parse_points(node.get("otherwise", 0), line_of(node, "otherwise", line))
    return ir.Cases(tuple(cases), otherwise, str(node.get("otherwise_label", "不属于以上情况")))
