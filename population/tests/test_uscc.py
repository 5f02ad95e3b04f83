from __future__ import annotations

import pytest

from indicators.uscc import USCCError, check_character, is_valid, org_check_character, validate

# Codes published as examples or printed on public business licences.
KNOWN_VALID = ("91350100M000100Y43", "91110000600037341L", "91310000MA1FL1MMXL")


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_it_accepts_known_valid_codes(code: str) -> None:
    assert is_valid(code)
    assert check_character(code[:17]) == code[17]
    assert org_check_character(code[8:16]) == code[16]
    assert validate(code) == code


def test_it_computes_the_documented_check_character() -> None:
    assert check_character("91350100M000100Y4") == "3"


def test_it_computes_organisation_check_characters_including_x_and_zero() -> None:
    assert org_check_character("10000000") == "8"  # 11 − 3
    assert org_check_character("40000000") == "X"  # 11 − (12 mod 11) = 10
    assert org_check_character("00000000") == "0"  # 11 − 0 = 11
    assert org_check_character("MA1FL1MM") == "X"


@pytest.mark.parametrize(("code", "reason"), [
    ("91350100M000100Y44", "第18位校验码应为“3”"),
    ("91350100M000100Y4", "应为18位"),
    ("9135010OM000100Y43", "第8位字符“O”"),
    ("913501OOM000100Y43", "不在允许的字符集中"),
    ("911100001000047762", "第17位（组织机构代码校验码）"),
    ("91AB0100M000100Y4X", "第3至8位"),
])
def test_it_rejects_invalid_codes_with_a_chinese_reason(code: str, reason: str) -> None:
    assert not is_valid(code)
    with pytest.raises(USCCError, match=reason):
        validate(code)


def test_it_rejects_non_strings() -> None:
    assert not is_valid(913501)  # type: ignore[arg-type]
    with pytest.raises(USCCError, match="应为字符串"):
        validate(913501)  # type: ignore[arg-type]


def test_check_character_requires_seventeen_allowed_characters() -> None:
    with pytest.raises(USCCError, match="17个字符"):
        check_character("9135")
    with pytest.raises(USCCError, match="第9位字符“I”"):
        check_character("91350100I000100Y4")
