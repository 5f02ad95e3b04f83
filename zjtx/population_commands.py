"""Commands of the population family (synthetic enterprises); see zjtx/cli.py."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

NO_DATABASE_MESSAGE = (
    "未指定 --out，且当前无法写入数据库（登记模块的 portal.enterprises.loading.load_population "
    "不可用或 Django 未配置）。\n"
    "写入演示数据库请使用 `zjtx demo` 或登记模块的批量载入功能；"
    "如只需数据文件，请加 --out 文件名.parquet。"
)


def parse_years(text: str) -> tuple[int, ...]:
    """``2021-2025`` or ``2021,2023,2025`` → a tuple of years; Chinese error otherwise."""
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
            years = tuple(range(first, last + 1))
        else:
            years = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise click.ClickException(f"年度“{text}”格式不对，应如 2021-2025 或 2023,2024,2025") \
            from None
    if not years:
        raise click.ClickException(f"年度“{text}”为空，应如 2021-2025")
    return years


@click.command("generate")
@click.option("--enterprises", "count", type=click.IntRange(1), required=True,
              help="生成的企业数量")
@click.option("--seed", type=click.IntRange(0), required=True,
              help="随机种子（同一种子生成完全相同的数据）")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="写入的 Parquet 文件；不指定则写入数据库")
@click.option("--years", "years_text", default="2021-2025", show_default=True,
              help="年度指标覆盖的会计年度，如 2021-2025 或 2023,2024,2025")
@click.option("--region-prefix", "region_prefixes", multiple=True, default=("32",),
              show_default=True, help="只在区域代码以此开头的区域生成（可重复），如 3205、320509")
def generate(count: int, seed: int, out: Path | None, years_text: str,
             region_prefixes: tuple[str, ...]) -> None:
    """生成江苏企业合成数据（列式版式，见 docs/facts.md）。"""
    from population import generate as generate_population
    from population import write_parquet

    years = parse_years(years_text)
    loader = None if out is not None else _database_loader()
    if out is None and loader is None:
        click.echo(NO_DATABASE_MESSAGE, err=True)
        sys.exit(2)
    started = time.perf_counter()
    try:
        frame = generate_population(count, seed, years, list(region_prefixes))
    except ValueError as err:
        raise click.ClickException(str(err)) from err
    generated = time.perf_counter() - started
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    click.echo(f"已生成 {frame.height:,} 家企业（种子 {seed}，年度 {span}，{frame.width} 列），"
               f"用时 {generated:.1f} 秒。")
    if out is not None:
        write_parquet(frame, out)
        size, elapsed = out.stat().st_size / 1e6, time.perf_counter() - started
        click.echo(f"已写入 {out}（{size:,.1f} MB），共用时 {elapsed:.1f} 秒。")
        return
    assert loader is not None
    try:
        created = loader(frame, actor=None)
    except Exception as err:
        raise click.ClickException(f"写入数据库失败：{err}") from err
    click.echo(f"已载入数据库：新登记 {created:,} 家企业。")


def _database_loader() -> Callable[..., Any] | None:
    """The registry's bulk loader, if the portal and a Django configuration are available."""
    try:
        from zjtx.django_setup import configure_django

        configure_django()
        from portal.enterprises.loading import load_population
    except Exception:  # any failure here means there is no database to write to
        return None
    return load_population


def register(group: click.Group) -> None:
    """Attach this family's commands to the top-level group."""
    group.add_command(generate)
