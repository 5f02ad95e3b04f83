"""Daily reminders: due-soon review steps, corrections and expert sheets; title expiry 90
and 30 days ahead; idempotent when run again."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from portal.accounts.models import User
from portal.certification.models import RoundStep
from portal.certification.reminders import send_daily_reminders
from portal.certification.tests import steps
from portal.certification.tests.fixtures import World, days, today
from portal.enterprises import services as registry
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


def kinds(user: User, kind: str = "certification.reminder") -> list[str]:
    return list(Notification.objects.filter(recipient=user, kind=kind)
                .values_list("subject", flat=True))


def test_officials_hear_three_days_before_their_step_closes_once(world: World) -> None:
    steps.apply(world)
    RoundStep.objects.filter(round=world.round, level="town").update(deadline=days(2))
    first = send_daily_reminders(today())
    again = send_daily_reminders(today() + dt.timedelta(days=1))
    assert first["review_steps"] == 1 and again["review_steps"] == 0
    assert len(kinds(world.user("town"))) == 1
    assert kinds(world.user("wujiang")) == []


def test_enterprises_hear_before_a_correction_is_due(world: World) -> None:
    app = steps.apply(world)
    steps.send_back(app, world.user("town"), due=days(3))
    assert send_daily_reminders(today())["corrections"] == 1
    assert send_daily_reminders(today())["corrections"] == 0
    assert "补正期限将于" in kinds(world.user("enterprise"))[0]


def test_experts_hear_before_scoring_closes(world: World) -> None:
    app = steps.apply(world)
    steps.through_review(world, app)
    draw = steps.assign(world, app)
    type(world.round).objects.filter(pk=world.round.pk).update(expert_deadline=days(1))
    assert send_daily_reminders(today())["expert_reviews"] == 2
    assert send_daily_reminders(today())["expert_reviews"] == 0
    assert all(Notification.objects.filter(recipient_id=pk, kind="certification.reminder")
               .count() == 1 for pk in draw.chosen)


def test_titles_lapsing_get_a_90_day_and_a_30_day_reminder(world: World) -> None:
    registry.title_add(enterprise=world.enterprise, tier="srdi_sme", level="province",
                       valid_from=days(-1000), valid_until=days(90), actor=None)
    sent = [send_daily_reminders(today() + dt.timedelta(days=n))["title_expiry"]
            for n in range(0, 75)]
    assert sent[0] == 1 and sum(sent) == 2 and sent[60] == 1
    subjects = kinds(world.user("enterprise"), "certification.expiry")
    assert {s.split("剩余 ")[1] for s in subjects} == {"90 天）", "30 天）"}


def test_a_first_run_inside_thirty_days_sends_only_the_urgent_reminder(world: World) -> None:
    registry.title_add(enterprise=world.enterprise, tier="srdi_sme", level="province",
                       valid_from=days(-1000), valid_until=days(20), actor=None)
    assert send_daily_reminders(today())["title_expiry"] == 1
    assert send_daily_reminders(today())["title_expiry"] == 0


def test_the_daily_command_reports_its_counts(world: World) -> None:
    out = StringIO()
    call_command("certification_daily", "--on", today().isoformat(), stdout=out)
    assert "称号到期提醒：0 条" in out.getvalue()
    with pytest.raises(Exception, match="格式不正确"):
        call_command("certification_daily", "--on", "2026-13-01")
