"""The pages of each role, driven through HTTP: the same journey as the services test,
plus what each role may open and what it may not."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from portal.certification.forms import criteria_set_choices
from portal.certification.models import Application, Round, Status
from portal.certification.selectors import sheet_criteria
from portal.certification.tests import fixtures, steps
from portal.certification.tests.fixtures import World, days, fresh
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == status, url
    return response.content.decode()


def post(client: Client, url: str, data: dict[str, Any]) -> str:
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def app_url(app: Application, name: str = "application") -> str:
    return reverse(f"certification:{name}", args=[app.pk])


def cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def opinion_boxes(form: str) -> list[str]:
    """The text of each level's box in the printed form's 审核意见 table, top to bottom."""
    return [box.split("</td>")[0] for box in form.split('data-testid="opinion">')[1:]]


def test_each_role_lands_on_its_own_certification_page(world: World) -> None:
    assert "申报审核" in page(as_user(world.user("town")), "/certification/")
    assert "我的评审任务" in page(as_user(world.experts[0]), "/certification/")
    home = page(as_user(world.user("enterprise")), "/certification/")
    assert world.round.name in home and "查看条件并申报" in home
    for who in ("bank", "commissioner"):
        assert as_user(world.user(who)).get("/certification/").status_code == 403


def test_the_journey_through_the_pages(world: World) -> None:
    enterprise = as_user(world.user("enterprise"))
    apply_url = reverse("certification:apply", args=[world.round.pk])
    assert "按当前数据的评估结果：" in page(enterprise, apply_url)
    post(enterprise, apply_url, {"audit_report": steps.pdf()})  # no pledge
    assert not Application.objects.exists()
    detail = post(enterprise, apply_url, {"pledge": "on", "audit_report": steps.pdf()})
    app = Application.objects.get()
    assert "申报已提交" in detail and "审计报告.pdf" in detail

    town = as_user(world.user("town"))
    assert 'data-testid="decision-form"' in page(town, app_url(app))
    assert 'data-testid="decision-form"' not in page(as_user(world.user("wujiang")),
                                                     app_url(app))
    post(town, app_url(app, "decide"), {"decision": "approve", "version": 1})
    wujiang = as_user(world.user("wujiang"))
    post(wujiang, app_url(app, "decide"), {"decision": "return", "version": 2,
                                           "missing": "补充研发费用明细",
                                           "due": days(5).isoformat()})
    shown = page(enterprise, app_url(app))
    assert "补充研发费用明细" in shown and 'data-testid="resubmit-form"' in shown
    post(enterprise, app_url(app, "resubmit"), {"version": 3, "note": "已补充",
                                                "other": steps.pdf("研发费用明细.pdf")})
    post(wujiang, app_url(app, "decide"), {"decision": "approve", "version": 4})
    post(as_user(world.user("suzhou")), app_url(app, "decide"),
         {"decision": "approve", "version": 5})
    province = as_user(world.user("province"))
    post(province, app_url(app, "assign_experts"), {"version": 6, "seed": "11"})
    assert fresh(app).status == Status.EXPERTS

    for review in fresh(app).reviews.select_related("expert"):
        expert = as_user(review.expert)
        assert "专家评分表" in page(expert, app_url(app, "score"))
        data: dict[str, Any] = {"recommend": "yes", "comment": "同意"}
        data.update({f"points_{n}": 9 for n in range(len(sheet_criteria(app)))})
        post(expert, app_url(app, "score"), data)
    post(province, app_url(app, "publish"), {"version": fresh(app).version})
    assert fresh(app).status == Status.NOTICE
    steps.end_notice(app)
    done = post(province, app_url(app, "certify"), {"version": fresh(app).version})
    assert "已认定并发放证书" in done and fresh(app).status == Status.CERTIFIED
    ladder = page(enterprise, reverse("workspace:ladder", args=[world.enterprise.pk]))
    assert "已持有称号" in ladder
    history = page(enterprise, app_url(app))
    for label in ("提交申报", "初审通过", "退回补正", "补正后重新提交", "推荐上报",
                  "抽取评审专家", "发布公示", "认定发证"):
        assert label in history


def test_file_inputs_read_in_chinese_whatever_the_browser_locale(world: World) -> None:
    apply_url = reverse("certification:apply", args=[world.round.pk])
    shown = page(as_user(world.user("enterprise")), apply_url)
    for name in ("audit_report", "certificate", "other"):
        native = re.search(rf'<input type="file"[^>]* name="{name}"[^>]*>', shown)
        assert native and "visually-hidden" in native[0] and f'id="id_{name}"' in native[0]
        assert 'accept=".pdf,.jpg,.jpeg,.png"' in native[0]
        assert re.search(rf'<label class="btn[^"]*" for="id_{name}">选择文件</label>', shown)
        assert re.search(rf'id="id_{name}-chosen"[^>]*>未选择文件</span>', shown)
    assert "core/file_input.js" in shown
    app = steps.apply(world)
    steps.send_back(app, world.user("town"))
    resubmit = page(as_user(world.user("enterprise")), app_url(app))
    assert resubmit.count('class="zj-file-input visually-hidden"') == 3
    steps.resubmit(world, app)
    attach = page(as_user(world.user("enterprise")), app_url(app))
    assert 'data-testid="attach-form"' in attach
    assert '<label class="form-label small d-block" for="id_file">文件（PDF/JPG/PNG' in attach


def test_a_refused_decision_comes_back_as_a_message(world: World) -> None:
    app = steps.apply(world)
    shown = post(as_user(world.user("wujiang")), app_url(app, "decide"),
                 {"decision": "approve", "version": 1})
    assert "越级办理" in shown and fresh(app).current_level == "town"
    stale = post(as_user(world.user("town")), app_url(app, "decide"),
                 {"decision": "approve", "version": 9})
    assert "请刷新页面后重试" in stale


def test_applications_are_hidden_outside_the_users_scope(world: World) -> None:
    app = steps.apply(world)
    for who in ("other_town", "nanjing", "bank", "commissioner"):
        assert as_user(world.user(who)).get(app_url(app)).status_code == 404
    assert as_user(world.experts[0]).get(app_url(app)).status_code == 404  # not drawn yet
    for who in ("town", "wujiang", "suzhou", "province", "enterprise", "admin"):
        assert as_user(world.user(who)).get(app_url(app)).status_code == 200


def test_only_drawn_experts_may_open_the_scoring_sheet(world: World) -> None:
    app = steps.apply(world)
    steps.through_review(world, app)
    draw = steps.assign(world, app)
    outsider = next(e for e in world.experts if e.pk not in draw.chosen)
    assert as_user(outsider).get(app_url(app, "score")).status_code == 404
    assert as_user(world.user("province")).get(app_url(app, "score")).status_code == 403


def test_the_queue_filters_and_bulk_approves_at_the_town(world: World) -> None:
    app = steps.apply(world)
    town = as_user(world.user("town"))
    assert world.enterprise.name in page(town, "/certification/queue/")
    assert world.enterprise.name not in page(town, "/certification/queue/?verdict=fail")
    assert world.enterprise.name not in page(town, "/certification/queue/?q=不存在的企业")
    assert world.enterprise.name in page(town, "/certification/queue/?region=320509101")
    assert world.enterprise.name not in page(as_user(world.user("wujiang")),
                                             "/certification/queue/")
    shown = post(town, reverse("certification:bulk_approve"), {"pick": [f"{app.pk}:1"]})
    assert "已批量初审通过 1 件" in shown and fresh(app).current_level == "district"
    refused = post(as_user(world.user("wujiang")), reverse("certification:bulk_approve"),
                   {"pick": [f"{app.pk}:2"]})
    assert "批量通过只适用于镇（街道）初审" in refused


def test_the_printable_form_is_prefilled_from_the_frozen_facts(world: World) -> None:
    app = steps.apply(world)
    form = page(as_user(world.user("enterprise")), app_url(app, "print"))
    assert "省级专精特新中小企业认定申报书" in form
    assert world.enterprise.uscc in form and "营业收入" in form and "3,000" in form
    assert "法定代表人（签字）" in form and "@media print" not in form


def test_the_printable_form_gives_dates_in_chinese(world: World) -> None:
    fixtures.put(world.enterprise, "founded_on", None, "2016-11-11")
    app = steps.apply(world)
    form = page(as_user(world.user("enterprise")), app_url(app, "print"))
    assert "2016年11月11日" in form and "2016-11-11" not in form


def test_the_printed_form_gives_each_levels_opinion_not_the_expert_draw(world: World) -> None:
    app = steps.apply(world)
    steps.through_review(world, app)
    enterprise = as_user(world.user("enterprise"))
    boxes = opinion_boxes(page(enterprise, app_url(app, "print")))
    assert len(boxes) == 4 and boxes[0].startswith("初审通过") and boxes[2].startswith("推荐上报")
    assert "（盖章）" in boxes[3]  # the province has not decided yet
    steps.assign(world, app)
    form = page(enterprise, app_url(app, "print"))
    assert opinion_boxes(form)[3].startswith("审核通过，提交专家评审")
    assert "抽取评审专家" not in form and cn(fixtures.today()) in opinion_boxes(form)[3]
    steps.score_all(app, [8] * world.round.panel_size)
    steps.publish(world, app)
    steps.end_notice(app)
    steps.certify(world, app)
    assert opinion_boxes(page(enterprise, app_url(app, "print")))[3].startswith("同意认定")


def test_the_printed_form_gives_a_return_with_its_due_date(world: World) -> None:
    app = steps.apply(world)
    steps.send_back(app, world.user("town"), "补充研发费用明细", days(5))
    box = opinion_boxes(page(as_user(world.user("enterprise")), app_url(app, "print")))[0]
    assert box.startswith(f"退回补正：补充研发费用明细（补正期限 {cn(days(5))}）")


def test_the_history_gives_the_correction_due_date_in_chinese(world: World) -> None:
    app = steps.apply(world)
    due = days(5)
    steps.send_back(app, world.user("town"), "补充研发费用明细", due)
    history = page(as_user(world.user("enterprise")), app_url(app)).split(
        'data-testid="history"')[1]
    assert f"补充研发费用明细（期限 {cn(due)}）" in history and due.isoformat() not in history


def test_the_round_form_names_criteria_sets_without_their_ids(world: World) -> None:
    groups = dict(criteria_set_choices(dt.date(2026, 11, 1)))
    labels = dict(groups["现行及即将施行的标准"] + groups["已停止施行的标准"])
    assert labels[fixtures.CRITERIA] == ("专精特新中小企业认定标准（2026年） · 省级 · "
                                         "2026年4月1日起施行")
    assert labels["cn-2022-srdi-sme"].endswith(" · 省级 · 2022年6月1日至2026年3月31日")
    assert "cn-2022-srdi-sme" in dict(groups["已停止施行的标准"])
    assert not any(set_id in label for set_id, label in labels.items())
    shown = page(as_user(world.user("province")), reverse("certification:round_create"))
    assert "现行及即将施行的标准" in shown and f"（{fixtures.CRITERIA}）" not in shown
    # The preselected title's set in force is offered first, not the list's first entry.
    assert f'<option value="{fixtures.CRITERIA}" selected>' in shown
    # Styled by the form itself: the page needs no script to look like the others.
    assert 'class="form-select" id="id_criteria_set_id"' in shown
    assert 'type="date" name="opens_on" class="form-control"' in shown and "<script>" not in shown


def test_the_admin_calls_the_verdict_a_system_evaluation(world: World) -> None:
    steps.apply(world)
    shown = page(as_user(world.user("admin")),
                 reverse("admin:certification_application_changelist"))
    assert "系统评估结论" in shown and "规则引擎" not in shown


def test_rounds_name_their_criteria_by_title(world: World) -> None:
    province = as_user(world.user("province"))
    title = "专精特新中小企业认定标准（2026年）"
    listing = page(province, reverse("certification:rounds"))
    detail = page(province, reverse("certification:round", args=[world.round.pk]))
    for shown in (listing, detail):
        assert title in shown and fixtures.CRITERIA not in shown


def test_officials_read_of_a_system_evaluation_not_an_engine(world: World) -> None:
    app = steps.apply(world)
    shown = page(as_user(world.user("town")), app_url(app))
    assert "系统自动评估（提交时冻结）" in shown and "引擎" not in shown


def test_provinces_open_rounds_and_others_may_not(world: World) -> None:
    url = reverse("certification:round_create")
    assert as_user(world.user("suzhou")).get(url).status_code == 403
    province = as_user(world.user("province"))
    data = {"name": "测试批次", "tier": "srdi_sme", "level": "province",
            "criteria_set_id": "cn-2026-srdi-sme", "application_type": "new",
            "opens_on": days(0).isoformat(), "application_deadline": days(10).isoformat(),
            "town_deadline": days(20).isoformat(), "province_deadline": days(30).isoformat(),
            "expert_deadline": days(40).isoformat(), "panel_size": 3, "notice_days": 7,
            "validity_years": 3, "certificate_prefix": "苏专精特新"}
    shown = post(province, url, {**data, "province_deadline": days(5).isoformat()})
    assert "省审核截止日期不能早于" in shown
    post(province, url, data)
    created = Round.objects.get(name="测试批次")
    assert [s.level for s in created.steps.all()] == ["town", "province"]


def test_revocation_pages(world: World) -> None:
    app = steps.apply(world)
    certificate = steps.to_certificate(world, app)
    type(certificate.title).objects.filter(pk=certificate.title.pk).update(
        valid_from=days(-10))
    province = as_user(world.user("province"))
    listing = page(province, reverse("certification:revocations"))
    assert world.enterprise.name in listing
    url = reverse("certification:revoke", args=[certificate.title.pk])
    assert as_user(world.user("suzhou")).get(url).status_code == 404
    assert as_user(world.user("enterprise")).get(url).status_code == 403
    done = post(province, url, {"ground": "dishonesty", "reason": "列入严重失信主体名单"})
    assert "已撤销" in done and "列入严重失信主体名单" in done
    mine = page(as_user(world.user("enterprise")), "/certification/")
    assert "（已撤销）" in mine


def test_the_inbox_badge_and_marking_read(world: World) -> None:
    steps.apply(world)
    town = as_user(world.user("town"))
    home = page(town, "/certification/queue/")
    assert 'data-testid="unread-badge"' in home
    inbox = page(town, reverse("notifications:inbox"))
    assert "新的申报待审核" in inbox
    note = Notification.objects.get(recipient=world.user("town"))
    response = town.post(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/certification/")
    note.refresh_from_db()
    assert note.is_read
    assert 'data-testid="unread-badge"' not in page(town, "/certification/queue/")
    assert as_user(world.user("wujiang")).post(
        reverse("notifications:open", args=[note.pk])).status_code == 404
