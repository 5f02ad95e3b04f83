"""Writes generated values into the layout's columns, adding the gaps real data has.

Besides the structural gaps (years before founding, unreported years, facts nobody measured),
a few percent of the remaining cells are left unknown at random: real registries are never
complete, and the engine must show "unknown", not "fail", for them.
"""

from __future__ import annotations

import numpy as np

from indicators.vocabulary import BY_ID, Indicator, Kind, Period
from population.backbone import Backbone
from population.columns import Columns
from population.draws import BoolArray
from population.layout import annual_column

ANNUAL_CELL_MISSING = 0.02
STATIC_CELL_MISSING = 0.03
INTEGER_KINDS = frozenset({Kind.MONEY, Kind.COUNT, Kind.PERCENT, Kind.QUANTITY, Kind.SCORE,
                           Kind.YEAR})


class Recorder:
    def __init__(self, columns: Columns, rng: np.random.Generator, backbone: Backbone) -> None:
        self.columns = columns
        self.rng = rng
        self.b = backbone
        self._present_by_year = np.ascontiguousarray(backbone.present.T)

    def annual(self, indicator_id: str, values: np.ndarray, missing: BoolArray | None = None,
               rate: float = ANNUAL_CELL_MISSING) -> None:
        """``values`` is n × years; years the enterprise did not report stay unknown."""
        ind = self._indicator(indicator_id, Period.ANNUAL)
        # Year-major copies: each year's column is then contiguous (much faster to convert).
        unknown = ~self._present_by_year | self._scattered(self._present_by_year.shape, rate)
        if missing is not None:
            unknown |= missing.T
        by_year = np.ascontiguousarray(values.T)
        for j, year in enumerate(self.b.years):
            self._put(annual_column(ind.id, int(year)), ind, by_year[j], unknown[j])

    def static(self, indicator_id: str, values: np.ndarray, missing: BoolArray | None = None,
               rate: float = STATIC_CELL_MISSING) -> None:
        ind = self._indicator(indicator_id, Period.STATIC)
        unknown = self._scattered((self.b.n,), rate)
        if missing is not None:
            unknown |= missing
        self._put(ind.id, ind, values, unknown)

    def _scattered(self, shape: tuple[int, ...], rate: float) -> BoolArray:
        """Each cell unknown with probability ``rate``, drawn as a count and positions rather
        than one random number per cell (the same distribution up to rare repeats)."""
        size = int(np.prod(shape))
        cells = np.zeros(size, dtype=np.bool_)
        cells[self.rng.integers(0, size, self.rng.binomial(size, rate))] = True
        return cells.reshape(shape)

    def _indicator(self, indicator_id: str, period: Period) -> Indicator:
        ind = BY_ID[indicator_id]
        if ind.period is not period:
            raise ValueError(f"指标“{indicator_id}”不是{period.value}指标")
        return ind

    def _put(self, name: str, ind: Indicator, values: np.ndarray, missing: BoolArray) -> None:
        if ind.kind in INTEGER_KINDS:
            if ind.id not in SIGNED and bool(np.any((values < 0) & ~missing)):
                raise ValueError(f"生成了负数：{name}")
            self.columns.integer(name, values, missing)
        elif ind.kind is Kind.BOOL:
            self.columns.boolean(name, values, missing)
        elif ind.kind is Kind.ENUM:
            self.columns.enum(name, ind.choice_codes, values, missing)
        else:
            self.columns.date(name, values, missing)


# Indicators whose value may be below zero (losses); every other figure is non-negative.
SIGNED = frozenset({"total_profit", "net_profit", "operating_profit", "profit_and_tax"})
