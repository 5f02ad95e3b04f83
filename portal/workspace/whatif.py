"""A facts document with some answers replaced: the self-assessment's live preview evaluates
it without storing anything."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from indicators.vocabulary import BY_ID
from portal.enterprises.documents import document_value
from portal.enterprises.values import StoredValue


def with_answers(document: Mapping[str, Any],
                 answers: Mapping[tuple[str, int | None], StoredValue | None]) -> dict[str, Any]:
    changed = copy.deepcopy(dict(document))
    for (indicator, year), value in answers.items():
        if value is None:
            continue  # a blank answer leaves the recorded value as it is
        target = (changed["static"] if year is None
                  else changed["annual"].setdefault(str(year), {}))
        target[indicator] = document_value(BY_ID[indicator], value)
    return changed
