"""A ``SetDiff`` as readable Chinese text (Markdown), summary first."""

from __future__ import annotations

from collections.abc import Iterator

from eligibility.authoring.model import CriteriaSet, Role

from .diff import Item, Pair, ParameterChange, SetDiff, ThresholdChange, role_name
from .document import citation_text, document_text, prose
from .labels import (
    CONFIDENCE_TEXT,
    applications_text,
    jurisdiction_name,
    level_name,
    parameter_text,
    period_text,
    tier_name,
)
from .wording import COMPARE_SIGNS


def render_diff(diff: SetDiff) -> str:
    old, new = diff.old, diff.new
    lines = [f"# {tier_name(new.tier)}认定标准变化：{_version(old)} → {_version(new)}", ""]
    lines += [f"- 旧版：{_set_line(old)}", f"- 新版：{_set_line(new)}", ""]
    lines += ["## 概要", "", *_summary(diff)]
    lines += _section("基本信息变化", list(_header_rows(old, new)))
    lines += _section("参数变化", [_parameter_line(c) for c in diff.parameters])
    changed = diff.changed_pairs
    lines += _section("修改的条件", [line for p in changed for line in _pair_lines(p)])
    lines += _section("新增的条件", [line for i in _leaves(diff.added) for line in _item_lines(i)])
    lines += _section("删除的条件",
                      [line for i in _leaves(diff.removed) for line in _item_lines(i)])
    lines += _section("分组变化", list(_group_lines(diff)))
    unchanged = [p.new.info.title for p in diff.pairs if not p.changed and not p.new.is_group]
    lines += _section("未变的条件", [f"- {t}" for t in unchanged])
    return "\n".join(lines).rstrip() + "\n"


def _version(s: CriteriaSet) -> str:
    return f"{s.version}年版" if s.version.isdigit() else f"{s.version}版"


def _set_line(s: CriteriaSet) -> str:
    return (f"{s.title}（{s.id}；{period_text(s)}；{applications_text(s)}；"
            f"依据{document_text(s.source)}）")


def _section(title: str, body: list[str]) -> list[str]:
    return ["", f"## {title}", "", *body] if body else []


def _leaves(items: list[Item]) -> list[Item]:
    return [i for i in items if not i.is_group]


# ---- summary ------------------------------------------------------------------------------
def _summary(diff: SetDiff) -> list[str]:
    changes = [c for p in diff.changed_pairs for c in p.threshold_changes]
    tighter = sum(1 for c in changes if c.direction == "收紧")
    looser = sum(1 for c in changes if c.direction == "放宽")
    leaves = [p for p in diff.pairs if not p.new.is_group]
    same = sum(1 for p in leaves if not p.changed)
    lines = [f"- 条件：未变{same}项，修改{sum(1 for p in leaves if p.changed)}项"
             f"（其中门槛收紧{tighter}处、放宽{looser}处），新增{len(_leaves(diff.added))}项，"
             f"删除{len(_leaves(diff.removed))}项。"]
    params = diff.parameters
    lines.append(f"- 参数：修改{sum(1 for c in params if c.old and c.new)}个，"
                 f"新增{sum(1 for c in params if not c.old)}个，"
                 f"删除{sum(1 for c in params if not c.new)}个。")
    lines += _route_summary(diff)
    return lines


def _route_summary(diff: SetDiff) -> list[str]:
    routes_added = [i.info.title for i in diff.added if i.info.role is Role.DIRECT_ROUTE]
    routes_removed = [i.info.title for i in diff.removed if i.info.role is Role.DIRECT_ROUTE]
    exc_added = [e[0] for p in diff.pairs for e in p.exceptions_added]
    exc_added += [e[0] for i in diff.added for e in i.exceptions]
    exc_removed = [e[0] for p in diff.pairs for e in p.exceptions_removed]
    exc_removed += [e[0] for i in diff.removed for e in i.exceptions]
    lines = []
    for label, names in (("新增直通条件", routes_added), ("删除直通条件", routes_removed),
                         ("新增例外", exc_added), ("删除例外", exc_removed)):
        if names:
            lines.append(f"- {label}：{'；'.join(names)}。")
    return lines


# ---- header and parameters ----------------------------------------------------------------
def _header_rows(old: CriteriaSet, new: CriteriaSet) -> Iterator[str]:
    fields = (("名称", lambda s: s.title), ("有效期", period_text),
              ("申报类型", applications_text), ("级别", lambda s: level_name(s.level)),
              ("适用地区", lambda s: jurisdiction_name(s.jurisdiction)),
              ("依据文件", lambda s: document_text(s.source)),
              ("边界取值", lambda s: prose(s.edges_note) or "—"))
    for label, read in fields:
        before, after = read(old), read(new)
        if before != after:
            yield f"- {label}：{before} → {after}"


def _parameter_line(change: ParameterChange) -> str:
    if change.old is None and change.new is not None:
        return f"- 新增 {change.new.title or change.name}：{parameter_text(change.new)}"
    if change.new is None and change.old is not None:
        return f"- 删除 {change.old.title or change.name}：{parameter_text(change.old)}"
    assert change.old is not None and change.new is not None
    title = change.new.title or change.old.title or change.name
    tail = f"（{change.direction}）" if change.direction else ""
    return f"- {title}：{parameter_text(change.old)} → {parameter_text(change.new)}{tail}"


# ---- clauses ------------------------------------------------------------------------------
def _pair_lines(pair: Pair) -> list[str]:
    old, new = pair.old, pair.new
    head = new.info.title if old.key_title == new.key_title else (
        f"{old.info.title} → {new.info.title}")
    lines = [f"### {head}", ""]
    if pair.matched_by == "content":
        lines.append("- （两版编号不同，按所用数据和名称与旧版对应）")
    lines += [f"- 门槛：{_threshold_text(c)}" for c in pair.threshold_changes]
    if pair.computation_beyond_thresholds:
        lines += [f"- 计算方法：旧版为“{old.computation}”；", f"  新版为“{new.computation}”"]
    if pair.clause_changed:
        lines += [f"- 条文：旧版为“{old.info.clause}”；", f"  新版为“{new.info.clause}”"]
    elif new.own_clause and not old.own_clause:
        lines.append(f"- 新版条文：“{new.info.clause}”（旧版见其所属分组的条文）")
    if pair.route_changed:
        lines.append(f"- 性质：{role_name(old.info.role)} → {role_name(new.info.role)}")
    if old.info.confidence != new.info.confidence:
        lines.append(f"- 依据：{CONFIDENCE_TEXT[old.info.confidence]} → "
                     f"{CONFIDENCE_TEXT[new.info.confidence]}")
    lines += [f"- 新增例外：{t}（{w}时视为满足）" for t, w in pair.exceptions_added]
    lines += [f"- 删除例外：{t}（{w}时视为满足）" for t, w in pair.exceptions_removed]
    lines.append(f"- 新版出处：{citation_text(new.info.citation)}")
    return [*lines, ""]


def _threshold_text(change: ThresholdChange) -> str:
    old_sign, new_sign = COMPARE_SIGNS[change.old.op], COMPARE_SIGNS[change.new.op]
    tail = f"（{change.direction}）" if change.direction else ""
    return (f"{change.subject}：{old_sign} {change.old.text} → {new_sign} {change.new.text}"
            f"{tail}")


def _item_lines(item: Item) -> list[str]:
    lines = [f"- **{item.info.title}**（{role_name(item.info.role)}）：{item.computation}"]
    lines += [f"  - 例外：{t}（{w}时视为满足）" for t, w in item.exceptions]
    lines.append(f"  - 出处：{citation_text(item.info.citation)}；"
                 f"依据：{CONFIDENCE_TEXT[item.info.confidence]}")
    return lines


def _group_lines(diff: SetDiff) -> Iterator[str]:
    removed = [i.info.title for i in diff.removed if i.is_group]
    added = [i.info.title for i in diff.added if i.is_group]
    if removed:
        yield (f"- 旧版的分组“{'”“'.join(removed)}”在新版中不再单列"
               "（其下各项的对应关系见上文）。")
    if added:
        yield f"- 新版新设分组“{'”“'.join(added)}”。"
