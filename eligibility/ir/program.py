"""A criteria set compiled to IR: its clauses, direct routes and parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from .base import BoolExpr
from .errors import IRTypeError
from .logic import AllOf, AnyOf, Clause
from .types import Dim


@dataclass(frozen=True)
class ParamSpec:
    """A named parameter: its dimension and default value in base units."""

    name: str
    unit: Dim
    value: Fraction
    title: str = ""


@dataclass(frozen=True)
class Program:
    """The IR of one criteria-set version.

    verdict = AllOf(criteria) OR AnyOf(direct_routes) — "meets the conditions, or qualifies
    directly by one route". Without direct routes it is AllOf(criteria).
    """

    set_id: str
    version: str
    criteria: tuple[Clause, ...]
    direct_routes: tuple[Clause, ...] = ()
    params: tuple[ParamSpec, ...] = ()

    def __post_init__(self) -> None:
        if not self.criteria:
            raise IRTypeError("empty", f"认定标准 {self.set_id} 没有任何条件")

    @property
    def verdict(self) -> BoolExpr:
        main: BoolExpr = AllOf(self.criteria)
        if not self.direct_routes:
            return main
        return AnyOf((main, *self.direct_routes))

    def param_values(self, overrides: Mapping[str, Fraction] | None = None) -> dict[str, Fraction]:
        """Defaults with what-if ``overrides`` (base units) applied; unknown names are errors."""
        values = {p.name: p.value for p in self.params}
        for name, value in (overrides or {}).items():
            if name not in values:
                raise IRTypeError("unknown_param", f"认定标准 {self.set_id} 没有参数“{name}”")
            values[name] = value
        return values
