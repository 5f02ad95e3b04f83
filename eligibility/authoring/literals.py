"""Reading the scalar forms of the authoring format: quantities with units, ranges, fact names."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from eligibility.ir import RATIO, Dim, parse_unit

from .issues import Code, CriteriaError

_QUANTITY = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*([^\d\s].*?)?\s*$")
_FACT_NAME = re.compile(r"^([a-z][a-z0-9_]*)(?:@(\d+))?$")
_RANGE = re.compile(r"^\s*([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])\s*$")


def is_quantity(text: str) -> bool:
    return bool(_QUANTITY.match(text))


def parse_quantity(raw: object, line: int, default_unit: str = "") -> tuple[Fraction, Dim, Decimal]:
    """'3%' → (3/100, RATIO, 3); '5000万元' → (50000000, MONEY, 5000); bare numbers are pure.

    A bare number takes ``default_unit`` when given (points in a score table are 分), otherwise
    it is a pure number (a ratio: 1 = 100 %).
    """
    number, unit = _split(raw, line)
    unit = unit or default_unit
    if not unit:
        return Fraction(number), RATIO, number * 100
    try:
        dim, factor = parse_unit(unit)
    except Exception:
        raise CriteriaError(Code.BAD_LITERAL, f"无法识别单位“{unit}”", line) from None
    return Fraction(number) * factor, dim, number


def _split(raw: object, line: int) -> tuple[Decimal, str]:
    if isinstance(raw, bool):
        raise CriteriaError(Code.BAD_LITERAL, f"“{raw}”不是数值", line)
    if isinstance(raw, int | Decimal):
        return Decimal(raw), ""
    match = _QUANTITY.match(str(raw)) if isinstance(raw, str) else None
    if match is None:
        raise CriteriaError(Code.BAD_LITERAL, f"“{raw}”不是带单位的数值（如“3%”“5000万元”）", line)
    try:
        return Decimal(match.group(1)), (match.group(2) or "").strip()
    except InvalidOperation:
        raise CriteriaError(Code.BAD_LITERAL, f"“{raw}”不是数值", line) from None


def parse_points(raw: object, line: int) -> Fraction:
    value, dim, _ = parse_quantity(raw, line, default_unit="分")
    if dim.unit != "分":
        raise CriteriaError(Code.UNIT_MISMATCH, f"分值须以分计，而不是{dim}", line)
    return value


def parse_fact_name(text: str) -> tuple[str, int | None] | None:
    """'revenue' → ('revenue', None); 'revenue@1' → ('revenue', 1); else None."""
    match = _FACT_NAME.match(text.strip())
    if match is None:
        return None
    offset = match.group(2)
    return match.group(1), None if offset is None else int(offset)


def parse_range(
    raw: object, line: int,
) -> tuple[tuple[Fraction, Dim] | None, bool, tuple[Fraction, Dim] | None, bool]:
    """'[3%, 5%)' → ((3/100, %), True, (5/100, %), False); an empty side is unbounded."""
    match = _RANGE.match(raw) if isinstance(raw, str) else None
    if match is None:
        raise CriteriaError(
            Code.BAD_LITERAL, f"分档区间“{raw}”格式应为“[3%, 5%)”，空一侧表示无界", line)
    left, low, high, right = match.groups()
    lower = _bound(low, line)
    upper = _bound(high, line)
    if (lower is None and left == "[") or (upper is None and right == "]"):
        raise CriteriaError(Code.BAD_LITERAL, f"分档区间“{raw}”的无界一侧须用圆括号", line)
    return lower, left == "[", upper, right == "]"


def _bound(text: str, line: int) -> tuple[Fraction, Dim] | None:
    if not text:
        return None
    value, dim, _ = parse_quantity(text, line)
    return value, dim
