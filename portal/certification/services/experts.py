"""Expert review: a random panel drawn with a recorded seed from the experts without a
conflict of interest, and scoring sheets (0–10 per criterion, with comments)."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from portal.accounts.models import Role, User
from portal.audit.services import audit_record
from portal.certification.errors import CertificationError, DeadlinePassed, NotAllowed
from portal.certification.levels import region_at
from portal.certification.models import (
    SCORE_MAX,
    Action,
    Application,
    ConflictOfInterest,
    ExpertDraw,
    ExpertReview,
    Level,
    ScoreItem,
    Status,
)
from portal.certification.selectors import sheet_criteria
from portal.certification.services import messages
from portal.certification.services.decisions import require_official, require_step_open
from portal.certification.services.journal import (
    actor_or_none,
    bump,
    locked,
    move,
    record,
    require_status,
    today,
)
from portal.enterprises.models import Enterprise
from portal.services.services import expert_assign


def conflict_record(*, expert: Any, enterprise: Enterprise, relation: str,
                    actor: Any) -> ConflictOfInterest:
    if expert.role != Role.EXPERT:
        raise CertificationError(f"用户“{expert}”不是评审专家。")
    if not relation.strip():
        raise CertificationError("请写明回避关系（如曾任职、亲属、咨询服务）。")
    with transaction.atomic():
        conflict, _ = ConflictOfInterest.objects.update_or_create(
            expert=expert, enterprise=enterprise,
            defaults={"relation": relation.strip(), "recorded_by": actor_or_none(actor)})
        audit_record(actor=actor_or_none(actor), action="certification.conflict_record",
                     target=enterprise, summary=f"{enterprise.name}：登记专家回避关系 {expert}",
                     changes={"expert": expert.pk, "relation": relation.strip()})
    return conflict


def _local_root(enterprise: Enterprise) -> str:
    """The path of the county-level region holding the enterprise (its own region if it sits
    higher): experts registered anywhere inside it count as local."""
    county = region_at(enterprise, Level.DISTRICT)
    return (county or enterprise.region).path


def exclusions(enterprise: Enterprise, experts: list[User]) -> dict[int, str]:
    """Expert id → why they must stand aside: same county-level region as the enterprise,
    or a recorded relationship."""
    root = _local_root(enterprise)
    related = dict(ConflictOfInterest.objects.filter(enterprise=enterprise)
                   .values_list("expert_id", "relation"))
    reasons: dict[int, str] = {}
    for expert in experts:
        if expert.pk in related:
            reasons[expert.pk] = f"登记的回避关系：{related[expert.pk]}"
        elif expert.region is not None and expert.region.path.startswith(root):
            reasons[expert.pk] = f"与企业同属{expert.region.name}（属地回避）"
    return reasons


def draw_panel(candidates: list[int], size: int, seed: int) -> list[int]:
    """The seeded draw itself: the same candidates (ascending ids) and seed give the same
    panel, so a recorded draw can be replayed and checked."""
    return random.Random(seed).sample(sorted(candidates), size)


def experts_assign(*, application_id: int, actor: Any, expected_version: int,
                   seed: int | None = None) -> ExpertDraw:
    """At the final review step: draw the panel, open a scoring sheet per expert, let the
    experts see the enterprise (portal.services ExpertAssignment, purpose review)."""
    with transaction.atomic():
        app = locked(application_id, expected_version)
        require_status(app, Status.REVIEW, doing="抽取评审专家")
        require_official(app, actor, app.current_level)
        require_step_open(app)
        if not app.is_final_step:
            raise CertificationError("只有最后一级审核环节可以抽取评审专家。")
        draw = _draw(app, actor, seed)
        experts = list(User.objects.filter(pk__in=draw.chosen))
        for expert in experts:
            ExpertReview.objects.create(application=app, expert=expert)
            expert_assign(expert=expert, enterprise=app.enterprise, purpose="review",
                          actor=actor)
        level = app.current_level
        move(app, Status.EXPERTS)
        record(app, action=Action.ASSIGN_EXPERTS, from_status=Status.REVIEW, actor=actor,
               level=level, details={"seed": draw.seed, "chosen": draw.chosen,
                                     "excluded": draw.excluded})
        _tell_panel(app, experts)
    return draw


def _draw(app: Application, actor: Any, seed: int | None) -> ExpertDraw:
    pool = list(User.objects.filter(role=Role.EXPERT, is_active=True)
                .select_related("region").order_by("pk"))
    excluded = exclusions(app.enterprise, pool)
    candidates = [e.pk for e in pool if e.pk not in excluded]
    size = app.round.panel_size
    if len(candidates) < size:
        raise CertificationError(f"符合回避要求的评审专家不足 {size} 名"
                                 f"（现有 {len(candidates)} 名），请先补充专家库。")
    seed = secrets.randbits(48) if seed is None else seed
    return ExpertDraw.objects.create(
        application=app, seed=seed, candidates=candidates,
        excluded={str(k): v for k, v in excluded.items()},
        chosen=draw_panel(candidates, size, seed), drawn_by=actor_or_none(actor))


def _tell_panel(app: Application, experts: list[User]) -> None:
    deadline = app.round.expert_deadline
    messages.tell_users(app, experts, "certification.expert_assigned", "您被抽取为评审专家",
                        f"请在{deadline:%Y年%-m月%-d日}前完成评分。")
    messages.tell_enterprise(app, "certification.expert_assigned", "申报进入专家评审")


@dataclass(frozen=True)
class Sheet:
    """A filled scoring sheet: criterion id → (points, comment), plus the overall opinion."""

    scores: dict[str, tuple[int, str]]
    recommend: bool
    comment: str


def review_submit(*, application_id: int, actor: Any, sheet: Sheet) -> ExpertReview:
    with transaction.atomic():
        app = locked(application_id)
        review = ExpertReview.objects.filter(application=app, expert=actor).first() \
            if getattr(actor, "pk", None) else None
        if review is None:
            raise NotAllowed("您不是该申报的评审专家。")
        require_status(app, Status.EXPERTS, doing="提交评分")
        if review.submitted_at is not None:
            raise CertificationError("您已提交过评分，不能重复提交。")
        if today() > app.round.expert_deadline:
            raise DeadlinePassed(f"专家评审已于{app.round.expert_deadline:%Y年%-m月%-d日}截止。")
        lines = _checked_sheet(app, sheet)
        for line in lines:
            points, comment = sheet.scores[line["id"]]
            ScoreItem.objects.create(review=review, criterion_id=line["id"],
                                     title=line["title"][:300], points=points,
                                     comment=comment.strip()[:500])
        review.submitted_at = timezone.now()
        review.recommend = sheet.recommend
        review.comment = sheet.comment.strip()
        review.save()
        bump(app)
        total = sum(sheet.scores[line["id"]][0] for line in lines)
        record(app, action=Action.SCORE, from_status=Status.EXPERTS, actor=actor,
               details={"review": review.pk, "total": total, "recommend": sheet.recommend})
        if not app.reviews.filter(submitted_at__isnull=True).exists():
            messages.tell_officials(app, app.route[-1]["level"], "certification.scored",
                                    "专家评审已全部完成", "请查看评分汇总并决定是否公示。")
    return review


def _checked_sheet(app: Application, sheet: Sheet) -> list[dict[str, str]]:
    lines = sheet_criteria(app)
    for line in lines:
        if line["id"] not in sheet.scores:
            raise CertificationError(f"评分表缺少“{line['title']}”的得分。")
        points = sheet.scores[line["id"]][0]
        if not 0 <= points <= SCORE_MAX:
            raise CertificationError(f"“{line['title']}”的得分应在 0 至 {SCORE_MAX} 分之间"
                                     f"（收到 {points}）。")
    if not sheet.comment.strip():
        raise CertificationError("请填写综合评审意见。")
    return lines
