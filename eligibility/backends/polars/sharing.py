"""Which nodes of a rewritten plan Polars should compute once, and in which step.

Polars' own common-subexpression elimination does not look inside ``when/then`` chains, and
a plan repeats those a lot (a guarded ratio appears at every band edge). So the plan is read
as one graph (``rewriting``): a node reached from two places becomes a hidden column computed
once, everything used once is inlined into its single user, and no intermediate column is
kept that nothing shares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import terms as t
from ..lowering import Plan
from .nodes import Node, children
from .rewriting import Rewriter

# Reading these costs nothing worth sharing: a literal, or an input column as it is.
_FREE = (t.Lit, t.NullInt, t.Truth, t.NullBool, t.BoolCol)


@dataclass
class Sharing:
    """``steps`` lists the shared nodes level by level (each step only reads columns of earlier
    steps); ``names`` maps a shared node's ``id`` to its hidden column."""

    outputs: list[dict[str, Node]]  # per plan: public column → its node
    steps: list[list[Node]] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)


def share(plans: Sequence[Plan]) -> Sharing:
    """The graph of one or more plans over the same rows: what they have in common (an input
    column, a ratio) is computed once for all."""
    outputs: list[dict[str, Node]] = []
    rewrite = Rewriter()
    for plan in plans:
        terms: dict[str, Node] = {o.name: o.term for stage in plan.stages for o in stage}
        outputs.append({name: rewrite(terms[name], terms) for name in plan.public_columns})
    roots = [node for plan_outputs in outputs for node in plan_outputs.values()]
    uses: Counter[int] = Counter()
    for node in roots:
        _count(node, uses)
        uses[id(node)] += 2  # every output is a column of the result
    shared = {i for i, n in uses.items() if n > 1 and not isinstance(rewrite.nodes[i], _FREE)}
    levels: dict[int, int] = {}
    for node in roots:
        _level(node, shared, levels)
    sharing = Sharing(outputs)
    for i in sorted(shared, key=lambda i: levels[i]):
        while len(sharing.steps) < levels[i]:
            sharing.steps.append([])
        sharing.steps[levels[i] - 1].append(rewrite.nodes[i])
        sharing.names[i] = f"__shared{len(sharing.names)}"
    return sharing


def _count(node: Node, uses: Counter[int]) -> None:
    """How many distinct places use each node (a shared parent counts once)."""
    uses[id(node)] += 1
    if uses[id(node)] == 1:
        for child in children(node):
            _count(child, uses)


def _level(node: Node, shared: set[int], levels: dict[int, int]) -> int:
    """The step a node can be computed in: one after the latest shared node it reads."""
    if id(node) not in levels:
        deepest = max((_level(child, shared, levels) for child in children(node)), default=0)
        levels[id(node)] = deepest + 1 if id(node) in shared else deepest
    return levels[id(node)]
