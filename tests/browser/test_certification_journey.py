"""The certification journey of issue 6 in a real browser, on the demo round: an enterprise
applies for 专精特新中小企业 → the town approves → the district returns it for correction →
the enterprise corrects → the district approves → the city recommends → the province draws
experts → the expert scores → public notice → certificate → the enterprise sees its new title
on its ladder."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from portal.certification.demo import certification_demo_ensure
from portal.certification.models import Application, Status
from tests.browser.conftest import SCREENSHOTS, Session
from tests.world import PASSWORD, World

pytestmark = pytest.mark.browser

PDF = {"name": "2025年度审计报告.pdf", "mimeType": "application/pdf",
       "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}


def status_shown(session: Session) -> str:
    return session.page.inner_text("[data-testid=app-status]").strip()


def open_application(session: Session, app: Application) -> None:
    session.go(f"/certification/applications/{app.pk}/")
    session.page.wait_for_selector("[data-testid=history]")


def decide(session: Session, decision: str, **fields: str) -> None:
    form = session.page.locator("[data-testid=decision-form]")
    form.locator(f"input[name=decision][value={decision}]").check()
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("[data-testid=decide]").click()
    session.page.wait_for_selector(".alert-success")


def as_official(session: Session, username: str, app: Application, decision: str,
                **fields: str) -> None:
    session.sign_in(username, PASSWORD)
    session.page.click("[data-testid=nav-certification]")
    session.page.wait_for_selector("[data-testid=queue]")
    assert app.enterprise.name in session.page.inner_text("[data-testid=queue]")
    session.page.click(f"[data-testid=open-{app.pk}]")
    decide(session, decision, **fields)
    session.shot(f"{username}_{decision}")
    session.sign_out()


def days_pass(monkeypatch: pytest.MonkeyPatch, days: int) -> None:
    """Move the clock on for the live server (it runs in this process). Rewriting the notice
    dates into the past instead left a period ending before the day it was published."""
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + dt.timedelta(days=days))


def test_the_certification_journey(world: World, session: Session,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    round_ = certification_demo_ensure()
    assert round_ is not None and round_.criteria_set_id == "cn-2026-srdi-sme"
    enterprise = world.inside

    # The enterprise applies with its audit report.
    session.sign_in("enterprise", PASSWORD)
    session.page.click("[data-testid=nav-certification]")
    session.page.click(f"[data-testid=apply-{round_.pk}]")
    session.page.wait_for_selector("[data-testid=preview-verdict]")
    session.shot("apply")
    chosen = session.page.locator("#id_audit_report-chosen")
    assert chosen.inner_text() == "未选择文件"
    # The Chinese button labels the native input, whatever language the browser speaks.
    assert session.page.get_by_label("选择文件").count() == 3
    assert session.page.get_by_label("审计报告").get_attribute("name") == "audit_report"
    session.page.set_input_files("input[name=audit_report]", files=[PDF])
    assert chosen.inner_text() == PDF["name"]
    session.page.check("#pledge")
    session.page.click("[data-testid=submit-application]")
    session.page.wait_for_selector("[data-testid=history]")
    assert status_shown(session) == "审核中"
    session.shot("submitted")
    app = Application.objects.get(enterprise=enterprise, round=round_)
    session.sign_out()

    as_official(session, "town", app, "approve", reason="材料齐全，同意上报")
    as_official(session, "wujiang", app, "return", missing="请补充近两年研发费用专项审计报告",
                due=(timezone.localdate() + dt.timedelta(days=10)).isoformat())
    assert Application.objects.get(pk=app.pk).status == Status.CORRECTION

    # The enterprise reads the request (and the unread badge), corrects and resubmits.
    session.sign_in("enterprise", PASSWORD)
    assert session.page.locator("[data-testid=unread-badge]").count() == 1
    open_application(session, app)
    assert "请补充近两年研发费用专项审计报告" in session.page.inner_text(
        "[data-testid=correction-request]")
    session.shot("correction_requested")
    form = session.page.locator("[data-testid=resubmit-form]")
    form.locator("input[name=other]").set_input_files(
        files=[{**PDF, "name": "研发费用专项审计报告.pdf"}])
    form.locator("textarea[name=note]").fill("已补充专项审计报告")
    form.locator("[data-testid=resubmit]").click()
    session.page.wait_for_selector(".alert-success")
    assert status_shown(session) == "审核中"
    session.sign_out()

    as_official(session, "wujiang", app, "approve")
    as_official(session, "suzhou", app, "approve", reason="同意推荐")

    # The province draws the panel.
    session.sign_in("province", PASSWORD)
    open_application(session, app)
    session.page.fill("[data-testid=assign-form] input[name=seed]", "2026")
    session.page.click("[data-testid=assign-experts]")
    session.page.wait_for_selector("[data-testid=expert-review]")
    assert status_shown(session) == "专家评审中"
    session.shot("experts_drawn")
    session.sign_out()

    # The expert scores every line.
    session.sign_in("expert", PASSWORD)
    session.page.click("[data-testid=nav-certification]")
    session.page.click(f"[data-testid=score-{app.pk}]")
    for field in session.page.locator("[data-testid=points]").all():
        field.fill("8")
    session.page.check("input[name=recommend][value=yes]")
    session.page.fill("textarea[name=comment]", "企业专注细分市场，研发投入稳定，同意认定。")
    session.shot("score_sheet")
    session.page.click("[data-testid=submit-score]")
    session.page.wait_for_selector(".alert-success")
    session.sign_out()

    # The province publishes the notice; once it has run its course, issues the certificate.
    session.sign_in("province", PASSWORD)
    open_application(session, app)
    assert "平均总分" in session.page.inner_text("[data-testid=score-summary]")
    session.page.click("[data-testid=publish]")
    session.page.wait_for_selector("[data-testid=notice-period]")
    assert status_shown(session) == "公示中"
    session.shot("notice")
    published = Application.objects.get(pk=app.pk)
    assert published.notice_start == timezone.localdate()
    session.sign_out()
    days_pass(monkeypatch, round_.notice_days)
    session.sign_in("province", PASSWORD)
    open_application(session, app)
    session.page.click("[data-testid=certify]")
    session.page.wait_for_selector("[data-testid=certificate]")
    assert status_shown(session) == "已认定"
    certificate = session.page.inner_text("[data-testid=certificate]")
    assert re.search(r"苏专精特新〔\d{4}〕0001号", certificate)
    end = published.notice_end
    assert end is not None and end >= published.notice_start
    notice_card = session.page.locator("[data-testid=route] li", has_text="公示")
    assert f"至 {end.month}月{end.day}日" in notice_card.inner_text()
    session.shot("certified")
    session.sign_out()

    # The enterprise sees its new title on its ladder, and the whole history.
    session.sign_in("enterprise", PASSWORD)
    open_application(session, app)
    history = session.page.inner_text("[data-testid=history]")
    for label in ("提交申报", "初审通过", "退回补正", "补正后重新提交", "审核通过", "推荐上报",
                  "抽取评审专家", "专家提交评分", "发布公示", "认定发证"):
        assert label in history, label
    session.shot("history")
    session.go(f"/enterprises/{enterprise.pk}/ladder/")
    rung = session.page.locator("[data-testid=ladder-step][data-tier=srdi_sme]").first
    assert "已持有称号" in rung.inner_text()
    session.shot("ladder_with_title")
    session.page.locator("[data-testid=ladder-steps]").screenshot(
        path=str(SCREENSHOTS / f"{session.prefix}__ladder_steps.png"))
    session.go(f"/certification/applications/{app.pk}/print/")
    session.page.emulate_media(media="print")
    assert "专精特新中小企业认定申报书" in session.page.inner_text(
        "[data-testid=application-form]")
    session.shot("application_form_print")
    session.page.pdf(path=str(SCREENSHOTS / f"{session.prefix}__application_form.pdf"))
