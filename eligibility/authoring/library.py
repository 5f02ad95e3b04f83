"""A directory of criteria files: loading, cross-file checks and version selection.

Version rule (docs/engine.md): for a tier, level, track, date, region and application type, the sets
in force are those whose dates cover the date, whose application types include it, and whose
jurisdiction contains the region (national "000000" contains every region; "320000" every code
starting "32"). Among them the most specific jurisdiction (longest code prefix) wins. Two sets
with the same tier, level, track, jurisdiction and an application type in force on a common date
are an error (criteria.E007), so the choice is always unique. Tracks are parallel routes to one
tier (seed 003's 制造类/创新类, 单项冠军 企业/产品, a district's own statement of the
conditions): each track is selected on its own and they appear side by side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from eligibility.ir import ApplicationType

from .issues import Code, Issue
from .loader import load_file
from .model import CriteriaSet, jurisdiction_prefix

CASES_SUFFIX = ".cases.yaml"


class LibraryError(Exception):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("\n".join(str(i) for i in issues))
        self.issues = issues


@dataclass(frozen=True)
class Library:
    directory: str
    sets: tuple[CriteriaSet, ...]
    issues: tuple[Issue, ...] = ()

    def get(self, set_id: str) -> CriteriaSet:
        for criteria_set in self.sets:
            if criteria_set.id == set_id:
                return criteria_set
        raise KeyError(set_id)

    def sets_in_force(self, on: date, region_code: str,
                      application: ApplicationType | str) -> list[CriteriaSet]:
        """The one applicable version per (tier, level, track), ordered up the ladder."""
        application = ApplicationType(application)
        chosen: dict[tuple[str, str, str], CriteriaSet] = {}
        for candidate in self.sets:
            if not _applies(candidate, on, region_code, application):
                continue
            key = (candidate.tier, candidate.level, candidate.track)
            if key not in chosen or _specificity(candidate) > _specificity(chosen[key]):
                chosen[key] = candidate
        return sorted(chosen.values(), key=lambda s: (s.tier_rank, s.level, s.track, s.id))

    def select(self, tier: str, level: str, on: date, region_code: str,
               application: ApplicationType | str, track: str = "") -> CriteriaSet | None:
        for criteria_set in self.sets_in_force(on, region_code, application):
            if (criteria_set.tier, criteria_set.level, criteria_set.track) == (tier, level, track):
                return criteria_set
        return None


def _applies(s: CriteriaSet, on: date, region: str, application: ApplicationType) -> bool:
    return s.in_force(on) and application in s.application_types and s.applies_to(region)


def _specificity(s: CriteriaSet) -> int:
    return len(jurisdiction_prefix(s.jurisdiction))


def criteria_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.yaml") if not p.name.endswith(CASES_SUFFIX))


def load_library(directory: str | Path, *, strict: bool = False) -> Library:
    """Load every ``*.yaml`` (not ``*.cases.yaml``) under ``directory``.

    Files with findings are left out and their findings kept in ``issues``; with ``strict``
    any finding raises ``LibraryError``.
    """
    root = Path(directory)
    issues: list[Issue] = []
    sets: list[CriteriaSet] = []
    for path in criteria_files(root):
        result = load_file(path)
        issues.extend(result.issues)
        if result.criteria_set is not None:
            sets.append(result.criteria_set)
    issues.extend(_duplicate_ids(sets))
    issues.extend(overlapping_versions(sets))
    if strict and issues:
        raise LibraryError(issues)
    return Library(str(root), tuple(sets), tuple(issues))


def _duplicate_ids(sets: Iterable[CriteriaSet]) -> list[Issue]:
    seen: dict[str, CriteriaSet] = {}
    issues = []
    for s in sets:
        if s.id in seen:
            issues.append(Issue(s.path, 1, Code.DUPLICATE_ID,
                                f"认定标准编号“{s.id}”与 {seen[s.id].path} 重复"))
        seen.setdefault(s.id, s)
    return issues


def overlapping_versions(sets: Iterable[CriteriaSet]) -> list[Issue]:
    """criteria.E007: two versions in force for one tier+level+jurisdiction+application+date."""
    issues = []
    for a, b in combinations(sorted(sets, key=lambda s: s.path), 2):
        if (a.tier, a.level, a.track, a.jurisdiction) != (b.tier, b.level, b.track,
                                                          b.jurisdiction):
            continue
        shared = set(a.application_types) & set(b.application_types)
        start = max(a.effective_from, b.effective_from)
        end = min(a.effective_until or date.max, b.effective_until or date.max)
        if shared and start <= end:
            kinds = "、".join(sorted(shared))
            issues.append(Issue(b.path, 1, Code.OVERLAPPING_VERSIONS,
                                f"与 {a.id} 在 {start} 起同时有效（{b.tier}，{b.jurisdiction}，"
                                f"申报类型 {kinds}）"))
    return issues
