"""The immutable records the reference catalogue returns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RegionKind(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"  # 市辖区
    COUNTY = "county"  # 县
    COUNTY_CITY = "county_city"  # 县级市
    ZONE = "zone"  # 开发区、功能区、合作区
    TOWN = "town"  # 镇


class IndustryLevel(StrEnum):
    SECTION = "section"  # 门类, e.g. C
    DIVISION = "division"  # 大类, e.g. C34
    GROUP = "group"  # 中类, e.g. C348
    CLASS = "class"  # 小类, e.g. C3484


class ListKind(StrEnum):
    CLUSTER = "cluster"  # 先进制造业集群
    CHAIN = "chain"  # 产业链


class Level(StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"


class Bound(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"  # "N以上": 以上 includes N itself


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    kind: RegionKind
    parent: str | None
    official: bool  # listed in GB/T 2260 (民政部 县以上行政区划代码)
    position: int  # order in regions.yaml, usable as a sort key
    source: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Industry:
    code: str
    name: str
    level: IndustryLevel
    parent: str | None
    position: int


@dataclass(frozen=True, slots=True)
class SourceRef:
    seed: str
    document: str
    doc_number: str
    issuer: str
    date: str  # ISO date, or "" when the text gives none
    location: str

    def citation(self) -> str:
        """One line a person can look up, e.g. 《…》（苏政办发〔2023〕3号）一、总体要求."""
        number = f"（{self.doc_number}）" if self.doc_number else ""
        return f"《{self.document}》{number}{self.location}"


@dataclass(frozen=True, slots=True)
class ClusterItem:
    id: str
    name: str
    position: int  # 1-based order in the source text


@dataclass(frozen=True, slots=True)
class ClusterList:
    id: str
    name: str
    kind: ListKind
    source: SourceRef
    declared_count: int | None
    items: tuple[ClusterItem, ...]  # empty when the text does not spell the list out
    mentioned: tuple[str, ...]  # examples the text gives without the full list
    note: str


@dataclass(frozen=True, slots=True)
class ClusterIndustries:
    """zjtx's own reading of one cluster: the industries that plausibly belong to it (not from
    the policy texts; see cluster_industries.yaml)."""

    cluster: str  # an item id of clusters.yaml, e.g. js13-01
    name: str
    industries: tuple[str, ...]  # GB/T 4754 codes; an industry code starting with one belongs
    note: str
    position: int  # order in cluster_industries.yaml

    def covers(self, industry_code: str) -> bool:
        return industry_code.startswith(self.industries)


@dataclass(frozen=True, slots=True)
class Target:
    """How many enterprises a region must bring to some tiers in one year."""

    region: str
    tiers: tuple[str, ...]
    level: Level
    year: int
    cumulative: bool
    count: int
    bound: Bound
    row: str  # the table row the number was read from


@dataclass(frozen=True, slots=True)
class TargetStatement:
    """A target stated in the plan's body text, kept verbatim beside the table's figures."""

    text: str
    location: str
    tiers: tuple[str, ...]
    level: Level
    first_year: int
    last_year: int
    count: int
    bound: Bound


@dataclass(frozen=True, slots=True)
class TargetTable:
    source: SourceRef
    district: str
    targets: tuple[Target, ...]
    statements: tuple[TargetStatement, ...]
