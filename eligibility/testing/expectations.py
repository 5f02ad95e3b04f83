"""Comparing an outcome with a case's ``expect`` block; each mismatch is one Chinese line."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from eligibility.evaluation import Outcome
from eligibility.evaluation.display import decimal_text
from indicators.vocabulary import BY_ID, Period

_KNOWN = {"verdict", "criteria", "score", "missing", "explanation_contains"}


def check_expectations(expect: Mapping[str, Any], outcome: Outcome) -> list[str]:
    failures = [f"未知的期望项“{k}”" for k in expect if k not in _KNOWN]
    if "verdict" in expect and expect["verdict"] != outcome.verdict:
        failures.append(f"结论：期望 {expect['verdict']}，实际 {outcome.verdict}")
    failures += _criteria(expect.get("criteria") or {}, outcome)
    if "score" in expect:
        failures += _score(expect["score"], outcome)
    if "missing" in expect:
        failures += _missing(expect["missing"], outcome)
    for text in expect.get("explanation_contains") or []:
        if str(text) not in outcome.explanation:
            failures.append(f"说明中没有“{text}”")
    return failures


def _criteria(expected: Mapping[str, Any], outcome: Outcome) -> list[str]:
    failures = []
    by_id = {c.info.id: c for c in outcome.criteria}
    for cid, status in expected.items():
        result = by_id.get(cid)
        if result is None:
            failures.append(f"条件 {cid} 不存在")
            continue
        actual = "waived" if result.waived_by is not None else result.status
        if actual != status:
            failures.append(f"条件 {cid}：期望 {status}，实际 {actual}")
    return failures


def _score(expected: Any, outcome: Outcome) -> list[str]:
    score = outcome.score
    if score is None:
        return ["期望有评分，但该认定标准没有评分表"]
    lower, upper = score.trace.lower, score.trace.upper
    if isinstance(expected, Mapping):
        want = (_frac(expected["lower"]), _frac(expected["upper"]))
    else:
        want = (_frac(expected), _frac(expected))
    if want != (lower, upper):
        return [f"评分：期望 {_span(*want)}，实际 {_span(lower, upper)}"]
    return []


def _missing(expected: list[Any], outcome: Outcome) -> list[str]:
    from .cases import ref_text

    actual = [ref_text(r) for r in outcome.missing]
    if [_normal(str(e)) for e in expected] != actual:
        return [f"缺少的数据：期望 {expected}，实际 {actual}"]
    return []


def _normal(name: str) -> str:
    """'revenue' (annual) means 上年度: 'revenue@0', as in the criteria files."""
    if "@" not in name and name in BY_ID and BY_ID[name].period is Period.ANNUAL:
        return f"{name}@0"
    return name


def _frac(value: Any) -> Fraction:
    return Fraction(str(value)) if isinstance(value, Decimal | str) else Fraction(value)


def _span(lower: Fraction, upper: Fraction) -> str:
    if lower == upper:
        return decimal_text(lower, 2)
    return f"{decimal_text(lower, 2)}～{decimal_text(upper, 2)}"
