"""Building small facts documents for engine tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from eligibility.ir import ApplicationType, EvaluationContext
from indicators.document import FactsDocument, parse_facts

ON = date(2026, 3, 1)  # fiscal year 2025 is offset 0


def doc(static: dict[str, Any] | None = None, annual: dict[str, Any] | None = None,
        titles: list[dict[str, Any]] | None = None) -> FactsDocument:
    return parse_facts({"schema": "zjtx.facts/1", "region_code": "320509",
                        "static": static or {}, "annual": annual or {}, "titles": titles or []})


def context(on: date = ON, application: str = "new", **params: Any) -> EvaluationContext:
    return EvaluationContext(on, ApplicationType(application), params)
