"""Walking and rewriting IR trees: the facts, parameters and clauses an expression uses."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from typing import NamedTuple, TypeVar, cast

from .base import Expr
from .context import annual_column, year_of_offset
from .logic import Attested, Clause, EnumIn, HoldsTitle, IsTrue
from .numeric import Fact, Param, YearsSince

T = TypeVar("T")


class FactRef(NamedTuple):
    """One fact an expression reads: an indicator and, for annual ones, a year offset."""

    indicator: str
    year_offset: int | None

    def year(self, on: date) -> int | None:
        return None if self.year_offset is None else year_of_offset(on, self.year_offset)

    def column(self, on: date) -> str:
        """The columnar layout's column holding this fact for an evaluation on ``on``."""
        year = self.year(on)
        return self.indicator if year is None else annual_column(self.indicator, year)


_FACT_NODES = (Fact, IsTrue, EnumIn, Attested, YearsSince)


def walk(expr: Expr) -> Iterator[Expr]:
    """Every node of ``expr``, parents before children, left to right."""
    yield expr
    for child in expr.children():
        yield from walk(child)


def fact_refs(expr: Expr) -> tuple[FactRef, ...]:
    """The facts ``expr`` reads, in first-use order, without repeats."""
    seen: dict[FactRef, None] = {}
    for node in walk(expr):
        if isinstance(node, _FACT_NODES):
            seen[FactRef(node.indicator, getattr(node, "year_offset", None))] = None
    return tuple(seen)


def params_used(expr: Expr) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n.name for n in walk(expr) if isinstance(n, Param)))


def clauses(expr: Expr) -> tuple[Clause, ...]:
    return tuple(n for n in walk(expr) if isinstance(n, Clause))


def titles_used(expr: Expr) -> tuple[HoldsTitle, ...]:
    return tuple(dict.fromkeys(n for n in walk(expr) if isinstance(n, HoldsTitle)))


def shift_years(node: T, by: int) -> T:
    """A copy of ``node`` with every annual fact ``by`` years further back.

    Authoring uses it to expand "in each of the last N years" and "sum over N years" templates
    written for year offset 0.
    """

    def shift(obj: object) -> object:
        if isinstance(obj, Fact | IsTrue | EnumIn) and obj.year_offset is not None:
            return dataclasses.replace(obj, year_offset=obj.year_offset + by)
        return None

    return rewrite(node, shift)


def rewrite(node: T, fn: Callable[[object], object | None]) -> T:
    """Rebuild ``node`` bottom-up, replacing any sub-object for which ``fn`` returns non-None.

    Nodes are rebuilt through their constructors, so every rewrite is type-checked again.
    """
    return cast(T, _rewrite(node, fn))


def _rewrite(node: object, fn: Callable[[object], object | None]) -> object:
    replaced = fn(node)
    if replaced is not None:
        return replaced
    if isinstance(node, tuple):
        return tuple(_rewrite(item, fn) for item in node)
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return node
    changes = {f.name: _rewrite(getattr(node, f.name), fn) for f in dataclasses.fields(node)}
    return dataclasses.replace(node, **changes)
