"""The indicator table at the end of docs/facts.md, generated from the vocabulary.

Pure Python (no Django), so ``zjtx facts vocabulary`` runs anywhere.
"""

from __future__ import annotations

from indicators.vocabulary import INDICATORS, SOURCE_LABELS, Indicator, Kind, Period

HEADING = "## 指标目录（由 `zjtx facts vocabulary` 生成，请勿手改）"
KIND_LABELS = {
    Kind.MONEY: "金额", Kind.COUNT: "计数", Kind.PERCENT: "百分比", Kind.QUANTITY: "数量",
    Kind.SCORE: "得分", Kind.YEAR: "年份", Kind.DATE: "日期", Kind.BOOL: "是/否",
    Kind.ENUM: "选项",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(ind: Indicator) -> str:
    period = "年度" if ind.period is Period.ANNUAL else "静态"
    choices = "、".join(f"`{code}` {label}" for code, label in ind.choices)
    storage = f"×{ind.scale}" if ind.numeric and ind.scale != 1 else ""
    cells = (f"`{ind.id}`", ind.name, ind.group, KIND_LABELS[ind.kind], period, ind.unit,
             storage, SOURCE_LABELS[ind.source], "是" if ind.attested else "",
             "；".join(t for t in (choices, ind.note) if t))
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def vocabulary_markdown() -> str:
    """The generated section, heading included, ending with a newline."""
    lines = [
        HEADING, "",
        "存储比例：数据库与列式文件中的整数 = 用户单位数值 × 比例（如金额以元存储）。",
        "认定：须由具名专家或工作人员录入并留痕的判断类指标。", "",
        "| id | 名称 | 分组 | 类型 | 周期 | 单位 | 存储比例 | 常见来源 | 认定 | 选项与说明 |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *(_row(ind) for ind in INDICATORS),
    ]
    return "\n".join(lines) + "\n"


def with_current_section(document: str) -> str:
    """``document`` with its generated section (from the heading to the end) replaced by the
    current one, or appended when missing."""
    head, found, _ = document.partition(HEADING)
    if not found:
        head = document.rstrip("\n") + "\n\n"
    return head + vocabulary_markdown()
