"""The list's filters and export, the ladder on a page, self-assessment, history, report."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.assessments.models import Assessment
from portal.assessments.services import population_assess
from portal.assessments.tests.fixtures import ON
from portal.audit.models import AuditEntry
from portal.enterprises import services as registry
from portal.enterprises.models import Fact
from portal.pool.models import EntryRequest, EntryRoute, Focus, MembershipStatus, PoolMembership


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _names(response: Any) -> set[str]:
    rows = response.context["rows"]
    return {e.name for e in rows}


def test_it_filters_the_list(users: dict[str, Any], enterprises: dict[str, Any],
                             places: dict[str, Any]) -> None:
    client = _client(users["province"])
    wj, wj2, nj = (enterprises[k].name for k in ("wujiang_town", "wujiang", "nanjing"))
    url = reverse("workspace:list")
    assert _names(client.get(url, {"q": "芯片"})) == {wj2}
    assert _names(client.get(url, {"q": enterprises["nanjing"].uscc[:12]})) == {nj}
    assert _names(client.get(url, {"region": "320500"})) == {wj, wj2}
    assert _names(client.get(url, {"region": "320509901"})) == {wj}
    assert _names(client.get(url, {"industry": "C34"})) == {wj, nj}
    assert _names(client.get(url, {"cluster": "high-end-equipment"})) == {wj}
    assert _names(client.get(url, {"title": "innovative_sme"})) == {wj2}
    ordered = [e.name for e in client.get(url, {"sort": "region"}).context["rows"]]
    assert ordered[0] == nj  # 320100 sorts before 3205…


def test_it_filters_by_pool_state(users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    wj, wj2, nj = (enterprises[k] for k in ("wujiang_town", "wujiang", "nanjing"))
    now = timezone.now()
    PoolMembership.objects.create(enterprise=wj, year=2026, route=EntryRoute.SELECTION,
                                  entered_at=now, focus=Focus.WATCH,
                                  focus_override=Focus.RECOMMEND)
    PoolMembership.objects.create(enterprise=wj2, year=2025, route=EntryRoute.APPLICATION,
                                  entered_at=now, status=MembershipStatus.EXITED)
    EntryRequest.objects.create(enterprise=nj, route=EntryRoute.APPLICATION,
                                submitted_by=users["province"], submitted_at=now)
    client, url = _client(users["province"]), reverse("workspace:list")
    assert _names(client.get(url, {"pool": "in"})) == {wj.name}
    # The official's override decides the category, not the rule's.
    assert _names(client.get(url, {"pool": "in:recommend"})) == {wj.name}
    assert _names(client.get(url, {"pool": "in:watch"})) == set()
    assert _names(client.get(url, {"pool": "exited"})) == {wj2.name}
    assert _names(client.get(url, {"pool": "pending"})) == {nj.name}
    assert wj.name not in _names(client.get(url, {"pool": "out"}))
    assert {wj2.name, nj.name} <= _names(client.get(url, {"pool": "out"}))
    page = client.get(url, {"pool": "in:recommend"}).content.decode()
    assert '<option value="in:recommend" selected>在库 · 重点推荐</option>' in page
    refused = client.get(url, {"pool": "maybe"})
    assert refused.context["rows"] == []
    assert "筛选条件有误：培育库——" in refused.content.decode()


def test_it_lists_what_a_dashboard_number_counts_and_shows_those_filters_as_chips(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    wj, wj2, nj = (enterprises[k] for k in ("wujiang_town", "wujiang", "nanjing"))
    for enterprise, verdict, failed, unknown in ((wj, "pass", 0, 0), (wj2, "fail", 1, 1),
                                                 (nj, "unknown", 0, 1)):
        Assessment.objects.create(
            enterprise=enterprise, tier="srdi_sme", level="province", set_id="x",
            set_version="1", on=ON, verdict=verdict, failed_count=failed,
            unknown_count=unknown, assessed_at=timezone.now())
    # An expired title granted in 2019 counts for 2019 though no longer held.
    registry.title_add(enterprise=nj, tier="innovative_sme", level="province",
                       valid_from=dt.date(2019, 3, 1), valid_until=dt.date(2022, 2, 28),
                       year=2019, actor=None)
    client, url = _client(users["province"]), reverse("workspace:list")
    assert _names(client.get(url, {"passes": "srdi_sme:province"})) == {wj.name}
    assert _names(client.get(url, {"two_short": "srdi_sme:province"})) == {wj2.name}
    assert _names(client.get(url, {"ready": "srdi_sme:province"})) == {nj.name}
    assert _names(client.get(url, {"title": "innovative_sme", "granted": "2019"})) == {nj.name}
    assert _names(client.get(url, {"title": "innovative_sme", "granted": "2025"})) == {wj2.name}
    assert _names(client.get(url, {"title": "innovative_sme"})) == {wj2.name}  # in force
    response = client.get(url, {"passes": "srdi_sme:province", "region": "320500"})
    page = response.content.decode()
    # Kept when other filters change, shown, and removable (the rest of the query stays).
    assert '<input type="hidden" name="passes" value="srdi_sme:province">' in page
    chip = "评估已满足：专精特新中小企业（省级）"
    assert chip in page and f'href="?region=320500" aria-label="去掉条件：{chip}"' in page
    assert "filter-chips" not in client.get(url, {"region": "320500"}).content.decode()
    refused = client.get(url, {"granted": "去年"})
    assert refused.context["rows"] == []
    assert "筛选条件有误：认定年份——" in refused.content.decode()


def test_it_lists_who_reported_a_years_figures(users: dict[str, Any],
                                              enterprises: dict[str, Any]) -> None:
    wj, wj2, nj = (enterprises[k] for k in ("wujiang_town", "wujiang", "nanjing"))
    for enterprise, figures in ((wj, {"revenue": 9_000_000, "rd_expense": 500_000}),
                                (wj2, {"revenue": 0, "rd_expense": 0}),
                                (nj, {"revenue": 7_000_000})):
        for indicator, value in figures.items():
            registry.fact_set(enterprise=enterprise, indicator=indicator, year=2019,
                              value=value, source="audit_report", actor=None)
    client, url = _client(users["province"]), reverse("workspace:list")
    assert _names(client.get(url, {"reported": "revenue:2019"})) == {wj.name, wj2.name, nj.name}
    # An intensity needs revenue above zero and the R&D expense; a missing one is not 0.
    assert _names(client.get(url, {"reported": "rd_intensity:2019"})) == {wj.name}
    page = client.get(url, {"reported": "rd_intensity:2019"}).content.decode()
    assert "已填报：2019年营业收入（大于0）及研发费用" in page
    refused = client.get(url, {"reported": "profit:2019"})
    assert "筛选条件有误：已填报——应为“revenue:年份”" in refused.content.decode()


def test_it_filters_by_readiness_from_stored_results(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    population_assess(on=ON)
    short = Assessment.objects.filter(tier="srdi_sme", level="province")
    expected = {a.enterprise.name for a in short if a.is_one_short}
    response = _client(users["province"]).get(reverse("workspace:list"),
                                              {"ready": "srdi_sme:province"})
    assert _names(response) == expected


def test_it_exports_the_filtered_list(users: dict[str, Any],
                                      enterprises: dict[str, Any]) -> None:
    response = _client(users["province"]).get(reverse("workspace:export"), {"region": "320500"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("企业名称", "统一社会信用代码", "所属区域")
    assert {r[0] for r in rows[1:]} == {enterprises["wujiang_town"].name,
                                        enterprises["wujiang"].name}
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name[enterprises["wujiang"].name][8] == "省级创新型中小企业"
    assert by_name[enterprises["wujiang_town"].name][6] == "小型"


def test_the_ladder_page_shows_every_rung_with_its_criteria(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    response = _client(users["wujiang"]).get(
        reverse("workspace:ladder", args=[enterprises["wujiang_town"].pk]), {"on": "2026-06-01"})
    page = response.content.decode()
    assert 'data-set-id="cn-2026-srdi-sme"' in page
    assert 'data-criterion-id="revenue" data-status="fail"' in page
    assert "1,200万元" in page and "≥1,500万元" in page
    assert "依据待核实" in page
    assert "2026年6月1日" in page
    assert 'data-testid="nearest-tier"' in page


def test_self_assessment_records_self_reported_facts_and_changes_a_verdict(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang_town"]
    client = _client(users["enterprise"])
    url = reverse("workspace:self_assessment", args=[enterprise.pk])
    form = client.get(url).context["form"]
    assert "f__revenue__2025" in form.fields
    assert form.initial["f__revenue__2025"] == "1200"
    before = _revenue_status(client, enterprise)
    response = client.post(url, {"f__revenue__2025": "1,600.5"})
    assert response.status_code == 302
    fact = Fact.objects.get(enterprise=enterprise, indicator="revenue", year=2025,
                            superseded_at__isnull=True)
    assert fact.value_int == 16_005_000 and fact.source == "self_reported"
    assert fact.entered_by == users["enterprise"]
    assert AuditEntry.objects.filter(action="fact.set", actor=users["enterprise"]).exists()
    assert Assessment.objects.filter(enterprise=enterprise).exists()
    assert (before, _revenue_status(client, enterprise)) == ("fail", "pass")


def _revenue_status(client: Client, enterprise: Any) -> str:
    page = client.get(reverse("workspace:ladder", args=[enterprise.pk])).content.decode()
    marker = 'data-criterion-id="revenue" data-status="'
    start = page.index(marker) + len(marker)
    return page[start:page.index('"', start)]


def test_self_assessment_reports_bad_input_in_chinese_and_writes_nothing(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang_town"]
    url = reverse("workspace:self_assessment", args=[enterprise.pk])
    response = _client(users["enterprise"]).post(url, {"f__revenue__2025": "1.23456"})
    assert response.status_code == 200
    assert "营业收入”最多保留 4 位小数" in response.content.decode()
    assert not Fact.objects.filter(enterprise=enterprise, entered_by=users["enterprise"]).exists()


def test_the_preview_evaluates_without_storing(users: dict[str, Any],
                                               enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang_town"]
    url = reverse("workspace:self_assessment_preview", args=[enterprise.pk])
    response = _client(users["enterprise"]).post(url, {"f__revenue__2025": "5000"},
                                                 HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-testid="preview-note"' in response.content.decode()
    assert Fact.objects.filter(enterprise=enterprise, indicator="revenue",
                               year=2025).count() == 1


def test_history_shows_who_changed_what_and_every_version(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang_town"]
    _client(users["enterprise"]).post(
        reverse("workspace:self_assessment", args=[enterprise.pk]), {"f__revenue__2025": "1300"})
    official = _client(users["town"])
    page = official.get(reverse("workspace:history", args=[enterprise.pk])).content.decode()
    assert "企业用户 enterprise" in page and "1200 → 1300" in page
    versions = official.get(reverse("workspace:fact_history_year",
                                    args=[enterprise.pk, "revenue", 2025]))
    assert [v.value_int for v in versions.context["versions"]] == [13_000_000, 12_000_000]
    assert "企业自报" in versions.content.decode()


def test_the_report_prints_the_ladder(users: dict[str, Any],
                                      enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang"]
    page = _client(users["commissioner"]).get(
        reverse("workspace:report", args=[enterprise.pk]), {"on": "2026-06-01"}).content.decode()
    assert "企业梯度培育诊断报告" in page and enterprise.name in page
    assert "2,000万元" in page  # revenue read by the criteria, with separators
    assert 'data-testid="report-print"' in page


def test_home_pages_differ_by_role(users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    population_assess(on=ON)
    official = _client(users["wujiang"])
    response = official.get("/")
    assert 'data-testid="stat-enterprises"' in response.content.decode()
    # A rung's "评估满足" figure links to the list of exactly those enterprises.
    shown = [rung for rung in response.context["rungs"][:3] if rung["passed"]]
    assert shown
    for rung in shown:
        listed = official.get(reverse("workspace:list"), {"passes": rung["key"]})
        assert listed.context["page"].paginator.count == rung["passed"]
        assert f'?passes={rung["key"].replace(":", "%3A")}"' in response.content.decode()
    own = _client(users["enterprise"]).get("/").content.decode()
    assert enterprises["wujiang_town"].name in own and 'data-testid="ladder-summary"' in own
    bank = _client(users["bank"]).get("/").content.decode()
    assert 'data-testid="home-bank"' in bank
    assert enterprises["wujiang"].name not in bank



def test_the_list_says_which_assessment_its_results_come_from(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    from django.core.cache import cache

    url = reverse("workspace:list")
    before = _client(users["province"]).get(url).content.decode()
    assert "尚未运行批量评估" in before
    population_assess(on=ON)
    cache.clear()
    after = _client(users["province"]).get(url).content.decode()
    assert f"评估结果按 {ON.year}年{ON.month}月{ON.day}日 的批量评估" in after


def test_a_commissioner_sees_the_list_named_as_their_own(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    html = _client(users["commissioner"]).get(reverse("workspace:list")).content.decode()
    assert "我负责的企业" in html and "管辖范围内的企业" not in html
    assert "管辖范围内的企业" in _client(users["town"]).get(reverse("workspace:list")
                                                    ).content.decode()
