"""Facts as Polars frames: bulk reads and writes of the Fact table without model instances.

Imports and the demo loader move millions of facts; building a Django model per fact costs more
than the database work itself, so these functions talk to the table through the connection's
cursor (parameterised SQL, the same on SQLite and PostgreSQL) and keep values in their exact
integer/bool/code/date columns throughout.

A *fact frame* has the columns of ``FRAME_SCHEMA``; ``year`` is null for static indicators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import polars as pl
from django.db import connection

from indicators.vocabulary import ANNUAL, BY_ID, Period
from portal.enterprises import tables
from portal.enterprises.models import Fact
from portal.enterprises.values import indicator, value_column

VALUE_COLUMNS = ("value_int", "value_bool", "value_text", "value_date")
KEY_COLUMNS = ("enterprise_id", "indicator", "year")
FRAME_SCHEMA: dict[str, Any] = {
    "enterprise_id": pl.Int64, "indicator": pl.String, "year": pl.Int64,
    "value_int": pl.Int64, "value_bool": pl.Boolean, "value_text": pl.String,
    "value_date": pl.Date,
}
CURRENT_SCHEMA: dict[str, Any] = {"id": pl.Int64, **FRAME_SCHEMA, "source": pl.String}
# Stay well below SQLite's bound-parameter limit (32766) and keep PostgreSQL plans simple.
ID_CHUNK = 2_000
INSERT_CHUNK = 5_000
SQLITE_CACHE_KIB = 256 * 1024


def empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=FRAME_SCHEMA)


def _table() -> str:
    return connection.ops.quote_name(Fact._meta.db_table)


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _frame_from_rows(rows: list[tuple[Any, ...]], schema: dict[str, Any]) -> pl.DataFrame:
    # Django's SQLite connection converts declared date and bool columns, as psycopg does.
    return pl.DataFrame(rows, schema=schema, orient="row")


def read_current(
    *, enterprise_ids: Iterable[int] | None = None, indicators: Iterable[str] | None = None,
) -> pl.DataFrame:
    """Current facts (one row per enterprise × indicator × year), as a frame with ``id`` and
    ``source``; ``enterprise_ids=None`` reads every enterprise."""
    columns = ", ".join(("id", *KEY_COLUMNS, *VALUE_COLUMNS, "source"))
    base = f"SELECT {columns} FROM {_table()} WHERE superseded_at IS NULL"
    wanted = sorted(set(indicators)) if indicators is not None else None
    if wanted is not None:
        base += f" AND indicator IN ({', '.join(['%s'] * len(wanted))})"
    parts = []
    with connection.cursor() as cursor:
        for ids in _id_batches(enterprise_ids):
            sql = base
            params: list[Any] = list(wanted or ())
            if ids is not None:
                sql += f" AND enterprise_id IN ({', '.join(['%s'] * len(ids))})"
                params += list(ids)
            cursor.execute(sql, params)
            parts.append(_frame_from_rows(cursor.fetchall(), CURRENT_SCHEMA))
    return pl.concat(parts) if parts else pl.DataFrame(schema=CURRENT_SCHEMA)


def _id_batches(enterprise_ids: Iterable[int] | None) -> Iterator[Sequence[int] | None]:
    if enterprise_ids is None:
        yield None
        return
    ids = sorted(set(enterprise_ids))
    yield from _chunks(ids, ID_CHUNK)


def supersede(fact_ids: Sequence[int], at: dt.datetime) -> None:
    """Stamp current versions as superseded (before their replacements are inserted, so the
    one-current-row constraints hold at every statement)."""
    stamp = connection.ops.adapt_datetimefield_value(at)
    with connection.cursor() as cursor:
        for ids in _chunks(list(fact_ids), ID_CHUNK):
            placeholders = ", ".join(["%s"] * len(ids))
            cursor.execute(f"UPDATE {_table()} SET superseded_at = %s WHERE id IN ({placeholders})",
                           [stamp, *ids])


def insert(
    frame: pl.DataFrame, *, source: str | pl.Series, entered_by_id: int | None,
    entered_at: dt.datetime, import_record_id: int | None = None, note: str = "",
) -> int:
    """Insert a fact frame as new current versions; returns the number of rows written."""
    if frame.is_empty():
        return 0
    # Key order makes every index of the table (all lead with enterprise_id) grow at its end.
    ordered = frame.with_row_index("_i").sort(KEY_COLUMNS, nulls_last=False)
    sources = (source.gather(ordered["_i"]) if isinstance(source, pl.Series)
               else pl.repeat(source, ordered.height, eager=True))
    ordered = ordered.drop("_i").with_columns(source=sources)
    names = (*KEY_COLUMNS, *VALUE_COLUMNS, "source", "entered_by_id", "entered_at",
             "import_record_id", "note")
    with connection.cursor() as cursor:
        _large_cache(cursor)
    # Slices keep only one chunk of Python tuples alive at a time.
    for part in ordered.iter_slices(tables.CHUNK):
        rows = _insert_rows(part, entered_by_id, entered_at, import_record_id, note)
        tables.insert_rows(Fact, names, rows)
    return ordered.height


def _large_cache(cursor: Any) -> None:
    """SQLite's default 2 MiB page cache thrashes while indexes grow by millions of rows."""
    if connection.vendor == "sqlite":
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")


def _insert_rows(
    frame: pl.DataFrame, entered_by_id: int | None, entered_at: dt.datetime,
    import_record_id: int | None, note: str,
) -> list[tuple[Any, ...]]:
    stamp = connection.ops.adapt_datetimefield_value(entered_at)
    ordered = frame.select(*KEY_COLUMNS, *VALUE_COLUMNS, "source").with_columns(
        entered_by_id=pl.lit(entered_by_id, dtype=pl.Int64),
        entered_at=pl.lit(stamp), import_record_id=pl.lit(import_record_id, dtype=pl.Int64),
        note=pl.lit(note),
    )
    if connection.vendor == "sqlite":
        ordered = ordered.with_columns(pl.col("value_date").dt.to_string("%Y-%m-%d"))
    return ordered.rows()


def column_key(column: str) -> tuple[str, int | None] | None:
    """(indicator, year) for a layout column name (``revenue__2025``, ``class1_ip``), or None
    for identity and title columns."""
    name, _, year = column.rpartition("__") if "__" in column else (column, "", "")
    ind = BY_ID.get(name)
    if ind is None:
        return None
    if ind.period is Period.ANNUAL:
        return (name, int(year)) if year.isdigit() else None
    return (name, None) if not year else None


def from_wide(wide: pl.DataFrame, columns: dict[str, tuple[str, int | None]], *,
              year_column: str | None = None) -> pl.DataFrame:
    """Unpivot indicator columns (storage units) of a frame keyed by ``enterprise_id`` into a
    fact frame, dropping nulls (an empty cell is unknown, not a value). ``columns`` maps each
    column to (indicator, year); with ``year_column`` the year of annual indicators comes
    from that column of each row instead (the 年度指标 sheet: one row per year)."""
    keys = pl.DataFrame(
        [(name, ind, year) for name, (ind, year) in columns.items()], orient="row",
        schema={"column": pl.String, "indicator": pl.String, "key_year": pl.Int64})
    index = ["enterprise_id", *([year_column] if year_column else [])]
    parts = [empty_frame()]
    for value in VALUE_COLUMNS:
        names = [n for n, (ind, _) in columns.items() if value_column(indicator(ind)) == value]
        if names:
            parts.append(_unpivot(wide, index, names, value).join(keys, on="column"))
    long = pl.concat(parts, how="diagonal_relaxed")
    year = pl.col("key_year")
    if year_column:
        year = pl.when(pl.col("indicator").is_in([i.id for i in ANNUAL])).then(
            pl.col(year_column).cast(pl.Int64))
    return long.with_columns(year=year if "key_year" in long.columns else pl.col("year")).select(
        pl.col(name).cast(dtype) for name, dtype in FRAME_SCHEMA.items())


def _unpivot(wide: pl.DataFrame, index: list[str], names: list[str], value: str,
             ) -> pl.DataFrame:
    typed = wide.select(*index, *(pl.col(n).cast(FRAME_SCHEMA[value]) for n in names))
    return (typed.unpivot(index=index, on=names, variable_name="column", value_name=value)
            .drop_nulls(value))
