"""Named intermediate results of a plan, each computed once, in dependency stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...ir import Clause
from ..terms import Col, IntRef, Pred, PredRef, RawCol, Term, children, input_name


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
            elif isinstance(node, Col):
                deepest = max(deepest, 0)
            stack.extend(children(node))
        return max(deepest + 1, 1)

    def stages(self) -> tuple[tuple[Output, ...], ...]:
        """Stage 0 checks the integer inputs' bounds; stage k computes the outputs of level k."""
        inputs: dict[str, Output] = {}
        for output in self.outputs.values():
            for node in nodes(output.term):
                if isinstance(node, Col):
                    name = input_name(node.name)
                    inputs[name] = Output(name, RawCol(node.name, node.bound), 0)
        top = max((o.level for o in self.outputs.values()), default=0)
        later = (tuple(o for o in self.outputs.values() if o.level == level)
                 for level in range(1, top + 1))
        return (tuple(inputs.values()), *later)


def nodes(term: Term | Pred) -> list[Term | Pred]:
    found, stack = [], [term]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(children(node))
    return found
