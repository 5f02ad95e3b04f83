"""Commands of the engine family; see zjtx/cli.py.

    zjtx criteria list|check|test [--dir DIR]
    zjtx criteria docs [--out docs/criteria.md]     the generated catalogue
    zjtx criteria diff OLD_ID NEW_ID                what changed between two versions
    zjtx evaluate FACTS.json (--criteria ID | --ladder) [--on DATE] [--application new|re_review]
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click

from eligibility.api import (
    CRITERIA_DIR_ENV,
    Library,
    Outcome,
    OverrideError,
    default_criteria_dir,
    evaluate,
    evaluate_ladder,
    load_library,
)
from eligibility.catalogue import diff_sets, render_catalogue, render_diff
from eligibility.testing import run_directory
from indicators.document import FactsDocument, FactsDocumentError, load_facts

_DIR_HELP = f"认定标准目录（默认：仓库的 criteria/，或环境变量 {CRITERIA_DIR_ENV}）"


def _dir_option(func: click.decorators.FC) -> click.decorators.FC:
    return click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
                        envvar=CRITERIA_DIR_ENV, default=None, show_envvar=True,
                        help=_DIR_HELP)(func)


def _library(directory: Path | None) -> Library:
    root = directory or default_criteria_dir()
    if not root.is_dir():
        raise click.ClickException(f"认定标准目录不存在：{root}")
    return load_library(root)


@click.group("criteria")
def criteria_group() -> None:
    """认定标准（规则库）：列出、检查、运行测试用例。"""


@criteria_group.command("list")
@_dir_option
def list_command(directory: Path | None) -> None:
    """列出全部认定标准：编号、名称、层级、级别、有效期。"""
    library = _library(directory)
    for s in sorted(library.sets, key=lambda s: (s.tier_rank, s.effective_from, s.id)):
        until = s.effective_until.isoformat() if s.effective_until else "长期"
        kinds = "、".join(a.value for a in s.application_types)
        click.echo(f"{s.id}\t{s.title}\t{s.tier}\t{s.level}\t{s.jurisdiction}\t"
                   f"{s.effective_from.isoformat()}～{until}\t{kinds}")
    if library.issues:
        click.echo(f"另有 {len(library.issues)} 处错误，请运行 zjtx criteria check", err=True)


@criteria_group.command("check")
@_dir_option
def check_command(directory: Path | None) -> None:
    """检查全部认定标准文件，有错误时以状态1退出（格式：文件:行 错误编号 说明）。"""
    library = _library(directory)
    for issue in library.issues:
        click.echo(str(issue))
    click.echo(f"共检查 {len(library.sets) + len(library.issues)} 处："
               f"{len(library.sets)} 个认定标准通过，{len(library.issues)} 处错误")
    if library.issues:
        sys.exit(1)


@criteria_group.command("test")
@_dir_option
@click.option("-v", "--verbose", is_flag=True, help="列出每个用例")
def test_command(directory: Path | None, verbose: bool) -> None:
    """运行全部 *.cases.yaml 测试用例，失败时以状态1退出。"""
    root = directory or default_criteria_dir()
    results, issues = run_directory(root, _library(directory))
    for issue in issues:
        click.echo(str(issue))
    for result in results:
        if verbose or not result.passed:
            click.echo(("通过 " if result.passed else "失败 ") + str(result))
    failed = sum(1 for r in results if not r.passed)
    click.echo(f"用例 {len(results)} 个：通过 {len(results) - failed}，失败 {failed}；"
               f"文件错误 {len(issues)}")
    if failed or issues:
        sys.exit(1)


def default_catalogue_path() -> Path:
    """docs/criteria.md of the repository this package belongs to."""
    return Path(__file__).resolve().parent.parent / "docs" / "criteria.md"


@criteria_group.command("docs")
@_dir_option
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="输出文件（默认：仓库的 docs/criteria.md；“-”表示输出到屏幕）")
def docs_command(directory: Path | None, out: Path | None) -> None:
    """生成认定标准目录（中文 Markdown）：按梯度与日期列出每个认定标准的全部条件。"""
    library = _library(directory)
    if library.issues:
        raise click.ClickException(
            f"认定标准有 {len(library.issues)} 处错误，请先运行 zjtx criteria check 修正")
    text = render_catalogue(library)
    if out is not None and str(out) == "-":
        click.echo(text, nl=False)
        return
    target = out or default_catalogue_path()
    target.write_text(text, encoding="utf-8")
    click.echo(f"已写入 {target}（{len(library.sets)} 个认定标准）")


@criteria_group.command("diff")
@click.argument("old_id", metavar="旧版编号")
@click.argument("new_id", metavar="新版编号")
@_dir_option
def diff_command(old_id: str, new_id: str, directory: Path | None) -> None:
    """比较同一梯度两个版本的认定标准，如 cn-2022-little-giant cn-2026-little-giant。"""
    library = _library(directory)
    sets = []
    for set_id in (old_id, new_id):
        try:
            sets.append(library.get(set_id))
        except KeyError:
            raise click.ClickException(
                f"找不到认定标准“{set_id}”（运行 zjtx criteria list 查看，或 criteria check 查错）",
            ) from None
    click.echo(render_diff(diff_sets(sets[0], sets[1])), nl=False)


@click.command("evaluate")
@click.argument("facts_file", metavar="FACTS.json",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--criteria", "set_id", help="认定标准编号（见 zjtx criteria list）")
@click.option("--ladder", is_flag=True, help="按梯度评估该日期在企业所在地有效的全部认定标准")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="评估日期 YYYY-MM-DD（默认今天）；上年度 = 该年 − 1")
@click.option("--application", type=click.Choice(["new", "re_review"]), default="new",
              show_default=True, help="申报类型：new 新申报，re_review 复核")
@click.option("--param", "params", multiple=True, metavar="名称=值",
              help="假设分析：覆盖参数取值，如 --param rd_intensity_large=4%（可重复）")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式")
@_dir_option
def evaluate_command(facts_file: Path, set_id: str | None, ladder: bool, on: datetime | None,
                     application: str, params: tuple[str, ...], fmt: str,
                     directory: Path | None) -> None:
    """用企业事实文档（zjtx.facts/1 JSON）评估认定标准，说明未满足的条款、差距和缺少的数据。"""
    if ladder == bool(set_id):
        raise click.UsageError("请指定 --criteria 编号或 --ladder（二选一）")
    try:
        facts = load_facts(facts_file)
    except FactsDocumentError as exc:
        raise click.ClickException("事实文档有误：\n" + "\n".join(map(str, exc.issues))) from None
    day = on.date() if on is not None else date.today()
    library = _library(directory)
    outcomes = _run(library, facts, set_id, day, application, _overrides(params))
    _print(outcomes, fmt, ladder)


def _overrides(params: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--param 须写成 名称=值，而不是“{item}”")
        out[name.strip()] = value.strip()
    return out


def _run(library: Library, facts: FactsDocument, set_id: str | None, day: date,
         application: str, overrides: dict[str, str]) -> list[Outcome]:
    if set_id is None:
        return evaluate_ladder(library, facts, on=day, application=application)
    try:
        criteria_set = library.get(set_id)
    except KeyError:
        raise click.ClickException(
            f"找不到认定标准“{set_id}”（运行 zjtx criteria list 查看，或 criteria check 查错）",
        ) from None
    try:
        return [evaluate(criteria_set, facts, on=day, application=application,
                         overrides=overrides)]
    except OverrideError as exc:
        raise click.ClickException(str(exc)) from None


def _print(outcomes: list[Outcome], fmt: str, ladder: bool) -> None:
    if fmt == "json":
        data = [o.to_dict() for o in outcomes]
        click.echo(json.dumps(data if ladder else data[0], ensure_ascii=False, indent=2))
        return
    if not outcomes:
        click.echo("该日期在企业所在地没有有效的认定标准")
    click.echo("\n\n".join(o.explanation for o in outcomes))


def register(group: click.Group) -> None:
    """Attach this family's commands to the top-level group."""
    group.add_command(criteria_group)
    group.add_command(evaluate_command)

