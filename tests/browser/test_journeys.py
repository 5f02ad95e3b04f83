"""The main journeys through the portal in a real browser: each role sees only what it may; an
official opens an enterprise's ladder; an enterprise corrects a figure and watches a verdict
change; an official follows a dashboard number to the enterprises behind it."""

from __future__ import annotations

import re

import pytest
from django.db.models import Q
from django.utils import timezone

from indicators.vocabulary import BY_ID
from portal.enterprises.models import Enterprise, Fact
from portal.pool.models import EntryRoute, Focus, PoolMembership
from tests.browser.conftest import Session
from tests.world import PASSWORD, World

pytestmark = pytest.mark.browser


def count_shown(session: Session) -> int:
    text = session.page.inner_text("[data-testid=list-count]")
    return int(re.sub(r"\D", "", text))


def in_region(world: World, username: str) -> int:
    region = world.users[username].region
    assert region is not None
    return Enterprise.objects.filter(region__path__startswith=region.path).count()


def nav_links(session: Session) -> set[str]:
    found = session.page.locator("header [data-testid^=nav-]").evaluate_all(
        "links => links.map(a => a.dataset.testid)")
    return set(found)


# role → (nav links it must have, nav links it must not have)
NAV = {
    "province": ({"nav-enterprises", "nav-dashboard"}, {"nav-admin", "nav-own"}),
    "suzhou": ({"nav-enterprises", "nav-dashboard"}, {"nav-admin", "nav-own"}),
    "wujiang": ({"nav-enterprises", "nav-dashboard"}, {"nav-admin"}),
    "town": ({"nav-enterprises", "nav-dashboard"}, {"nav-admin"}),
    "enterprise": ({"nav-own", "nav-self-assessment"}, {"nav-enterprises", "nav-dashboard"}),
    "commissioner": ({"nav-enterprises"}, {"nav-dashboard", "nav-admin"}),
    "expert": ({"nav-enterprises"}, {"nav-dashboard", "nav-admin"}),
    "bank": (set(), {"nav-enterprises", "nav-dashboard", "nav-own"}),
    "admin": ({"nav-admin", "nav-dashboard", "nav-enterprises"}, {"nav-own"}),
}


def expected_list_size(world: World, username: str) -> int:
    if username in ("province", "admin"):
        return Enterprise.objects.count()
    if username in ("suzhou", "wujiang", "town"):
        return in_region(world, username)
    return 1  # the commissioner's and the expert's one assigned enterprise


def test_it_shows_each_role_only_what_it_may_see(world: World, session: Session) -> None:
    for username, (present, absent) in NAV.items():
        session.sign_in(username, PASSWORD)
        links = nav_links(session)
        assert present <= links, (username, links)
        assert not absent & links, (username, links)
        response = session.go("/enterprises/")
        if username == "bank":
            assert response.status == 403
        elif username == "enterprise":
            # The list sends an enterprise user to its own workspace.
            assert session.page.inner_text("[data-testid=enterprise-name]") == world.inside.name
        else:
            assert count_shown(session) == expected_list_size(world, username), username
        session.shot(f"{username}_list")
        if username not in ("province", "admin"):
            denied = session.go(f"/enterprises/{world.outside.pk}/")
            assert denied.status in (403, 404), username
            assert world.outside.name not in session.page.content()
        if "nav-dashboard" in absent:
            session.go("/dashboards/")
            assert "/dashboards/" not in session.page.url
            assert "区域统计看板仅向" in session.page.content()
        session.sign_out()


def test_it_opens_an_enterprise_ladder(world: World, session: Session) -> None:
    session.sign_in("wujiang", PASSWORD)
    session.page.click("[data-testid=nav-enterprises]")
    session.page.fill("[data-testid=filter-q]", world.inside.name)
    session.page.click("[data-testid=filter-submit]")
    assert count_shown(session) == 1
    session.shot("list_search")
    session.page.click(f"[data-testid=enterprise-row] a:text-is('{world.inside.name}')")
    session.page.click("[data-testid=tab-ladder]")
    steps = session.page.locator("[data-testid=ladder-step]")
    assert steps.count() >= 3
    verdicts = set(steps.evaluate_all("els => els.map(e => e.dataset.verdict)"))
    assert verdicts <= {"pass", "fail", "unknown"}
    assert session.page.locator("[data-testid=criterion]").count() > 0
    session.shot("ladder")


# --- correcting a figure --------------------------------------------------------------------

def candidate_answers(fiscal_year: int) -> list[tuple[str, int | None, str]]:
    """Figures an enterprise might correct (as typed, in 万元 or counts), most telling first."""
    return [("rd_expense", fiscal_year, "0"), ("revenue", fiscal_year, "1"),
            ("invention_patents", None, "0"), ("class1_ip", None, "0"),
            ("rd_expense", fiscal_year, "900"), ("class1_ip", None, "12"),
            ("invention_patents", None, "30"), ("revenue", fiscal_year, "80000")]


def verdict_changing_answer(enterprise: Enterprise) -> tuple[str, int | None, str, str, str]:
    """(indicator, year, typed value, tier, verdict after) for the first candidate that the
    engine says changes some rung's verdict: the browser must then show that change."""
    from portal.assessments.ladder import enterprise_ladder
    from portal.enterprises.documents import facts_document
    from portal.enterprises.values import parse_user_value
    from portal.workspace.whatif import with_answers

    now = enterprise_ladder(enterprise)
    before = {r.outcome.criteria_set.tier: r.verdict for r in now.rungs}
    for indicator, year, typed in candidate_answers(now.fiscal_year):
        value = parse_user_value(BY_ID[indicator], typed)
        document = with_answers(facts_document(enterprise), {(indicator, year): value})
        after = enterprise_ladder(enterprise, facts=document)
        for rung in after.rungs:
            tier = rung.outcome.criteria_set.tier
            if before.get(tier) != rung.verdict:
                return indicator, year, typed, tier, rung.verdict
    raise AssertionError("没有一项候选更正会改变评估结论，请调整候选值")


def verdict_shown(session: Session, tier: str) -> str:
    step = session.page.locator(f"[data-testid=ladder-step][data-tier='{tier}']").first
    return str(step.get_attribute("data-verdict"))


def test_it_changes_a_verdict_when_the_enterprise_corrects_a_figure(
        world: World, session: Session) -> None:
    from portal.workspace.forms import field_name

    indicator, year, typed, tier, verdict_after = verdict_changing_answer(world.inside)
    session.sign_in("enterprise", PASSWORD)
    session.page.click("[data-testid=nav-self-assessment]")
    verdict_before = verdict_shown(session, tier)
    assert verdict_before != verdict_after
    session.shot("before")
    session.page.fill(f"[name={field_name(indicator, year)}]", typed)
    session.page.locator(f"[name={field_name(indicator, year)}]").dispatch_event("change")
    session.page.wait_for_selector("[data-testid=preview-note]")
    assert verdict_shown(session, tier) == verdict_after  # the live preview, not yet saved
    session.shot("preview")
    session.page.click("[data-testid=self-assessment-save]")
    session.page.wait_for_selector("[data-testid=saved-message]")
    assert verdict_shown(session, tier) == verdict_after
    session.shot("saved")
    fact = Fact.objects.get(Q(year=year) if year else Q(year__isnull=True),
                            enterprise=world.inside, indicator=indicator,
                            superseded_at__isnull=True)
    assert fact.source == "self_reported"
    assert fact.entered_by == world.users["enterprise"]


# --- from a dashboard number to its list ----------------------------------------------------

def follow_first_number(session: Session, table: str) -> tuple[int, int]:
    """Click the first linked number in a dashboard table: (the number, the list's count)."""
    link = session.page.locator(f"[data-testid={table}] a[data-testid=dash-number]").first
    number = int(str(link.get_attribute("data-count")))
    link.click()
    session.page.wait_for_selector("[data-testid=list-count]")
    return number, count_shown(session)


def test_dashboard_tables_fit_a_laptop_screen(world: World, session: Session) -> None:
    """At 1366px wide every dashboard table shows all its columns: none scrolls sideways."""
    session.page.set_viewport_size({"width": 1366, "height": 768})
    session.sign_in("province", PASSWORD)
    session.go("/dashboards/")
    session.page.wait_for_selector("body[data-charts-ready]")
    tables = session.page.locator("table.zj-dash-table")
    cut_off = tables.evaluate_all(
        "ts => ts.filter(t => t.parentElement.scrollWidth > t.parentElement.clientWidth)"
        "         .map(t => t.dataset.testid)")
    assert tables.count() >= 6 and cut_off == []
    session.shot("dashboard_1366")


def test_it_follows_a_dashboard_number_to_its_list(world: World, session: Session) -> None:
    from portal.assessments.services import population_assess

    population_assess()  # the pipeline counts the stored results the list filters on
    for enterprise in (world.inside, world.suzhou, world.outside):  # the last is not Suzhou's
        PoolMembership.objects.create(enterprise=enterprise, year=2026, entered_at=timezone.now(),
                                      route=EntryRoute.SELECTION, focus=Focus.RECOMMEND)
    session.sign_in("suzhou", PASSWORD)
    session.page.click("[data-testid=nav-dashboard]")
    session.page.wait_for_selector("body[data-charts-ready]")
    assert "苏州市" in session.page.inner_text("[data-testid=dash-title]")
    assert "南京市" not in session.page.inner_text("[data-testid=dash-region-table]")
    session.shot("dashboard")
    assert session.page.get_attribute("[data-testid=dash-pool-members] a", "data-count") == "2"
    for table in ("dash-region-table", "dash-pipeline-table", "dash-industry-table",
                  "dash-pool"):
        session.go("/dashboards/")
        if not session.page.locator(f"[data-testid={table}] a[data-testid=dash-number]").count():
            assert table != "dash-region-table", "地区表中应有可点击的数字"
            continue
        number, listed = follow_first_number(session, table)
        assert number == listed, (table, number, listed)
        session.shot(f"list_from_{table}")
