"""Valid 统一社会信用代码 for tests, built with the GB 32100-2015 check characters."""

from __future__ import annotations

import itertools

from indicators import uscc as uscc_codes

_serial = itertools.count(1)


def make_uscc(serial: int | None = None, division: str = "320509") -> str:
    """91 (enterprise) + division + GB 11714 organisation code + check character."""
    number = next(_serial) if serial is None else serial
    body8 = f"MA{number:06d}"
    code17 = f"91{division}{body8}{uscc_codes.org_check_character(body8)}"
    return code17 + uscc_codes.check_character(code17)
