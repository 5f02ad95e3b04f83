"""The rules of a loaded criteria set as written in its YAML file.

The catalogue describes rules in the words of the authoring format ("近2年每年…"), which the IR
has already expanded (one comparison per year), so it reads the validated file again. Only
files the loader accepted are read here, so their shape is known to be valid.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eligibility.authoring.model import CriteriaSet
from eligibility.authoring.yamlsource import load_yaml


@dataclass(frozen=True)
class ClauseNode:
    """A criterion, part or direct route: its YAML mapping and the parts its rule names."""

    id: str
    raw: Mapping[str, Any]
    parts: tuple[ClauseNode, ...]

    @property
    def rule(self) -> Any:
        return self.raw["rule"]

    @property
    def exceptions(self) -> tuple[Mapping[str, Any], ...]:
        return tuple(self.raw.get("exceptions") or ())

    def walk(self) -> Iterator[ClauseNode]:
        yield self
        for part in self.parts:
            yield from part.walk()


@dataclass(frozen=True)
class RawSet:
    criteria: tuple[ClauseNode, ...]
    direct_routes: tuple[ClauseNode, ...]

    def walk(self) -> Iterator[ClauseNode]:
        for node in (*self.criteria, *self.direct_routes):
            yield from node.walk()


def is_part(node: Any) -> bool:
    """A list item with id, title and rule is a named part (docs/criteria-authoring.md)."""
    return isinstance(node, dict) and {"id", "title", "rule"} <= node.keys()


def read_raw(criteria_set: CriteriaSet) -> RawSet:
    data = load_yaml(Path(criteria_set.path).read_text(encoding="utf-8"))
    return RawSet(tuple(_clause(n) for n in data.get("criteria") or ()),
                  tuple(_clause(n) for n in data.get("direct_routes") or ()))


def _clause(raw: Mapping[str, Any]) -> ClauseNode:
    return ClauseNode(str(raw["id"]), raw, tuple(_clause(p) for p in _parts(raw["rule"])))


def _parts(node: Any) -> Iterator[Mapping[str, Any]]:
    """Named parts inside a rule, outermost only, in reading order."""
    if is_part(node):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _parts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _parts(item)
