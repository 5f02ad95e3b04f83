"""The reference interpreter for one enterprise, with its trace, explanation and gaps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from eligibility.authoring.model import CriteriaSet
from eligibility.ir import ApplicationType, EvaluationContext
from indicators.document import FactsDocument

from .explain import explain
from .interpreter import Interpreter, run_program
from .outcome import Outcome, criterion_results, rank_missing, status_of
from .overrides import OverrideError, override_values
from .trace import Trace

Override = str | int | Decimal | Fraction

__all__ = ["Interpreter", "Outcome", "OverrideError", "Trace", "evaluate_set", "run_program"]


def evaluate_set(criteria_set: CriteriaSet, facts: FactsDocument, *, on: date,
                 application: ApplicationType | str = ApplicationType.NEW,
                 overrides: Mapping[str, Override] | None = None) -> Outcome:
    """Evaluate one enterprise against one criteria-set version (see eligibility.api)."""
    program = criteria_set.program
    params = program.param_values(override_values(criteria_set, overrides or {}))
    context = EvaluationContext(on, ApplicationType(application), params)
    root = run_program(program, facts, context)
    results = criterion_results(criteria_set, root, context.fiscal_year)
    outcome = Outcome(criteria_set, on, context.application, params, status_of(root.value),
                      root, results, rank_missing(root, results))
    return replace(outcome, explanation=explain(outcome))

