"""Who entered and who left the pool between two published yearly lists, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from portal.pool.models import EntryRoute, NominatorKind, PoolMembership, PoolSnapshot
from portal.pool.selectors import latest_snapshot, snapshot_entries


@dataclass(frozen=True)
class DiffRow:
    enterprise_id: int
    name: str
    uscc: str
    region_name: str
    when: str  # ISO date of entry or exit
    why: str


@dataclass
class YearDiff:
    year_from: int
    year_to: int
    before: PoolSnapshot | None
    after: PoolSnapshot | None
    entered: list[DiffRow] = field(default_factory=list)
    left: list[DiffRow] = field(default_factory=list)
    stayed: int = 0

    @property
    def complete(self) -> bool:
        return self.before is not None and self.after is not None


def entry_reason(membership: PoolMembership) -> str:
    """How a member entered, in one line: the route and what was said for it."""
    route = EntryRoute(membership.route).label
    request = membership.request
    if membership.route == EntryRoute.NOMINATION and request is not None:
        kind = NominatorKind(request.nominator_kind).label if request.nominator_kind else ""
        return f"{route}：{kind}{request.nominator_name}——{request.reason}"
    said = (request.reason if request is not None else "") or membership.entry_note
    return f"{route}：{said}" if said else route


def exit_reason(membership: PoolMembership) -> tuple[str, str]:
    if membership.exited_at is None:
        return "", "仍在库（名单生成后重新入库或调整）"
    return timezone.localdate(membership.exited_at).isoformat(), membership.exit_reason


def year_diff(user: Any, year_from: int, year_to: int) -> YearDiff:
    before, after = latest_snapshot(year_from), latest_snapshot(year_to)
    diff = YearDiff(year_from, year_to, before, after)
    if before is None or after is None:
        return diff
    old = {e.enterprise_id: e for e in snapshot_entries(user, before)
           .select_related("membership__request")}
    new = {e.enterprise_id: e for e in snapshot_entries(user, after)
           .select_related("membership__request")}
    diff.stayed = len(old.keys() & new.keys())
    for pk in sorted(new.keys() - old.keys(), key=lambda k: (new[k].region_name, new[k].name)):
        entry = new[pk]
        diff.entered.append(DiffRow(pk, entry.name, entry.uscc, entry.region_name,
                                    entry.entered_on.isoformat(), entry_reason(entry.membership)))
    for pk in sorted(old.keys() - new.keys(), key=lambda k: (old[k].region_name, old[k].name)):
        entry = old[pk]
        when, why = exit_reason(entry.membership)
        diff.left.append(DiffRow(pk, entry.name, entry.uscc, entry.region_name, when, why))
    return diff
