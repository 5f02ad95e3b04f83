"""The dashboards: scoped counts, exact medians, the pipeline, and links whose lists show
exactly the enterprises each number counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.assessments.models import Assessment, Verdict
from portal.dashboards import pipeline as pipelines
from portal.dashboards.overview import Overview, overview
from portal.dashboards.scope import dashboard_scope
from portal.dashboards.selectors import LADDER_TIERS, Cell, by_region, tier_totals
from portal.dashboards.trends import exact_median, titles_granted, yearly_figures
from portal.enterprises import services as registry

INNOVATIVE = LADDER_TIERS.index("innovative_sme")


def _scope(users: dict[str, Any], name: str) -> Any:
    scope = dashboard_scope(users[name])
    assert scope is not None
    return scope


def _rows(users: dict[str, Any], name: str) -> dict[str, Any]:
    return {row.label: row for row in by_region(_scope(users, name), timezone.localdate())}


def test_it_rolls_enterprises_up_to_the_child_regions_of_the_viewer(users: dict[str, Any]) -> None:
    province = _rows(users, "province")
    assert set(province) == {"苏州市", "南京市"}
    assert province["苏州市"].total.count == 2
    assert province["苏州市"].tiers[INNOVATIVE].count == 1
    assert province["南京市"].total.count == 1
    assert set(_rows(users, "suzhou")) == {"吴江区"}
    assert {label: row.total.count for label, row in _rows(users, "town").items()} == {
        "吴江开发区": 1}


def test_it_shows_enterprises_registered_at_the_viewers_own_level_unlinked(
        users: dict[str, Any]) -> None:
    rows = _rows(users, "wujiang")
    own = rows["吴江区（本级）"]
    assert own.total == Cell(1, None)  # no list filter selects "directly in 吴江区" only
    assert own.tiers[INNOVATIVE] == Cell(1, None)
    assert rows["吴江开发区"].total.url == f"{reverse('workspace:list')}?region=320509901"


def test_it_counts_only_titles_in_force(users: dict[str, Any],
                                        enterprises: dict[str, Any]) -> None:
    registry.title_add(enterprise=enterprises["nanjing"], tier="innovative_sme",
                       level="province", valid_from=dt.date(2020, 1, 1),
                       valid_until=dt.date(2022, 12, 31), actor=None)
    totals = tier_totals(_scope(users, "province"), timezone.localdate())
    assert totals[INNOVATIVE].count == 1
    assert totals[INNOVATIVE].url == f"{reverse('workspace:list')}?title=innovative_sme"
    assert [c.count for i, c in enumerate(totals) if i != INNOVATIVE] == [0] * 4


def test_it_counts_titles_granted_per_year(users: dict[str, Any]) -> None:
    granted = {g.year: g.tiers[INNOVATIVE].count
               for g in titles_granted(_scope(users, "province"), timezone.localdate())}
    assert granted[2025] == 1
    assert sum(granted.values()) == 1


def test_it_takes_exact_medians() -> None:
    assert exact_median([]) is None
    assert exact_median([5, 1, 3]) == Decimal(3)
    assert exact_median([1, 2, 3, 4]) == Decimal("2.5")
    assert exact_median([10**18, 10**18 + 1]) == Decimal("1000000000000000000.5")


def test_it_computes_median_revenue_and_rd_intensity_per_year(users: dict[str, Any]) -> None:
    day = timezone.localdate()
    province = {y.year: y for y in yearly_figures(_scope(users, "province"), day)}
    suzhou = {y.year: y for y in yearly_figures(_scope(users, "suzhou"), day)}
    # Revenues 1200, 2000, 1200 万元 with R&D 150 万元 each: 12.5 %, 7.5 %, 12.5 %.
    assert province[2025].revenue_median == Decimal("1200.00")
    assert province[2025].rd_intensity_median == Decimal("12.50")
    assert province[2025].revenue_reported == Cell(
        3, f"{reverse('workspace:list')}?reported=revenue%3A2025")
    assert province[2025].rd_reported.url == (
        f"{reverse('workspace:list')}?reported=rd_intensity%3A2025")
    assert suzhou[2025].revenue_median == Decimal("1600.00")
    assert suzhou[2025].rd_intensity_median == Decimal("10.00")


def test_it_leaves_years_without_figures_unknown_not_zero(users: dict[str, Any]) -> None:
    years = {y.year: y for y in yearly_figures(_scope(users, "province"),
                                               timezone.localdate())}
    assert years[2021].revenue_median is None
    assert years[2021].rd_intensity_median is None
    assert years[2021].revenue_reported == Cell(0, None)


def _stored(enterprise: Any, verdict: str, failed: int, unknown: int) -> Assessment:
    return Assessment.objects.create(
        enterprise=enterprise, tier="srdi_sme", level="province", set_id="x", set_version="1",
        on=timezone.localdate(), verdict=verdict, failed_count=failed, unknown_count=unknown,
        assessed_at=timezone.now())


def test_it_counts_the_pipeline_from_stored_results(users: dict[str, Any],
                                                    enterprises: dict[str, Any]) -> None:
    _stored(enterprises["wujiang_town"], Verdict.FAIL, 1, 0)
    _stored(enterprises["wujiang"], Verdict.UNKNOWN, 1, 1)
    _stored(enterprises["nanjing"], Verdict.PASS, 0, 0)
    result = pipelines.pipeline(_scope(users, "province"))
    assert result.source == pipelines.Source.STORED
    (row,) = result.rows
    assert (row.assessed, row.passed.count, row.one_short.count, row.two_short.count) == (
        3, 1, 1, 1)
    assert row.label == "省级专精特新中小企业"
    assert row.one_short.url == f"{reverse('workspace:list')}?ready=srdi_sme%3Aprovince"
    # Every distance links to the list, which selects the same stored rows.
    client = Client()
    client.force_login(users["province"])
    for cell, name in ((row.passed, "nanjing"), (row.one_short, "wujiang_town"),
                       (row.two_short, "wujiang")):
        assert cell.url is not None
        shown = [e.name for e in client.get(cell.url).context["rows"]]
        assert shown == [enterprises[name].name]
    town = pipelines.pipeline(_scope(users, "town"))
    assert [(r.assessed, r.one_short.count) for r in town.rows] == [(1, 1)]


def test_it_assesses_a_small_scope_live_when_nothing_is_stored(users: dict[str, Any]) -> None:
    result = pipelines.pipeline(_scope(users, "suzhou"))
    assert result.source == pipelines.Source.LIVE
    assert result.rows
    assert all(row.assessed == 2 for row in result.rows)
    # Live counts are not what the list filters on, so they must not link to it.
    assert all(row.one_short.url is None for row in result.rows)


def _cells(page: Overview) -> list[Cell]:
    cells = [page.total, *(cell for _, cell in page.tier_totals), page.pool.members,
             *(cell for _, cell in page.pool.focus), page.pool.pending]
    for row in [*page.regions, *page.industries, *page.clusters]:
        cells += [row.total, *row.tiers, *([row.pool] if row.pool else [])]
    for prow in page.pipeline.rows:
        cells += [prow.passed, prow.one_short, prow.two_short]
    for year in page.years:
        cells += [year.revenue_reported, year.rd_reported]
    for granted in page.granted:
        cells += list(granted.tiers)
    return cells


@pytest.mark.parametrize("username", ["province", "suzhou", "wujiang", "town"])
def test_it_links_every_number_to_a_list_of_exactly_that_many_enterprises(
        username: str, users: dict[str, Any], pool_members: dict[str, Any]) -> None:
    from portal.assessments.services import population_assess

    population_assess()
    page = overview(_scope(users, username))
    client = Client()
    client.force_login(users[username])
    linked = [(cell.url, cell.count) for cell in _cells(page) if cell.url]
    assert linked
    for url, count in linked:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["page"].paginator.count == count, url


def _get(users: dict[str, Any], name: str) -> Any:
    client = Client()
    client.force_login(users[name])
    return client.get(reverse("dashboards:overview"), follow=True)


@pytest.mark.parametrize("username", ["enterprise", "commissioner", "expert", "bank"])
def test_it_sends_roles_without_a_region_home_with_a_message(
        username: str, users: dict[str, Any]) -> None:
    response = _get(users, username)
    assert response.redirect_chain == [(reverse("home"), 302)]
    assert "区域统计看板仅向省、市、区（县）、镇（街道）主管部门开放" in response.content.decode()


def test_it_renders_the_dashboard_with_chart_data_and_tables(users: dict[str, Any]) -> None:
    response = _get(users, "suzhou")
    html = response.content.decode()
    assert response.status_code == 200
    assert "苏州市 · 专精特新梯度培育统计看板" in html
    assert 'id="dash-data"' in html and "vendor/echarts.min.js" in html
    assert "南京市" not in html  # another city's region never shows
    charts = response.context["charts"]
    assert charts["regions"]["categories"] == ["吴江区"]
    assert charts["regions"]["series"][-1]["data"] == [2]


def test_it_asks_anonymous_visitors_to_sign_in(db: None) -> None:
    response = Client().get(reverse("dashboards:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
