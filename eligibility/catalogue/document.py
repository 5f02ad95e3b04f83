"""The criteria catalogue (docs/criteria.md): every set of the library, in Chinese, as Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import groupby
from typing import Any

from eligibility.authoring.library import Library
from eligibility.authoring.model import (
    TIER_ORDER,
    Citation,
    CriteriaSet,
    CriterionInfo,
    SourceDocument,
)

from .bandtables import score_table_rows, score_tables
from .labels import (
    CONFIDENCE_TEXT,
    applications_text,
    date_text,
    jurisdiction_name,
    level_name,
    parameter_text,
    period_text,
    tier_name,
)
from .rulesource import ClauseNode, read_raw
from .wording import Wording

PREAMBLE = """\
# 认定标准目录

> 本文件由 `zjtx criteria docs` 根据 `criteria/` 目录中的认定标准自动生成，请勿手工修改；
> 修改认定标准后重新运行该命令。“计算方法”是平台实际执行的判断，“条文”是政策原文。
> 依据说明：**已核实**＝读到原文或逐字转载；**依据待核实（二手来源）**＝只见于摘要或第三方转述；
> **依据未找到**＝原文未找到，暂按已知内容编码。“经认定”的条件由专家或工作人员认定并留痕；
> “需人工审核”的条件无法由数据判断，平台显示为待定。
"""


def render_catalogue(library: Library) -> str:
    """The whole catalogue; deterministic for a given library (no dates of generation)."""
    sets = sorted(library.sets, key=_order)
    lines = [PREAMBLE, *_contents(sets)]
    for tier, members in groupby(sets, key=lambda s: s.tier):
        lines += ["", f"## {tier_name(tier)}"]
        for criteria_set in members:
            lines += ["", *SetWriter(criteria_set).lines()]
    return "\n".join(lines).rstrip() + "\n"


def _order(s: CriteriaSet) -> tuple[int, object, str]:
    rank = TIER_ORDER.index(s.tier) if s.tier in TIER_ORDER else len(TIER_ORDER)
    return (rank, s.effective_from, s.id)


def _contents(sets: list[CriteriaSet]) -> Iterator[str]:
    yield "## 目录（按梯度、施行日期排列）"
    yield ""
    yield "| 梯度 | 认定标准 | 级别 | 适用地区 | 有效期 | 申报类型 |"
    yield "|---|---|---|---|---|---|"
    for tier, members in groupby(sets, key=lambda s: s.tier):
        label = tier_name(tier)
        for s in members:
            yield (f"| {label} | [{s.title}](#{s.id}) | {level_name(s.level)} | "
                   f"{jurisdiction_name(s.jurisdiction)} | {period_text(s)} | "
                   f"{applications_text(s)} |")
            label = ""


def document_text(doc: SourceDocument) -> str:
    """《title》（number，2022年6月1日）."""
    extras = [x for x in (doc.number, date_text(doc.issued_on) if doc.issued_on else "") if x]
    return f"《{doc.title}》" + (f"（{'，'.join(extras)}）" if extras else "")


def citation_text(citation: Citation) -> str:
    where = " ".join(p for p in (citation.article, citation.table, citation.row) if p)
    return f"{document_text(citation.document)}{where}"


class SetWriter:
    """The catalogue section of one criteria set."""

    def __init__(self, criteria_set: CriteriaSet) -> None:
        self.set = criteria_set
        self.wording = Wording({p.name: p for p in criteria_set.parameters})
        self.raw = read_raw(criteria_set)

    def lines(self) -> list[str]:
        s = self.set
        out = [f'### <a id="{s.id}"></a>{s.title}', "", *self._header(), *self._parameters()]
        out += ["", "#### 认定条件（须全部满足）"]
        for number, node in enumerate(self.raw.criteria, start=1):
            out += ["", *self._criterion(node, str(number))]
        if self.raw.direct_routes:
            out += ["", "#### 直通条件（满足其中任一项即可，不论上述认定条件）"]
            for number, node in enumerate(self.raw.direct_routes, start=1):
                out += ["", *self._criterion(node, f"直通{number}")]
        return out

    def _header(self) -> list[str]:
        s = self.set
        source = document_text(s.source)
        if s.source.url:
            source += f"，[原文链接]({s.source.url})"
        rows = [("编号", f"`{s.id}`（版本 {s.version}）"), ("梯度", tier_name(s.tier)),
                ("级别", level_name(s.level)), ("适用地区", jurisdiction_name(s.jurisdiction)),
                ("有效期", period_text(s)), ("申报类型", applications_text(s)),
                ("依据文件", source)]
        if s.track_title:
            track = f"{s.track_title}（与同一梯度其他路径的标准分别评估、并列显示）"
            rows.insert(2, ("申报路径", track))
        others = self._other_documents()
        if others:
            rows.append(("其他引用文件", "；".join(others)))
        if s.edges_note:
            rows.append(("边界取值", prose(s.edges_note)))
        return ["| 项目 | 内容 |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]

    def _other_documents(self) -> list[str]:
        docs = {i.citation.document.key: i.citation.document for i in self.set.info.values()}
        return [document_text(d) for k, d in sorted(docs.items()) if k != "source"]

    def _parameters(self) -> list[str]:
        if not self.set.parameters:
            return []
        rows = [f"| `{p.name}` | {p.title or '—'} | {parameter_text(p)} |"
                for p in self.set.parameters]
        return ["", "#### 参数", "", "| 参数 | 含义 | 取值 |", "|---|---|---|", *rows]

    # ---- criteria ---------------------------------------------------------------------
    def _criterion(self, node: ClauseNode, number: str) -> list[str]:
        info = self.set.info[node.id]
        out = [f"##### {number} {info.title}", "", *self._body(node, info, None, number, "")]
        for holder in node.walk():  # tables of parts too, after the list (Markdown nesting)
            for table in score_tables(holder.rule):
                caption = self.set.info[holder.id].title
                out += ["", f"评分表（{caption}）：", "", *score_table_rows(table, self.wording)]
        return out

    def _body(self, node: ClauseNode, info: CriterionInfo, parent: CriterionInfo | None,
              number: str, indent: str) -> list[str]:
        """条文, 出处, 依据 (when not the parent's), 说明, 例外, then 计算方法 with the parts."""
        rows = []
        if info.clause and (parent is None or info.clause != parent.clause):
            rows.append(f"条文：“{info.clause}”")
        if parent is None or info.citation != parent.citation:
            rows.append(f"出处：{citation_text(info.citation)}")
        if parent is None or info.confidence != parent.confidence:
            rows.append(f"依据：{CONFIDENCE_TEXT[info.confidence]}")
        if info.note:
            rows.append(f"说明：{prose(info.note)}")
        out = [f"{indent}- {row}" for row in rows]
        for raw in node.exceptions:
            out += self._exception(raw, indent)
        out.append(f"{indent}- 计算方法：{self.wording.condition(node.rule)}")
        for index, part in enumerate(node.parts, start=1):
            out += self._part(part, f"{number}.{index}", info, indent + "  ")
        return out

    def _part(self, node: ClauseNode, number: str, parent: CriterionInfo,
              indent: str) -> list[str]:
        info = self.set.info[node.id]
        return [f"{indent}- **{number} {info.title}**",
                *self._body(node, info, parent, number, indent + "  ")]

    def _exception(self, raw: Mapping[str, Any], indent: str) -> list[str]:
        info = self.set.info[str(raw["id"])]
        rows = [f"适用情形：{self.wording.condition(raw['when'])}时，本项视为满足"]
        if info.clause:
            rows.append(f"条文：“{info.clause}”")
        rows += [f"出处：{citation_text(info.citation)}",
                 f"依据：{CONFIDENCE_TEXT[info.confidence]}"]
        if info.note:
            rows.append(f"说明：{prose(info.note)}")
        return [f"{indent}- 例外：{info.title}", *(f"{indent}  - {r}" for r in rows)]


_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def prose(text: str) -> str:
    """Folded YAML text as one line: no line breaks, no spaces beside Chinese characters."""
    return _CJK_SPACE.sub("", " ".join(text.split()))
