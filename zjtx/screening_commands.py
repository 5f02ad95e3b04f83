"""Commands of the screening family (`zjtx screen`); see zjtx/cli.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from eligibility.authoring.model import CriteriaSet

ENGINES = ("polars", "duckdb", "spark", "sqlite", "postgres")


def _criteria(ids: str, directory: Path | None) -> list[CriteriaSet]:
    from eligibility.api import LibraryError, default_criteria_dir, load_library

    folder = directory or default_criteria_dir()
    try:
        library = load_library(folder)
    except LibraryError as exc:
        raise click.ClickException(f"认定标准目录 {folder} 有错误：{exc}") from exc
    known = {s.id: s for s in library.sets}
    wanted = [i.strip() for i in ids.split(",") if i.strip()]
    unknown = [i for i in wanted if i not in known]
    if unknown or not wanted:
        raise click.ClickException(
            f"未找到认定标准：{'、'.join(unknown) or '（空）'}。"
            f"可用的有：{'、'.join(sorted(known))}")
    return [known[i] for i in wanted]


def _progress(done: int, total: int, message: str) -> None:
    click.echo(message, err=True)


@click.command("screen")
@click.option("--criteria", "criteria_ids", required=True,
              help="认定标准编号，多个用逗号分隔，"
                   "如 little_giant_national_2022,srdi_sme_jiangsu_2022")
@click.option("--input", "input_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="企业数据文件（列式布局的 .parquet 或 .csv，见 docs/facts.md）")
@click.option("--output", "output_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="结果文件（.parquet）")
@click.option("--engine", type=click.Choice(ENGINES), default="polars", show_default=True,
              help="计算引擎")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="评价日期（YYYY-MM-DD，默认今天；上年度 = 该日期所在年份减一）")
@click.option("--application", type=click.Choice(["new", "re_review"]), default="new",
              show_default=True, help="申报类型：new 新申报，re_review 复核")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="另存汇总（JSON）")
@click.option("--criteria-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="认定标准目录（默认 $ZJTX_CRITERIA_DIR 或仓库的 criteria/）")
@click.option("--chunk-rows", type=click.IntRange(min=1), default=500_000, show_default=True,
              help="每批处理的企业数（控制内存）")
def screen(criteria_ids: str, input_path: Path, output_path: Path, engine: str,
           on: object, application: str, summary_path: Path | None,
           criteria_dir: Path | None, chunk_rows: int) -> None:
    """按认定标准批量筛查企业，输出每户企业每项条件的结果与汇总。"""
    from eligibility.screening import InputError, ScreeningRequest
    from eligibility.screening import screen as run_screening

    day = on.date() if hasattr(on, "date") else date.today()
    request = ScreeningRequest(
        criteria=_criteria(criteria_ids, criteria_dir), input=input_path, output=output_path,
        on=day, application=application, engine=engine, chunk_rows=chunk_rows,
        summary=summary_path)
    try:
        summary = run_screening(request, _progress)
    except InputError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(summary.text())
    saved = f"，汇总已写入 {summary_path}" if summary_path else ""
    click.echo(f"结果已写入 {output_path}{saved}")


def register(group: click.Group) -> None:
    """Attach this family's commands to the top-level group."""
    group.add_command(screen)
