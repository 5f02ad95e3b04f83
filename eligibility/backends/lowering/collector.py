"""Named intermediate results of a plan, each computed once, in dependency stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...ir import Clause
from ..terms import IntRef, Pred, PredRef, Term, children


@dataclass(frozen=True)
class Output:
    """One named column a plan computes; names starting with ``_`` are internal."""

    name: str
    term: Term | Pred
    level: int

    @property
    def public(self) -> bool:
        return not self.name.startswith("_")


@dataclass(frozen=True)
class ScoreOutputs:
    """Where a score table's bounds are: columns in 0.01 分, and the clause that owns it."""

    owner: str
    lower: str
    upper: str


@dataclass
class Collector:
    outputs: dict[str, Output] = field(default_factory=dict)
    owners: list[str] = field(default_factory=list)  # enclosing clause ids, innermost last
    serial: int = 0
    clause_nodes: dict[str, Clause] = field(default_factory=dict)
    scores: list[ScoreOutputs] = field(default_factory=list)

    def fresh(self, prefix: str) -> str:
        self.serial += 1
        return f"_{prefix}{self.serial}"

    def add_pred(self, name: str, term: Pred) -> PredRef:
        self.outputs[name] = Output(name, term, self._level(term))
        return PredRef(name)

    def add_int(self, name: str, term: Term) -> IntRef:
        self.outputs[name] = Output(name, term, self._level(term))
        return IntRef(name, term.bound)

    def _level(self, term: Term | Pred) -> int:
        deepest = -1
        stack: list[Term | Pred] = [term]
        while stack:
            node = stack.pop()
            if isinstance(node, IntRef | PredRef):
                deepest = max(deepest, self.outputs[node.name].level)
            stack.extend(children(node))
        return deepest + 1

    def stages(self) -> tuple[tuple[Output, ...], ...]:
        top = max((o.level for o in self.outputs.values()), default=-1)
        return tuple(
            tuple(o for o in self.outputs.values() if o.level == level)
            for level in range(top + 1))
