"""The yearly review (动态管理, seed 003 三、（一）3: "对不符合入库标准的企业，取消入库资格"):
re-screen every member, propose exits with reasons, and let an official confirm or keep.

A member is proposed for exit when the engine fails every entry track (re-review
application), when a compliance record speaks against it (严重失信名单, 重大事故, 资源集约利用
D类), or when an SRDI honour it held at the last check is no longer in force (lapsed or
revoked). Only engine failures are "safe" to confirm in bulk; the other reasons need an
official's note. Nobody leaves the pool until an official confirms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from eligibility.api import FactsDocument
from portal.audit.services import audit_record
from portal.pool.classification import derive_focus, held_in_force, honour_label, srdi_honours
from portal.pool.entry import EntryVerdict, entry_verdict
from portal.pool.facts import facts_of_many
from portal.pool.models import (
    ItemDecision,
    MembershipStatus,
    PoolMembership,
    PoolReview,
    ReviewItem,
    RunStatus,
)
from portal.pool.scope import members_in, region_label
from portal.pool.services import PoolError
from portal.pool.standards import EntryStandard, entry_standard
from portal.regions.models import Region

Progress = Callable[[int, int, str], None]
CRITERIA, COMPLIANCE, TITLE_LOST = "criteria", "compliance", "title_lost"


@dataclass(frozen=True)
class ReviewFinding:
    verdict: EntryVerdict
    reasons: list[dict[str, str]]
    honours: list[str]

    @property
    def propose_exit(self) -> bool:
        return bool(self.reasons)

    @property
    def safe(self) -> bool:
        return self.verdict.verdict == "fail"


def compliance_reasons(facts: FactsDocument, fiscal_year: int) -> list[str]:
    reasons = []
    if facts.value("on_dishonesty_list") is True:
        reasons.append("列入严重失信主体名单")
    accidents = facts.value("major_accidents", fiscal_year)
    if isinstance(accidents, int) and accidents > 0:
        reasons.append(f"{fiscal_year}年度发生重大安全、质量、环境污染事故{accidents}起")
    if facts.value("resource_rating", fiscal_year) == "D":
        reasons.append(f"{fiscal_year}年度资源集约利用综合评价为D类（落后整治）")
    return reasons


def review_finding(*, titles_seen: Iterable[str], facts: FactsDocument,
                   standard: EntryStandard) -> ReviewFinding:
    """Everything the review says about one member (no database access)."""
    verdict = entry_verdict(standard, facts, application="re_review")
    reasons = []
    if verdict.verdict == "fail":
        reasons += [{"kind": CRITERIA,
                     "text": f"{t.track_title}入库标准未满足：{'；'.join(t.failed)}"}
                    for t in verdict.tracks]
    reasons += [{"kind": COMPLIANCE, "text": text}
                for text in compliance_reasons(facts, standard.fiscal_year)]
    honours = srdi_honours(held_in_force(facts, standard.on))
    lost = sorted(set(titles_seen) - set(honours))
    if lost:
        reasons.append({"kind": TITLE_LOST, "text": "称号已失效或被撤销："
                        + "、".join(honour_label(key) for key in lost)})
    return ReviewFinding(verdict, reasons, honours)


# --- running a review ------------------------------------------------------------------------

def review_start(*, actor: Any, region: Region | None, year: int,
                 on: dt.date | None = None) -> PoolReview:
    if PoolReview.objects.filter(region=region, status=RunStatus.RUNNING).exists():
        raise PoolError(f"{region_label(region)}已有正在进行的年度复核，请等待其完成。")
    with transaction.atomic():
        review = PoolReview.objects.create(year=year, region=region, on=on or timezone.localdate(),
                                           started_by=actor, started_at=timezone.now())
        audit_record(actor=actor, action="pool.review.start", target=review,
                     summary=f"发起{region_label(region)}培育库{year}年度复核",
                     changes={"year": year, "region": getattr(region, "code", None)})
    return review


def review_run(*, review: PoolReview, progress: Progress | None = None) -> PoolReview:
    report = progress or (lambda done, total, message: None)
    members = {m.enterprise_id: m for m in members_in(review.region).select_related("enterprise")}
    ids = sorted(members)
    report(0, len(ids), f"待复核 {len(ids)} 家在库企业")
    standards: dict[str, EntryStandard] = {}
    items = []
    for done, (enterprise_id, facts) in enumerate(facts_of_many(ids), start=1):
        code = facts.region_code
        standard = standards.get(code) or standards.setdefault(code,
                                                               entry_standard(review.on, code))
        items.append(_item(review, members[enterprise_id], facts, standard))
        if done % 50 == 0 or done == len(ids):
            report(done, len(ids), f"已复核 {done}/{len(ids)} 家企业")
    _store(review, items, standards)
    return review


def _item(review: PoolReview, membership: PoolMembership, facts: FactsDocument,
          standard: EntryStandard) -> tuple[ReviewItem, list[str]]:
    finding = review_finding(titles_seen=membership.titles_seen, facts=facts, standard=standard)
    focus = derive_focus(facts, review.on)
    membership.focus, membership.focus_basis = focus.focus, focus.basis
    evaluation = {**finding.verdict.to_json(), "focus_basis": focus.basis,
                  "honours": finding.honours}
    item = ReviewItem(review=review, membership=membership, verdict=finding.verdict.verdict,
                      evaluation=evaluation, reasons=finding.reasons,
                      propose_exit=finding.propose_exit, safe=finding.safe, focus=focus.focus,
                      decision=ItemDecision.PENDING if finding.propose_exit else "")
    return item, finding.honours


def _store(review: PoolReview, items: list[tuple[ReviewItem, list[str]]],
           standards: dict[str, EntryStandard]) -> None:
    now = timezone.now()
    proposed = sum(1 for item, _ in items if item.propose_exit)
    with transaction.atomic():
        ReviewItem.objects.bulk_create([item for item, _ in items], batch_size=500)
        for item, honours in items:
            member = item.membership
            member.focus_at = now
            if not item.propose_exit:
                member.titles_seen = honours  # a title gained since entry is now "seen"
        PoolMembership.objects.bulk_update([item.membership for item, _ in items],
                                           ["focus", "focus_basis", "focus_at", "titles_seen"],
                                           batch_size=500)
        review.counts = {"members": len(items), "proposed": proposed,
                         "safe": sum(1 for item, _ in items if item.safe),
                         "unknown": sum(1 for item, _ in items if item.verdict == "unknown")}
        review.standard = next(iter(standards.values())).to_json() if standards else {}
        review.status, review.finished_at = RunStatus.FINISHED, now
        review.save(update_fields=["counts", "standard", "status", "finished_at"])
        audit_record(actor=review.started_by, action="pool.review.finish", target=review,
                     summary=f"{review}完成：复核{len(items)}家，建议出库{proposed}家",
                     changes=review.counts)


# --- decisions ---------------------------------------------------------------------------------

def review_item_decide(*, item: ReviewItem, actor: Any, confirm: bool,
                       note: str = "") -> ReviewItem:
    """Confirm the proposed exit (the member leaves the pool) or keep the member."""
    _check_pending(item)
    note = note.strip()
    if confirm and not item.safe and not note:
        raise PoolError("该出库建议并非入库标准评估不满足（而是合规记录或称号变化），"
                        "确认出库须填写处理意见。")
    if not confirm and not note:
        raise PoolError("保留在库须填写理由。")
    with transaction.atomic():
        if confirm:
            _exit(item, actor, note)
        else:
            _keep(item, actor, note)
    return item


def review_confirm_bulk(*, items: list[ReviewItem], actor: Any) -> int:
    """Confirm several proposals at once — only those the engine alone decided."""
    unsafe = [i.membership.enterprise.name for i in items if not i.safe]
    if unsafe:
        raise PoolError("以下企业的出库建议需逐一确认并填写意见，不能批量确认："
                        + "、".join(unsafe))
    for item in items:
        _check_pending(item)
    with transaction.atomic():
        for item in items:
            _exit(item, actor, "")
    return len(items)


def _check_pending(item: ReviewItem) -> None:
    name = item.membership.enterprise.name
    if not item.propose_exit or item.decision != ItemDecision.PENDING:
        raise PoolError(f"{name} 没有待确认的出库建议。")
    if item.membership.status != MembershipStatus.IN:
        raise PoolError(f"{name} 已出库。")


def _decide(item: ReviewItem, actor: Any, decision: str, note: str) -> None:
    item.decision, item.decided_by, item.decided_at = decision, actor, timezone.now()
    item.decision_note = note
    item.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])


def _exit(item: ReviewItem, actor: Any, note: str) -> None:
    _decide(item, actor, ItemDecision.CONFIRMED, note)
    member = item.membership
    reason = "；".join(r["text"] for r in item.reasons) + (f"（处理意见：{note}）" if note else "")
    member.status, member.exited_by = MembershipStatus.EXITED, actor
    member.exited_at = timezone.now()
    member.exit_reason = f"{item.review}：{reason}"
    member.save(update_fields=["status", "exited_at", "exited_by", "exit_reason"])
    audit_record(actor=actor, action="pool.exit", target=member.enterprise,
                 summary=f"{member.enterprise.name} 出库：{reason}",
                 changes={"membership": member.pk, "review_item": item.pk,
                          "reasons": item.reasons, "note": note})


def _keep(item: ReviewItem, actor: Any, note: str) -> None:
    _decide(item, actor, ItemDecision.KEPT, note)
    member = item.membership
    member.titles_seen = item.evaluation.get("honours", [])
    member.save(update_fields=["titles_seen"])
    audit_record(actor=actor, action="pool.keep", target=member.enterprise,
                 summary=f"{member.enterprise.name} 复核后保留在库：{note}",
                 changes={"membership": member.pk, "review_item": item.pk, "note": note})
