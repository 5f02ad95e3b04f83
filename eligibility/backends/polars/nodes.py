"""Nodes only the Polars renderer uses: forms of the term language that map onto one Polars
operation each (``is_not_null``, ``fill_null``, ``sum_horizontal``), produced by rewriting.

``children`` and ``rebuild`` extend the term language's own with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import terms as t

Node = t.Term | t.Pred


@dataclass(frozen=True)
class Known(t.Pred):
    """Two-valued: no item is null."""

    items: tuple[t.Term, ...]


@dataclass(frozen=True)
class Unknown(t.Pred):
    """Two-valued: some item is null."""

    items: tuple[t.Term, ...]


@dataclass(frozen=True)
class FillNull(t.Term):
    """``item``, or ``value`` where it is null."""

    item: t.Term
    value: int

    @property
    def bound(self) -> int:  # type: ignore[override]
        return max(self.item.bound, abs(self.value))


@dataclass(frozen=True)
class Sum(t.Term):
    """The sum of ``items``, a null item counting 0 and a predicate 1 where it is true."""

    items: tuple[t.Term | t.Pred, ...]
    bound: int


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Known | Unknown | Sum):
        return node.items
    if isinstance(node, FillNull):
        return (node.item,)
    return t.children(node)


def rebuild(node: Node, kids: tuple[Node, ...]) -> Node:
    """``node`` with its children replaced by ``kids`` (in ``children`` order)."""
    if all(a is b for a, b in zip(kids, children(node), strict=True)):
        return node
    if isinstance(node, t.Add | t.Sub | t.Mul):
        return type(node)(as_int(kids[0]), as_int(kids[1]))
    if isinstance(node, t.Compare):
        return t.Compare(node.op, as_int(kids[0]), as_int(kids[1]))
    if isinstance(node, t.Choose):
        return t.Choose(as_pred(kids[0]), as_int(kids[1]), as_int(kids[2]))
    if isinstance(node, t.Case):
        pairs = tuple((as_pred(kids[i]), as_int(kids[i + 1]))
                      for i in range(0, len(kids) - 1, 2))
        return t.Case(pairs, as_int(kids[-1]))
    if isinstance(node, t.Guard):
        return t.Guard(as_pred(kids[0]), as_int(kids[1]))
    if isinstance(node, t.Lookup):
        return t.Lookup(as_int(kids[0]), node.table, node.missing)
    return _rebuild_pred(node, kids)


def _rebuild_pred(node: Node, kids: tuple[Node, ...]) -> Node:
    if isinstance(node, t.And | t.Or):
        return type(node)(tuple(as_pred(k) for k in kids))
    if isinstance(node, t.Not):
        return t.Not(as_pred(kids[0]))
    if isinstance(node, t.Otherwise):
        return t.Otherwise(as_pred(kids[0]), node.default)
    if isinstance(node, t.IsNull):
        return t.IsNull(as_int(kids[0]))
    if isinstance(node, t.Decide):
        return t.Decide(as_pred(kids[0]), as_pred(kids[1]))
    if isinstance(node, Known | Unknown):
        return type(node)(tuple(as_int(k) for k in kids))
    if isinstance(node, FillNull):
        return FillNull(as_int(kids[0]), node.value)
    if isinstance(node, Sum):
        return Sum(kids, node.bound)
    raise TypeError(f"cannot rebuild {node!r}")


def as_int(node: Node) -> t.Term:
    assert isinstance(node, t.Term)
    return node


def as_pred(node: Node) -> t.Pred:
    assert isinstance(node, t.Pred)
    return node
