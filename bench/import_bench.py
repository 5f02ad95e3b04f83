"""Benchmark: importing a large annual-figures workbook into the registry.

    python -m bench.import_bench [--rows 100000] [--baseline-rows 2000] [--keep]

Sets up its own SQLite database in a temporary directory, generates a workbook (企业信息 with
one row per enterprise, 年度指标 with ``--rows`` rows: three fiscal years per enterprise,
twelve annual figures per row, money with up to 4 decimals of 万元), imports it with the
registry's importer, imports it a second time (nothing may change), and compares against a
naive baseline measured in the same run: openpyxl reading plus one ``fact_set`` ORM write per
cell, timed on a ``--baseline-rows`` sample and extrapolated linearly.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

YEARS = (2022, 2023, 2024)
FIGURES = ("revenue", "main_revenue", "main_product_revenue", "total_profit", "net_profit",
           "taxes_paid", "total_assets", "total_liabilities", "rd_expense", "total_cost",
           "employees", "rd_staff")
TARGET_SECONDS = 60.0


def _uscc(number: int) -> str:
    from indicators import uscc

    body8 = f"MA{number:06d}"
    code17 = f"91320509{body8}{uscc.org_check_character(body8)}"
    return code17 + uscc.check_character(code17)


def _figures(n: int, year: int) -> list[Any]:
    """Deterministic, plausible figures (万元 with 4 decimals; people as integers)."""
    revenue = 1000 + (n * 7919 + year * 13) % 90_000 + ((n * 31 + year) % 10_000) / 10_000
    main = round(revenue * 0.9, 4)
    employees = 20 + (n * 17 + year) % 480
    return [revenue, main, round(main * 0.6, 4), round(revenue * 0.08, 4),
            round(revenue * 0.06, 4), round(revenue * 0.03, 4), round(revenue * 1.4, 4),
            round(revenue * 0.7, 4), round(revenue * 0.045, 4), round(revenue * 0.85, 4),
            employees, employees // 5]


def generate(path: Path, rows: int) -> None:
    """Write the benchmark workbook with the template's headers (runs in a child process so
    the parent's peak memory is the import's)."""
    import xlsxwriter

    from portal.enterprises.xlsx import sheets

    enterprises = -(-rows // len(YEARS))
    labels = {c.key: c.label for name in sheets.DATA_SHEETS for c in sheets.COLUMNS[name]}
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    info = book.add_worksheet(sheets.ENTERPRISES)
    info.write_row(0, 0, [labels[k] for k in ("uscc", "name", "region_code", "industry_code")])
    for n in range(enterprises):
        info.write_row(n + 1, 0, [_uscc(n), f"基准测试企业{n:06d}有限公司", "320509", "C3484"])
    annual = book.add_worksheet(sheets.ANNUAL_SHEET)
    annual.write_row(0, 0, [labels["uscc"], labels["year"], *(labels[f] for f in FIGURES)])
    for index in range(rows):
        n, year = divmod(index, len(YEARS))
        annual.write_row(index + 1, 0, [_uscc(n), YEARS[year], *_figures(n, YEARS[year])])
    book.close()


def _setup_django(directory: Path) -> None:
    os.environ["ZJTX_DATA_DIR"] = str(directory)
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from portal.industries.models import Industry
    from portal.regions.models import Region

    province = Region.objects.create(code="320000", name="江苏省", kind="province")
    city = Region.objects.create(code="320500", name="苏州市", kind="city", parent=province)
    Region.objects.create(code="320509", name="吴江区", kind="district", parent=city)
    section = Industry.objects.create(code="C", name="制造业", level="section")
    Industry.objects.create(code="C3484", name="机械零部件加工", level="class", parent=section)


def timed_import(path: Path) -> tuple[float, Any, list[tuple[str, float]]]:
    from portal.enterprises.xlsx.importing import import_workbook

    stages: list[tuple[str, float]] = []
    start = time.perf_counter()

    def progress(done: int, total: int, message: str) -> None:
        stages.append((message, time.perf_counter() - start))

    record = import_workbook(source=path, file_name=path.name, actor=None, progress=progress)
    return time.perf_counter() - start, record, stages


def baseline(path: Path, sample: int) -> float:
    """openpyxl + one ORM write (the fact_set service) per cell, on the first ``sample``
    annual rows; enterprises are looked up row by row. Returns seconds for the sample."""
    import openpyxl
    from django.db import transaction

    from indicators.vocabulary import BY_ID
    from portal.enterprises import values
    from portal.enterprises.models import Enterprise
    from portal.enterprises.services import fact_set

    start = time.perf_counter()
    sheet = openpyxl.load_workbook(path, read_only=True)["年度指标"]
    rows = sheet.iter_rows(min_row=2, max_row=sample + 1, values_only=True)
    with transaction.atomic():
        for uscc, year, *cells in rows:
            enterprise = Enterprise.objects.get(uscc=uscc)
            for indicator, cell in zip(FIGURES, cells, strict=True):
                ind = BY_ID[indicator]
                value = values.parse_user_value(ind, repr(cell))
                fact_set(enterprise=enterprise, indicator=indicator, year=int(year),
                         value=value, source="statistics", actor=None)
    return time.perf_counter() - start


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="企业年度指标 Excel 导入基准测试")
    parser.add_argument("--rows", type=int, default=100_000, help="年度指标行数")
    parser.add_argument("--baseline-rows", type=int, default=2_000, help="基线样本行数")
    parser.add_argument("--keep", action="store_true", help="保留临时目录")
    args = parser.parse_args(argv)
    directory = Path(tempfile.mkdtemp(prefix="zjtx-import-bench-"))
    path = directory / "annual.xlsx"
    started = time.perf_counter()
    child = multiprocessing.get_context("spawn").Process(target=generate,
                                                         args=(path, args.rows))
    child.start()
    child.join()
    print(f"生成文件：{path.stat().st_size / 2**20:.1f} MiB，"
          f"{args.rows} 行年度指标（{time.perf_counter() - started:.1f} s）")
    _setup_django(directory)
    report(path, args)
    if not args.keep:
        import shutil

        shutil.rmtree(directory, ignore_errors=True)
    return 0


def report(path: Path, args: argparse.Namespace) -> None:
    from portal.enterprises.models import Fact

    rss_before = _peak_mib()
    seconds, record, stages = timed_import(path)
    peak = _peak_mib()
    assert record.status == "succeeded", record.errors[:5]
    print(f"导入：{seconds:.1f} s，{args.rows / seconds:,.0f} 行/秒，"
          f"{record.counts['facts_written']:,} 条指标值（目标 < {TARGET_SECONDS:.0f} s）")
    print("  阶段：" + "，".join(f"{m} @{t:.1f}s" for m, t in stages))
    print(f"  进程内存峰值：{peak:.0f} MiB（导入前 {rss_before:.0f} MiB）")
    again, second, _ = timed_import(path)
    assert second.counts["facts_written"] == 0
    print(f"再次导入同一文件：{again:.1f} s，写入 0 条（幂等）")
    facts_before = Fact.objects.count()
    sample = min(args.baseline_rows, args.rows)
    Fact.objects.all().delete()
    base = baseline(path, sample)
    per_row = base / sample
    print(f"基线（openpyxl + 逐条 ORM 写入）：{sample} 行 {base:.1f} s，"
          f"{1 / per_row:,.0f} 行/秒；外推 {args.rows} 行约 {per_row * args.rows:,.0f} s")
    print(f"加速比：{per_row * args.rows / seconds:.0f}×"
          f"（数据库中原有指标值 {facts_before:,} 条）")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
