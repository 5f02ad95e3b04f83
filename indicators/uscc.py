"""统一社会信用代码 (unified social credit code, GB 32100-2015) check characters.

A code has 18 characters: registration-management department (1), organisation type (1),
administrative-division code (6), organisation code (9, GB 11714, its own check character
last) and the code's check character (1). The registry validates every code it stores with
this module and the synthetic population generates codes with it, so both agree by
construction.
"""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CHAR_VALUE: dict[str, int] = {c: i for i, c in enumerate(CHARSET)}

# GB 11714-1997 organisation code: 8 body characters (digits, capital letters) + check.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_BODY_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_VALUE: dict[str, int] = {c: i for i, c in enumerate(ORG_BODY_CHARS)}


class USCCError(ValueError):
    """A code that is not a valid 统一社会信用代码; the message is Chinese."""


def check_character(code17: str) -> str:
    """The 18th character for the first 17 characters of a code."""
    if len(code17) != 17:
        raise USCCError(f"统一社会信用代码前17位应为17个字符，实际为{len(code17)}个：{code17!r}")
    total = 0
    for position, (char, weight) in enumerate(zip(code17, WEIGHTS, strict=True), start=1):
        if char not in CHAR_VALUE:
            raise USCCError(f"统一社会信用代码第{position}位字符“{char}”不在允许的字符集中")
        total += CHAR_VALUE[char] * weight
    return CHARSET[(31 - total % 31) % 31]


def org_check_character(body8: str) -> str:
    """The 9th character of a GB 11714 organisation code for its first 8 characters."""
    if len(body8) != 8 or any(c not in ORG_VALUE for c in body8):
        raise USCCError(f"组织机构代码本体应为8位数字或大写字母：{body8!r}")
    remainder = 11 - sum(ORG_VALUE[c] * w for c, w in zip(body8, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def problems(code: str) -> list[str]:
    """Every reason, in Chinese, why ``code`` is not a valid code (empty when valid)."""
    if len(code) != 18:
        return [f"统一社会信用代码应为18位，实际为{len(code)}位"]
    bad = [f"第{i}位字符“{c}”不在允许的字符集中" for i, c in enumerate(code, 1)
           if c not in CHAR_VALUE]
    if bad:
        return bad
    found: list[str] = []
    if not code[2:8].isdigit():
        found.append("第3至8位（登记管理机关行政区划码）应为6位数字")
    if code[17] != check_character(code[:17]):
        found.append(f"第18位校验码应为“{check_character(code[:17])}”，实际为“{code[17]}”")
    if code[16] != org_check_character(code[8:16]):
        found.append(f"第17位（组织机构代码校验码）应为“{org_check_character(code[8:16])}”，"
                     f"实际为“{code[16]}”")
    return found


def is_valid(code: str) -> bool:
    return isinstance(code, str) and not problems(code)


def validate(code: str) -> str:
    """Return ``code`` when valid; otherwise raise :class:`USCCError` naming every problem."""
    if not isinstance(code, str):
        raise USCCError(f"统一社会信用代码应为字符串，实际为{type(code).__name__}")
    found = problems(code)
    if found:
        raise USCCError(f"统一社会信用代码“{code}”无效：" + "；".join(found))
    return code
