"""Enterprise names and 统一社会信用代码, vectorised.

Names read like Jiangsu company names — 苏州<brand><industry word>有限公司 — and are unique in a
population: duplicates get a new brand until none is left. Codes are valid GB 32100-2015 codes
(``indicators.uscc``): '9' (market regulator), '1' (company), the 6-digit division code of the
registration authority, a GB 11714 organisation code with its own check character, and the
final check character. Organisation codes come from a seeded bijection of the row number, so
they are unique by construction.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from indicators.uscc import CHARSET, ORG_BODY_CHARS, ORG_WEIGHTS, WEIGHTS
from population.draws import BoolArray, IntArray, chance, per_segment
from population.industries import Industries
from population.regions import Placement

BRAND_CHARS = (
    "华瑞鑫盛恒达泰源宏博创精汇通联德明信润宇星辰嘉锦东方中天海龙凯航晟昊晨立金永正和安佳富丰"
    "力美优智远峰亿万元兴昌隆铭睿益聚卓越腾飞驰骏钧固坤乾合众诚弘毅辉耀光晶硕杰豪威宁康泽沃浩瀚"
    "江山川林森松柏青蓝翔鹏鸿鼎扬振启恩荣祥福顺捷迅洲宝利君亚欣鼎彩百新科微赛尔特克普奥"
)
PROVINCE_PREFIX_SHARE = (0.08, 0.15, 0.3, 0.5)  # 江苏… instead of the city name
JOINT_STOCK_SHARE = (0.04, 0.2, 0.45, 0.7)  # 股份有限公司
NEW_STYLE_FROM = 2015  # codes issued since then have organisation codes like MA1…
LOCAL_PREFIX_SHARE = 0.7
MAX_RENAME_ROUNDS = 40
TWO_CHARACTER_ROUNDS = 4
_NEW_SPACE = 2 * 31**5  # "MA" + '1'/'2' + five characters of the USCC charset
_OLD_SPACE = 10**8  # eight digits


def names(rng: np.random.Generator, segment: IntArray, region: IntArray, industry: IntArray,
          places: Placement, industries: Industries) -> pl.Series:
    """Unique names. Each part is drawn as an index into its list of texts, so duplicates are
    found on one integer key per name; the strings are built once, at the end."""
    n = segment.shape[0]
    prefixes, prefix = _prefixes(rng, segment, region, places)
    words, word = _industry_words(rng, industry, industries)
    suffix = chance(rng, per_segment(segment, JOINT_STOCK_SHARE), n).astype(np.int64)
    brands = ["", *sorted(set(BRAND_CHARS))]  # index 0: no third character
    size = len(brands)
    first, second = _brand_pair(rng, size - 1, n)
    third = np.zeros(n, dtype=np.int64)
    base = (prefix * len(words) + word) * 2 + suffix
    for round_ in range(MAX_RENAME_ROUNDS):
        redo = _repeats(((base * size + first) * size + second) * size + third)
        if not redo.any():
            name = _compose(prefixes, words, brands, prefix, word, suffix,
                            (first + 1, second + 1, third))
            if name.is_duplicated().any():  # a text coincidence across different keys
                raise RuntimeError("企业名称出现重复，请调整名称用字表")
            return name
        k = int(redo.sum())
        first[redo], second[redo] = _brand_pair(rng, size - 1, k)
        # Crowded name cells (苏州…精密机械有限公司) fill up: late rounds use three characters.
        if round_ >= TWO_CHARACTER_ROUNDS:
            third[redo] = rng.integers(1, size, k)
    raise RuntimeError("企业名称去重失败：企业数量超过名称组合的容量")


def _repeats(key: IntArray) -> BoolArray:
    """Rows whose key already occurred in an earlier row."""
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    repeat = np.zeros(key.shape[0], dtype=np.bool_)
    repeat[order[1:][ordered[1:] == ordered[:-1]]] = True
    return repeat


def _compose(prefixes: list[str], words: list[str], brands: list[str], prefix: IntArray,
             word: IntArray, suffix: IntArray, brand: tuple[IntArray, ...]) -> pl.Series:
    text = pl.Series(brands)
    parts = [pl.Series(prefixes).gather(prefix),
             *(text.gather(b) for b in brand),
             pl.Series(words).gather(word),
             pl.Series(["有限公司", "股份有限公司"]).gather(suffix)]
    return pl.select(pl.concat_str(parts).alias("name")).to_series()


def _prefixes(rng: np.random.Generator, segment: IntArray, region: IntArray,
              places: Placement) -> tuple[list[str], IntArray]:
    """江苏 for some (more often the larger firms), the county-level city for many
    (昆山…, 江阴…), else the city (苏州…). Returns the texts and an index per enterprise."""
    n = segment.shape[0]
    texts = sorted({"江苏", *places.city_short, *places.local_short})
    city = np.array([texts.index(t) for t in places.city_short])[region]
    local = np.array([texts.index(t) for t in places.local_short])[region]
    prefix = np.where(chance(rng, LOCAL_PREFIX_SHARE, n), local, city)
    province = chance(rng, per_segment(segment, PROVINCE_PREFIX_SHARE), n)
    return texts, np.where(province, texts.index("江苏"), prefix).astype(np.int64)


def _brand_pair(rng: np.random.Generator, size: int, n: int) -> tuple[IntArray, IntArray]:
    """Two different brand characters."""
    first = rng.integers(0, size, n)
    second = (first + rng.integers(1, size, n)) % size
    return first, second


def _industry_words(rng: np.random.Generator, industry: IntArray,
                    industries: Industries) -> tuple[list[str], IntArray]:
    texts = sorted({w for words in industries.words for w in words})
    flat = np.array([texts.index(w) for words in industries.words for w in words])
    counts = np.array([len(words) for words in industries.words])
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    pick = offsets[industry] + np.floor(rng.random(industry.shape[0]) * counts[industry])
    return texts, flat[pick.astype(np.int64)]


def usccs(rng: np.random.Generator, division: np.ndarray, new_style: BoolArray) -> pl.Series:
    """Valid, unique codes; ``division`` holds 6-digit codes (bytes or str) per enterprise."""
    n = division.shape[0]
    chars = np.empty((n, 18), dtype=np.uint8)
    chars[:, 0], chars[:, 1] = ord("9"), ord("1")
    chars[:, 2:8] = np.asarray(division, dtype="S6").view(np.uint8).reshape(n, 6)
    chars[:, 8:16] = _organisation_bodies(rng, new_style)
    chars[:, 16] = _org_check(chars[:, 8:16])
    chars[:, 17] = _uscc_check(chars[:, :17])
    return pl.Series("uscc", chars.view("S18").ravel()).cast(pl.String)


def _organisation_bodies(rng: np.random.Generator, new_style: BoolArray) -> np.ndarray:
    n = new_style.shape[0]
    serial = np.arange(n, dtype=np.int64)
    body = np.empty((n, 8), dtype=np.uint8)
    new = _scramble(rng, serial, _NEW_SPACE)
    charset = np.frombuffer(CHARSET.encode(), dtype=np.uint8)
    body[:, 0], body[:, 1] = ord("M"), ord("A")
    body[:, 2] = np.where(new < 31**5, ord("1"), ord("2"))
    rest = new % 31**5
    for position in range(7, 2, -1):
        body[:, position] = np.where(new_style, charset[rest % 31], 0)
        rest //= 31
    old = _scramble(rng, serial, _OLD_SPACE)
    digits = np.frombuffer(np.char.zfill(old.astype("S8"), 8).tobytes(), np.uint8).reshape(n, 8)
    return np.where(new_style[:, None], body, digits)


def _scramble(rng: np.random.Generator, serial: IntArray, space: int) -> IntArray:
    """A seeded bijection of [0, space): distinct serials give distinct codes."""
    if serial.shape[0] > space:
        raise ValueError(f"企业数量超过组织机构代码的容量（{space}）")
    multiplier = int(rng.integers(space // 3, space))
    while np.gcd(multiplier, space) != 1:
        multiplier += 1
    offset = int(rng.integers(0, space))
    return (serial * multiplier + offset) % space


def _lookup(alphabet: str) -> np.ndarray:
    table = np.full(128, -1, dtype=np.int64)
    table[np.frombuffer(alphabet.encode(), np.uint8)] = np.arange(len(alphabet))
    return table


def _org_check(body: np.ndarray) -> np.ndarray:
    values = _lookup(ORG_BODY_CHARS)[body]
    remainder = 11 - (values @ np.asarray(ORG_WEIGHTS)) % 11
    digit = np.where(remainder == 11, 0, remainder)
    return np.where(digit == 10, ord("X"), ord("0") + digit).astype(np.uint8)


def _uscc_check(first17: np.ndarray) -> np.ndarray:
    values = _lookup(CHARSET)[first17]
    check = (31 - (values @ np.asarray(WEIGHTS)) % 31) % 31
    return np.frombuffer(CHARSET.encode(), np.uint8)[check]

