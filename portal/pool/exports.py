"""The pool as xlsx workbooks (xlsxwriter), with Chinese headers: the member list as filtered,
a published yearly list, and the difference between two years."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import xlsxwriter
from django.db.models import QuerySet
from django.utils import timezone

from portal.pool.classification import honour_label
from portal.pool.diff import DiffRow, YearDiff
from portal.pool.models import Cohort, EntryRoute, Focus, PoolMembership, SnapshotEntry

MEMBER_HEADERS = ("企业名称", "统一社会信用代码", "所属区域", "国民经济行业", "入库年度",
                  "入库方式", "入库日期", "培育对象类别", "重点分类", "分类依据", "人工调整理由",
                  "专精特新称号（上次核查）")
MEMBER_WIDTHS = (36, 22, 16, 26, 10, 14, 12, 14, 10, 40, 30, 40)
SNAPSHOT_HEADERS = ("序号", "企业名称", "统一社会信用代码", "所属区域", "入库方式", "入库日期",
                    "培育对象类别", "重点分类")
SNAPSHOT_WIDTHS = (6, 36, 22, 16, 14, 12, 14, 10)
DIFF_HEADERS = ("企业名称", "统一社会信用代码", "所属区域", "日期", "原因")
DIFF_WIDTHS = (36, 22, 16, 12, 80)


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: Sequence[str]
    widths: Sequence[int]
    rows: Iterable[Sequence[object]]


def workbook(sheets: Sequence[Sheet]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#F2DCDB", "border": 1})
    for sheet in sheets:
        page = book.add_worksheet(sheet.name)
        for col, (header, width) in enumerate(zip(sheet.headers, sheet.widths, strict=True)):
            page.set_column(col, col, width)
            page.write(0, col, header, head)
        for number, row in enumerate(sheet.rows, start=1):
            page.write_row(number, 0, row)
        page.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def _focus(value: str) -> str:
    return Focus(value).label if value else "未分类"


def member_row(member: PoolMembership) -> list[object]:
    enterprise = member.enterprise
    return [enterprise.name, enterprise.uscc, enterprise.region.name, enterprise.industry.name,
            member.year, EntryRoute(member.route).label,
            timezone.localdate(member.entered_at).isoformat(),
            Cohort(member.cohort).label,  # type: ignore[attr-defined]
            _focus(member.effective_focus), member.focus_basis, member.focus_override_reason,
            "、".join(honour_label(k) for k in member.titles_seen)]


def members_xlsx(members: QuerySet[PoolMembership]) -> bytes:
    rows = (member_row(m) for m in members.iterator(chunk_size=1_000))
    return workbook([Sheet("培育库企业名单", MEMBER_HEADERS, MEMBER_WIDTHS, rows)])


def snapshot_xlsx(title: str, entries: QuerySet[SnapshotEntry]) -> bytes:
    rows = ([n, e.name, e.uscc, e.region_name, EntryRoute(e.route).label,
             e.entered_on.isoformat(), Cohort(e.cohort).label, _focus(e.focus)]
            for n, e in enumerate(entries, start=1))
    return workbook([Sheet(title[:31], SNAPSHOT_HEADERS, SNAPSHOT_WIDTHS, rows)])


def diff_xlsx(diff: YearDiff) -> bytes:
    def rows(found: list[DiffRow]) -> list[list[object]]:
        return [[r.name, r.uscc, r.region_name, r.when, r.why] for r in found]

    headers_in = (*DIFF_HEADERS[:3], "入库日期", "入库方式及理由")
    headers_out = (*DIFF_HEADERS[:3], "出库日期", "出库原因")
    return workbook([
        Sheet(f"{diff.year_to}年新入库", headers_in, DIFF_WIDTHS, rows(diff.entered)),
        Sheet(f"{diff.year_to}年出库", headers_out, DIFF_WIDTHS, rows(diff.left)),
    ])
