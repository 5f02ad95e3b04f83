"""Load and validate zjtx's reference data files; return tuples of immutable records.

    regions()          Jiangsu's region tree (regions.yaml)
    industries()       GB/T 4754-2017 sections, manufacturing divisions, groups, some classes
    clusters()         cluster and chain lists named by the seed policy texts (clusters.yaml)
    cluster_list(id)   one of those lists, e.g. cluster_list("js13")
    cluster_industries()  zjtx's own mapping of the js13 clusters to the industries that
                       plausibly belong to them (cluster_industries.yaml; not from the texts)
    wujiang_targets()  吴江区 2022-2024 targets per 区镇 (targets_wujiang_2022.yaml)
    subtree(records, code)   a node and all its descendants, parents before children

The ``parse_*`` functions do the same work on a document already parsed, for tests and for
checking an edited file. Every loader validates on load and raises ``ReferenceDataError`` with
a Chinese message naming the file and the entry. Results are cached: the files ship with the
package and do not change while a process runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Protocol, TypeVar

import yaml

from reference.cluster_industries import load_cluster_industries
from reference.fields import Entry, ReferenceDataError, entries, source_ref
from reference.records import (
    ClusterIndustries,
    ClusterItem,
    ClusterList,
    Industry,
    IndustryLevel,
    ListKind,
    Region,
    RegionKind,
    TargetTable,
)
from reference.targets import load_target_table

__all__ = [
    "ReferenceDataError",
    "cluster_industries",
    "cluster_list",
    "clusters",
    "industries",
    "parse_clusters",
    "parse_industries",
    "parse_regions",
    "read_document",
    "regions",
    "subtree",
    "wujiang_targets",
]

REGIONS_FILE = "regions.yaml"
INDUSTRIES_FILE = "industries.yaml"
CLUSTERS_FILE = "clusters.yaml"
CLUSTER_INDUSTRIES_FILE = "cluster_industries.yaml"
TARGETS_FILE = "targets_wujiang_2022.yaml"


class TreeNode(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def parent(self) -> str | None: ...


N = TypeVar("N", bound=TreeNode)


def read_document(file: str) -> object:
    """The parsed YAML of one file in reference/data."""
    text = resources.files("reference.data").joinpath(file).read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ReferenceDataError(f"{file}：YAML 格式错误：{exc}") from None


# ---------------------------------------------------------------------------------- trees


def subtree(records: Sequence[N], code: str) -> tuple[N, ...]:
    """The record with ``code`` and all its descendants, depth first, in file order."""
    children: dict[str | None, list[N]] = {}
    for record in records:
        children.setdefault(record.parent, []).append(record)
    roots = [record for record in records if record.code == code]
    if not roots:
        raise KeyError(f"代码 {code} 不存在")
    result: list[N] = []
    stack = roots
    while stack:
        node = stack.pop()
        result.append(node)
        stack.extend(reversed(children.get(node.code, [])))
    return tuple(result)


def check_tree(file: str, records: Sequence[TreeNode], roots: int | None) -> None:
    """Unique codes, every parent present, no cycles and (when given) the number of roots."""
    by_code: dict[str, TreeNode] = {}
    for position, record in enumerate(records, start=1):
        if record.code in by_code:
            raise ReferenceDataError(f"{file} 第{position}条（code={record.code}）：代码重复")
        by_code[record.code] = record
    for position, record in enumerate(records, start=1):
        if record.parent is not None and record.parent not in by_code:
            raise ReferenceDataError(
                f"{file} 第{position}条（code={record.code}）：字段 parent：上级代码 "
                f"{record.parent} 不存在"
            )
    _check_acyclic(file, by_code)
    found = sum(1 for record in records if record.parent is None)
    if roots is not None and found != roots:
        raise ReferenceDataError(
            f"{file}：应有 {roots} 个根节点（parent 为 null），实际 {found} 个"
        )


def _check_acyclic(file: str, by_code: dict[str, TreeNode]) -> None:
    for code in by_code:
        seen = {code}
        parent = by_code[code].parent
        while parent is not None:
            if parent in seen:
                raise ReferenceDataError(f"{file}（code={code}）：上级关系形成环路")
            seen.add(parent)
            parent = by_code[parent].parent


# -------------------------------------------------------------------------------- regions

_SIX = re.compile(r"\d{6}")
_OWN = re.compile(r"\d{6}9\d\d")  # parent code + 901..999: our own codes (regions.yaml header)


@cache
def regions() -> tuple[Region, ...]:
    """Jiangsu: the province, its 13 cities, their county-level units, zones and towns."""
    return parse_regions(REGIONS_FILE, read_document(REGIONS_FILE))


def parse_regions(file: str, document: object) -> tuple[Region, ...]:
    records = tuple(_region(entry) for entry in entries(file, document, "regions"))
    check_tree(file, records, roots=1)
    return records


def _region(raw: Entry) -> Region:
    entry = raw.labelled("code")
    region = Region(
        code=entry.text("code"),
        name=entry.text("name"),
        kind=entry.choice("kind", RegionKind),
        parent=entry.optional_code("parent"),
        official=entry.flag("official"),
        position=entry.position,
        source=entry.optional_text("source"),
        note=entry.optional_text("note"),
    )
    problem = _region_code_problem(region)
    if problem:
        raise entry.error("code", problem)
    return region


def _region_code_problem(region: Region) -> str:
    """Why ``region.code`` does not fit its kind and parent, or "" when it does."""
    code, parent = region.code, region.parent or ""
    if _OWN.fullmatch(code):
        if region.official:
            return "9位自定代码不能标为 official: true"
        return "" if code[:6] == parent else f"自定代码应以上级代码 {parent} 开头"
    if not _SIX.fullmatch(code):
        return f"代码 {code} 应为6位数字，或6位上级代码加901-999的9位自定代码"
    return _six_digit_problem(region.kind, code, parent)


def _six_digit_problem(kind: RegionKind, code: str, parent: str) -> str:
    if kind is RegionKind.PROVINCE:
        ok = code.endswith("0000") and not parent
        return "" if ok else "省级代码应为 xx0000 且没有上级"
    if kind is RegionKind.CITY:
        ok = code.endswith("00") and not code.endswith("0000") and parent == code[:2] + "0000"
        return "" if ok else "设区市代码应为 xxxx00，上级为所在省"
    ok = not code.endswith("00") and parent == code[:4] + "00"
    return "" if ok else f"县级或功能区代码应以所属设区市代码前4位开头，上级应为 {code[:4]}00"


# ----------------------------------------------------------------------------- industries

_INDUSTRY_CODE = re.compile(r"[A-T](\d{2,4})?")
_LEVEL_BY_DIGITS = {
    0: IndustryLevel.SECTION,
    2: IndustryLevel.DIVISION,
    3: IndustryLevel.GROUP,
    4: IndustryLevel.CLASS,
}


@cache
def industries() -> tuple[Industry, ...]:
    """GB/T 4754-2017: sections A-T, and under C the divisions, groups and chosen classes."""
    return parse_industries(INDUSTRIES_FILE, read_document(INDUSTRIES_FILE))


def parse_industries(file: str, document: object) -> tuple[Industry, ...]:
    records = tuple(_industry(entry) for entry in entries(file, document, "industries"))
    # A classification is a forest: one root per section.
    sections = sum(1 for record in records if record.level is IndustryLevel.SECTION)
    check_tree(file, records, roots=sections)
    return records


def _industry(raw: Entry) -> Industry:
    entry = raw.labelled("code")
    industry = Industry(
        code=entry.text("code"),
        name=entry.text("name"),
        level=entry.choice("level", IndustryLevel),
        parent=entry.optional_code("parent"),
        position=entry.position,
    )
    problem = _industry_code_problem(industry)
    if problem:
        raise entry.error("code", problem)
    return industry


def _industry_code_problem(industry: Industry) -> str:
    code = industry.code
    if not _INDUSTRY_CODE.fullmatch(code):
        return f"代码 {code} 应为门类字母（A-T），或字母加2-4位数字，如 C34、C348、C3484"
    digits = len(code) - 1
    if _LEVEL_BY_DIGITS[digits] is not industry.level:
        return f"{digits}位数字的代码应为 {_LEVEL_BY_DIGITS[digits].value} 层级"
    expected = None if digits == 0 else code[0] if digits == 2 else code[:-1]
    if industry.parent != expected:
        return f"上级应为 {expected}，实际为 {industry.parent}"
    return ""


# ------------------------------------------------------------------------------- clusters


@cache
def clusters() -> tuple[ClusterList, ...]:
    """The cluster and chain lists of clusters.yaml, each with its verbatim items."""
    return parse_clusters(CLUSTERS_FILE, read_document(CLUSTERS_FILE))


def cluster_list(list_id: str) -> ClusterList:
    """One list of clusters() by its id, e.g. ``js13``."""
    for found in clusters():
        if found.id == list_id:
            return found
    raise KeyError(f"清单 {list_id} 不存在")


def parse_clusters(file: str, document: object) -> tuple[ClusterList, ...]:
    lists = tuple(_cluster_list(entry) for entry in entries(file, document, "lists"))
    _check_unique(file, [cl.id for cl in lists], "清单编号")
    _check_unique(file, [item.id for cl in lists for item in cl.items], "条目编号")
    return lists


def _cluster_list(raw: Entry) -> ClusterList:
    entry = raw.labelled("id")
    items = tuple(
        _cluster_item(entry, position, item)
        for position, item in enumerate(entry.items("items"), start=1)
    )
    declared = entry.optional_count("declared_count")
    if items and declared is not None and declared != len(items):
        raise entry.error("items", f"声明 {declared} 项，实际列出 {len(items)} 项")
    if not items and not entry.optional_text("note"):
        raise entry.error("note", "items 为空时必须说明原因")
    return ClusterList(
        id=entry.text("id"),
        name=entry.text("name"),
        kind=entry.choice("kind", ListKind),
        source=source_ref(entry.mapping("source")),
        declared_count=declared,
        items=items,
        mentioned=entry.texts("mentioned"),
        note=entry.optional_text("note"),
    )


def _cluster_item(entry: Entry, position: int, item: object) -> ClusterItem:
    if not isinstance(item, dict):
        raise entry.error("items", f"第{position}项应为 {{id, name}} 映射")
    inner = Entry(entry.file, entry.position, item, f"{entry.label} items 第{position}项")
    return ClusterItem(id=inner.text("id"), name=inner.text("name"), position=position)


@cache
def cluster_industries() -> tuple[ClusterIndustries, ...]:
    """Which industries plausibly belong to each js13 cluster: zjtx's own mapping, checked
    against clusters.yaml and industries.yaml."""
    return load_cluster_industries(CLUSTER_INDUSTRIES_FILE, read_document(CLUSTER_INDUSTRIES_FILE),
                                   clusters(), industries())


def _check_unique(file: str, keys: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ReferenceDataError(f"{file}：{what} {key} 重复")
        seen.add(key)


# -------------------------------------------------------------------------------- targets


@cache
def wujiang_targets() -> TargetTable:
    """吴江区's targets per 区镇 and year (seed 000 附件1), checked against the table's 合计."""
    return load_target_table(TARGETS_FILE, read_document(TARGETS_FILE), regions())
