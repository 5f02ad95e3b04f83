"""Batch screening: read → compile → run → write per-enterprise results and a summary.

Output (Parquet), one row per enterprise and criteria set:

``uscc``, ``region_code``, ``set_id``, ``set_version``, ``verdict`` (pass / fail / unknown),
``score`` / ``score_lower`` / ``score_upper`` (the set's first score table, integers in
0.01 分; ``score`` only when the bounds meet), then one ``status__<criterion id>`` column per
criterion of any requested set (pass / fail / unknown / waived; null where the criterion is not
part of that row's set).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from eligibility.authoring.model import CriteriaSet
from eligibility.backends.lowering import BackendError, Plan, lower_program

from . import engines
from .inputs import InputError, collect_chunk, scan_input
from .summary import Summary, SummaryBuilder

Progress = Callable[[int, int, str], None]
KEEP = ("uscc", "region_code")
DEFAULT_CHUNK_ROWS = 500_000


@dataclass(frozen=True)
class ScreeningRequest:
    criteria: Sequence[CriteriaSet]
    input: Path
    output: Path
    on: date
    application: str = "new"
    engine: str = "polars"
    chunk_rows: int = DEFAULT_CHUNK_ROWS
    summary: Path | None = None
    options: dict[str, Any] = field(default_factory=dict)  # e.g. postgres dsn, spark session


def compile_sets(sets: Sequence[CriteriaSet], on: date, application: str,
                 schema: pl.Schema) -> list[Plan]:
    kinds = engines.column_kinds(schema)
    plans = []
    for criteria_set in sets:
        try:
            plans.append(lower_program(criteria_set.program, on, application, columns=kinds))
        except BackendError as exc:
            raise InputError(f"认定标准 {criteria_set.id} 无法批量计算：{exc.message}") from exc
    return plans


def status_columns(plans: Sequence[Plan]) -> list[str]:
    return list(dict.fromkeys(c.status for plan in plans for c in plan.clauses))


def long_rows(result: pl.DataFrame, plan: Plan, statuses: Sequence[str]) -> pl.DataFrame:
    """One engine result in the output layout (statuses as text codes)."""
    lower, upper = (plan.scores[0].lower, plan.scores[0].upper) if plan.scores else (None, None)
    columns = [
        pl.col("uscc"), pl.col("region_code"), pl.lit(plan.set_id).alias("set_id"),
        pl.lit(plan.version).alias("set_version"), _code(pl.col("verdict")).alias("verdict"),
        _score(lower, upper).alias("score"), _bound(lower).alias("score_lower"),
        _bound(upper).alias("score_upper"),
    ]
    mine = {c.status: c for c in plan.clauses}
    for name in statuses:
        clause = mine.get(name)
        if clause is None:
            columns.append(pl.lit(None, dtype=pl.String).alias(name))
        else:
            waived = pl.col(clause.waived) if clause.waived else None
            columns.append(_code(pl.col(name), waived).alias(name))
    return result.select(columns)


def _code(status: pl.Expr, waived: pl.Expr | None = None) -> pl.Expr:
    code = pl.when(status).then(pl.lit("pass")).when(~status).then(pl.lit("fail")).otherwise(
        pl.lit("unknown"))
    if waived is None:
        return code
    return pl.when(waived).then(pl.lit("waived")).otherwise(code)


def _bound(name: str | None) -> pl.Expr:
    return pl.lit(None, dtype=pl.Int64) if name is None else pl.col(name).cast(pl.Int64)


def _score(lower: str | None, upper: str | None) -> pl.Expr:
    if lower is None or upper is None:
        return pl.lit(None, dtype=pl.Int64)
    return pl.when(pl.col(lower) == pl.col(upper)).then(pl.col(lower).cast(pl.Int64))


def run_engine(engine: str, chunk: pl.DataFrame, plan: Plan, options: dict[str, Any]
               ) -> pl.DataFrame:
    if engine == "polars":
        return engines.run_polars(chunk, plan, KEEP)
    if engine == "duckdb":
        return engines.run_duckdb(chunk, plan, KEEP, options.get("duckdb"))
    if engine == "spark":
        return engines.run_spark(chunk, plan, KEEP, options.get("spark"))
    if engine == "sqlite":
        return engines.run_sqlite(chunk, plan, KEEP)
    if engine == "postgres":
        return engines.run_postgres(chunk, plan, KEEP, options.get("dsn", engines.POSTGRES_DSN))
    raise InputError(f"未知的计算引擎“{engine}”：可选 {'、'.join(engines.ENGINES)}")


def screen(request: ScreeningRequest, progress: Progress | None = None) -> Summary:
    """Screen every row of ``request.input`` against every requested set, chunk by chunk."""
    report = progress or (lambda done, total, message: None)
    started = time.perf_counter()
    frame = scan_input(request.input)
    plans = compile_sets(request.criteria, request.on, request.application,
                         frame.collect_schema())
    total = frame.select(pl.len()).collect().item()
    statuses = status_columns(plans)
    summary = SummaryBuilder(request, plans)
    options = _engine_options(request)
    writer: pq.ParquetWriter | None = None
    report(0, total, f"共 {total} 户企业，{len(plans)} 套认定标准，引擎 {request.engine}")
    try:
        for offset in range(0, max(total, 1), request.chunk_rows):
            chunk = collect_chunk(frame, offset, request.chunk_rows, request.input.name)
            for plan in plans:
                rows = long_rows(run_engine(request.engine, chunk, plan, options), plan, statuses)
                summary.add(plan, rows)
                table = rows.to_arrow()
                writer = writer or pq.ParquetWriter(request.output, table.schema)
                writer.write_table(table)
            done = min(offset + request.chunk_rows, total)
            report(done, total, f"已筛查 {done}/{total} 户")
    finally:
        if writer is not None:
            writer.close()
    result = summary.build(total, time.perf_counter() - started)
    if request.summary is not None:
        result.write_json(request.summary)
    return result


def _engine_options(request: ScreeningRequest) -> dict[str, Any]:
    options = dict(request.options)
    if request.engine == "duckdb" and "duckdb" not in options:
        import duckdb

        options["duckdb"] = duckdb.connect()
    if request.engine == "spark" and "spark" not in options:
        from .spark import local_session

        options["spark"] = local_session()
    return options
