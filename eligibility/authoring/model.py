"""The validated model of a criteria set: metadata, citations, parameters and its IR program."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from eligibility.ir import ApplicationType, BoolExpr, Dim, Program

NATIONAL = "000000"  # jurisdiction code of the whole country

# Ladder order of the tiers (and other programmes) a criteria set may certify.
TIER_ORDER: tuple[str, ...] = (
    "upgrade_pool", "tech_sme", "innovative_sme", "tech_innovative_sme", "srdi_sme",
    "srdi_demo_sme", "srdi_product", "little_giant", "single_champion",
)
LEVELS: tuple[str, ...] = ("national", "province", "city", "district")


class Confidence(StrEnum):
    VERIFIED = "verified"  # read in the official text or verbatim reproductions
    SECONDARY = "secondary"  # only in summaries or third-party rule files
    NOT_FOUND = "not_found"  # the figure or wording could not be found; encoded provisionally


CONFIDENCE_LABELS = {
    Confidence.VERIFIED: "已核实",
    Confidence.SECONDARY: "二手来源，待核实",
    Confidence.NOT_FOUND: "原文未找到",
}


class Role(StrEnum):
    MAIN = "main"
    DIRECT_ROUTE = "direct_route"
    PART = "part"  # a sub-criterion inside another criterion
    EXEMPTION = "exemption"


@dataclass(frozen=True)
class SourceDocument:
    key: str
    title: str
    number: str = ""
    issued_on: date | None = None
    url: str = ""

    def label(self) -> str:
        number = f"（{self.number}）" if self.number else ""
        return f"《{self.title}》{number}"


@dataclass(frozen=True)
class Citation:
    document: SourceDocument
    article: str = ""
    table: str = ""
    row: str = ""

    def label(self) -> str:
        parts = [p for p in (self.article, self.table, self.row) if p]
        return self.document.label() + " ".join(parts)

    def to_dict(self) -> dict[str, str | None]:
        doc = self.document
        return {
            "document": doc.title, "number": doc.number or None,
            "date": doc.issued_on.isoformat() if doc.issued_on else None,
            "article": self.article or None, "table": self.table or None,
            "row": self.row or None, "text": self.label(),
        }


@dataclass(frozen=True)
class CriterionInfo:
    """What a clause (criterion, part, direct route or exemption) says and where it comes from."""

    id: str
    title: str
    clause: str
    citation: Citation
    confidence: Confidence
    role: Role
    note: str = ""


@dataclass(frozen=True)
class ParameterInfo:
    name: str
    title: str
    unit: str  # as written (万元, %, 项 …)
    dim: Dim
    value: Decimal  # in ``unit``
    base_value: Fraction  # in the dimension's base unit


@dataclass(frozen=True)
class CriteriaSet:
    id: str
    version: str
    title: str
    programme: str
    tier: str
    level: str
    jurisdiction: str
    application_types: tuple[ApplicationType, ...]
    effective_from: date
    effective_until: date | None
    source: SourceDocument
    parameters: tuple[ParameterInfo, ...]
    program: Program
    info: Mapping[str, CriterionInfo]
    path: str = ""
    edges_note: str = ""
    guards: frozenset[BoolExpr] = frozenset()  # conditions choosing a branch of a ``choose``
    track: str = ""  # a parallel track of the tier (e.g. 制造类 / 创新类); "" = the only one
    track_title: str = ""

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (
            self.effective_until is None or on <= self.effective_until)

    def applies_to(self, region_code: str) -> bool:
        """National sets apply everywhere; others in their region's subtree (code prefix)."""
        return region_code.startswith(jurisdiction_prefix(self.jurisdiction))

    def parameter(self, name: str) -> ParameterInfo:
        return next(p for p in self.parameters if p.name == name)

    @property
    def tier_rank(self) -> int:
        return TIER_ORDER.index(self.tier) if self.tier in TIER_ORDER else len(TIER_ORDER)


def jurisdiction_prefix(code: str) -> str:
    """320000 → "32", 320500 → "3205", 000000 → "" (GB/T 2260 pairs of trailing zeros)."""
    prefix = code
    while len(prefix) > 0 and prefix.endswith("00") and len(prefix) % 2 == 0:
        prefix = prefix[:-2]
    return prefix
