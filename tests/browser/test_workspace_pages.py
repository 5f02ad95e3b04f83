"""The pages an official reads about one enterprise, and the pages that refuse: each is
screenshotted for review, and each must read as Chinese for people — a page title of its own,
changes as 项目 · 修改前 · 修改后 rather than stored data, refusals that say why."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.assessments.services import population_assess
from portal.enterprises import services as registry
from tests.browser.conftest import Session
from tests.world import PASSWORD, World

pytestmark = pytest.mark.browser

DEFAULT_TITLE = "专精特新企业梯度培育平台 · zjtx"
TABS = ("detail", "ladder", "figures", "records", "history")


def make_changes(world: World) -> None:
    """What an official does to an enterprise in a day: corrects its registration and a figure,
    records a title."""
    official = world.users["wujiang"]
    enterprise = world.inside
    registry.enterprise_update(enterprise=enterprise, actor=official,
                               contact_name="张敏", contact_phone="0512-63000000",
                               region=official.region)
    registry.fact_set(enterprise=enterprise, indicator="rd_expense", year=2025,
                      value=2_565_000, source="audit_report", actor=official)
    registry.title_add(enterprise=enterprise, tier="srdi_sme", level="province",
                       valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2027, 12, 31),
                       certificate_no="苏专精特新〔2025〕0999号", actor=official)


def assert_reads_for_people(session: Session) -> None:
    title = session.page.title()
    assert title != DEFAULT_TITLE and "zjtx" in title, title
    text = session.page.inner_text("main")
    assert "{'" not in text and "None" not in text, text[:500]


def test_an_official_reads_an_enterprise_tab_by_tab(world: World, session: Session) -> None:
    make_changes(world)
    population_assess()
    session.sign_in("wujiang", PASSWORD)
    session.page.wait_for_selector("[data-testid=home-chart] canvas")
    session.page.wait_for_timeout(1500)  # the bars grow in for a second
    assert_reads_for_people(session)
    session.shot("home")
    pk = world.inside.pk
    for tab in TABS:
        session.go(f"/enterprises/{pk}/{'' if tab == 'detail' else tab + '/'}")
        assert_reads_for_people(session)
        session.shot(tab)
    history = session.page.inner_text("[data-testid=history-table]")
    for shown in ("所属区域", "联系人", "张敏", "2025年研发费用（万元）", "256.5",
                  "专精特新中小企业", "2027年12月31日"):
        assert shown in history, shown
    session.go(f"/enterprises/{pk}/figures/rd_expense/2025/")
    assert_reads_for_people(session)
    session.shot("fact_history")


def test_refusals_say_why_in_chinese(world: World, session: Session) -> None:
    session.sign_in("town", PASSWORD)
    response = session.go(f"/enterprises/{world.outside.pk}/")
    assert response.status == 404
    assert "未找到该企业，或您无权查看" in session.page.inner_text("[data-testid=error-page]")
    assert_reads_for_people(session)
    session.shot("not_found")
    session.sign_out()
    session.sign_in("bank", PASSWORD)
    session.shot("bank_home")
    response = session.go("/enterprises/")
    assert response.status == 403
    assert "金融机构账号" in session.page.inner_text("[data-testid=error-page]")
    session.shot("forbidden")
