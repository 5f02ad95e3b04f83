"""Opening a certification round: its tier, criteria-set version, review steps and deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from indicators.vocabulary import TITLE_BY_ID
from portal.accounts.models import Role
from portal.assessments.library import criteria_library
from portal.audit.services import audit_record
from portal.certification.errors import CertificationError, NotAllowed
from portal.certification.levels import LEVEL_ORDER, level_label
from portal.certification.models import ApplicationType, Round, RoundStep
from portal.certification.services.journal import actor_or_none
from portal.regions.models import Region


@dataclass
class RoundSpec:
    """What a round is; ``steps`` maps each review level to its deadline."""

    name: str
    tier: str
    level: str
    criteria_set_id: str
    opens_on: dt.date
    application_deadline: dt.date
    expert_deadline: dt.date
    steps: dict[str, dt.date] = field(default_factory=dict)
    application_type: str = ApplicationType.NEW
    panel_size: int = 3
    notice_days: int = 7
    validity_years: int = 3
    expiring_by: dt.date | None = None
    certificate_prefix: str = "苏专精特新"


def round_create(*, spec: RoundSpec, actor: Any, region: Region | None = None) -> Round:
    """Open a round for the actor's province."""
    region = _round_region(actor, region)
    _check_criteria(spec)
    levels = _check_steps(spec)
    _check_numbers(spec)
    with transaction.atomic():
        round_ = Round.objects.create(
            name=spec.name, tier=spec.tier, level=spec.level,
            criteria_set_id=spec.criteria_set_id, application_type=spec.application_type,
            region=region, opens_on=spec.opens_on,
            application_deadline=spec.application_deadline,
            expert_deadline=spec.expert_deadline, panel_size=spec.panel_size,
            notice_days=spec.notice_days, validity_years=spec.validity_years,
            expiring_by=spec.expiring_by, certificate_prefix=spec.certificate_prefix,
            created_by=actor_or_none(actor))
        for position, level in enumerate(levels):
            RoundStep.objects.create(round=round_, position=position, level=level,
                                     deadline=spec.steps[level])
        audit_record(actor=actor_or_none(actor), action="certification.round_create",
                     target=round_, summary=f"创建申报批次 {spec.name}",
                     changes={"criteria_set": spec.criteria_set_id, "steps": levels,
                              "region": region.code})
    return round_


def _round_region(actor: Any, region: Region | None) -> Region:
    """Province officials open rounds for their province; administrators and the system
    (``actor=None``, e.g. the demo set-up) name the region."""
    system = actor is None
    if system or actor.is_superuser or actor.role == Role.ADMIN:
        found = region or Region.objects.filter(parent__isnull=True).order_by("code").first()
        if found is None:
            raise CertificationError("尚未加载区域数据，不能创建申报批次。")
        return found
    if getattr(actor, "role", "") != Role.PROVINCE or actor.region is None:
        raise NotAllowed("只有省级主管部门可以创建申报批次。")
    return region if region is not None and region.path.startswith(actor.region.path) \
        else actor.region


def _check_criteria(spec: RoundSpec) -> None:
    try:
        criteria_set = criteria_library().get(spec.criteria_set_id)
    except KeyError:
        raise CertificationError(f"认定标准“{spec.criteria_set_id}”不存在。") from None
    tier = TITLE_BY_ID.get(spec.tier)
    if tier is None or spec.level not in tier.levels:
        raise CertificationError(f"称号“{spec.tier}”没有“{spec.level}”级别。")
    if (criteria_set.tier, criteria_set.level) != (spec.tier, spec.level):
        raise CertificationError(f"认定标准“{criteria_set.title}”不适用于所选称号和级别。")
    if spec.application_type not in criteria_set.application_types:
        raise CertificationError(f"认定标准“{criteria_set.title}”不适用于"
                                 f"{ApplicationType(spec.application_type).label}。")
    if not (criteria_set.in_force(spec.opens_on)
            or criteria_set.in_force(spec.application_deadline)):
        raise CertificationError(f"认定标准“{criteria_set.title}”在申报期内不在有效期。")


def _check_steps(spec: RoundSpec) -> list[str]:
    unknown = set(spec.steps) - set(LEVEL_ORDER)
    if unknown or not spec.steps:
        raise CertificationError("请至少选择一个审核层级（镇、区县、市、省）。")
    levels = [level for level in LEVEL_ORDER if level in spec.steps]
    final = "province" if spec.level in ("province", "national") else spec.level
    if levels[-1] != final:
        raise CertificationError(f"最后一个审核环节应为{level_label(final)}级（称号的认定层级）。")
    if spec.opens_on > spec.application_deadline:
        raise CertificationError("申报截止日期不能早于申报开始日期。")
    previous = spec.application_deadline
    for level in levels:
        if spec.steps[level] < previous:
            raise CertificationError(f"{level_label(level)}审核截止日期不能早于"
                                     "申报截止日期或下级审核截止日期。")
        previous = spec.steps[level]
    if spec.expert_deadline < previous:
        raise CertificationError("专家评审截止日期不能早于最后一级审核截止日期。")
    return levels


def _check_numbers(spec: RoundSpec) -> None:
    if not spec.name.strip():
        raise CertificationError("请填写批次名称。")
    if not 1 <= spec.panel_size <= 9:
        raise CertificationError("每件申报的评审专家人数应在 1 至 9 人之间。")
    if not 1 <= spec.notice_days <= 30:
        raise CertificationError("公示天数应在 1 至 30 天之间。")
    if not 1 <= spec.validity_years <= 5:
        raise CertificationError("证书有效期应在 1 至 5 年之间。")
    if spec.application_type == ApplicationType.RE_REVIEW and spec.expiring_by is None:
        raise CertificationError("复核批次须填写复核对象的称号有效期截止日期。")
