"""The JSON facts document (``zjtx.facts/1``, docs/facts.md): parse, validate, freeze.

``parse_facts`` turns the decoded JSON into an immutable ``FactsDocument`` whose numeric values
are integers in *storage units* (元, 0.01 %, 0.01 分 …); it collects every problem and raises
``FactsDocumentError`` listing them, each in Chinese with its JSON path. ``load_facts`` reads a
file and rejects binary floats (``1234.5`` must be written ``"1234.5"``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any

from indicators.vocabulary import BY_ID, TITLE_BY_ID, Indicator, Kind, Period, Source

SCHEMA = "zjtx.facts/1"

Value = int | bool | str | date


@dataclass(frozen=True)
class Provenance:
    source: Source | None = None
    entered_by: str | None = None
    entered_at: datetime | None = None


@dataclass(frozen=True)
class FactValue:
    """One fact: ``value`` in storage units (int), or a bool, enum code or date."""

    value: Value
    provenance: Provenance | None = None


@dataclass(frozen=True)
class TitleHeld:
    tier: str
    level: str
    valid_from: date
    valid_until: date | None = None
    certificate_no: str | None = None


_EMPTY: Mapping[str, FactValue] = MappingProxyType({})


@dataclass(frozen=True)
class FactsDocument:
    region_code: str
    uscc: str | None = None
    name: str | None = None
    industry_code: str | None = None
    static: Mapping[str, FactValue] = field(default_factory=lambda: _EMPTY)
    annual: Mapping[int, Mapping[str, FactValue]] = field(default_factory=lambda: _EMPTY_YEARS)
    titles: tuple[TitleHeld, ...] = ()

    def fact(self, indicator: str, year: int | None = None) -> FactValue | None:
        """The fact for ``indicator`` (and fiscal ``year`` if annual), or None when unknown."""
        if year is None:
            return self.static.get(indicator)
        return self.annual.get(year, _EMPTY).get(indicator)

    def value(self, indicator: str, year: int | None = None) -> Value | None:
        found = self.fact(indicator, year)
        return None if found is None else found.value

    def latest_title(self, tier: str, level: str) -> TitleHeld | None:
        """The certificate of this tier and level with the latest ``valid_from``."""
        held = [t for t in self.titles if t.tier == tier and t.level == level]
        return max(held, key=lambda t: t.valid_from, default=None)


_EMPTY_YEARS: Mapping[int, Mapping[str, FactValue]] = MappingProxyType({})


@dataclass(frozen=True)
class DocumentIssue:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}：{self.message}"


class FactsDocumentError(ValueError):
    def __init__(self, issues: list[DocumentIssue]) -> None:
        super().__init__("；".join(str(i) for i in issues))
        self.issues = issues


class _Float:
    """Marks a JSON float so validation can reject it with its path."""

    def __init__(self, text: str) -> None:
        self.text = text


def load_facts(path: str | Path) -> FactsDocument:
    """Read and validate a facts document file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"), parse_float=_Float)
    except json.JSONDecodeError as exc:
        raise FactsDocumentError(
            [DocumentIssue("$", f"不是合法的JSON（第{exc.lineno}行第{exc.colno}列）")]) from None
    return parse_facts(data)


def loads_facts(text: str) -> FactsDocument:
    try:
        data = json.loads(text, parse_float=_Float)
    except json.JSONDecodeError as exc:
        raise FactsDocumentError(
            [DocumentIssue("$", f"不是合法的JSON（第{exc.lineno}行第{exc.colno}列）")]) from None
    return parse_facts(data)


def parse_facts(data: Any) -> FactsDocument:
    """Validate decoded JSON (floats may arrive as ``float`` or as ``_Float`` markers)."""
    parser = _Parser()
    doc = parser.document(data)
    if parser.issues or doc is None:
        raise FactsDocumentError(parser.issues)
    return doc


class _Parser:
    def __init__(self) -> None:
        self.issues: list[DocumentIssue] = []

    def fail(self, path: str, message: str) -> None:
        self.issues.append(DocumentIssue(path, message))

    def document(self, data: Any) -> FactsDocument | None:
        if not isinstance(data, dict):
            self.fail("$", "事实文档须为JSON对象")
            return None
        self._check_header(data)
        known = {"schema", "uscc", "name", "region_code", "industry_code", "static", "annual",
                 "titles"}
        for key in data:
            if key not in known:
                self.fail(f"$.{key}", "未知字段")
        return FactsDocument(
            region_code=self._text(data, "region_code", required=True) or "",
            uscc=self._text(data, "uscc"),
            name=self._text(data, "name"),
            industry_code=self._text(data, "industry_code"),
            static=self._static(data.get("static", {})),
            annual=self._annual(data.get("annual", {})),
            titles=self._titles(data.get("titles", [])),
        )

    def _check_header(self, data: dict[str, Any]) -> None:
        if data.get("schema") != SCHEMA:
            self.fail("$.schema", f"须为“{SCHEMA}”")

    def _text(self, data: dict[str, Any], key: str, required: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(f"$.{key}", "缺少此字段")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f"$.{key}", "须为非空字符串")
            return None
        return value

    def _static(self, data: Any) -> Mapping[str, FactValue]:
        if not isinstance(data, dict):
            self.fail("$.static", "须为对象")
            return _EMPTY
        return self._facts(data, "$.static", Period.STATIC)

    def _annual(self, data: Any) -> Mapping[int, Mapping[str, FactValue]]:
        if not isinstance(data, dict):
            self.fail("$.annual", "须为对象（键为年度）")
            return _EMPTY_YEARS
        years: dict[int, Mapping[str, FactValue]] = {}
        for key, facts in data.items():
            path = f"$.annual.{key}"
            if not (isinstance(key, str) and key.isdigit() and len(key) == 4):
                self.fail(path, "年度须为四位数字，如“2025”")
            elif not isinstance(facts, dict):
                self.fail(path, "须为对象（键为指标）")
            else:
                years[int(key)] = self._facts(facts, path, Period.ANNUAL)
        return MappingProxyType(years)

    def _facts(self, data: dict[str, Any], path: str, period: Period) -> Mapping[str, FactValue]:
        out: dict[str, FactValue] = {}
        for key, raw in data.items():
            fact = self._fact(f"{path}.{key}", key, raw, period)
            if fact is not None:
                out[key] = fact
        return MappingProxyType(out)

    def _fact(self, path: str, key: str, raw: Any, period: Period) -> FactValue | None:
        ind = BY_ID.get(key)
        if ind is None:
            self.fail(path, "未知指标（不在指标目录中）")
            return None
        if ind.period is not period:
            where = "annual（分年度）" if ind.period is Period.ANNUAL else "static（不分年度）"
            self.fail(path, f"“{ind.name}”应放在 {where} 中")
            return None
        provenance = None
        if isinstance(raw, dict):
            provenance = self._provenance(path, raw)
            raw = raw.get("value")
        if raw is None:
            return None  # null means unknown, like a missing key
        value = self._value(path, ind, raw)
        return None if value is None else FactValue(value, provenance)

    def _provenance(self, path: str, raw: dict[str, Any]) -> Provenance | None:
        for key in raw:
            if key not in ("value", "source", "entered_by", "entered_at"):
                self.fail(f"{path}.{key}", "未知字段")
        source = raw.get("source")
        if source is not None and source not in {s.value for s in Source}:
            self.fail(f"{path}.source", f"来源“{source}”无效，可选：{', '.join(Source)}")
            source = None
        entered_at = self._datetime(f"{path}.entered_at", raw.get("entered_at"))
        entered_by = raw.get("entered_by")
        if entered_by is not None and not isinstance(entered_by, str):
            self.fail(f"{path}.entered_by", "须为字符串")
            entered_by = None
        return Provenance(Source(source) if source else None, entered_by, entered_at)

    def _datetime(self, path: str, raw: Any) -> datetime | None:
        if raw is None:
            return None
        try:
            return datetime.fromisoformat(raw)
        except (TypeError, ValueError):
            self.fail(path, "须为ISO日期时间，如“2026-05-01T10:00:00+08:00”")
            return None

    def _value(self, path: str, ind: Indicator, raw: Any) -> Value | None:
        if isinstance(raw, _Float | float):
            text = raw.text if isinstance(raw, _Float) else repr(raw)
            self.fail(path, f"不接受浮点数 {text}，请写成字符串“{text}”")
            return None
        if ind.kind is Kind.BOOL:
            return self._expect(path, raw, isinstance(raw, bool), "须为 true 或 false")
        if ind.kind is Kind.ENUM:
            ok = isinstance(raw, str) and raw in ind.choice_codes
            return self._expect(path, raw, ok, f"取值无效，可选：{'、'.join(ind.choice_codes)}")
        if ind.kind is Kind.DATE:
            return self._date(path, raw)
        if ind.kind in (Kind.COUNT, Kind.YEAR):
            ok = isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0
            return self._expect(path, raw, ok, "须为非负整数")
        return self._scaled(path, ind, raw)

    def _expect(self, path: str, raw: Value, ok: bool, message: str) -> Value | None:
        if not ok:
            self.fail(path, message)
            return None
        return raw

    def _date(self, path: str, raw: Any) -> date | None:
        try:
            return date.fromisoformat(raw)
        except (TypeError, ValueError):
            self.fail(path, "须为ISO日期，如“2012-03-01”")
            return None

    def _scaled(self, path: str, ind: Indicator, raw: Any) -> int | None:
        """A decimal in the user unit (万元, %, 分 …) → integer storage units."""
        unit = ind.unit
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            self.fail(path, f"须为以{unit}计的数值字符串（如“12.5”）或整数")
            return None
        try:
            number = Decimal(raw)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            self.fail(path, f"“{raw}”不是数值（单位：{unit}）")
            return None
        stored = number * ind.scale
        if stored != stored.to_integral_value():
            digits = len(str(ind.scale)) - 1
            self.fail(path, f"“{raw}”超出精度：以{unit}计最多{digits}位小数")
            return None
        return int(stored)

    def _titles(self, data: Any) -> tuple[TitleHeld, ...]:
        if not isinstance(data, list):
            self.fail("$.titles", "须为数组")
            return ()
        titles = (self._title(f"$.titles[{i}]", item) for i, item in enumerate(data))
        return tuple(t for t in titles if t is not None)

    def _title(self, path: str, raw: Any) -> TitleHeld | None:
        if not isinstance(raw, dict):
            self.fail(path, "须为对象")
            return None
        before = len(self.issues)
        tier = TITLE_BY_ID.get(raw.get("tier", ""))
        if tier is None:
            self.fail(f"{path}.tier", f"未知称号“{raw.get('tier')}”")
        elif raw.get("level") not in tier.levels:
            self.fail(f"{path}.level", f"“{tier.name}”的级别须为：{'、'.join(tier.levels)}")
        valid_from = self._date(f"{path}.valid_from", raw.get("valid_from"))
        until_raw = raw.get("valid_until")
        valid_until = None if until_raw is None else self._date(f"{path}.valid_until", until_raw)
        if valid_from and valid_until and valid_until < valid_from:
            self.fail(f"{path}.valid_until", "有效期截止日早于起始日")
        if len(self.issues) > before or valid_from is None:
            return None
        return TitleHeld(raw["tier"], raw["level"], valid_from, valid_until,
                         raw.get("certificate_no"))


def iter_facts(doc: FactsDocument) -> Iterator[tuple[str, int | None, FactValue]]:
    """Every fact of ``doc`` as (indicator, year or None, value)."""
    for key, fact in doc.static.items():
        yield key, None, fact
    for year, facts in doc.annual.items():
        for key, fact in facts.items():
            yield key, year, fact
