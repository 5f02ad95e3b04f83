"""Benchmark: generating a synthetic population and writing it to Parquet.

    python -m bench.generate_bench [--enterprises 1000000] [--baseline 20000] [--seed 1]

Times ``population.generate`` (NumPy + Polars, vectorised) and ``write_parquet`` for
``--enterprises`` rows, and compares in the same run against a naive baseline: one Python
``random`` draw per cell in a per-row loop, per-row names and USCC check characters, and a
Polars frame built from the row dicts. The baseline runs on ``--baseline`` rows and is
extrapolated linearly (it is linear by construction). Prints throughput, ratios and peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

from indicators import uscc
from indicators.vocabulary import BY_ID, Kind
from population import DEFAULT_YEARS, generate, schema, write_parquet

TARGET_SECONDS = 120.0
BRANDS = "华瑞鑫盛恒达泰源宏博创精汇通联德明信润宇星辰嘉锦东方中天海龙"


def naive_population(n: int, seed: int) -> pl.DataFrame:
    """The straightforward way: a Python loop over enterprises and over every column."""
    rng = random.Random(seed)
    columns = schema(DEFAULT_YEARS)
    rows = [_naive_row(rng, i, columns) for i in range(n)]
    return pl.DataFrame(rows, schema=columns, orient="row")


def _naive_row(rng: random.Random, index: int, columns: dict[str, Any]) -> list[Any]:
    body8 = f"{index:08d}"
    code17 = f"91320509{body8}{uscc.org_check_character(body8)}"
    name = f"苏州{rng.choice(BRANDS)}{rng.choice(BRANDS)}精密机械{index}有限公司"
    row: list[Any] = [code17 + uscc.check_character(code17), name, "320509", "C3484"]
    for column in list(columns)[4:]:
        row.append(_naive_value(rng, column))
    return row


def _naive_value(rng: random.Random, column: str) -> Any:
    if rng.random() < 0.03:
        return None
    indicator = BY_ID.get(column.split("__")[0])
    if indicator is None:  # a title date
        return dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2000))
    if indicator.kind is Kind.BOOL:
        return rng.random() < 0.5
    if indicator.kind is Kind.ENUM:
        return rng.choice(indicator.choice_codes)
    if indicator.kind is Kind.DATE:
        return dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))
    return round(rng.lognormvariate(17.0, 1.2))


def _timed(action: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def _cpu_timed(action: Any) -> tuple[Any, float, float]:
    """Wall and CPU seconds: on a shared machine CPU time shows the work, wall the wait."""
    cpu = time.process_time()
    result, wall = _timed(action)
    return result, wall, time.process_time() - cpu


def _peak_memory_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # KiB on Linux


def run(enterprises: int, baseline_rows: int, seed: int) -> dict[str, float]:
    _, naive_seconds = _timed(lambda: naive_population(baseline_rows, seed))
    naive_rate = baseline_rows / naive_seconds
    small, small_seconds = _timed(lambda: generate(baseline_rows, seed))
    frame, generate_seconds, generate_cpu = _cpu_timed(lambda: generate(enterprises, seed))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "population.parquet"
        _, write_seconds, write_cpu = _cpu_timed(lambda: write_parquet(frame, target))
        size_mb = target.stat().st_size / 1e6
    total = generate_seconds + write_seconds
    return {
        "enterprises": enterprises, "columns": frame.width, "baseline_rows": baseline_rows,
        "generate_seconds": generate_seconds, "write_seconds": write_seconds,
        "total_seconds": total, "rate": enterprises / total, "parquet_mb": size_mb,
        "generate_cpu": generate_cpu, "write_cpu": write_cpu,
        "naive_rate": naive_rate, "naive_extrapolated": enterprises / naive_rate,
        "small_rate": small.height / small_seconds,
        "speedup_total": (enterprises / naive_rate) / total,
        "speedup_same_size": naive_seconds / small_seconds,
        "peak_gb": _peak_memory_gb(),
    }


def report(r: dict[str, float]) -> str:
    verdict = "达标" if r["total_seconds"] < TARGET_SECONDS else "未达标"
    return "\n".join([
        f"合成企业数据基准：{r['enterprises']:,.0f} 家企业 × {r['columns']:.0f} 列",
        f"  生成 {r['generate_seconds']:.1f} 秒 + 写 Parquet {r['write_seconds']:.1f} 秒"
        f" = {r['total_seconds']:.1f} 秒（目标 < {TARGET_SECONDS:.0f} 秒：{verdict}），"
        f"文件 {r['parquet_mb']:,.0f} MB",
        f"  CPU 时间：生成 {r['generate_cpu']:.1f} 秒 + 写文件 {r['write_cpu']:.1f} 秒"
        f"（墙钟时间远大于 CPU 时间说明机器正忙）",
        f"  吞吐：{r['rate']:,.0f} 家/秒（含写文件）",
        f"  基线（逐行 Python 生成，{r['baseline_rows']:,.0f} 行样本）："
        f"{r['naive_rate']:,.0f} 家/秒，"
        f"外推 {r['enterprises']:,.0f} 家需 {r['naive_extrapolated']:.0f} 秒",
        f"  同样本量向量化生成：{r['small_rate']:,.0f} 家/秒，"
        f"为基线的 {r['speedup_same_size']:.1f} 倍",
        f"  全量对比：向量化（含写文件）为基线外推的 {r['speedup_total']:.1f} 倍",
        f"  峰值内存（ru_maxrss）：{r['peak_gb']:.2f} GB",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description="合成企业数据生成基准")
    parser.add_argument("--enterprises", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(report(run(args.enterprises, args.baseline, args.seed)))


if __name__ == "__main__":
    main()
