"""Where the synthetic enterprises sit: leaf units of Jiangsu's region tree, with weights.

The tree comes from ``reference/data/regions.yaml`` when present (entries with ``code``,
``name``, ``kind``, ``parent``, ``official``); otherwise from a built-in fallback of the 13
cities and the district codes of the seed cities. Enterprises are spread over cities by
economic size (GDP), and the seed regions — 吴江区, 苏州工业园区, 常州新北区 — get a fixed,
generous share so demos and pilots there have enough enterprises to look at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

# The C loader when PyYAML was built with libyaml: ten times faster on the reference files.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

REGIONS_FILE = Path(__file__).resolve().parent.parent / "reference" / "data" / "regions.yaml"
PROVINCE = "320000"

# City GDP in 亿元 (2023, rounded): the weight of each city's enterprise count.
CITY_GDP: dict[str, float] = {
    "320100": 17421, "320200": 15456, "320300": 8900, "320400": 10116, "320500": 24653,
    "320600": 11813, "320700": 4364, "320800": 5155, "320900": 7404, "321000": 7423,
    "321100": 5264, "321200": 6731, "321300": 4398,
}
# Share of the whole population placed in each seed region's subtree.
SEED_SHARES: dict[str, float] = {"320509": 0.08, "320571": 0.06, "320411": 0.04}

COUNTY_KINDS = ("county_city", "county")
_CITY_NAMES = {
    "320100": "南京市", "320200": "无锡市", "320300": "徐州市", "320400": "常州市",
    "320500": "苏州市", "320600": "南通市", "320700": "连云港市", "320800": "淮安市",
    "320900": "盐城市", "321000": "扬州市", "321100": "镇江市", "321200": "泰州市",
    "321300": "宿迁市",
}
_FALLBACK_DISTRICTS = {
    "320400": {"320402": "天宁区", "320404": "钟楼区", "320411": "新北区", "320412": "武进区",
               "320413": "金坛区", "320481": "溧阳市"},
    "320500": {"320505": "虎丘区", "320506": "吴中区", "320507": "相城区", "320508": "姑苏区",
               "320509": "吴江区", "320581": "常熟市", "320582": "张家港市",
               "320583": "昆山市", "320585": "太仓市"},
}


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str
    parent: str | None
    official: bool = True


@dataclass(frozen=True)
class Placement:
    """The leaf units enterprises are placed in, aligned arrays."""

    codes: tuple[str, ...]  # platform region code (region_code column)
    registration: tuple[str, ...]  # 6-digit division code used inside the USCC
    city_short: tuple[str, ...]  # city name without 市, as company names start
    local_short: tuple[str, ...]  # county-level city or county name without 市/县, else city
    in_suzhou: np.ndarray  # bool per unit
    weights: np.ndarray  # probabilities, sum 1


@cache
def load_units(path: Path = REGIONS_FILE) -> Mapping[str, Unit]:
    """The region tree by code, from the reference file or the built-in fallback."""
    if path.is_file():
        return _units_from_yaml(path)
    return _fallback_units()


def placement(units: Mapping[str, Unit], prefixes: Sequence[str] | None = None) -> Placement:
    shares = _shares(units)
    codes = [code for code in units if shares.get(code, 0.0) > 0]
    if prefixes:
        codes = [c for c in codes if any(a.startswith(tuple(prefixes)) for a in
                                         _lineage(units, c))]
        if not codes:
            raise ValueError(f"没有区域代码以{'、'.join(prefixes)}开头，无法生成企业")
    weights = np.array([shares[c] for c in codes])
    return Placement(
        codes=tuple(codes),
        registration=tuple(_registration_code(units, c) for c in codes),
        city_short=tuple(units[_city_of(units, c)].name.removesuffix("市") for c in codes),
        local_short=tuple(_local_short(units, c) for c in codes),
        in_suzhou=np.array([_city_of(units, c) == "320500" for c in codes]),
        weights=weights / weights.sum(),
    )


def _units_from_yaml(path: Path) -> dict[str, Unit]:
    data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    entries = data.get("regions", []) if isinstance(data, dict) else data
    units: dict[str, Unit] = {}
    for index, entry in enumerate(entries):
        try:
            code = str(entry["code"])
            units[code] = Unit(code, str(entry["name"]), str(entry["kind"]),
                               None if entry.get("parent") is None else str(entry["parent"]),
                               bool(entry.get("official", True)))
        except (KeyError, TypeError) as err:
            raise ValueError(f"{path} 第{index + 1}个区域条目缺少字段或格式不对：{err}") from err
    return units


def _fallback_units() -> dict[str, Unit]:
    units = {PROVINCE: Unit(PROVINCE, "江苏省", "province", None)}
    for city, name in _CITY_NAMES.items():
        units[city] = Unit(city, name, "city", PROVINCE)
        for code, district in _FALLBACK_DISTRICTS.get(city, {}).items():
            kind = "county_city" if district.endswith("市") else "district"
            units[code] = Unit(code, district, kind, city)
    # A statistical code, not GB/T 2260: its USCCs carry the city's code.
    units["320571"] = Unit("320571", "苏州工业园区", "zone", "320500", official=False)
    return units


def _children(units: Mapping[str, Unit], code: str) -> list[str]:
    return [u.code for u in units.values() if u.parent == code]


def _lineage(units: Mapping[str, Unit], code: str) -> list[str]:
    """The code and its ancestors' codes, nearest first."""
    chain: list[str] = []
    current: str | None = code
    while current is not None and current in units:
        chain.append(current)
        current = units[current].parent
    return chain


def _city_of(units: Mapping[str, Unit], code: str) -> str:
    lineage = _lineage(units, code)
    return next((c for c in lineage if units[c].kind == "city"), lineage[-1])


def _local_short(units: Mapping[str, Unit], code: str) -> str:
    """昆山 for a unit in 昆山市, 沭阳 in 沭阳县: names there often start with it."""
    county = next((c for c in _lineage(units, code) if units[c].kind in COUNTY_KINDS), None)
    if county is None:
        return units[_city_of(units, code)].name.removesuffix("市")
    return units[county].name.removesuffix("市").removesuffix("县")


def _registration_code(units: Mapping[str, Unit], code: str) -> str:
    """The nearest official 6-digit division code: what a registration authority writes."""
    return next(c for c in _lineage(units, code)
                if units[c].official and len(c) == 6 and c.isdigit())


def _shares(units: Mapping[str, Unit]) -> dict[str, float]:
    """Share of the population placed directly in each unit: the seed regions' fixed shares,
    the rest by city GDP, each spread down its subtree."""
    shares: dict[str, float] = {}
    seeds = {code: share for code, share in SEED_SHARES.items() if code in units}
    for code, share in seeds.items():
        _spread(units, code, share, set(), shares)
    rest = 1 - sum(seeds.values())
    cities = [u.code for u in units.values() if u.kind == "city"]
    gdp = {c: CITY_GDP.get(c, min(CITY_GDP.values())) for c in cities}
    for city in cities:
        _spread(units, city, rest * gdp[city] / sum(gdp.values()), set(seeds), shares)
    return shares


def _spread(units: Mapping[str, Unit], code: str, share: float, excluded: set[str],
            shares: dict[str, float]) -> None:
    """Split ``share`` evenly between a unit's sub-units. Below a city the unit keeps a part
    for enterprises in none of its listed sub-units: the sub-units the policy texts name rarely
    cover their parent (one named zone gets a fifth, eight 区镇 leave the district a ninth)."""
    children = [c for c in _children(units, code) if c not in excluded]
    if not children:
        shares[code] = shares.get(code, 0.0) + share
        return
    own = 0.0 if units[code].kind in ("province", "city") else max(1.0, 4.0 / len(children))
    total = len(children) + own
    shares[code] = shares.get(code, 0.0) + share * own / total
    for child in children:
        _spread(units, child, share / total, excluded, shares)
