"""Comparing an engine's results with the reference interpreter's, row for row."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl


def disagreements(expected: pl.DataFrame, actual: pl.DataFrame, key: pl.Series,
                  columns: Sequence[str], limit: int = 5) -> list[str]:
    """Chinese descriptions of the first ``limit`` cells where ``actual`` differs from
    ``expected`` (null equals null), naming the row's key and the column."""
    found: list[str] = []
    for name in columns:
        same = expected[name].eq_missing(actual[name])
        for row in (~same).arg_true().head(limit - len(found)).to_list():
            found.append(f"第{row + 1}行（{key[row]}）“{name}”：解释器为 {expected[name][row]}，"
                         f"批量引擎为 {actual[name][row]}")
        if len(found) >= limit:
            break
    return found


def count_disagreements(expected: pl.DataFrame, actual: pl.DataFrame,
                        columns: Sequence[str]) -> int:
    return sum(int((~expected[c].eq_missing(actual[c])).sum()) for c in columns)
