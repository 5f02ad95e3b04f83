"""Screening benchmark: one million generated enterprises × a realistic pair of criteria sets.

    python -m bench.screen_bench [--enterprises 1000000] [--no-spark]

The pair: 专精特新“小巨人” 2022 (revenue-banded R&D intensity in each of the last 2 years) and
江苏专精特新中小企业 2022 (a 13-indicator, 100-point score table). Engines: Polars, DuckDB,
Spark (local mode, if Java is present) and SQLite on a smaller sample; the baseline is the
reference interpreter looping over rows in Python, timed on a sample and extrapolated, in the
same run. Every engine's verdicts are checked against the others (and the sample against the
interpreter) before any figure is printed. Polars screens the pair in one query (what the two
sets share is computed once); the time of one query per set is printed beside it. Plain Polars
operations timed in the same run ("normalising") let runs on differently loaded machines be
compared.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TypeVar

import polars as pl

from eligibility.api import CriteriaSet, default_criteria_dir, load_library
from eligibility.backends.lowering import Plan, lower_program
from eligibility.backends.polars import plan_steps
from eligibility.screening import engines
from eligibility.screening.documents import documents
from eligibility.screening.reference import interpret_frame
from eligibility.screening.spark import java_missing_reason
from eligibility.screening.verify import count_disagreements

ON = date(2026, 3, 1)
SETS = ("little_giant_national_2022", "srdi_sme_jiangsu_2022")
T = TypeVar("T")
FIXTURES = Path(__file__).resolve().parent.parent / "eligibility/tests/fixtures/criteria"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(repeats: int, action: Callable[[], T]) -> tuple[float, T]:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def normalising_figures(frame: pl.DataFrame) -> str:
    """Plain Polars operations over the same rows, timed in the same run: they scale with the
    machine's load as the screening does, so figures from different runs can be compared."""
    a, b, c = (pl.col(name) for name in ("revenue__2025", "rd_expense__2025", "revenue__2024"))
    wide = [x.cast(pl.Int128) for x in (a, b, c)]
    probes = {"Int64 a >= c": a >= c, "Int64 a*b >= c*3": a * b >= c * 3,
              "Int128 a*b >= c*3": wide[0] * wide[1] >= wide[2] * 3}
    timed = [f"{label} {probe_ms(frame, expr):.1f} ms" for label, expr in probes.items()]
    return f"normalising ({frame.height:,} rows, best of 7): " + "; ".join(timed)


def probe_ms(frame: pl.DataFrame, expr: pl.Expr) -> float:
    return best_of(7, lambda: frame.lazy().select(expr).collect())[0] * 1e3


def load_pair() -> list[CriteriaSet]:
    for folder in (default_criteria_dir(), FIXTURES):
        if folder.is_dir():
            library = load_library(folder)
            known = {s.id: s for s in library.sets}
            if all(i in known for i in SETS):
                return [known[i] for i in SETS]
    raise SystemExit(f"找不到认定标准 {'、'.join(SETS)}")


def run_all(runner: Callable[[pl.DataFrame, Plan], pl.DataFrame], frame: pl.DataFrame,
            plans: list[Plan]) -> list[pl.DataFrame]:
    return [runner(frame, plan) for plan in plans]


def agree(left: list[pl.DataFrame], right: list[pl.DataFrame], plans: list[Plan]) -> int:
    return sum(count_disagreements(a, b, p.public_columns)
               for a, b, p in zip(left, right, plans, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--baseline-sample", type=int, default=2_000)
    parser.add_argument("--sqlite-sample", type=int, default=100_000)
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()

    from population.generation import generate

    started = time.perf_counter()
    frame = generate(args.enterprises, args.seed)
    n = frame.height
    print(f"generated {n} enterprises × {frame.width} columns in "
          f"{time.perf_counter() - started:.1f} s; peak RSS {peak_mb():.0f} MB")
    sets = load_pair()
    kinds = engines.column_kinds(frame.schema)
    compile_s, plans = best_of(1, lambda: [
        lower_program(s.program, ON, "new", columns=kinds) for s in sets])
    render_s, _ = best_of(1, lambda: plan_steps(plans))  # cached: the runs below reuse it
    print(f"compiled {len(plans)} sets in {compile_s * 1000:.0f} ms, Polars expressions "
          f"rendered in {render_s * 1000:.0f} ms "
          f"(criteria: {', '.join(f'{p.set_id} {len(p.clauses)}' for p in plans)})")

    rows: list[tuple[str, int, float]] = []
    print(normalising_figures(frame))
    polars_s, polars_out = best_of(5, lambda: engines.run_polars_many(frame, plans))
    rows.append(("polars", n, polars_s))
    apart_s, apart_out = best_of(5, lambda: run_all(engines.run_polars, frame, plans))
    assert agree(polars_out, apart_out, plans) == 0, "polars disagrees with itself"
    print(f"polars   {polars_s:.3f} s (one query for the pair; {apart_s:.3f} s one query per "
          f"set)  peak RSS {peak_mb():.0f} MB")

    duck_s, duck_out = best_of(3, lambda: run_all(engines.run_duckdb, frame, plans))
    rows.append(("duckdb", n, duck_s))
    assert agree(polars_out, duck_out, plans) == 0, "duckdb disagrees with polars"
    print(f"duckdb   {duck_s:.3f} s  peak RSS {peak_mb():.0f} MB  (agrees with polars)")

    sample = frame.head(args.sqlite_sample)
    lite_s, lite_out = best_of(1, lambda: run_all(engines.run_sqlite, sample, plans))
    rows.append(("sqlite (incl. load)", sample.height, lite_s))
    head = [r.head(sample.height) for r in polars_out]
    print(f"sqlite   {lite_s:.3f} s on {sample.height} rows; "
          f"{agree(head, lite_out, plans)} cells unknown where others decide")

    if not args.no_spark and java_missing_reason() is None:
        rows.append(spark_row(frame, plans, polars_out))

    base = frame.head(args.baseline_sample)
    docs = documents(base)
    interp_s, interp_out = best_of(1, lambda: [
        interpret_frame(s.program, docs, p, ON, "new") for s, p in zip(sets, plans, strict=True)])
    small = [r.head(base.height) for r in polars_out]
    assert agree(small, interp_out, plans) == 0, "polars disagrees with the interpreter"
    per_row = interp_s / base.height
    print(f"baseline interpreter {interp_s:.2f} s on {base.height} rows "
          f"({per_row * 1e3:.2f} ms per enterprise × pair; agrees with polars) → "
          f"{per_row * n:.0f} s extrapolated to {n}")
    report(rows, per_row, n, compile_s)
    print(normalising_figures(frame))


def spark_row(frame: pl.DataFrame, plans: list[Plan],
              reference: list[pl.DataFrame]) -> tuple[str, int, float]:
    from eligibility.backends.sql import plan_sql
    from eligibility.screening.spark import local_session

    started = time.perf_counter()
    session = local_session()
    print(f"spark session (JVM start) {time.perf_counter() - started:.1f} s")
    with TemporaryDirectory(prefix="zjtx-bench-") as tmp:
        path = Path(tmp) / "facts.parquet"
        frame.write_parquet(path)
        session.read.parquet(str(path)).createOrReplaceTempView(engines.TABLE)
        queries = [plan_sql(p, engines.TABLE, "spark") for p in plans]

        def run() -> list[pl.DataFrame]:
            out = []
            for query, plan in zip(queries, plans, strict=True):
                table = pl.from_arrow(session.sql(query).toArrow())
                assert isinstance(table, pl.DataFrame)
                out.append(engines.normalise(table, plan, ()))
            return out

        spark_s, spark_out = best_of(2, run)
    wrong = agree(reference, spark_out, plans)
    assert wrong == 0, f"spark disagrees with polars in {wrong} cells"
    print(f"spark    {spark_s:.3f} s  (agrees with polars)")
    return ("spark (local[2])", frame.height, spark_s)


def report(rows: list[tuple[str, int, float]], per_row: float, n: int, compile_s: float) -> None:
    print()
    print("| engine | enterprises | seconds (pair) | enterprises/s | × baseline |")
    print("|---|---:|---:|---:|---:|")
    for name, count, seconds in rows:
        rate = count / seconds
        print(f"| {name} | {count:,} | {seconds:.3f} | {rate:,.0f} | {rate * per_row:,.0f}× |")
    print(f"| interpreter, per row (baseline) | {n:,} (extrapolated) | {per_row * n:,.0f} | "
          f"{1 / per_row:,.0f} | 1× |")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\ncompile {compile_s * 1000:.0f} ms; peak RSS {peak_mb():.0f} MB; "
          f"load average {load} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
