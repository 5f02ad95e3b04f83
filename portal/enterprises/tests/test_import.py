"""Importing workbooks: every validation rule, all-or-nothing writes, idempotent re-imports,
corrections with history, dry runs and the import record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from portal.audit.models import AuditEntry
from portal.enterprises import selectors
from portal.enterprises.models import Enterprise, Fact, ImportRecord, ImportStatus, Title
from portal.enterprises.tests.codes import make_uscc
from portal.enterprises.tests.workbooks import Rows, workbook
from portal.enterprises.xlsx.importing import import_workbook
from portal.enterprises.xlsx.sheets import ANNUAL_SHEET, ENTERPRISES, STATIC_SHEET

pytestmark = pytest.mark.django_db
A, B = make_uscc(9001), make_uscc(9002)


@pytest.fixture
def reference(regions, industries, clusters) -> None:
    """Regions, industries and clusters the files refer to."""


def enterprise_rows() -> Rows:
    return [
        {"uscc": A, "name": "苏州甲精密机械有限公司", "region_code": "320509",
         "industry_code": "C3484", "founded_on": "2012-03-01", "niche_since": 2015,
         "sme_size": "小型", "chain_leader": "否", "clusters": "高端装备；integrated-circuits",
         "contact_email": "a@example.cn"},
        {"uscc": B, "name": "南京乙电子有限公司", "region_code": "320100",
         "industry_code": "C3973"},
    ]


def annual_rows() -> Rows:
    return [
        {"uscc": A, "year": 2024, "revenue": "12345.6789", "main_revenue": 12000,
         "rd_expense": 456.5, "employees": 120, "rd_staff": 30, "net_profit": -12.5,
         "maker_china_top50": "是", "resource_rating": "A类（优先发展）"},
        {"uscc": A, "year": 2023, "revenue": 11020, "employees": 110},
        {"uscc": B, "year": 2024, "revenue": 800.25},
    ]


def static_rows() -> Rows:
    return [
        {"uscc": A, "class1_ip": 5, "rd_institution_level": "省级",
         "title_tier": "专精特新中小企业", "title_level": "省级", "title_year": 2023,
         "title_valid_from": "2023-01-01", "title_valid_until": "2025-12-31",
         "title_certificate_no": "JS-2023-0001"},
        {"uscc": A, "title_tier": "hnte", "title_level": "national",
         "title_valid_from": "2022-12-01"},
    ]


def good_file(**changes: Rows) -> bytes:
    data = {ENTERPRISES: enterprise_rows(), ANNUAL_SHEET: annual_rows(),
            STATIC_SHEET: static_rows()}
    return workbook({**data, **changes})


def run(content: bytes, **options: Any) -> ImportRecord:
    return import_workbook(source=content, file_name="企业数据.xlsx", actor=None, **options)


def assert_nothing_written() -> None:
    assert not Enterprise.objects.exists()
    assert not Fact.objects.exists()
    assert not Title.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_imports_a_valid_file(reference):
    record = run(good_file())
    assert record.status == ImportStatus.SUCCEEDED, record.errors
    a = Enterprise.objects.get(uscc=A)
    assert a.founded_on == dt.date(2012, 3, 1) and a.sme_size == "small"
    assert sorted(a.clusters.values_list("slug", flat=True)) == ["high-end-equipment",
                                                                  "integrated-circuits"]
    facts = {(f.indicator, f.year): f for f in selectors.current_facts(a)}
    assert facts[("revenue", 2024)].value_int == 123_456_789  # 万元 → 元, exactly
    assert facts[("rd_expense", 2024)].value_int == 4_565_000
    assert facts[("net_profit", 2024)].value_int == -125_000
    assert facts[("maker_china_top50", 2024)].value_bool is True
    assert facts[("resource_rating", 2024)].value_text == "A"
    assert facts[("rd_institution_level", None)].value_text == "province"
    assert facts[("revenue", 2024)].import_record == record
    assert {(t.tier, t.level) for t in a.titles.all()} == {("srdi_sme", "province"),
                                                            ("hnte", "national")}
    assert record.counts["enterprises_created"] == 2
    [entry] = AuditEntry.objects.filter(action="enterprise.import")
    assert entry.target_id == str(record.pk)


def test_importing_the_same_file_again_changes_nothing(reference):
    content = good_file()
    run(content)
    facts, audits = Fact.objects.count(), AuditEntry.objects.count()
    second = run(content)
    assert second.status == ImportStatus.SUCCEEDED
    assert Fact.objects.count() == facts and AuditEntry.objects.count() == audits
    assert second.counts["facts_written"] == 0 and second.counts["facts_unchanged"] == facts
    assert second.counts["enterprises_updated"] == 0 and second.counts["titles_created"] == 0
    assert ImportRecord.objects.count() == 2


def test_a_corrected_figure_keeps_its_history(reference):
    run(good_file())
    corrected = annual_rows()
    corrected[0]["revenue"] = "13000"
    record = run(good_file(**{ANNUAL_SHEET: corrected}))
    assert record.counts["facts_written"] == 1 and record.counts["facts_corrected"] == 1
    a = Enterprise.objects.get(uscc=A)
    history = selectors.fact_history(enterprise=a, indicator="revenue", year=2024)
    assert [f.value_int for f in history] == [130_000_000, 123_456_789]
    assert history[1].superseded_at is not None and history[0].import_record == record


def test_a_dry_run_writes_nothing(reference):
    record = run(good_file(), dry_run=True)
    assert record.status == ImportStatus.CHECKED and record.errors == []
    assert record.counts["annual_rows"] == 3
    assert_nothing_written()


def _with(sheet: str, index: int, **cells: Any) -> bytes:
    rows = {ENTERPRISES: enterprise_rows, ANNUAL_SHEET: annual_rows,
            STATIC_SHEET: static_rows}[sheet]()
    if index >= len(rows):
        rows.append({})
    rows[index].update(cells)
    return good_file(**{sheet: rows})


NEXT_YEAR = dt.date.today().year + 1
BAD_FILES = {
    "bad uscc": (_with, ENTERPRISES, 0, {"uscc": A[:17] + ("0" if A[17] != "0" else "1")},
                 2, "统一社会信用代码*", "第18位校验码"),
    "uscc of wrong length": (_with, ENTERPRISES, 1, {"uscc": "9132"}, 3, "统一社会信用代码*",
                             "应为18位"),
    "unknown region": (_with, ENTERPRISES, 1, {"region_code": "999999"}, 3, "所属区域代码*",
                       "区域代码不存在"),
    "unknown industry": (_with, ENTERPRISES, 0, {"industry_code": "Z9999"}, 2,
                         "国民经济行业代码*", "国民经济行业代码不存在"),
    "negative revenue": (_with, ANNUAL_SHEET, 1, {"revenue": -5}, 3, "营业收入（万元）",
                         "不能为负数"),
    "rd staff above employees": (_with, ANNUAL_SHEET, 0, {"rd_staff": 121}, 2,
                                 "研发人员（人）", "研发人员（121 人）超过职工总数（120 人）"),
    "main revenue above revenue": (_with, ANNUAL_SHEET, 0, {"main_revenue": "12345.679"}, 2,
                                   "主营业务收入（万元）", "超过营业收入（12345.6789 万元）"),
    "future year": (_with, ANNUAL_SHEET, 2, {"year": NEXT_YEAR}, 4, "年度*",
                    "晚于当前年份"),
    "duplicate rows": (_with, ANNUAL_SHEET, 3, {"uscc": A, "year": 2023}, 5,
                       "统一社会信用代码*", "与第 3 行重复"),
    "text in a number cell": (_with, ANNUAL_SHEET, 1, {"employees": "一百"}, 3,
                              "职工总数（人）", "应为数字，实际为“一百”"),
    "empty required cell": (_with, ENTERPRISES, 1, {"name": None}, 3, "企业名称*",
                            "必填项为空"),
    "too many decimals": (_with, ANNUAL_SHEET, 2, {"revenue": "800.12345"}, 4,
                          "营业收入（万元）", "最多保留 4 位小数"),
    "unregistered enterprise": (_with, ANNUAL_SHEET, 3, {"uscc": make_uscc(9099),
                                                         "year": 2024}, 5,
                                "统一社会信用代码*", "企业未登记"),
    "title level not offered": (_with, STATIC_SHEET, 1, {"title_level": "省级"}, 3,
                                "称号级别", "级别只能是国家级"),
    "unknown choice": (_with, ENTERPRISES, 0, {"sme_size": "超大型"}, 2,
                       "企业规模（中小企业划型）", "应为以下之一"),
    "founded in the future": (_with, ENTERPRISES, 0,
                              {"founded_on": f"{NEXT_YEAR}-01-01"}, 2, "成立日期",
                              "晚于今天"),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_every_problem_is_named_and_nothing_is_written(reference, case):
    build, sheet, index, cells, row, column, reason = BAD_FILES[case]
    record = run(build(sheet, index, **cells))
    assert record.status == ImportStatus.REJECTED
    texts = [e["text"] for e in record.errors]
    expected = f"「{sheet}」 第 {row} 行 「{column}」："
    assert any(t.startswith(expected) and reason in t for t in texts), texts
    assert record.counts["problems"] == len(record.errors) >= 1
    assert_nothing_written()


def test_a_missing_required_column_is_reported(reference):
    rows = [{k: v for k, v in r.items() if k != "industry_code"} for r in enterprise_rows()]
    record = run(workbook({ENTERPRISES: rows}))
    assert record.status == ImportStatus.REJECTED
    assert "「企业信息」 第 1 行 「国民经济行业代码*」：缺少必填列" in [
        e["text"] for e in record.errors]
    assert_nothing_written()


def test_a_file_that_is_not_a_workbook_is_rejected(reference):
    record = run(b"not an xlsx file")
    assert record.status == ImportStatus.REJECTED
    assert "无法读取 Excel 文件" in record.errors[0]["text"]
