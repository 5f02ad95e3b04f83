"""Writes on assignments; each is audited in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from portal.accounts.models import Role
from portal.audit.services import audit_record
from portal.enterprises.models import Enterprise
from portal.services.models import CommissionerAssignment, ExpertAssignment, ExpertPurpose


class AssignmentError(ValueError):
    """An assignment was refused; the message is Chinese."""


def commissioner_assign(*, commissioner: Any, enterprise: Enterprise,
                        actor: Any) -> CommissionerAssignment:
    if commissioner.role != Role.COMMISSIONER:
        raise AssignmentError(f"用户“{commissioner}”不是服务专员，不能分配企业。")
    with transaction.atomic():
        assignment, created = CommissionerAssignment.objects.get_or_create(
            commissioner=commissioner, enterprise=enterprise,
            defaults={"assigned_by": actor if getattr(actor, "pk", None) else None})
        if created:
            audit_record(actor=actor, action="service.commissioner_assign", target=enterprise,
                         summary=f"{enterprise.name}：分配服务专员 {commissioner}",
                         changes={"commissioner": commissioner.pk})
    return assignment


def expert_assign(*, expert: Any, enterprise: Enterprise, purpose: ExpertPurpose | str,
                  actor: Any) -> ExpertAssignment:
    if expert.role != Role.EXPERT:
        raise AssignmentError(f"用户“{expert}”不是评审专家，不能分配企业。")
    purpose = ExpertPurpose(purpose)
    with transaction.atomic():
        assignment, created = ExpertAssignment.objects.get_or_create(
            expert=expert, enterprise=enterprise, purpose=purpose,
            defaults={"assigned_by": actor if getattr(actor, "pk", None) else None})
        if created:
            audit_record(actor=actor, action="service.expert_assign", target=enterprise,
                         summary=f"{enterprise.name}：分配{purpose.label}专家 {expert}",
                         changes={"expert": expert.pk, "purpose": purpose.value})
    return assignment


def assignments_ensure_demo(*, per_person: int = 12) -> int:
    """Give the demo commissioner and expert a handful of enterprises in their region (or the
    first ones) so their scoped pages show something; idempotent. Returns rows created."""
    from portal.accounts.models import User

    created = 0
    for user in User.objects.filter(role__in=[Role.COMMISSIONER, Role.EXPERT]):
        if (CommissionerAssignment.objects.filter(commissioner=user).exists()
                or ExpertAssignment.objects.filter(expert=user).exists()):
            continue
        for enterprise in _demo_enterprises(user, per_person):
            if user.role == Role.COMMISSIONER:
                commissioner_assign(commissioner=user, enterprise=enterprise, actor=None)
            else:
                expert_assign(expert=user, enterprise=enterprise,
                              purpose=ExpertPurpose.DIAGNOSIS, actor=None)
            created += 1
    return created


def _demo_enterprises(user: Any, count: int) -> list[Enterprise]:
    candidates = Enterprise.objects.order_by("uscc")
    if user.region_id:
        candidates = candidates.filter(region__path__startswith=user.region.path)
    return list(candidates[:count])
