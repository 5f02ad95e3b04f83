"""A plan's outputs as one graph of Polars-shaped nodes, equal sub-terms made one object.

Rewriting resolves every ``IntRef``/``PredRef`` to the term it names and every input column to
its bounds check, then applies identities that hold in Polars (and that the SQL renderers could
not all rely on), each turning several operations into one:

* arithmetic never turns non-null operands into null (every width comes from a proven bound),
  so a sum or product is null exactly where one of its operands is (``Unknown``/``Known``);
  and an operand that is null wherever another one is (revenue, under the ``revenue > 0``
  guarding a ratio) adds nothing to such a test;
* ``CASE WHEN x IS NULL THEN c ELSE x END`` is ``fill_null`` (``FillNull``);
* a ``when`` condition already reads null as not true, so ``coalesce(p, false)`` there is ``p``;
* a chain of ``+`` whose operands are never null, or are filled with 0, or count a test, is one
  horizontal sum (``Sum``), which reads null as 0.

Equal nodes are made the same object (hash-consing on a node's own fields and its children's
identities), so later passes work on identities and never hash a deep tree.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from .. import terms as t
from .nodes import FillNull, Known, Node, Sum, Unknown, as_int, as_pred, children, rebuild


class Rewriter:
    """Rewrites the outputs of plans, one plan at a time (``terms``: its named outputs); equal
    nodes of different plans become one object too."""

    def __init__(self) -> None:
        self._terms: dict[str, Node] = {}
        self._refs: dict[str, Node] = {}
        self._interned: dict[tuple[Any, ...], Node] = {}
        self._seen: dict[int, Node] = {}  # id of a node of the plan → its rewritten node
        self.nodes: dict[int, Node] = {}  # id → rewritten node

    def __call__(self, node: Node, terms: dict[str, Node] | None = None) -> Node:
        if terms is not None and terms is not self._terms:  # the next plan: names start afresh
            self._terms, self._refs, self._seen = terms, {}, {}
        done = self._seen.get(id(node))
        if done is None:
            done = self._rewrite(node)
            self._seen[id(node)] = done
        return done

    def _rewrite(self, node: Node) -> Node:
        if isinstance(node, t.IntRef | t.PredRef):
            if node.name not in self._refs:
                self._refs[node.name] = self(self._terms[node.name])
            return self._refs[node.name]
        if isinstance(node, t.Col):
            return self.intern(t.RawCol(node.name, node.bound))
        kids = tuple(self(child) for child in t.children(node))
        if isinstance(node, t.Term):
            return self._int(rebuild(node, kids))
        return self._pred(as_pred(rebuild(node, kids)))

    def _int(self, node: Node) -> Node:
        if isinstance(node, t.Case):
            return self._case(node)
        if isinstance(node, t.Guard):
            return self.intern(t.Guard(_test(node.cond), node.value))
        if isinstance(node, t.Add) and len(addends := _addends(node)) > 1:
            return self.intern(Sum(tuple(_summand(a) for a in addends), node.bound))
        return self.intern(node)

    def _case(self, node: t.Case) -> Node:
        (test, value), *rest = node.branches
        if (not rest and isinstance(test, Unknown) and len(test.items) == 1
                and test.items[0] is node.otherwise and isinstance(value, t.Lit)):
            return self.intern(FillNull(node.otherwise, value.value))
        branches = tuple((_test(c), v) for c, v in node.branches)
        return self.intern(t.Case(branches, node.otherwise))

    def _pred(self, node: t.Pred) -> Node:
        if isinstance(node, t.IsNull):
            return self._unknown(_null_sources(node.item))
        if isinstance(node, t.Not) and isinstance(node.item, Unknown | Known):
            kind = Known if isinstance(node.item, Unknown) else Unknown
            return self.intern(kind(node.item.items))
        if isinstance(node, t.And | t.Or):
            return self._connective(node)
        if isinstance(node, t.Decide):
            return self.intern(t.Decide(_test(node.passes), _test(node.fails)))
        return self.intern(node)

    def _unknown(self, leaves: list[t.Term]) -> Node:
        kept = _unimplied(leaves)
        return self.intern(Unknown(kept) if kept else t.Truth(False))

    def _connective(self, node: t.And | t.Or) -> Node:
        """Duplicates dropped (both are idempotent) and null tests merged into one."""
        merge: type[Known | Unknown] = Known if isinstance(node, t.And) else Unknown
        items: list[t.Pred] = list({id(i): i for i in node.items}.values())
        tests = [i for i in items if isinstance(i, Known | Unknown) and isinstance(i, merge)]
        if len(tests) > 1:
            merged = _unimplied([leaf for test in tests for leaf in test.items])
            items = [i for i in items if not isinstance(i, merge)]
            items.append(as_pred(self.intern(merge(merged))))
        if len(items) == 1:
            return items[0]
        return self.intern(type(node)(tuple(as_pred(i) for i in items)))

    def intern(self, node: Node) -> Node:
        kids = children(node)
        key = (type(node), _own(node), *map(id, kids))
        found = self._interned.setdefault(key, node)
        self.nodes[id(found)] = found
        return found


def _test(pred: t.Pred) -> t.Pred:
    """A ``when`` condition: null already counts as not true there."""
    if isinstance(pred, t.Otherwise) and pred.default is False:
        return pred.item
    return pred


def never_null(term: t.Term) -> bool:
    if isinstance(term, t.Lit | FillNull | Sum):
        return True
    if isinstance(term, t.Add | t.Sub | t.Mul):
        return never_null(term.left) and never_null(term.right)
    if isinstance(term, t.Case):
        return never_null(term.otherwise) and all(never_null(v) for _, v in term.branches)
    return False


def _addends(term: t.Term) -> list[t.Term]:
    """The operands of a chain of ``+``, if a horizontal sum may add them (else none)."""
    if isinstance(term, t.Add):
        left, right = _addends(term.left), _addends(term.right)
        return [*left, *right] if left and right else []
    if isinstance(term, Sum):
        return [as_int(i) if isinstance(i, t.Term) else _indicator(i) for i in term.items]
    fits = never_null(term) or (isinstance(term, FillNull) and term.value == 0)
    return [term] if fits else []


def _indicator(test: t.Pred) -> t.Term:
    return t.Case(((test, t.Lit(1)),), t.Lit(0))


def _summand(term: t.Term) -> t.Term | t.Pred:
    if isinstance(term, FillNull) and term.value == 0:
        return term.item
    if (isinstance(term, t.Case) and len(term.branches) == 1
            and (term.branches[0][1], term.otherwise) == (t.Lit(1), t.Lit(0))):
        return _test(term.branches[0][0])
    return term


def _null_sources(term: t.Term) -> list[t.Term]:
    if isinstance(term, t.Lit):
        return []
    if isinstance(term, t.Add | t.Sub | t.Mul):
        return [*_null_sources(term.left), *_null_sources(term.right)]
    return [term]


def _unimplied(leaves: list[t.Term]) -> tuple[t.Term, ...]:
    """``leaves`` without duplicates and without those null only where another one is."""
    unique = list({id(leaf): leaf for leaf in leaves}.values())
    implied = {id(n) for leaf in unique for n in _null_with(leaf)}
    return tuple(leaf for leaf in unique if id(leaf) not in implied)


def _null_with(term: t.Term) -> list[t.Term]:
    """Sub-terms that make ``term`` null wherever they are null."""
    if isinstance(term, t.Add | t.Sub | t.Mul):
        return [term.left, term.right, *_null_with(term.left), *_null_with(term.right)]
    if isinstance(term, t.Guard):
        return [term.value, *_null_with(term.value), *_not_true_with(term.cond)]
    return []


def _not_true_with(pred: t.Pred) -> list[t.Term]:
    """Sub-terms that keep ``pred`` from being true wherever they are null."""
    if isinstance(pred, t.Compare):
        return [pred.left, pred.right, *_null_with(pred.left), *_null_with(pred.right)]
    if isinstance(pred, t.And):
        return [term for item in pred.items for term in _not_true_with(item)]
    if isinstance(pred, Known):
        return list(pred.items)
    return []


_FIELDS: dict[type, tuple[str, ...]] = {}


def _own(node: Node) -> tuple[Any, ...]:
    """A node's fields that are not children (a comparison's operator, a literal's value)."""
    kind = type(node)
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in fields(node))  # type: ignore[arg-type]
    values = (getattr(node, name) for name in _FIELDS[kind])
    return tuple(v for v in values if not _holds_nodes(v))


def _holds_nodes(value: object) -> bool:
    if isinstance(value, tuple):
        return any(_holds_nodes(v) for v in value)
    return isinstance(value, t.Term | t.Pred)
