"""Where the synthetic enterprises sit: leaf units of Jiangsu's region tree, with weights.

The tree comes from ``reference/data/regions.yaml`` when present (entries with ``code``,
``name``, ``kind``, ``parent``, ``official``); otherwise from a built-in fallback of the 13
cities and the district codes of the seed cities. Enterprises are spread over cities by
economic size (GDP), and the seed regions — 吴江区, 苏州工业园区, 常州新北区 — get a fixed,
generous share so demos and pilots there have enough enterprises to look at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

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
    in_suzhou: np.ndarray  # bool per unit
    weights: np.ndarray  # probabilities, sum 1


def load_units(path: Path = REGIONS_FILE) -> dict[str, Unit]:
    """The region tree by code, from the reference file or the built-in fallback."""
    if path.is_file():
        return _units_from_yaml(path)
    return _fallback_units()


def placement(units: dict[str, Unit], prefixes: Sequence[str] | None = None) -> Placement:
    leaves = [code for code in units if _is_leaf(units, code)]
    if prefixes:
        leaves = [c for c in leaves if any(a.startswith(tuple(prefixes)) for a in
                                           _lineage(units, c))]
        if not leaves:
            raise ValueError(f"没有区域代码以{'、'.join(prefixes)}开头，无法生成企业")
    weights = np.array([_leaf_weight(units, c) for c in leaves])
    return Placement(
        codes=tuple(leaves),
        registration=tuple(_registration_code(units, c) for c in leaves),
        city_short=tuple(units[_city_of(units, c)].name.removesuffix("市") for c in leaves),
        in_suzhou=np.array([_city_of(units, c) == "320500" for c in leaves]),
        weights=weights / weights.sum(),
    )


def _units_from_yaml(path: Path) -> dict[str, Unit]:
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
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
            units[code] = Unit(code, district, "district", city)
    # A statistical code, not GB/T 2260: its USCCs carry the city's code.
    units["320571"] = Unit("320571", "苏州工业园区", "zone", "320500", official=False)
    return units


def _children(units: dict[str, Unit], code: str) -> list[str]:
    return [u.code for u in units.values() if u.parent == code]


def _is_leaf(units: dict[str, Unit], code: str) -> bool:
    return units[code].kind != "province" and not _children(units, code)


def _lineage(units: dict[str, Unit], code: str) -> list[str]:
    """The code and its ancestors' codes, nearest first."""
    chain: list[str] = []
    current: str | None = code
    while current is not None and current in units:
        chain.append(current)
        current = units[current].parent
    return chain


def _city_of(units: dict[str, Unit], code: str) -> str:
    lineage = _lineage(units, code)
    return next((c for c in lineage if units[c].kind == "city"), lineage[-1])


def _registration_code(units: dict[str, Unit], code: str) -> str:
    """The nearest official 6-digit division code: what a registration authority writes."""
    return next(c for c in _lineage(units, code)
                if units[c].official and len(c) == 6 and c.isdigit())


def _leaf_weight(units: dict[str, Unit], code: str) -> float:
    """Share of the population in this leaf: a seed region's fixed share, split over its
    leaves; other leaves split the rest of their city's GDP share evenly by tree level."""
    lineage = _lineage(units, code)
    seed = next((c for c in lineage if c in SEED_SHARES), None)
    if seed is not None:
        return SEED_SHARES[seed] * _fraction_below(units, seed, lineage, set())
    city = _city_of(units, code)
    gdp = CITY_GDP.get(city, min(CITY_GDP.values()))
    city_share = (1 - sum(SEED_SHARES.values())) * gdp / sum(CITY_GDP.values())
    return city_share * _fraction_below(units, city, lineage, set(SEED_SHARES))


def _fraction_below(units: dict[str, Unit], top: str, lineage: list[str],
                    excluded: set[str]) -> float:
    """Product of 1/(number of siblings) from ``top`` down to the leaf, skipping ``excluded``."""
    fraction = 1.0
    path = lineage[: lineage.index(top)]
    for code in reversed(path):
        siblings = [c for c in _children(units, units[code].parent or "") if c not in excluded]
        fraction /= max(len(siblings), 1)
    return fraction
