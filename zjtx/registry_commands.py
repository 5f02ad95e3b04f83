"""Commands of the registry family (facts, import, export); see zjtx/cli.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from zjtx.django_setup import configure_django


@click.command("facts")
@click.argument("target")
@click.option("--into", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="与 vocabulary 连用：更新该 Markdown 文件末尾的指标目录（如 docs/facts.md）")
def facts(target: str, into: Path | None) -> None:
    """打印企业的事实文档（JSON）；TARGET 为统一社会信用代码。

    `zjtx facts vocabulary` 打印指标目录（Markdown，docs/facts.md 末尾的表格）；
    `zjtx facts vocabulary --into docs/facts.md` 就地更新该表格。
    """
    if target == "vocabulary":
        from portal.enterprises.vocabulary_doc import vocabulary_markdown, with_current_section

        if into is None:
            click.echo(vocabulary_markdown(), nl=False)
        else:
            into.write_text(with_current_section(into.read_text(encoding="utf-8")),
                            encoding="utf-8")
            click.echo(f"已更新 {into} 的指标目录。")
        return
    configure_django()
    from portal.enterprises.documents import facts_document
    from portal.enterprises.selectors import enterprise_by_uscc

    enterprise = enterprise_by_uscc(target.strip().upper())
    if enterprise is None:
        raise click.ClickException(f"未找到统一社会信用代码为“{target}”的企业。")
    click.echo(json.dumps(facts_document(enterprise), ensure_ascii=False, indent=2))


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="只校验，不写入")
@click.option("--user", "username", help="以该用户名义导入（记入导入记录与数据来源）")
@click.option("--source", "fact_source", default="self_reported", show_default=True,
              type=click.Choice(["self_reported", "tax", "statistics", "audit_report",
                                 "expert", "third_party"]),
              help="所导入指标值的数据来源")
def import_(file: Path, dry_run: bool, username: str | None, fact_source: str) -> None:
    """导入 Excel 文件（企业信息、年度指标、知识产权与称号）。

    先校验全部数据；有任何问题则不写入，并逐条列出工作表、行、列和原因。
    """
    configure_django()
    from portal.enterprises.models import ImportStatus
    from portal.enterprises.xlsx.importing import import_workbook

    actor = _user(username)
    record = import_workbook(source=file, file_name=file.name, actor=actor, dry_run=dry_run,
                             fact_source=fact_source)
    for problem in record.errors:
        click.echo(problem["text"], err=True)
    click.echo(f"导入记录 #{record.pk}：{record.get_status_display()}")
    click.echo(_counts_line(record.counts))
    if record.status in (ImportStatus.REJECTED, ImportStatus.FAILED):
        sys.exit(1)


def _user(username: str | None) -> Any:
    if not username:
        return None
    from portal.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        raise click.ClickException(f"用户“{username}”不存在。")
    return user


COUNT_LABELS = {
    "enterprise_rows": "企业信息行", "annual_rows": "年度指标行", "static_rows": "知识产权与称号行",
    "enterprises_created": "新登记企业", "enterprises_updated": "更新企业",
    "facts_written": "写入指标值", "facts_corrected": "其中更正", "facts_unchanged": "未变化",
    "titles_created": "新增称号", "titles_updated": "更新称号", "problems": "问题",
}


def _counts_line(counts: dict[str, int]) -> str:
    return "，".join(f"{label} {counts[key]}" for key, label in COUNT_LABELS.items()
                    if key in counts)


@click.command("export")
@click.option("--region", help="区域代码（含下级区域）")
@click.option("--industry", help="行业代码（前缀匹配，如 C34）")
@click.option("--years", help="年度范围，如 2023-2025 或 2024")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="输出文件（默认 企业数据导出-日期.xlsx）")
@click.option("--template", is_flag=True, help="只输出空白导入模板")
def export(region: str | None, industry: str | None, years: str | None, out: Path | None,
           template: bool) -> None:
    """导出企业数据为 Excel（与导入模板格式相同，可修改后再导入）。"""
    configure_django()
    from portal.enterprises.xlsx.export import export_workbook, write_template
    from portal.enterprises.xlsx.writing import today_stamp

    if template:
        target = out or Path("企业数据导入模板.xlsx")
        write_template(target)
        click.echo(f"已写出导入模板：{target}")
        return
    target = out or Path(f"企业数据导出-{today_stamp()}.xlsx")
    written = export_workbook(enterprises=_enterprises(region, industry), target=target,
                              years=_years(years))
    rows = "，".join(f"{name} {count} 行" for name, count in written.items())
    click.echo(f"已导出到 {target}：{rows}")


def _enterprises(region: str | None, industry: str | None) -> Any:
    from portal.enterprises.models import Enterprise
    from portal.regions.models import Region

    enterprises = Enterprise.objects.all()
    if region:
        found = Region.objects.filter(code=region).first()
        if found is None:
            raise click.ClickException(f"区域代码“{region}”不存在。")
        enterprises = enterprises.filter(region__path__startswith=found.path)
    if industry:
        enterprises = enterprises.filter(industry_id__startswith=industry.strip().upper())
    return enterprises


def _years(text: str | None) -> list[int] | None:
    if not text:
        return None
    first, _, last = text.partition("-")
    try:
        start, end = int(first), int(last or first)
    except ValueError:
        raise click.BadParameter(f"年度范围应形如 2023-2025，实际为“{text}”。") from None
    if end < start:
        raise click.BadParameter(f"年度范围的结束年份早于开始年份：“{text}”。")
    return list(range(start, end + 1))


def register(group: click.Group) -> None:
    """Attach this family's commands to the top-level group."""
    for command in (facts, import_, export):
        group.add_command(command)
