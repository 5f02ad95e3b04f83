"""The interpreter's output: a verdict on every node, with what was read and why."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from eligibility.ir import Expr, FactRef

Value = bool | Fraction | None


@dataclass(frozen=True)
class IndicatorScore:
    id: str
    title: str
    category: str
    lower: Fraction
    upper: Fraction
    max_points: Fraction
    label: str  # the band or case that scored, "" while unknown
    detail: Trace  # the scored value's or the deciding conditions' trace


@dataclass(frozen=True)
class CategoryScore:
    id: str
    title: str
    lower: Fraction
    upper: Fraction
    minimum: Fraction | None


@dataclass(frozen=True)
class ScoreTrace:
    lower: Fraction
    upper: Fraction
    threshold: Fraction
    indicators: tuple[IndicatorScore, ...]
    categories: tuple[CategoryScore, ...]

    @property
    def exact(self) -> bool:
        return self.lower == self.upper


@dataclass(frozen=True)
class Trace:
    """One node's result. ``missing`` lists the facts whose absence leaves it unknown."""

    node: Expr
    value: Value
    children: tuple[Trace, ...] = ()
    reason: str = ""
    missing: tuple[FactRef, ...] = ()
    waived_by: str | None = None
    score: ScoreTrace | None = None

    @property
    def unknown(self) -> bool:
        return self.value is None

    def walk(self) -> Iterator[Trace]:
        yield self
        for child in self.children:
            yield from child.walk()


def merge_missing(traces: tuple[Trace, ...] | list[Trace]) -> tuple[FactRef, ...]:
    """The missing facts of the unknown ones among ``traces``, first-seen order."""
    seen: dict[FactRef, None] = {}
    for trace in traces:
        if trace.value is None:
            seen.update(dict.fromkeys(trace.missing))
    return tuple(seen)


def first_reason(traces: tuple[Trace, ...] | list[Trace]) -> str:
    return next((t.reason for t in traces if t.value is None and t.reason), "")
