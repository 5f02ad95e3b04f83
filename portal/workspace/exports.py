"""The enterprise list as an xlsx workbook (what the filters selected, every row)."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

import xlsxwriter
from django.db.models import QuerySet
from django.utils import timezone

from indicators.vocabulary import LEVEL_LABELS, SME_SIZES, TITLE_BY_ID
from portal.assessments.models import ONE_SHORT_CASES, Assessment
from portal.enterprises.models import Enterprise, Title
from portal.workspace.forms import rung_choices

HEADERS = ["企业名称", "统一社会信用代码", "所属区域", "区划代码", "国民经济行业", "行业代码",
           "企业规模", "成立日期", "持有称号（有效期内）", "评估已满足", "差一项可达"]
SIZES = dict(SME_SIZES)
WIDTHS = [36, 22, 18, 12, 28, 10, 10, 12, 36, 36, 36]


def enterprise_list_xlsx(enterprises: QuerySet[Enterprise]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet("企业名单")
    bold = book.add_format({"bold": True, "bg_color": "#F2DCDB", "border": 1})
    for col, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
        sheet.set_column(col, col, width)
        sheet.write(0, col, header, bold)
    ids = enterprises.values("pk")
    titles, passed, short = _titles(ids), *_rungs(ids)
    rows = enterprises.values_list("pk", "name", "uscc", "region__name", "region_id",
                                   "industry__name", "industry_id", "sme_size", "founded_on")
    for number, (pk, *fields) in enumerate(rows.iterator(chunk_size=2_000), start=1):
        sheet.write_row(number, 0, [*_cells(fields), "、".join(titles[pk]),
                                    "、".join(passed[pk]), "、".join(short[pk])])
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def _cells(fields: list[Any]) -> list[Any]:
    """Size code → label, founding date → ISO (dates in files are ISO)."""
    size, founded = fields[6], fields[7]
    return [*fields[:6], SIZES.get(size or "", ""), founded.isoformat() if founded else ""]


def _titles(ids: QuerySet[Any, Any]) -> dict[int, list[str]]:
    today = timezone.localdate()
    found: dict[int, list[str]] = defaultdict(list)
    rows = (Title.objects.filter(enterprise_id__in=ids, valid_from__lte=today)
            .values_list("enterprise_id", "tier", "level", "valid_until").order_by("tier"))
    for pk, tier, level, until in rows.iterator(chunk_size=5_000):
        if until is None or until >= today:
            found[pk].append(f"{LEVEL_LABELS.get(level, '')}{TITLE_BY_ID[tier].name}")
    return found


def _rungs(ids: QuerySet[Any, Any]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    labels = dict(rung_choices())
    passed: dict[int, list[str]] = defaultdict(list)
    short: dict[int, list[str]] = defaultdict(list)
    rows = Assessment.objects.filter(enterprise_id__in=ids).values_list(
        "enterprise_id", "tier", "level", "verdict", "failed_count", "unknown_count")
    for pk, tier, level, verdict, failed, unknown in rows.iterator(chunk_size=5_000):
        label = labels.get(f"{tier}:{level}", tier)
        if verdict == "pass":
            passed[pk].append(label)
        elif (verdict, failed, unknown) in ONE_SHORT_CASES:
            short[pk].append(label)
    return passed, short
