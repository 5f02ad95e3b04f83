"""Published yearly lists (versioned), the difference between two years with reasons, the
xlsx exports, and the member list's filters and focus overrides."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.audit.models import AuditEntry
from portal.enterprises import services as registry
from portal.pool import services
from portal.pool.models import Focus, MembershipStatus, PoolMembership, PoolSnapshot
from portal.pool.review import review_confirm_bulk, review_run, review_start
from portal.pool.tests.conftest import client_for, fiscal_year

pytestmark = pytest.mark.django_db


def _sheets(content: bytes) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


@pytest.fixture
def two_years(ready: dict[str, Any], users: dict[str, Any]) -> dict[str, Any]:
    """2025: 精工 and 芯片 selected. Then 芯片 fails the review and exits, 南京 enters by
    nomination. 2026 list taken after that."""
    province = users["province"]
    services.pool_select(enterprises=[ready["wujiang_town"], ready["wujiang"]], actor=province,
                         note="首批遴选")
    services.snapshot_take(year=2025, actor=province)
    services.snapshot_take(year=2025, actor=province, note="更正后重新生成")
    registry.fact_set(enterprise=ready["wujiang"], indicator="on_dishonesty_list", year=None,
                      value=True, source="third_party", actor=province)
    review = review_start(actor=province, region=None, year=2026)
    review_run(review=review)
    review_confirm_bulk(items=list(review.items.filter(propose_exit=True)), actor=province)
    nomination = services.nomination_submit(
        enterprise=ready["nanjing"], actor=province, nominator_name="亨通集团",
        nominator_kind="chain_leader", reason="核心配套供应商")
    services.entry_request_decide(request=nomination, actor=province, approve=True)
    services.snapshot_take(year=2026, actor=province)
    return ready


def test_it_versions_the_yearly_list(two_years: dict[str, Any]) -> None:
    versions = list(PoolSnapshot.objects.filter(year=2025).order_by("version")
                    .values_list("version", "member_count"))
    assert versions == [(1, 2), (2, 2)]
    latest = PoolSnapshot.objects.get(year=2026)
    assert {e.name for e in latest.entries.all()} == {two_years["wujiang_town"].name,
                                                       two_years["nanjing"].name}
    assert AuditEntry.objects.filter(action="pool.snapshot").count() == 3


def test_it_shows_who_entered_and_left_between_years_and_why(
        two_years: dict[str, Any], users: dict[str, Any]) -> None:
    page = client_for(users["province"]).get(reverse("pool:diff"), {"a": 2025, "b": 2026})
    html = page.content.decode()
    assert "新入库 1 家，出库 1 家，保持在库 1 家" in html
    assert "举荐：链主（龙头）企业亨通集团——核心配套供应商" in html
    assert "列入严重失信主体名单" in html
    district = client_for(users["wujiang"]).get(reverse("pool:diff"), {"a": 2025, "b": 2026})
    assert "新入库 0 家，出库 1 家，保持在库 1 家" in district.content.decode()
    missing = client_for(users["province"]).get(reverse("pool:diff"), {"a": 2024, "b": 2026})
    assert "2024年度尚未生成培育库名单" in missing.content.decode()


def test_it_exports_the_year_difference(two_years: dict[str, Any],
                                        users: dict[str, Any]) -> None:
    response = client_for(users["province"]).get(reverse("pool:diff_export"),
                                                 {"a": 2025, "b": 2026})
    sheets = _sheets(response.content)
    entered, left = sheets["2026年新入库"], sheets["2026年出库"]
    assert entered[0] == ("企业名称", "统一社会信用代码", "所属区域", "入库日期", "入库方式及理由")
    assert entered[1][0] == two_years["nanjing"].name and "亨通集团" in entered[1][4]
    assert left[0][3:] == ("出库日期", "出库原因")
    assert left[1][0] == two_years["wujiang"].name and "列入严重失信主体名单" in left[1][4]


def test_it_exports_a_published_list_in_the_users_scope(
        two_years: dict[str, Any], users: dict[str, Any]) -> None:
    snapshot = PoolSnapshot.objects.get(year=2026)
    rows = next(iter(_sheets(client_for(users["wujiang"]).get(
        reverse("pool:snapshot_export", args=[snapshot.pk])).content).values()))
    assert rows[0] == ("序号", "企业名称", "统一社会信用代码", "所属区域", "入库方式", "入库日期",
                       "培育对象类别", "重点分类")
    assert [r[1] for r in rows[1:]] == [two_years["wujiang_town"].name]
    assert rows[1][4] == "主管部门遴选" and rows[1][6] == "三类培育对象"


def test_it_exports_the_member_list_with_chinese_labels(
        ready: dict[str, Any], users: dict[str, Any]) -> None:
    services.pool_select(enterprises=[ready["wujiang_town"]], actor=users["wujiang"])
    content = client_for(users["wujiang"]).get(reverse("pool:export")).content
    rows = _sheets(content)["培育库企业名单"]
    assert rows[0][:9] == ("企业名称", "统一社会信用代码", "所属区域", "国民经济行业", "入库年度",
                           "入库方式", "入库日期", "培育对象类别", "重点分类")
    assert len(rows) == 2
    name, uscc, region, _, year, route, _, cohort, focus, basis, *_ = rows[1]
    assert (name, uscc, region) == (ready["wujiang_town"].name, ready["wujiang_town"].uscc,
                                    "吴江开发区")
    assert (year, route, cohort) == (fiscal_year() + 1, "主管部门遴选", "三类培育对象")
    assert focus in Focus.labels and basis


def test_it_overrides_focus_with_a_reason_and_shows_it(
        ready: dict[str, Any], users: dict[str, Any]) -> None:
    member = services.pool_select(enterprises=[ready["wujiang_town"]],
                                  actor=users["wujiang"]).entered[0]
    client = client_for(users["wujiang"])
    refused = client.post(reverse("pool:focus_override", args=[member.pk]),
                          {"focus": "watch", "reason": ""}, follow=True)
    assert "调整重点分类须填写理由" in refused.content.decode()
    client.post(reverse("pool:focus_override", args=[member.pk]),
                {"focus": "watch", "reason": "主导产品市场下滑，需重点关注"})
    member.refresh_from_db()
    assert member.effective_focus == Focus.WATCH and member.focus  # the derived one is kept
    listing = client.get(reverse("pool:list"), {"focus": "watch"}).content.decode()
    assert ready["wujiang_town"].name in listing and "人工调整" in listing
    entry = AuditEntry.objects.get(action="pool.focus")
    assert entry.changes["to"] == "重点关注" and entry.actor == users["wujiang"]
    client.post(reverse("pool:focus_override", args=[member.pk]), {"focus": "", "reason": ""})
    member.refresh_from_db()
    assert member.focus_override == "" and member.effective_focus == member.focus


def test_it_filters_members_by_cohort_and_route(ready: dict[str, Any],
                                                users: dict[str, Any]) -> None:
    services.pool_select(enterprises=[ready["wujiang_town"], ready["wujiang"]],
                         actor=users["wujiang"])
    registry.title_add(enterprise=ready["wujiang"], tier="srdi_sme", level="province",
                       valid_from=dt.date(fiscal_year(), 1, 1),
                       valid_until=dt.date(fiscal_year() + 3, 12, 31), actor=None)
    client = client_for(users["wujiang"])
    first = client.get(reverse("pool:list"), {"cohort": "1"}).content.decode()
    assert ready["wujiang"].name in first and ready["wujiang_town"].name not in first
    third = client.get(reverse("pool:list"), {"cohort": "3"}).content.decode()
    assert ready["wujiang_town"].name in third and ready["wujiang"].name not in third
    clustered = client.get(reverse("pool:list"), {"cluster": "high-end-equipment"})
    assert ready["wujiang_town"].name in clustered.content.decode()
    assert ready["wujiang"].name not in clustered.content.decode()
    nominated = client.get(reverse("pool:list"), {"route": "nomination"}).content.decode()
    assert "没有符合条件的在库企业" in nominated
    status = client.get(reverse("pool:enterprise", args=[ready["wujiang"].pk])).content.decode()
    assert "一类培育对象" in status
    assert PoolMembership.objects.filter(status=MembershipStatus.IN).count() == 2
