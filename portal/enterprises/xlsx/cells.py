"""Parsing one column of cell texts into storage values, collecting a Chinese reason for every
cell that does not parse.

Plain non-negative numbers — nearly every cell of a real file — are parsed with vectorised
Polars string operations into exact integers (no float ever holds a value). Every other text is
parsed once per distinct text in Python with ``values.parse_user_value``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from indicators.vocabulary import Indicator
from portal.enterprises import values
from portal.enterprises.fact_frames import FRAME_SCHEMA
from portal.enterprises.values import FactValueError, StoredValue

Outcome = tuple[StoredValue | None, str | None]


def storage_dtype(ind: Indicator) -> Any:
    return FRAME_SCHEMA[values.value_column(ind)]


def parse_indicator(texts: pl.Series, ind: Indicator) -> tuple[pl.Series, pl.Series]:
    """(values in storage units, error message per cell or null)."""
    if values.value_column(ind) == "value_int":
        return _parse_numbers(texts, ind)
    return parse_each(texts, lambda text: _cell(ind, text), storage_dtype(ind))


def _parse_numbers(texts: pl.Series, ind: Indicator) -> tuple[pl.Series, pl.Series]:
    places = values.decimals(ind)
    frame = pl.DataFrame({"t": texts}).with_columns(
        whole=pl.col("t").str.extract(r"^(\d{1,13})(?:\.\d*)?$", 1),
        frac=pl.col("t").str.extract(r"^\d+\.(\d*)$", 1).fill_null("").str.strip_chars_end("0"),
    )
    plain = pl.col("whole").is_not_null() & (pl.col("frac").str.len_chars() <= places)
    fraction = (pl.col("frac").str.pad_end(places, "0").cast(pl.Int64, strict=False)
                if places else pl.lit(0, dtype=pl.Int64))
    frame = frame.with_columns(
        fast=pl.when(plain).then(pl.col("whole").cast(pl.Int64) * ind.scale + fraction),
        slow=pl.col("t").is_not_null() & ~plain)
    slow_values, slow_errors = parse_each(
        frame["t"].filter(frame["slow"]), lambda text: _number_cell(ind, text), pl.Int64)
    parsed = frame["fast"].scatter(frame["slow"].arg_true(), slow_values)
    errors = pl.Series(values=[None] * frame.height, dtype=pl.String).scatter(
        frame["slow"].arg_true(), slow_errors)
    return parsed, errors


def _number_cell(ind: Indicator, text: str) -> Outcome:
    try:
        return values.parse_decimal(ind, text), None
    except FactValueError as error:
        try:
            # Excel holds numbers as binary doubles and calamine prints them with nine
            # decimals (1234.5678 may read 1234.567800001); the shortest repr recovers what
            # was typed. Text that is not a number stays an error.
            shortest = repr(float(text.replace(",", "")))
            return values.parse_decimal(ind, shortest), None
        except (ValueError, FactValueError):
            return None, _reason(ind, str(error))


def _cell(ind: Indicator, text: str) -> Outcome:
    try:
        return values.parse_user_value(ind, text), None
    except FactValueError as error:
        return None, _reason(ind, str(error))


def _reason(ind: Indicator, message: str) -> str:
    """Drop the leading “name” from a value message: the column header already names it."""
    prefix = f"“{ind.name}”"
    return message[len(prefix):].lstrip() if message.startswith(prefix) else message


def parse_each(texts: pl.Series, parse: Callable[[str], Outcome], dtype: Any,
               ) -> tuple[pl.Series, pl.Series]:
    """Parse each distinct non-null text once; map results back onto the cells."""
    outcomes = {text: parse(text) for text in texts.drop_nulls().unique().to_list()}
    parsed = pl.Series([outcomes[t][0] if t is not None else None for t in texts.to_list()],
                       dtype=dtype)
    errors = pl.Series([outcomes[t][1] if t is not None else None for t in texts.to_list()],
                       dtype=pl.String)
    return parsed, errors
