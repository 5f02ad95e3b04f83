"""A program lowered for one screening run: named stages of integer and boolean terms."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ... import ir
from ..terms import Pred
from .collector import Collector, Output, ScoreOutputs
from .logic import lower_bool, title_column
from .scope import INPUT_BOUND, Scope, input_kind

VERDICT = "verdict"


@dataclass(frozen=True)
class ClauseOutputs:
    id: str
    title: str
    status: str  # column: nullable boolean
    waived: str | None  # column: boolean, when the clause has exemptions


@dataclass(frozen=True)
class Plan:
    """What every backend computes for one criteria-set version.

    ``stages`` are computed in order; a term refers to columns of earlier stages only.
    Public columns: ``verdict`` and one ``status__<clause id>`` per clause (nullable boolean),
    ``waived__<clause id>`` for clauses with exemptions, ``score_lo__<owner>`` /
    ``score_hi__<owner>`` per score table (integers in 0.01 分).
    """

    set_id: str
    version: str
    stages: tuple[tuple[Output, ...], ...]
    clauses: tuple[ClauseOutputs, ...]
    scores: tuple[ScoreOutputs, ...]
    inputs: Mapping[str, str]  # column → kind letter (i, b, s, d) of the columns it reads
    input_bound: int = INPUT_BOUND

    @property
    def public_columns(self) -> tuple[str, ...]:
        return tuple(o.name for stage in self.stages for o in stage if o.public)


def lower_program(program: ir.Program, on: date, application: str,
                  overrides: Mapping[str, Fraction] | None = None,
                  columns: Mapping[str, str] | None = None) -> Plan:
    """Lower ``program`` for an evaluation on ``on``; ``columns`` lists the input's columns
    (name → kind letter) so that absent ones read as unknown; ``None`` assumes all present.
    """
    scope = Scope(on, str(application), program.param_values(overrides), columns)
    return _lower(program, scope)


def _lower(program: ir.Program, scope: Scope) -> Plan:
    out = Collector()
    verdict: Pred = lower_bool(program.verdict, scope, out)
    out.add_pred(VERDICT, verdict)
    clause_outputs = tuple(
        ClauseOutputs(c.id, c.title, f"status__{c.id}",
                      f"waived__{c.id}" if c.exemptions else None)
        for c in (out.clause_nodes[i] for i in dict.fromkeys(
            c.id for c in ir.clauses(program.verdict))))
    return Plan(program.set_id, program.version, out.stages(), clause_outputs,
                tuple(out.scores), read_columns(program.verdict, scope.on, scope),
                scope.input_bound)


def read_columns(expr: ir.BoolExpr, on: date, scope: Scope) -> dict[str, str]:
    """The input columns ``expr`` reads on ``on`` that the input has, with their kinds."""
    found: dict[str, str] = {}
    for ref in ir.fact_refs(expr):
        found[ref.column(on)] = input_kind(ref.indicator)
    for title in ir.titles_used(expr):
        for level in title.levels:
            for end in ("from", "until"):
                found[title_column(title.tier, level, end)] = "d"
    return {name: kind for name, kind in found.items() if scope.has(name)}
