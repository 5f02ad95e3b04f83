"""Every illegal transition is refused with a Chinese reason, and nothing is written: wrong
role, wrong level, outside the region, skipped step, after the deadline, stale or double
decisions."""

from __future__ import annotations

from typing import Any

import pytest

from portal.certification.errors import (
    CertificationError,
    DeadlinePassed,
    NotAllowed,
    StaleVersion,
    WrongStep,
)
from portal.certification.models import Application, RoundStep, Status, Transition
from portal.certification.services.applications import application_submit
from portal.certification.services.decisions import applications_bulk_approve
from portal.certification.services.experts import review_submit
from portal.certification.services.publicity import objection_record, objection_resolve
from portal.certification.tests import steps
from portal.certification.tests.fixtures import World, days, fresh

pytestmark = pytest.mark.django_db


def refused(error: type[Exception], action: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(error) as caught:
        action(*args, **kwargs)
    return str(caught.value)


def unchanged(app: Application, version: int, transitions: int) -> bool:
    current = fresh(app)
    return current.version == version and current.transitions.count() == transitions


@pytest.fixture
def submitted(world: World) -> Application:
    return steps.apply(world)


@pytest.mark.parametrize("who", ["enterprise", "commissioner", "bank"])
def test_it_refuses_a_decision_by_a_user_who_is_not_an_official(
        world: World, submitted: Application, who: str) -> None:
    message = refused(NotAllowed, steps.decide, submitted, world.user(who))
    assert "只有主管部门工作人员" in message
    assert unchanged(submitted, 1, 1)


def test_it_refuses_an_expert_deciding_a_review_step(world: World,
                                                     submitted: Application) -> None:
    refused(NotAllowed, steps.decide, submitted, world.experts[0])


def test_it_refuses_a_higher_level_skipping_the_town(world: World,
                                                     submitted: Application) -> None:
    for name in ("wujiang", "suzhou"):
        message = refused(WrongStep, steps.decide, submitted, world.user(name))
        assert "尚在镇（街道）审核环节" in message and "越级" in message
    assert unchanged(submitted, 1, 1)


def test_it_refuses_the_province_drawing_experts_before_the_lower_steps(
        world: World, submitted: Application) -> None:
    refused(WrongStep, steps.assign, world, submitted)
    assert fresh(submitted).status == Status.REVIEW


def test_it_refuses_a_lower_level_acting_at_a_higher_step(world: World,
                                                          submitted: Application) -> None:
    steps.decide(submitted, world.user("town"))
    message = refused(NotAllowed, steps.decide, submitted, world.user("town"))
    assert "该环节由区（县）主管部门办理" in message


def test_it_refuses_an_official_of_the_right_level_in_another_region(
        world: World, submitted: Application) -> None:
    message = refused(NotAllowed, steps.decide, submitted, world.user("other_town"))
    assert "不在您的管辖范围内" in message
    steps.decide(submitted, world.user("town"))
    steps.decide(submitted, world.user("wujiang"))
    refused(NotAllowed, steps.decide, submitted, world.user("nanjing"))


def test_it_refuses_a_decision_after_the_step_deadline(world: World,
                                                       submitted: Application) -> None:
    RoundStep.objects.filter(round=world.round, level="town").update(deadline=days(-1))
    message = refused(DeadlinePassed, steps.decide, submitted, world.user("town"))
    assert "镇（街道）审核已于" in message and "截止" in message
    refused(DeadlinePassed, steps.decide, submitted, world.user("town"), "reject",
            reason="不符合")
    assert unchanged(submitted, 1, 1)


def test_it_refuses_an_application_after_the_round_closes(world: World) -> None:
    type(world.round).objects.filter(pk=world.round.pk).update(application_deadline=days(-1))
    world.round.refresh_from_db()
    message = refused(DeadlinePassed, steps.apply, world)
    assert "已于" in message and "截止申报" in message
    assert not Application.objects.exists()


def test_it_refuses_a_second_application_in_the_same_round(world: World,
                                                           submitted: Application) -> None:
    assert "不能重复申报" in refused(CertificationError, steps.apply, world)


def test_it_refuses_applying_for_another_enterprise(world: World) -> None:
    message = refused(NotAllowed, application_submit, round_=world.round,
                      enterprise=world.enterprise, actor=world.user("town"))
    assert "只有本企业的用户" in message


def test_it_refuses_a_correction_after_its_due_date(world: World,
                                                    submitted: Application) -> None:
    steps.send_back(submitted, world.user("town"), due=days(3))
    Application.objects.filter(pk=submitted.pk).update(correction_due=days(-1))
    assert "补正期限已于" in refused(DeadlinePassed, steps.resubmit, world, submitted)


def test_a_return_needs_what_is_missing_and_a_due_date_within_the_step(
        world: World, submitted: Application) -> None:
    town = world.user("town")
    assert "写明需要补正的内容" in refused(CertificationError, steps.send_back, submitted,
                                           town, missing=" ")
    message = refused(CertificationError, steps.send_back, submitted, town, due=days(41))
    assert "不能晚于本级审核截止日期" in message
    assert "不能早于今天" in refused(CertificationError, steps.send_back, submitted, town,
                                     due=days(-1))
    assert "须写明理由" in refused(CertificationError, steps.decide, submitted, town, "reject")
    assert unchanged(submitted, 1, 1)


def test_it_refuses_resubmitting_what_was_not_returned(world: World,
                                                       submitted: Application) -> None:
    assert "不能补正后重新提交" in refused(WrongStep, steps.resubmit, world, submitted)


def test_it_refuses_approval_at_the_final_step(world: World, submitted: Application) -> None:
    steps.through_review(world, submitted)
    assert "最后一个审核环节" in refused(WrongStep, steps.decide, submitted,
                                         world.user("province"))


def test_it_refuses_scores_from_experts_not_on_the_panel_and_after_the_deadline(
        world: World, submitted: Application) -> None:
    steps.through_review(world, submitted)
    draw = steps.assign(world, submitted)
    outsider = next(e for e in world.experts if e.pk not in draw.chosen)
    sheet = steps.full_sheet(submitted)
    refused(NotAllowed, review_submit, application_id=submitted.pk, actor=outsider,
            sheet=sheet)
    type(world.round).objects.filter(pk=world.round.pk).update(expert_deadline=days(-1))
    member = fresh(submitted).reviews.first().expert  # type: ignore[union-attr]
    assert "专家评审已于" in refused(DeadlinePassed, review_submit,
                                     application_id=submitted.pk, actor=member, sheet=sheet)


def test_it_refuses_publishing_before_every_expert_scored(world: World,
                                                          submitted: Application) -> None:
    steps.through_review(world, submitted)
    steps.assign(world, submitted)
    assert "还有 2 位专家未提交评分" in refused(WrongStep, steps.publish, world, submitted)


def test_it_refuses_a_certificate_during_the_notice_or_with_an_upheld_objection(
        world: World, submitted: Application) -> None:
    steps.through_review(world, submitted)
    steps.assign(world, submitted)
    steps.score_all(submitted, [8, 8])
    steps.publish(world, submitted)
    assert "期满后方可发证" in refused(DeadlinePassed, steps.certify, world, submitted)
    objection = objection_record(application_id=submitted.pk, actor=world.user("province"),
                                 objector="某竞争企业", content="研发费用数据存疑")
    steps.end_notice(submitted)
    assert "未处理的公示异议" in refused(WrongStep, steps.certify, world, submitted)
    objection_resolve(objection_id=objection.pk, actor=world.user("province"), upheld=True,
                      resolution="经核查，研发费用含不应归集的支出")
    assert "有成立的公示异议" in refused(WrongStep, steps.certify, world, submitted)
    steps.decide(submitted, world.user("province"), "reject", reason="公示异议成立")
    assert fresh(submitted).status == Status.REJECTED


def test_it_refuses_objections_outside_the_notice_period(world: World,
                                                         submitted: Application) -> None:
    steps.through_review(world, submitted)
    steps.assign(world, submitted)
    steps.score_all(submitted, [8, 8])
    steps.publish(world, submitted)
    steps.end_notice(submitted)
    message = refused(DeadlinePassed, objection_record, application_id=submitted.pk,
                      actor=world.user("province"), objector="甲", content="乙")
    assert "不在公示期内" in message


def test_it_refuses_any_decision_on_a_closed_application(world: World,
                                                         submitted: Application) -> None:
    steps.decide(submitted, world.user("town"), "reject", reason="不符合申报条件")
    for name in ("town", "wujiang"):
        refused(WrongStep, steps.decide, submitted, world.user(name))
        refused(WrongStep, steps.decide, submitted, world.user(name), "reject", reason="再次")


def test_it_refuses_a_decision_made_on_a_stale_page(world: World,
                                                    submitted: Application) -> None:
    seen = fresh(submitted).version
    steps.decide(submitted, world.user("town"), version=seen)
    message = refused(StaleVersion, steps.decide, submitted, world.user("town"), version=seen)
    assert "已被他人办理" in message
    assert Transition.objects.filter(application=submitted, action="approve").count() == 1


def test_bulk_approval_is_for_the_town_and_for_passing_verdicts_only(
        world: World, submitted: Application) -> None:
    with pytest.raises(NotAllowed):
        applications_bulk_approve(items={submitted.pk: 1}, actor=world.user("wujiang"))
    Application.objects.filter(pk=submitted.pk).update(verdict="unknown")
    result = applications_bulk_approve(items={submitted.pk: 1}, actor=world.user("town"))
    assert result.approved == [] and "逐件审核" in result.refused[submitted.pk]
    Application.objects.filter(pk=submitted.pk).update(verdict="pass")
    result = applications_bulk_approve(items={submitted.pk: 1}, actor=world.user("town"))
    assert result.approved == [submitted.pk]
    assert fresh(submitted).current_level == "district"
    again = applications_bulk_approve(items={submitted.pk: 2}, actor=world.user("town"))
    assert again.refused and fresh(submitted).current_level == "district"
