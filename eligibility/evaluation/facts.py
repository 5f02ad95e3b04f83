"""Reading a facts document as the IR sees it: base-unit rationals on an evaluation date."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from eligibility.ir import EvaluationContext, FactRef, HoldsTitle, storage_factor
from indicators.document import FactsDocument, TitleHeld
from indicators.vocabulary import BY_ID


def years_before(on: date, years: int) -> date:
    """The same month and day ``years`` earlier (29 February → 28 February)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


class FactReader:
    def __init__(self, doc: FactsDocument, context: EvaluationContext) -> None:
        self.doc = doc
        self.context = context

    def raw(self, ref: FactRef) -> int | bool | str | date | None:
        return self.doc.value(ref.indicator, ref.year(self.context.on))

    def number(self, ref: FactRef) -> Fraction | None:
        stored = self.raw(ref)
        if stored is None or isinstance(stored, bool) or not isinstance(stored, int):
            return None
        return stored * storage_factor(BY_ID[ref.indicator])

    def holds(self, node: HoldsTitle) -> bool:
        return any(self._covers(self.doc.latest_title(node.tier, level), node)
                   for level in node.levels)

    def _covers(self, cert: TitleHeld | None, node: HoldsTitle) -> bool:
        on = self.context.on
        if cert is None or cert.valid_from > on:
            return False
        since = on if node.within_years is None else years_before(on, node.within_years)
        return cert.valid_until is None or cert.valid_until >= since
