"""Expert draws: seeded and replayable, excluding local experts and recorded relationships;
scoring sheets checked line by line."""

from __future__ import annotations

import pytest

from portal.accounts.models import Role
from portal.certification.errors import CertificationError
from portal.certification.models import Application, ExpertReview, Round
from portal.certification.selectors import sheet_criteria
from portal.certification.services.experts import (
    Sheet,
    conflict_record,
    draw_panel,
    experts_assign,
    review_submit,
)
from portal.certification.tests import steps
from portal.certification.tests.fixtures import World, fresh, make_user
from portal.services.models import ExpertAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_province(world: World) -> Application:
    app = steps.apply(world)
    return steps.through_review(world, app)


def test_the_draw_excludes_local_experts_and_recorded_relationships(
        world: World, at_province: Application) -> None:
    related = world.experts[1]
    conflict_record(expert=related, enterprise=world.enterprise, relation="曾任该企业技术顾问",
                    actor=world.user("province"))
    extra = make_user("expert_c", Role.EXPERT)
    Round.objects.filter(pk=world.round.pk).update(panel_size=2)
    draw = steps.assign(world, at_province, seed=7)
    local = world.experts[2]  # registered in the enterprise's town
    assert draw.excluded == {str(related.pk): "登记的回避关系：曾任该企业技术顾问",
                             str(local.pk): "与企业同属松陵街道（属地回避）"}
    assert draw.candidates == sorted([world.experts[0].pk, world.experts[3].pk, extra.pk])
    assert set(draw.chosen) <= set(draw.candidates) and len(draw.chosen) == 2


def test_the_draw_is_replayable_from_its_recorded_seed(world: World,
                                                       at_province: Application) -> None:
    draw = steps.assign(world, at_province, seed=424242)
    assert draw.seed == 424242
    assert draw_panel(draw.candidates, 2, draw.seed) == draw.chosen
    assert draw_panel(list(reversed(draw.candidates)), 2, draw.seed) == draw.chosen


def test_a_draw_without_a_seed_records_the_one_it_used(world: World,
                                                       at_province: Application) -> None:
    draw = experts_assign(application_id=at_province.pk, actor=world.user("province"),
                          expected_version=fresh(at_province).version)
    assert draw.seed >= 0
    assert draw_panel(draw.candidates, 2, draw.seed) == draw.chosen


def test_drawn_experts_can_see_the_enterprise(world: World, at_province: Application) -> None:
    draw = steps.assign(world, at_province)
    assigned = set(ExpertAssignment.objects.filter(enterprise=world.enterprise,
                                                   purpose="review")
                   .values_list("expert_id", flat=True))
    assert assigned == set(draw.chosen)


def test_too_few_eligible_experts_is_refused(world: World, at_province: Application) -> None:
    Round.objects.filter(pk=world.round.pk).update(panel_size=4)
    with pytest.raises(CertificationError, match="符合回避要求的评审专家不足 4 名（现有 3 名）"):
        steps.assign(world, at_province)
    assert fresh(at_province).status == "review"


def test_the_scoring_sheet_lists_the_criteria_sets_main_criteria(
        world: World, at_province: Application) -> None:
    ids = [line["id"] for line in sheet_criteria(at_province)]
    assert ids[:3] == ["eligibility", "holds_tier1", "niche_years"]
    assert "development_score" in ids and "eligibility.sme" not in ids


def test_a_sheet_must_score_every_line_within_range_once(world: World,
                                                         at_province: Application) -> None:
    steps.assign(world, at_province)
    review = ExpertReview.objects.filter(application=at_province).first()
    assert review is not None
    expert = review.expert
    full = steps.full_sheet(at_province)
    partial = Sheet(scores=dict(list(full.scores.items())[1:]), recommend=True, comment="好")
    with pytest.raises(CertificationError, match="评分表缺少"):
        review_submit(application_id=at_province.pk, actor=expert, sheet=partial)
    too_high = Sheet(scores={**full.scores, "rd": (11, "")}, recommend=True, comment="好")
    with pytest.raises(CertificationError, match="0 至 10 分之间（收到 11）"):
        review_submit(application_id=at_province.pk, actor=expert, sheet=too_high)
    review_submit(application_id=at_province.pk, actor=expert, sheet=full)
    with pytest.raises(CertificationError, match="已提交过评分"):
        review_submit(application_id=at_province.pk, actor=expert, sheet=full)
    review.refresh_from_db()
    assert review.total == 8 * len(full.scores) and review.recommend is True
