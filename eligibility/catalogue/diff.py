"""What changed between two versions of a tier, computed from the data.

Clauses are matched by id; those left over (ids often change between versions) are paired by
the facts their rules read and by title similarity, best pairs first; what stays unpaired is
added or removed. Groups (clauses made of named parts) are compared only by id, since their
parts carry the substance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from eligibility.authoring.literals import is_quantity, parse_fact_name
from eligibility.authoring.model import CriteriaSet, CriterionInfo, ParameterInfo, Role
from indicators.vocabulary import BY_ID

from .rulesource import ClauseNode, is_part, read_raw
from .wording import COMPARE_SIGNS, Wording

_MIN_PAIR_SCORE = 0.45
_LOWER_BOUND = {"ge", "gt"}  # a higher threshold is stricter
_UPPER_BOUND = {"le", "lt"}  # a higher threshold is looser
_CODE_SUFFIX = re.compile(r"（[A-Z]\d+）$")


@dataclass(frozen=True)
class Threshold:
    """One comparison with a fixed right side: ``subject op value``."""

    subject: str
    op: str
    text: str
    value: Decimal | None
    unit: str


@dataclass(frozen=True)
class Item:
    """A clause of one version, flattened: criterion, part or direct route."""

    id: str
    info: CriterionInfo
    computation: str
    facts: frozenset[str]
    thresholds: tuple[Threshold, ...]
    exceptions: tuple[tuple[str, str], ...]  # (title, condition in words)
    is_group: bool
    own_clause: bool = True  # False: a part read under its parent's clause

    @property
    def key_title(self) -> str:
        return _CODE_SUFFIX.sub("", self.info.title)


@dataclass(frozen=True)
class ThresholdChange:
    subject: str
    op: str
    old: Threshold
    new: Threshold

    @property
    def direction(self) -> str:
        """收紧 / 放宽 / '' (unknown: different units or no numbers)."""
        if self.old.value is None or self.new.value is None or self.old.unit != self.new.unit:
            return ""
        higher = self.new.value > self.old.value
        if self.op in _LOWER_BOUND:
            return "收紧" if higher else "放宽"
        if self.op in _UPPER_BOUND:
            return "放宽" if higher else "收紧"
        return ""


@dataclass(frozen=True)
class Pair:
    old: Item
    new: Item
    matched_by: str  # "id" or "content"

    @property
    def threshold_changes(self) -> list[ThresholdChange]:
        olds, news = _unique(self.old.thresholds), _unique(self.new.thresholds)
        changes = []
        for key, t in news.items():
            before = olds.get(key)
            if before is not None and (before.text, before.op) != (t.text, t.op):
                changes.append(ThresholdChange(t.subject, t.op, before, t))
        return changes

    @property
    def exceptions_added(self) -> list[tuple[str, str]]:
        return [e for e in self.new.exceptions if e[1] not in {x[1] for x in self.old.exceptions}]

    @property
    def exceptions_removed(self) -> list[tuple[str, str]]:
        return [e for e in self.old.exceptions if e[1] not in {x[1] for x in self.new.exceptions}]

    @property
    def changed(self) -> bool:
        o, n = self.old, self.new
        return (o.key_title != n.key_title or self.clause_changed
                or o.computation != n.computation or o.info.confidence != n.info.confidence
                or self.route_changed or o.exceptions != n.exceptions)

    @property
    def clause_changed(self) -> bool:
        """Own clauses that differ; a clause read under its parent's is not compared."""
        o, n = self.old, self.new
        return o.own_clause and n.own_clause and o.info.clause != n.info.clause

    @property
    def route_changed(self) -> bool:
        """A criterion became a direct route or the reverse (main ↔ part is only layout)."""
        route = Role.DIRECT_ROUTE
        return (self.old.info.role is route) != (self.new.info.role is route)

    @property
    def computation_beyond_thresholds(self) -> bool:
        """The computation changed in more than the threshold values already listed."""
        text = self.old.computation
        for change in self.threshold_changes:
            text = text.replace(f"{change.old.text}", f"{change.new.text}")
        return text != self.new.computation


@dataclass(frozen=True)
class ParameterChange:
    name: str
    old: ParameterInfo | None
    new: ParameterInfo | None
    direction: str = ""


@dataclass
class SetDiff:
    old: CriteriaSet
    new: CriteriaSet
    pairs: list[Pair] = field(default_factory=list)
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    parameters: list[ParameterChange] = field(default_factory=list)

    @property
    def changed_pairs(self) -> list[Pair]:
        return [p for p in self.pairs if p.changed]


def _unique(thresholds: tuple[Threshold, ...]) -> dict[tuple[str, str], Threshold]:
    """Thresholds by (subject, bound side), leaving out subjects compared more than once
    (a banded rule: 3% or 6% by revenue), which have no single before-and-after."""
    seen: dict[tuple[str, str], list[Threshold]] = {}
    for t in thresholds:
        seen.setdefault((t.subject, _family(t.op)), []).append(t)
    return {key: found[0] for key, found in seen.items() if len(found) == 1}


def _family(op: str) -> str:
    return "lower" if op in _LOWER_BOUND else "upper" if op in _UPPER_BOUND else op


def diff_sets(old: CriteriaSet, new: CriteriaSet) -> SetDiff:
    result = SetDiff(old, new)
    old_items, new_items = items_of(old), items_of(new)
    result.pairs = _match(old_items, new_items)
    paired_old = {p.old.id for p in result.pairs}
    paired_new = {p.new.id for p in result.pairs}
    result.removed = [i for i in old_items if i.id not in paired_old]
    result.added = [i for i in new_items if i.id not in paired_new]
    result.parameters = _parameter_changes(old, new, new_items)
    return result


# ---- flattening ---------------------------------------------------------------------------
def items_of(criteria_set: CriteriaSet) -> list[Item]:
    wording = Wording({p.name: p for p in criteria_set.parameters})
    raw = read_raw(criteria_set)
    items: list[Item] = []
    for node in (*raw.criteria, *raw.direct_routes):
        _collect(criteria_set, wording, node, "", items)
    return items


def _collect(criteria_set: CriteriaSet, wording: Wording, node: ClauseNode, parent_clause: str,
             out: list[Item]) -> None:
    """Parts without a clause of their own are read under their parent's clause."""
    item = _item(criteria_set, wording, node, parent_clause)
    out.append(item)
    for part in node.parts:
        _collect(criteria_set, wording, part, item.info.clause, out)


def _item(criteria_set: CriteriaSet, wording: Wording, node: ClauseNode,
          parent_clause: str) -> Item:
    exceptions = tuple((str(criteria_set.info[str(e["id"])].title), wording.condition(e["when"]))
                       for e in node.exceptions)
    info = criteria_set.info[node.id]
    own = bool(info.clause)
    if not own and parent_clause:
        info = replace(info, clause=parent_clause)
    return Item(
        id=node.id, info=info, computation=wording.condition(node.rule),
        facts=frozenset(_facts(node.rule)), thresholds=tuple(_thresholds(node.rule, wording)),
        exceptions=exceptions, is_group=bool(node.parts), own_clause=own,
    )


def _facts(rule: Any) -> Iterator[str]:
    """Indicator ids a rule mentions, at any depth (parts included)."""
    if isinstance(rule, dict):
        for value in rule.values():
            yield from _facts(value)
    elif isinstance(rule, list):
        for value in rule:
            yield from _facts(value)
    elif isinstance(rule, str) and not is_quantity(rule):
        parsed = parse_fact_name(rule)
        if parsed and parsed[0] in BY_ID:
            yield parsed[0]


def _thresholds(rule: Any, wording: Wording) -> Iterator[Threshold]:
    """Comparisons whose right side is a parameter or a constant, outside named parts and
    outside ``choose`` (a threshold that applies only in one case has no plain counterpart)."""
    if isinstance(rule, dict) and not is_part(rule):
        for key, value in rule.items():
            if key == "choose":
                continue
            if key in COMPARE_SIGNS and _is_constant(value[1], wording.params):
                yield _threshold(key, value, wording)
            elif key == "compound_growth":
                op, rate = ("gt", value["more_than"]) if "more_than" in value else (
                    "ge", value["at_least"])
                subject = f"近{value['years']}年{wording.number(value['of'], True)}复合增长率"
                yield replace(_threshold(op, [value["of"], rate], wording), subject=subject)
            else:
                yield from _thresholds(value, wording)
    elif isinstance(rule, list):
        for value in rule:
            yield from _thresholds(value, wording)


def _is_constant(node: Any, params: Mapping[str, ParameterInfo]) -> bool:
    return isinstance(node, str | int | Decimal) and (str(node) in params or is_quantity(str(node)))


def _threshold(op: str, pair: list[Any], wording: Wording) -> Threshold:
    right = str(pair[1])
    value: Decimal | None
    if right in wording.params:
        param = wording.params[right]
        value, unit = param.value, param.unit
    else:
        match = re.match(r"^\s*([-+]?\d+(?:\.\d+)?)\s*(.*?)\s*$", right)
        value = Decimal(match.group(1)) if match else None
        unit = match.group(2) if match else ""
    value, unit = _normalised(value, unit)
    return Threshold(wording.number(pair[0]), op, wording.number(pair[1]), value, unit)


def _normalised(value: Decimal | None, unit: str) -> tuple[Decimal | None, str]:
    """1亿元 and 10000万元 compare equal."""
    if value is not None and unit == "亿元":
        return value * 10000, "万元"
    return value, unit


# ---- matching -----------------------------------------------------------------------------
def _match(old_items: list[Item], new_items: list[Item]) -> list[Pair]:
    new_by_id = {i.id: i for i in new_items}
    pairs = [Pair(o, new_by_id[o.id], "id") for o in old_items if o.id in new_by_id]
    taken_old = {p.old.id for p in pairs}
    taken_new = {p.new.id for p in pairs}
    weight = _rarity([i for i in (*old_items, *new_items) if not i.is_group])
    candidates = sorted(
        ((_similarity(o, n, weight), i, j, o, n)
         for i, o in enumerate(old_items) if o.id not in taken_old and not o.is_group
         for j, n in enumerate(new_items) if n.id not in taken_new and not n.is_group),
        key=lambda c: (-c[0], c[1], c[2]))
    for score, _, _, o, n in candidates:
        if score < _MIN_PAIR_SCORE or o.id in taken_old or n.id in taken_new:
            continue
        pairs.append(Pair(o, n, "content"))
        taken_old.add(o.id)
        taken_new.add(n.id)
    order = {i.id: k for k, i in enumerate(new_items)}
    return sorted(pairs, key=lambda p: order[p.new.id])


def _similarity(old: Item, new: Item, weight: Mapping[str, float]) -> float:
    """Shared facts weigh most, each fact by its rarity (营业收入 is read by half the clauses,
    研发费用 by a few); the computation and title in words break ties and pair clauses that
    read no facts. Facts count by the mean of Jaccard and containment, so a clause that gained
    alternatives (国内占有率 → 国内或国际占有率或排名) still pairs with its predecessor.
    """
    words = (0.5 * SequenceMatcher(None, old.computation, new.computation).ratio()
             + 0.5 * SequenceMatcher(None, old.key_title, new.key_title).ratio())
    union = old.facts | new.facts
    if not union:
        return words

    def mass(facts: frozenset[str]) -> float:
        return sum(weight.get(f, 1.0) for f in facts)

    common = mass(old.facts & new.facts)
    smaller = min(mass(old.facts), mass(new.facts))
    shared = (common / mass(union) + (common / smaller if smaller else 0.0)) / 2
    return 0.6 * shared + 0.4 * words


def _rarity(items: list[Item]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for item in items:
        for fact in item.facts:
            counts[fact] = counts.get(fact, 0) + 1
    return {fact: 1.0 / count for fact, count in counts.items()}


# ---- parameters ---------------------------------------------------------------------------
def _parameter_changes(old: CriteriaSet, new: CriteriaSet,
                       new_items: list[Item]) -> list[ParameterChange]:
    before = {p.name: p for p in old.parameters}
    after = {p.name: p for p in new.parameters}
    changes = []
    for name, param in after.items():
        if name not in before:
            changes.append(ParameterChange(name, None, param))
        elif (before[name].base_value, before[name].dim) != (param.base_value, param.dim):
            direction = _direction(before[name], param, _ops_of(name, new))
            changes.append(ParameterChange(name, before[name], param, direction))
    changes += [ParameterChange(n, p, None) for n, p in before.items() if n not in after]
    return changes


def _ops_of(name: str, criteria_set: CriteriaSet) -> set[str]:
    """How a parameter is compared in a set's rules (ge/gt/le/lt …)."""
    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in COMPARE_SIGNS and isinstance(value, list) and str(value[1]) == name:
                    found.add(key)
                if key == "compound_growth" and name in (value.get("at_least"),
                                                         value.get("more_than")):
                    found.add("ge" if value.get("at_least") == name else "gt")
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    for clause in read_raw(criteria_set).walk():
        visit(clause.rule)
        for exception in clause.exceptions:
            visit(exception["when"])
    return found


def _direction(old: ParameterInfo, new: ParameterInfo, ops: set[str]) -> str:
    if old.dim != new.dim or len({_family(op) for op in ops}) != 1:
        return ""
    higher = new.base_value > old.base_value
    family = _family(next(iter(ops)))
    if family == "lower":
        return "收紧" if higher else "放宽"
    if family == "upper":
        return "放宽" if higher else "收紧"
    return ""


def role_name(role: Role) -> str:
    return {Role.MAIN: "认定条件", Role.PART: "子条件", Role.DIRECT_ROUTE: "直通条件",
            Role.EXEMPTION: "例外"}[role]
