"""The engine's public API, the one the portal and the CLI call (docs/engine.md).

    library = load_library(default_criteria_dir())
    for criteria_set in library.sets_in_force(on, region_code, "new"):
        outcome = evaluate(criteria_set, facts, on=on, application="new")
        outcome.verdict, outcome.to_dict(), outcome.explanation
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from eligibility.authoring.issues import Issue
from eligibility.authoring.library import Library, LibraryError, load_library
from eligibility.authoring.model import CriteriaSet
from eligibility.evaluation import Outcome, OverrideError, evaluate_set
from eligibility.evaluation.overrides import Override
from eligibility.ir import ApplicationType
from indicators.document import FactsDocument, parse_facts

__all__ = [
    "ApplicationType", "CriteriaSet", "FactsDocument", "Issue", "Library", "LibraryError",
    "Outcome", "OverrideError", "default_criteria_dir", "evaluate", "evaluate_ladder",
    "load_library",
]

CRITERIA_DIR_ENV = "ZJTX_CRITERIA_DIR"


def default_criteria_dir() -> Path:
    """$ZJTX_CRITERIA_DIR, else the repository's ``criteria/`` folder next to this package."""
    configured = os.environ.get(CRITERIA_DIR_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "criteria"


def evaluate(criteria_set: CriteriaSet, facts: FactsDocument | Mapping[str, Any], *,
             on: date | None = None, application: ApplicationType | str = ApplicationType.NEW,
             overrides: Mapping[str, Override] | None = None) -> Outcome:
    """Evaluate one enterprise's facts against one criteria-set version.

    ``facts`` is a parsed document or the decoded ``zjtx.facts/1`` JSON; ``on`` defaults to
    today; ``overrides`` are what-if parameter values in each parameter's unit.
    """
    doc = facts if isinstance(facts, FactsDocument) else parse_facts(facts)
    return evaluate_set(criteria_set, doc, on=on or date.today(), application=application,
                        overrides=overrides)


def evaluate_ladder(library: Library, facts: FactsDocument | Mapping[str, Any], *,
                    on: date | None = None,
                    application: ApplicationType | str = ApplicationType.NEW) -> list[Outcome]:
    """Every set in force on ``on`` for the enterprise's region, in ladder order."""
    doc = facts if isinstance(facts, FactsDocument) else parse_facts(facts)
    day = on or date.today()
    return [evaluate_set(s, doc, on=day, application=application)
            for s in library.sets_in_force(day, doc.region_code, application)]
