"""The reference interpreter over a frame, row by row, in the compiled plans' output shape.

It is the baseline the batch engines are checked against (equivalence tests, ``verify``) and
timed against (bench/screen_bench.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

import polars as pl

from eligibility import ir
from eligibility.backends.lowering import VERDICT, Plan
from eligibility.backends.lowering.scoring import SCORE_SCALE
from eligibility.evaluation.interpreter import run_program
from eligibility.evaluation.trace import Trace
from indicators.document import FactsDocument

from .documents import documents


def interpret_document(program: ir.Program, doc: FactsDocument,
                       context: ir.EvaluationContext) -> dict[str, Any]:
    """``verdict``, ``status__<id>``, ``waived__<id>``, ``score_lo/hi__<owner>`` of one
    enterprise."""
    trace = run_program(program, doc, context)
    out: dict[str, Any] = {VERDICT: trace.value}
    tables = 0
    for node, owner in _clause_walk(trace, None):
        if isinstance(node.node, ir.Clause) and f"status__{node.node.id}" not in out:
            out[f"status__{node.node.id}"] = node.value
            if node.node.exemptions:
                out[f"waived__{node.node.id}"] = node.waived_by is not None
        elif node.score is not None:
            tables += 1
            key = owner or f"table{tables}"
            out.setdefault(f"score_lo__{key}", _points(node.score.lower))
            out.setdefault(f"score_hi__{key}", _points(node.score.upper))
    return out


def _points(value: Fraction) -> int:
    scaled = value * SCORE_SCALE
    assert scaled.denominator == 1, "score bounds are whole 0.01 分 (checked when lowering)"
    return scaled.numerator


def _clause_walk(trace: Trace, owner: str | None) -> Iterator[tuple[Trace, str | None]]:
    """Every trace node with the id of its innermost enclosing clause (parents first)."""
    yield trace, owner
    inner = trace.node.id if isinstance(trace.node, ir.Clause) else owner
    for child in trace.children:
        yield from _clause_walk(child, inner)


def interpret_frame(program: ir.Program, frame: pl.DataFrame | Sequence[FactsDocument],
                    plan: Plan, on: date, application: ir.ApplicationType | str,
                    params: Mapping[str, Fraction] | None = None) -> pl.DataFrame:
    """The interpreter's results for every row of ``frame`` (or every prepared document),
    with ``plan``'s public columns."""
    docs = documents(frame) if isinstance(frame, pl.DataFrame) else frame
    context = ir.EvaluationContext(on, ir.ApplicationType(application),
                                   program.param_values(params))
    rows = [interpret_document(program, doc, context) for doc in docs]
    columns = plan.public_columns
    return pl.DataFrame(
        {name: [row.get(name) for row in rows] for name in columns},
        schema={name: _dtype(name) for name in columns})


def _dtype(name: str) -> pl.DataType:
    return pl.Int64() if name.startswith("score_") else pl.Boolean()
