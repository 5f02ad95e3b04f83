"""The two expression sorts every IR node belongs to."""

from __future__ import annotations

from typing import ClassVar

from .types import Dim, Sort


class Expr:
    """An immutable IR node. Subclasses are frozen dataclasses, type-checked when built."""

    sort: ClassVar[Sort]

    def children(self) -> tuple[Expr, ...]:
        return ()


class NumExpr(Expr):
    """A numeric expression: an exact rational in its dimension's base unit, or unknown."""

    sort = Sort.NUMBER

    @property
    def dim(self) -> Dim:
        raise NotImplementedError


class BoolExpr(Expr):
    """A predicate: pass (True), fail (False) or unknown (None) — Kleene's three values."""

    sort = Sort.BOOL
