"""Indicator values: which typed column holds them, and conversion between the user unit people
type and read (万元, %, 是/否, labels) and the exact storage unit (元, 0.01 %, codes).

Numbers typed by people are parsed as Decimal and must not carry more decimals than the storage
unit resolves (4 for 万元); anything finer is rejected rather than rounded.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from indicators.vocabulary import BY_ID, Indicator, Kind

StoredValue = int | bool | str | dt.date

INT_KINDS = frozenset({Kind.MONEY, Kind.COUNT, Kind.PERCENT, Kind.QUANTITY, Kind.SCORE,
                       Kind.YEAR})
TRUE_WORDS = frozenset({"是", "有", "true", "1", "y", "yes", "√"})
FALSE_WORDS = frozenset({"否", "无", "false", "0", "n", "no", "×"})
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
# Indicators whose value may legitimately be below zero (losses).
SIGNED = frozenset({"total_profit", "net_profit", "operating_profit", "profit_and_tax"})


class FactValueError(ValueError):
    """A value does not fit its indicator; the message is Chinese and names the indicator."""


def indicator(indicator_id: str) -> Indicator:
    try:
        return BY_ID[indicator_id]
    except KeyError:
        raise FactValueError(f"未知指标“{indicator_id}”。") from None


def value_column(ind: Indicator) -> str:
    """The Fact column that stores this indicator's values."""
    if ind.kind in INT_KINDS:
        return "value_int"
    return {Kind.BOOL: "value_bool", Kind.ENUM: "value_text", Kind.DATE: "value_date"}[ind.kind]


def decimals(ind: Indicator) -> int:
    """How many decimals of the user unit the storage unit resolves (scale 10000 → 4)."""
    return len(str(ind.scale)) - 1


def header(ind: Indicator) -> str:
    """The column header people see: name plus unit, e.g. 营业收入（万元）."""
    return f"{ind.name}（{ind.unit}）" if ind.unit else ind.name


def check_stored(ind: Indicator, value: StoredValue | None) -> None:
    """Reject a storage-unit value of the wrong type for its indicator (programming errors and
    bad API input alike)."""
    if value is None:
        return
    expected: type | tuple[type, ...] = {
        "value_int": int, "value_bool": bool, "value_text": str, "value_date": dt.date,
    }[value_column(ind)]
    wrong_bool = isinstance(value, bool) and expected is int
    if wrong_bool or not isinstance(value, expected):
        raise FactValueError(f"指标“{ind.name}”的值类型不正确：{value!r}。")
    if ind.kind is Kind.ENUM and value not in ind.choice_codes:
        raise FactValueError(f"指标“{ind.name}”没有选项“{value}”。")
    if isinstance(value, int) and not isinstance(value, bool):
        check_sign(ind, value)


def check_sign(ind: Indicator, value: int) -> None:
    if value < 0 and ind.id not in SIGNED:
        raise FactValueError(f"“{ind.name}”不能为负数。")


def parse_decimal(ind: Indicator, text: str) -> int:
    """Parse a number typed in the user unit into exact storage units."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not _NUMBER.match(cleaned):
        raise FactValueError(f"“{ind.name}”应为数字，实际为“{text}”。")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise FactValueError(f"“{ind.name}”应为数字，实际为“{text}”。") from None
    places = decimals(ind)
    stored = number * ind.scale
    if stored != stored.to_integral_value():
        unit = ind.unit or "单位"
        raise FactValueError(
            f"“{ind.name}”最多保留 {places} 位小数（以{unit}计），实际为“{text}”。"
            if places else f"“{ind.name}”应为整数，实际为“{text}”。")
    result = int(stored)
    check_sign(ind, result)
    return result


def parse_user_value(ind: Indicator, raw: object) -> StoredValue | None:
    """Parse what a person typed (a string, or a number/bool/date from a form) into storage."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, float):
        raise FactValueError(f"“{ind.name}”不接受二进制浮点数，请以文本形式给出：{raw!r}。")
    if ind.kind in INT_KINDS:
        if isinstance(raw, bool):
            raise FactValueError(f"“{ind.name}”应为数字，实际为“{raw}”。")
        return parse_decimal(ind, str(raw))
    if ind.kind is Kind.BOOL:
        return parse_bool(ind, raw)
    if ind.kind is Kind.ENUM:
        return parse_choice(ind, str(raw))
    return parse_date(ind, raw)


def parse_bool(ind: Indicator, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise FactValueError(f"“{ind.name}”应填“是”或“否”，实际为“{raw}”。")


def parse_choice(ind: Indicator, text: str) -> str:
    """Accept the code or the Chinese label of a choice."""
    wanted = text.strip()
    for code, label in ind.choices:
        if wanted in (code, label):
            return code
    labels = "、".join(label for _, label in ind.choices)
    raise FactValueError(f"“{ind.name}”应为以下之一：{labels}；实际为“{text}”。")


def parse_date(ind: Indicator, raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip().replace("/", "-").replace(".", "-")
    text = text.split(" ")[0].split("T")[0]
    try:
        return dt.date.fromisoformat(_pad_date(text))
    except ValueError:
        raise FactValueError(f"“{ind.name}”应为日期（如 2012-03-01），实际为“{raw}”。") from None


def _pad_date(text: str) -> str:
    parts = text.split("-")
    if len(parts) != 3:
        return text
    return f"{parts[0]:0>4}-{parts[1]:0>2}-{parts[2]:0>2}"


def to_user(ind: Indicator, stored: StoredValue | None) -> Decimal | StoredValue | None:
    """Storage → user unit: numbers with a scale become exact Decimals (元 → 万元)."""
    if stored is None or ind.kind not in INT_KINDS or ind.scale == 1:
        return stored
    assert isinstance(stored, int)
    return (Decimal(stored) / ind.scale).normalize()


def user_text(ind: Indicator, stored: StoredValue | None) -> str:
    """How a value reads on screen and in JSON strings: plain decimal, no exponent."""
    value = to_user(ind, stored)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value, "f")
    if ind.kind is Kind.ENUM:
        return dict(ind.choices).get(str(value), str(value))
    return value.isoformat() if isinstance(value, dt.date) else str(value)
