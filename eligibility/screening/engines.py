"""Running a lowered plan on each engine, with the results in one shape (a Polars frame).

Every runner returns ``keep`` columns followed by the plan's public columns: statuses and the
verdict as nullable Boolean, score bounds as Int64 (0.01 分).
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from eligibility.backends.lowering import Plan
from eligibility.backends.polars import apply_plan, apply_plans, split_results
from eligibility.backends.sql.compiler import plan_sql

ENGINES = ("polars", "duckdb", "spark", "sqlite", "postgres")
TABLE = "facts"
POSTGRES_DSN = "postgresql://postgres@127.0.0.1:5432/test"


def column_kinds(schema: pl.Schema) -> dict[str, str]:
    """Column name → kind letter (``i`` integer, ``b`` boolean, ``s`` string, ``d`` date)."""
    kinds: dict[str, str] = {}
    for name, dtype in schema.items():
        if dtype.is_integer():
            kinds[name] = "i"
        elif dtype == pl.Boolean:
            kinds[name] = "b"
        elif dtype == pl.Date:
            kinds[name] = "d"
        elif dtype == pl.String:
            kinds[name] = "s"
    return kinds


def normalise(result: pl.DataFrame, plan: Plan, keep: Sequence[str]) -> pl.DataFrame:
    casts = [pl.col(name).cast(pl.Int64 if name.startswith("score_") else pl.Boolean)
             for name in plan.public_columns]
    return result.select([*keep, *plan.public_columns]).with_columns(casts)


def needed(frame: pl.DataFrame, plan: Plan, keep: Sequence[str]) -> pl.DataFrame:
    """Only the columns the plan reads (and ``keep``): less to copy into an engine."""
    columns = list(dict.fromkeys([*keep, *plan.inputs])) or frame.columns[:1]
    return frame.select(columns)  # a plan that reads nothing still needs the rows


def run_polars(frame: pl.DataFrame | pl.LazyFrame, plan: Plan,
               keep: Sequence[str] = ()) -> pl.DataFrame:
    return normalise(apply_plan(frame.lazy(), plan, keep).collect(), plan, keep)


def run_polars_many(frame: pl.DataFrame | pl.LazyFrame, plans: Sequence[Plan],
                    keep: Sequence[str] = ()) -> list[pl.DataFrame]:
    """Several plans over the same rows in one query (what they share is computed once):
    one result per plan, as ``run_polars`` gives it."""
    result = apply_plans(frame.lazy(), plans, keep).collect()
    return [normalise(part, plan, keep)
            for part, plan in zip(split_results(result, plans, keep), plans, strict=True)]


def run_duckdb(frame: pl.DataFrame, plan: Plan, keep: Sequence[str] = (),
               connection: duckdb.DuckDBPyConnection | None = None) -> pl.DataFrame:
    con = connection or duckdb.connect()
    con.register(TABLE, needed(frame, plan, keep).to_arrow())
    try:
        result = con.sql(plan_sql(plan, TABLE, "duckdb", keep)).pl()
    finally:
        con.unregister(TABLE)
    return normalise(result, plan, keep)


def _sqlite_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def run_sqlite(frame: pl.DataFrame, plan: Plan, keep: Sequence[str] = ()) -> pl.DataFrame:
    """SQLite keeps dates as ISO text and booleans as 0/1, its native forms."""
    data = needed(frame, plan, keep)
    con = sqlite3.connect(":memory:")
    try:
        columns = ", ".join(f'"{name}"' for name in data.columns)
        con.execute(f"CREATE TABLE {TABLE} ({columns})")
        marks = ", ".join("?" for _ in data.columns)
        rows = ([_sqlite_value(v) for v in row] for row in data.iter_rows())
        con.executemany(f"INSERT INTO {TABLE} VALUES ({marks})", rows)
        cursor = con.execute(plan_sql(plan, TABLE, "sqlite", keep))
        names = [d[0] for d in cursor.description]
        result = pl.DataFrame(cursor.fetchall(), schema=names, orient="row",
                              infer_schema_length=None)
    finally:
        con.close()
    return normalise(result, plan, keep)


_PG_TYPES = {"i": "BIGINT", "b": "BOOLEAN", "s": "TEXT", "d": "DATE"}


def run_postgres(frame: pl.DataFrame, plan: Plan, keep: Sequence[str] = (),
                 dsn: str = POSTGRES_DSN) -> pl.DataFrame:
    import psycopg

    data = needed(frame, plan, keep)
    kinds = column_kinds(data.schema)
    with psycopg.connect(dsn) as con, con.cursor() as cur:
        columns = ", ".join(f'"{n}" {_PG_TYPES[kinds.get(n, "s")]}' for n in data.columns)
        cur.execute(f"CREATE TEMPORARY TABLE {TABLE} ({columns}) ON COMMIT DROP")
        with cur.copy(f"COPY {TABLE} FROM STDIN") as copy:
            for row in data.iter_rows():
                copy.write_row(row)
        cur.execute(plan_sql(plan, TABLE, "postgres", keep))
        names = [d.name for d in cur.description or ()]
        result = pl.DataFrame(cur.fetchall(), schema=names, orient="row",
                              infer_schema_length=None)
    return normalise(result, plan, keep)


def run_spark(frame: pl.DataFrame, plan: Plan, keep: Sequence[str] = (),
              spark: Any = None) -> pl.DataFrame:
    """Spark reads the rows from a Parquet file, as it would on a cluster."""
    from eligibility.screening.spark import local_session

    session = spark or local_session()
    with tempfile.TemporaryDirectory(prefix="zjtx-spark-") as tmp:
        path = Path(tmp) / "facts.parquet"
        needed(frame, plan, keep).write_parquet(path)
        session.read.parquet(str(path)).createOrReplaceTempView(TABLE)
        arrow = session.sql(plan_sql(plan, TABLE, "spark", keep)).toArrow()
    result = pl.from_arrow(arrow)
    assert isinstance(result, pl.DataFrame)
    return normalise(result, plan, keep)
