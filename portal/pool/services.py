"""Writes on the pool: applications, nominations, decisions, selection, focus overrides and
the yearly published list. Keyword-only; each write is atomic with its audit entry (target:
the enterprise, so the enterprise's change history shows pool events too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from eligibility.api import FactsDocument
from portal.audit.services import audit_record
from portal.enterprises.models import Enterprise
from portal.pool.classification import (
    cohort_annotation,
    derive_focus,
    held_in_force,
    srdi_honours,
)
from portal.pool.entry import EntryVerdict, entry_verdict
from portal.pool.facts import facts_of
from portal.pool.models import (
    EntryRequest,
    EntryRoute,
    Focus,
    MembershipStatus,
    NominatorKind,
    PoolMembership,
    PoolSnapshot,
    RequestStatus,
    SnapshotEntry,
    Verdict,
)
from portal.pool.standards import entry_standard


class PoolError(ValueError):
    """A refused pool write; the message is Chinese and says why."""


@dataclass(frozen=True)
class Assessed:
    facts: FactsDocument
    verdict: EntryVerdict


@dataclass
class SelectionResult:
    entered: list[PoolMembership] = field(default_factory=list)
    skipped: list[tuple[Enterprise, str]] = field(default_factory=list)


def current_membership(enterprise: Enterprise) -> PoolMembership | None:
    return PoolMembership.objects.filter(enterprise=enterprise,
                                         status=MembershipStatus.IN).first()


def assess_entry(enterprise: Enterprise, on: dt.date | None = None, *,
                 application: str = "new") -> Assessed:
    """The enterprise's facts and its entry verdict under the standard applying on ``on``."""
    facts = facts_of(enterprise)
    standard = entry_standard(on or timezone.localdate(), facts.region_code)
    return Assessed(facts, entry_verdict(standard, facts, application=application))


def _refuse_if_member(enterprise: Enterprise) -> None:
    if current_membership(enterprise) is not None:
        raise PoolError(f"{enterprise.name} 已在培育库中。")


# --- requests: applications and nominations ------------------------------------------------

def entry_apply(*, enterprise: Enterprise, actor: Any, reason: str = "") -> EntryRequest:
    """An enterprise applies; the engine's verdict is stored with the request."""
    _refuse_if_member(enterprise)
    if EntryRequest.objects.filter(enterprise=enterprise, route=EntryRoute.APPLICATION,
                                   status=RequestStatus.PENDING).exists():
        raise PoolError("本企业已有待审核的入库申请，请等待主管部门审核。")
    return _request_create(enterprise=enterprise, actor=actor, route=EntryRoute.APPLICATION,
                           reason=reason.strip())


def nomination_submit(*, enterprise: Enterprise, actor: Any, nominator_name: str,
                      nominator_kind: str, reason: str) -> EntryRequest:
    """A chain leader, investor, consultancy or expert nominates an enterprise (举荐)."""
    _refuse_if_member(enterprise)
    problems = []
    if not nominator_name.strip():
        problems.append("请填写举荐单位或举荐人名称")
    if nominator_kind not in NominatorKind.values:
        problems.append("请选择举荐方类别（链主企业、投资机构、管理咨询机构或行业专家）")
    if not reason.strip():
        problems.append("请填写举荐理由")
    if problems:
        raise PoolError("；".join(problems) + "。")
    return _request_create(enterprise=enterprise, actor=actor, route=EntryRoute.NOMINATION,
                           reason=reason.strip(), nominator_name=nominator_name.strip(),
                           nominator_kind=nominator_kind)


def _request_create(*, enterprise: Enterprise, actor: Any, route: str, reason: str,
                    **nominator: str) -> EntryRequest:
    verdict = assess_entry(enterprise).verdict
    with transaction.atomic():
        request = EntryRequest.objects.create(
            enterprise=enterprise, route=route, submitted_by=actor,
            submitted_at=timezone.now(), reason=reason, evaluation=verdict.to_json(),
            **nominator)
        who = f"（{nominator['nominator_name']}举荐）" if nominator else ""
        audit_record(actor=actor, action=f"pool.{route}", target=enterprise,
                     summary=f"{enterprise.name} {request.get_route_display()}进入培育库{who}，"
                             f"入库标准评估：{Verdict(verdict.verdict).label}",
                     changes={"request": request.pk, "verdict": verdict.verdict,
                              "reason": reason, **nominator})
    return request


def entry_request_decide(*, request: EntryRequest, actor: Any, approve: bool,
                         note: str = "") -> EntryRequest:
    """Approve (re-evaluated now; refused when the criteria fail) or reject (reason needed)."""
    if request.status != RequestStatus.PENDING:
        raise PoolError(f"该{request.get_route_display()}已处理"
                        f"（{request.get_status_display()}）。")
    note = note.strip()
    if not approve:
        return _request_reject(request=request, actor=actor, note=note)
    assessed = assess_entry(request.enterprise)
    _check_approvable(assessed.verdict, note)
    with transaction.atomic():
        _membership_create(enterprise=request.enterprise, route=request.route, actor=actor,
                           assessed=assessed, request=request, note=note)
        _close(request, RequestStatus.APPROVED, actor, note)
    return request


def _check_approvable(verdict: EntryVerdict, note: str) -> None:
    if verdict.verdict == "fail":
        failed = "；".join(f"{t.track_title}：{'、'.join(t.failed)}" for t in verdict.tracks)
        raise PoolError(f"按{verdict.standard.source_label}评估不满足入库标准（{failed}），"
                        "不能批准入库。")
    if verdict.verdict == "unknown" and not note:
        undecided = "、".join(dict.fromkeys(c for t in verdict.tracks for c in t.undecided))
        raise PoolError(f"入库标准评估结论为待定（尚无法判断：{undecided}），"
                        "批准时须在审核意见中写明判断依据。")


def _request_reject(*, request: EntryRequest, actor: Any, note: str) -> EntryRequest:
    if not note:
        raise PoolError("请填写不予入库的理由。")
    with transaction.atomic():
        _close(request, RequestStatus.REJECTED, actor, note)
        audit_record(actor=actor, action="pool.reject", target=request.enterprise,
                     summary=f"{request.enterprise.name} 的{request.get_route_display()}"
                             f"未通过：{note}",
                     changes={"request": request.pk, "note": note})
    return request


def _close(request: EntryRequest, status: str, actor: Any, note: str) -> None:
    request.status = status
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


# --- selection and membership ----------------------------------------------------------------

def pool_select(*, enterprises: Iterable[Enterprise], actor: Any,
                note: str = "") -> SelectionResult:
    """Officials select enterprises from the screening list; each is re-evaluated now and
    enters only if the entry criteria pass (the others are reported, not entered)."""
    result = SelectionResult()
    assessed = []
    for enterprise in enterprises:
        if current_membership(enterprise) is not None:
            result.skipped.append((enterprise, "已在培育库中"))
            continue
        found = assess_entry(enterprise)
        if found.verdict.verdict != "pass":
            result.skipped.append(
                (enterprise, f"入库标准评估为{Verdict(found.verdict.verdict).label}"))
            continue
        assessed.append((enterprise, found))
    with transaction.atomic():
        for enterprise, found in assessed:
            result.entered.append(_membership_create(
                enterprise=enterprise, route=EntryRoute.SELECTION, actor=actor,
                assessed=found, note=note.strip()))
    return result


def _membership_create(*, enterprise: Enterprise, route: str, actor: Any, assessed: Assessed,
                       request: EntryRequest | None = None, note: str = "") -> PoolMembership:
    """Inside the caller's transaction: the membership, its derived focus, its audit entry;
    other pending requests for the enterprise are closed."""
    now = timezone.now()
    day = assessed.verdict.standard.on
    focus = derive_focus(assessed.facts, day)
    membership = PoolMembership.objects.create(
        enterprise=enterprise, year=day.year, route=route, entered_at=now, entered_by=actor,
        request=request, entry_note=note, entry_evaluation=assessed.verdict.to_json(),
        titles_seen=srdi_honours(held_in_force(assessed.facts, day)),
        focus=focus.focus, focus_basis=focus.basis, focus_at=now)
    others = EntryRequest.objects.filter(enterprise=enterprise, status=RequestStatus.PENDING)
    if request is not None:
        others = others.exclude(pk=request.pk)
    others.update(status=RequestStatus.CLOSED, decided_by=actor, decided_at=now)
    audit_record(actor=actor, action="pool.enter", target=enterprise,
                 summary=f"{enterprise.name} 进入培育库（{membership.get_route_display()}，"
                         f"{focus.focus.label}）",
                 changes={"membership": membership.pk, "route": route, "note": note,
                          "verdict": assessed.verdict.verdict, "focus": str(focus.focus)})
    return membership


# --- focus overrides -------------------------------------------------------------------------

def focus_override_set(*, membership: PoolMembership, actor: Any, focus: str,
                       reason: str) -> PoolMembership:
    if membership.status != MembershipStatus.IN:
        raise PoolError("该企业已出库，不能调整重点分类。")
    if focus not in Focus.values:
        raise PoolError("请选择重点推荐、重点提升或重点关注。")
    if not reason.strip():
        raise PoolError("调整重点分类须填写理由。")
    before = membership.effective_focus_label
    with transaction.atomic():
        membership.focus_override = focus
        membership.focus_override_reason = reason.strip()
        membership.focus_override_by = actor
        membership.focus_override_at = timezone.now()
        membership.save(update_fields=["focus_override", "focus_override_reason",
                                       "focus_override_by", "focus_override_at"])
        _audit_focus(membership, actor, before, reason.strip())
    return membership


def focus_override_clear(*, membership: PoolMembership, actor: Any,
                         reason: str = "") -> PoolMembership:
    if not membership.focus_override:
        raise PoolError("该企业的重点分类未经人工调整。")
    before = membership.effective_focus_label
    with transaction.atomic():
        membership.focus_override = ""
        membership.focus_override_reason = ""
        membership.focus_override_by = None
        membership.focus_override_at = None
        membership.save(update_fields=["focus_override", "focus_override_reason",
                                       "focus_override_by", "focus_override_at"])
        _audit_focus(membership, actor, before, reason.strip() or "恢复按规则分类")
    return membership


def _audit_focus(membership: PoolMembership, actor: Any, before: str, reason: str) -> None:
    after = membership.effective_focus_label
    audit_record(actor=actor, action="pool.focus", target=membership.enterprise,
                 summary=f"{membership.enterprise.name} 重点分类：{before} → {after}（{reason}）",
                 changes={"membership": membership.pk, "from": before, "to": after,
                          "reason": reason})


# --- the yearly published list ---------------------------------------------------------------

def snapshot_take(*, year: int, actor: Any, note: str = "") -> PoolSnapshot:
    """Copy everyone in the pool now into the list of ``year`` (a new version each time)."""
    today = timezone.localdate()
    members = (PoolMembership.objects.filter(status=MembershipStatus.IN)
               .select_related("enterprise__region")
               .annotate(cohort=cohort_annotation(today)))
    with transaction.atomic():
        latest = PoolSnapshot.objects.filter(year=year).aggregate(v=Max("version"))["v"]
        snapshot = PoolSnapshot.objects.create(year=year, version=(latest or 0) + 1,
                                               taken_at=timezone.now(), taken_by=actor,
                                               note=note.strip())
        entries = [_entry(snapshot, m) for m in members]
        SnapshotEntry.objects.bulk_create(entries, batch_size=1_000)
        snapshot.member_count = len(entries)
        snapshot.save(update_fields=["member_count"])
        audit_record(actor=actor, action="pool.snapshot", target=snapshot,
                     summary=f"生成{snapshot}，共{len(entries)}家企业",
                     changes={"year": year, "version": snapshot.version, "count": len(entries)})
    return snapshot


def _entry(snapshot: PoolSnapshot, membership: Any) -> SnapshotEntry:
    enterprise = membership.enterprise
    return SnapshotEntry(
        snapshot=snapshot, membership=membership, enterprise=enterprise, name=enterprise.name,
        uscc=enterprise.uscc, region_name=enterprise.region.name, route=membership.route,
        entered_on=timezone.localdate(membership.entered_at),
        focus=membership.effective_focus, cohort=membership.cohort)
