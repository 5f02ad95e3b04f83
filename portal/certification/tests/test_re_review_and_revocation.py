"""Re-review rounds for titles about to lapse (evaluated as application type re_review) and
revocation with its grounds and its effect on the title and the ladder."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.assessments.ladder import enterprise_ladder
from portal.audit.models import AuditEntry
from portal.certification.errors import CertificationError, NotAllowed, WrongStep
from portal.certification.models import Application, Revocation, Round, Status
from portal.certification.selectors import missed_annual_updates
from portal.certification.services.revocations import title_revoke
from portal.certification.services.rounds import RoundSpec, round_create
from portal.certification.tests import steps
from portal.certification.tests.fixtures import World, days, fresh, open_round, put, today
from portal.enterprises import services as registry
from portal.enterprises.models import Fact, Title
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


def held_srdi(world: World, on: dt.date | None = None) -> bool:
    ladder = enterprise_ladder(world.enterprise, on=on)
    return next(r for r in ladder.rungs if r.outcome.criteria_set.tier == "srdi_sme").held


def srdi_title(world: World, valid_from: dt.date, valid_until: dt.date) -> Title:
    return registry.title_add(enterprise=world.enterprise, tier="srdi_sme", level="province",
                              valid_from=valid_from, valid_until=valid_until,
                              certificate_no="苏专精特新〔2023〕0099号", actor=None)


@pytest.fixture
def expiring(world: World) -> Title:
    return srdi_title(world, days(-3 * 365 + 60), days(60))


@pytest.fixture
def re_review_round(world: World, expiring: Title) -> Round:
    return open_round(world.user("province"), application_type="re_review",
                      expiring_by=days(120), name="专精特新中小企业复核")


def test_a_re_review_is_evaluated_as_re_review_and_renews_the_title(
        world: World, expiring: Title, re_review_round: Round) -> None:
    last = today().year - 1
    put(world.enterprise, "development_score", last, "45")  # only the re-review exemption
    put(world.enterprise, "development_score", last - 1, "55")  # (either of two years) passes
    app = steps.apply(world, round_=re_review_round)
    snapshot = app.snapshots.get()
    assert app.renews == expiring and snapshot.outcome["application"] == "re_review"
    assert app.verdict == "pass"
    score = next(c for c in snapshot.outcome["criteria"] if c["id"] == "development_score")
    assert score["waived_by"]["id"] == "development_score.re_review"
    certificate = steps.to_certificate(world, app)
    assert expiring.valid_until is not None
    assert certificate.valid_from == expiring.valid_until + dt.timedelta(days=1)
    assert certificate.valid_until == dt.date(certificate.valid_from.year + 3,
                                              certificate.valid_from.month,
                                              certificate.valid_from.day) - dt.timedelta(1)
    assert held_srdi(world, on=expiring.valid_until + dt.timedelta(days=30))


def test_only_holders_of_an_expiring_title_may_apply_for_re_review(
        world: World, re_review_round: Round) -> None:
    Title.objects.filter(tier="srdi_sme").update(valid_until=days(400))
    with pytest.raises(NotAllowed, match="复核批次只受理持有有效专精特新中小企业称号"):
        steps.apply(world, round_=re_review_round)


def test_a_re_review_round_needs_a_criteria_set_for_re_review(world: World) -> None:
    base = dict(tier="little_giant", level="national", opens_on=days(-1),
                application_deadline=days(10), steps={"province": days(20)},
                expert_deadline=days(30), expiring_by=days(100))
    overlay = round_create(spec=RoundSpec(name="小巨人复核", application_type="re_review",
                                          criteria_set_id="cn-2026-little-giant-review-overlay",
                                          **base), actor=world.user("province"))  # type: ignore[arg-type]
    assert [s.level for s in overlay.steps.all()] == ["province"]
    with pytest.raises(CertificationError, match="不适用于新申报"):
        round_create(spec=RoundSpec(name="小巨人新申报", application_type="new",
                                    criteria_set_id="cn-2026-little-giant-review-overlay",
                                    **base), actor=world.user("province"))  # type: ignore[arg-type]
    with pytest.raises(NotAllowed):
        round_create(spec=RoundSpec(name="越权", criteria_set_id="cn-2026-little-giant",
                                    **base), actor=world.user("suzhou"))  # type: ignore[arg-type]


def test_revocation_ends_the_title_and_takes_it_off_the_ladder(world: World) -> None:
    app = steps.apply(world)
    certificate = steps.to_certificate(world, app)
    title = certificate.title
    Title.objects.filter(pk=title.pk).update(valid_from=days(-100))  # granted a while ago
    assert held_srdi(world)
    revocation = title_revoke(title_id=title.pk, ground="data_falsification",
                              reason="申报材料中研发费用数据造假（审计复核）",
                              actor=world.user("province"))
    title.refresh_from_db()
    assert title.valid_until == days(-1) and revocation.effective_on == today()
    assert revocation.previous_valid_until == certificate.valid_until
    assert not held_srdi(world)
    assert AuditEntry.objects.filter(action="certification.revoke").count() == 1
    assert Notification.objects.filter(recipient=world.user("enterprise"),
                                       kind="certification.revoked").exists()
    with pytest.raises(WrongStep, match="已被撤销"):
        title_revoke(title_id=title.pk, ground="dishonesty", reason="再次",
                     actor=world.user("province"))


@pytest.mark.parametrize("who", ["suzhou", "wujiang", "town", "enterprise", "admin"])
def test_only_the_certifying_level_may_revoke(world: World, expiring: Title, who: str) -> None:
    with pytest.raises(NotAllowed, match="须由企业所在地的省级主管部门办理"):
        title_revoke(title_id=expiring.pk, ground="major_accident", reason="安全事故",
                     actor=world.user(who))
    assert not Revocation.objects.exists()


def test_missed_updates_count_years_without_figures_entered_by_31_may(world: World) -> None:
    title = srdi_title(world, dt.date(2023, 3, 1), dt.date(2026, 2, 28))
    # The fixture's figures were entered today, so every 5-31 deadline counts as missed …
    assert missed_annual_updates(title, dt.date(2026, 12, 1)) == [2023, 2024, 2025]
    # … until a figure of the previous year is on record by the deadline.
    fact = Fact.objects.filter(enterprise=world.enterprise, year__isnull=False).first()
    assert fact is not None
    Fact.objects.filter(pk=fact.pk).update(
        year=2023, entered_at=dt.datetime(2024, 5, 20, 10, tzinfo=dt.UTC))
    assert missed_annual_updates(title, dt.date(2026, 12, 1)) == [2023, 2025]
    assert missed_annual_updates(title, dt.date(2024, 5, 30)) == [2023]


def test_revoking_for_missed_updates_needs_two_misses(world: World, expiring: Title) -> None:
    young = Title.objects.create(enterprise=world.enterprise, tier="srdi_sme", level="province",
                                 valid_from=_just_before_last_deadline(), valid_until=days(500))
    with pytest.raises(CertificationError, match="不足 2 次"):
        title_revoke(title_id=young.pk, ground="missed_updates", reason="未更新",
                     actor=world.user("province"))
    revocation = title_revoke(title_id=expiring.pk, ground="missed_updates",
                              reason="2024、2025年均未按期更新", actor=world.user("province"))
    assert len(revocation.missed_years) >= 2


def _just_before_last_deadline() -> dt.date:
    """A start date with exactly one 5-31 deadline (or none) between it and today."""
    deadline = dt.date(today().year, 5, 31)
    if deadline > today():
        deadline = dt.date(today().year - 1, 5, 31)
    return deadline - dt.timedelta(days=1)


def test_revocation_closes_an_open_re_review_of_the_title(
        world: World, expiring: Title, re_review_round: Round) -> None:
    app = steps.apply(world, round_=re_review_round)
    title_revoke(title_id=expiring.pk, ground="major_accident",
                 reason="发生较大生产安全事故", actor=world.user("province"))
    assert fresh(app).status == Status.REJECTED
    assert fresh(app).reject_reason == "所复核的称号已被撤销。"
    assert Application.objects.get(pk=app.pk).transitions.last().action == "reject"  # type: ignore[union-attr]
