"""Collects generated columns as Arrow arrays (values + validity) and assembles the frame.

Values arrive as NumPy arrays with a ``missing`` mask; Arrow keeps the mask as a validity bitmap,
so a missing fact becomes a true null — never NaN, never a sentinel number.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl
import pyarrow as pa

from population.draws import BoolArray, IntArray

EPOCH_DAY = np.datetime64("1970-01-01", "D")


class Columns:
    """Named columns of one population, in any order; ``frame`` orders them by the layout."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._arrow: dict[str, pa.Array] = {}
        self._series: dict[str, pl.Series] = {}

    def integer(self, name: str, values: IntArray, missing: BoolArray | None = None) -> None:
        self._put(name, pa.array(values.astype(np.int64, copy=False), mask=missing))

    def boolean(self, name: str, values: BoolArray, missing: BoolArray | None = None) -> None:
        self._put(name, pa.array(values.astype(np.bool_, copy=False), mask=missing))

    def date(self, name: str, days: IntArray, missing: BoolArray | None = None) -> None:
        """``days`` since 1970-01-01."""
        self._put(name, pa.array(days.astype(np.int32), type=pa.date32(), mask=missing))

    def enum(self, name: str, codes: Sequence[str], index: IntArray,
             missing: BoolArray | None = None) -> None:
        indices = pa.array(index.astype(np.int32), mask=missing)
        dictionary = pa.DictionaryArray.from_arrays(indices, pa.array(list(codes)))
        self._put(name, dictionary.cast(pa.string()))

    def lists(self, name: str, values: pa.Array) -> None:
        """An Arrow list array, one list per enterprise (e.g. its cluster ids)."""
        self._put(name, values)

    def text(self, name: str, values: pl.Series) -> None:
        if values.len() != self.n:
            raise ValueError(f"列“{name}”应有{self.n}行，实际{values.len()}行")
        self._series[name] = values.alias(name)

    def __contains__(self, name: str) -> bool:
        return name in self._arrow or name in self._series

    def frame(self, schema: dict[str, pl.DataType]) -> pl.DataFrame:
        """Every schema column, in schema order; columns never generated are all null."""
        unknown = (set(self._arrow) | set(self._series)) - set(schema)
        if unknown:
            raise KeyError(f"生成了版式之外的列：{sorted(unknown)}")
        table = pl.from_arrow(pa.table(self._arrow)) if self._arrow else pl.DataFrame()
        assert isinstance(table, pl.DataFrame)
        extra = [s for s in self._series.values()]
        if extra:
            table = table.with_columns(extra) if table.width else pl.DataFrame(extra)
        return table.with_columns(
            pl.lit(None, dtype=dtype).alias(col) for col, dtype in schema.items()
            if col not in self
        ).select(pl.col(col).cast(dtype) for col, dtype in schema.items())

    def _put(self, name: str, array: pa.Array) -> None:
        if len(array) != self.n:
            raise ValueError(f"列“{name}”应有{self.n}行，实际{len(array)}行")
        self._arrow[name] = array


def days_of(dates: np.ndarray) -> IntArray:
    """NumPy datetime64[D] → days since 1970-01-01."""
    return (dates.astype("datetime64[D]") - EPOCH_DAY).astype(np.int64)


_FIRST_YEAR, _LAST_YEAR = 1900, 2200
# Day number of the first of every month from 1900 on: dates become one integer lookup.
_MONTH_STARTS = days_of(np.arange((_LAST_YEAR - _FIRST_YEAR) * 12).astype("datetime64[M]")
                        + np.timedelta64((_FIRST_YEAR - 1970) * 12, "M"))


def calendar_days(year: IntArray, month: int | IntArray, day: int | IntArray) -> IntArray:
    """Days since 1970-01-01 of the given dates (years 1900–2199), vectorised."""
    months = (np.asarray(year, dtype=np.int64) - _FIRST_YEAR) * 12 + (np.asarray(month) - 1)
    return _MONTH_STARTS[months] + (np.asarray(day) - 1)
