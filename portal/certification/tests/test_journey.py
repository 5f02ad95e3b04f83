"""The issue's journey through the services: apply → town approves → district returns →
the enterprise corrects → district approves → city recommends → province draws experts →
experts score → public notice → certificate → the title is on the enterprise's ladder."""

from __future__ import annotations

from typing import Any

import pytest

from portal.assessments.ladder import enterprise_ladder
from portal.audit.models import AuditEntry
from portal.certification.models import Action, Snapshot, Status, Transition
from portal.certification.selectors import score_summary
from portal.certification.tests import steps
from portal.certification.tests.fixtures import World, days, fresh, put, today
from portal.enterprises.models import Title
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_it_freezes_facts_and_verdict_and_routes_through_every_level(world: World) -> None:
    app = steps.apply(world)
    assert app.status == Status.REVIEW and app.current_level == "town"
    assert [s["level"] for s in app.route] == ["town", "district", "city", "province"]
    assert [s["region"] for s in app.route] == ["320509101", "320509", "320500", "320000"]
    snapshot = app.snapshots.get()
    assert snapshot.verdict == "pass" == app.verdict
    assert snapshot.outcome["criteria_set"]["id"] == "cn-2026-srdi-sme"
    assert snapshot.facts["uscc"] == world.enterprise.uscc
    # A later correction of the registry does not change what was submitted.
    put(world.enterprise, "revenue", today().year - 1, "1000")
    assert Snapshot.objects.get(pk=snapshot.pk).facts["annual"][str(today().year - 1)][
        "revenue"] == "3000"
    attachment = app.attachments.get()
    assert attachment.original_name == "审计报告.pdf" and attachment.size == len(steps.PDF)


def test_the_whole_journey_ends_with_a_title_on_the_ladder(
        world: World, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        app = steps.apply(world)
        steps.decide(app, world.user("town"), reason="材料齐全")
        steps.send_back(app, world.user("wujiang"))
    assert steps.status(app) == Status.CORRECTION
    assert fresh(app).correction_note == "请补充2025年度审计报告"
    assert any("退回补正" in m.subject for m in mailoutbox)

    steps.resubmit(world, app)
    assert fresh(app).status == Status.REVIEW and fresh(app).current_level == "district"
    assert fresh(app).snapshots.count() == 2 and fresh(app).attachments.count() == 2

    steps.decide(app, world.user("wujiang"))
    steps.decide(app, world.user("suzhou"), reason="同意推荐")
    assert fresh(app).current_level == "province"
    draw = steps.assign(world, app)
    assert fresh(app).status == Status.EXPERTS and len(draw.chosen) == 2
    steps.score_all(app, [8, 7])
    steps.publish(world, app)
    assert fresh(app).status == Status.NOTICE
    assert fresh(app).notice_end == days(world.round.notice_days - 1)
    steps.end_notice(app)
    certificate = steps.certify(world, app)

    assert fresh(app).status == Status.CERTIFIED
    title = Title.objects.get(enterprise=world.enterprise, tier="srdi_sme")
    assert certificate.title == title and title.certificate_no == certificate.number
    assert certificate.number == f"苏专精特新〔{today().year}〕0001号"
    assert (title.valid_from, title.valid_until) == (today(), certificate.valid_until)
    assert certificate.valid_until.year == today().year + 3
    rung = next(r for r in enterprise_ladder(world.enterprise).rungs
                if r.outcome.criteria_set.tier == "srdi_sme")
    assert rung.held


def test_every_transition_is_recorded_with_who_when_and_why(world: World) -> None:
    app = steps.apply(world)
    steps.decide(app, world.user("town"), reason="材料齐全")
    steps.send_back(app, world.user("wujiang"))
    steps.resubmit(world, app)
    steps.to_certificate(world, app)
    rows = list(Transition.objects.filter(application=app).order_by("at", "id"))
    assert [r.action for r in rows] == [
        Action.SUBMIT, Action.APPROVE, Action.RETURN, Action.RESUBMIT, Action.APPROVE,
        Action.APPROVE, Action.ASSIGN_EXPERTS, Action.SCORE, Action.SCORE, Action.PUBLISH,
        Action.CERTIFY]
    assert rows[1].actor == world.user("town") and rows[1].reason == "材料齐全"
    assert rows[2].reason == "请补充2025年度审计报告" and rows[2].level == "district"
    assert (rows[2].from_status, rows[2].to_status) == (Status.REVIEW, Status.CORRECTION)
    assert rows[5].details["label"] == "推荐上报"
    audited = AuditEntry.objects.filter(target_type="certification.Application",
                                        target_id=str(app.pk))
    assert audited.count() == len(rows)
    assert fresh(app).version == len(rows)  # created at 1, one more per later transition


def test_each_party_is_told_at_each_step(world: World) -> None:
    app = steps.apply(world)
    inbox = Notification.objects.filter
    assert inbox(recipient=world.user("town"), kind="certification.submitted").exists()
    assert not inbox(recipient=world.user("other_town")).exists()
    steps.decide(app, world.user("town"))
    assert inbox(recipient=world.user("wujiang"), kind="certification.forwarded").exists()
    steps.decide(app, world.user("wujiang"))
    steps.decide(app, world.user("suzhou"))
    draw = steps.assign(world, app)
    for expert_id in draw.chosen:
        assert inbox(recipient_id=expert_id, kind="certification.expert_assigned").exists()
    steps.score_all(app, [9, 9])
    assert inbox(recipient=world.user("province"), kind="certification.scored").exists()
    enterprise_kinds = set(inbox(recipient=world.user("enterprise"))
                           .values_list("kind", flat=True))
    assert {"certification.submitted", "certification.forwarded",
            "certification.expert_assigned"} <= enterprise_kinds


def test_score_summary_is_exact(world: World) -> None:
    app = steps.apply(world)
    steps.through_review(world, app)
    steps.assign(world, app)
    steps.score_all(app, [8, 7])
    summary = score_summary(fresh(app))
    lines = len(summary.per_criterion)
    assert summary.submitted == summary.panel == 2 and summary.recommending == 2
    assert all(str(row["mean"]) == "7.50" for row in summary.per_criterion)
    assert str(summary.mean_total) == f"{lines * 15 / 2:.2f}"
