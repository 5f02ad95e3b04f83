"""YAML test cases next to each criteria set: ``<set-id>.cases.yaml``.

    facts: {...}                 # optional base facts document shared by every case
    cases:
      - name: 研发强度恰好3%
        date: 2026-03-01
        application: new          # default new
        facts: {...}              # deep-merged over the base (lists replace)
        params: {rd_intensity_large: "4%"}   # optional what-if overrides
        expect:
          verdict: pass
          criteria: {innovation.rd_intensity: pass, specialisation.growth: waived}
          score: 72               # or {lower: 50, upper: 70}
          missing: [revenue@1, class1_ip]
          explanation_contains: [研发费用还差37.5万元]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from eligibility.authoring.issues import Code, Issue
from eligibility.authoring.library import CASES_SUFFIX, Library, load_library
from eligibility.evaluation import Outcome, evaluate_set
from eligibility.ir import ApplicationType, FactRef
from indicators.document import FactsDocumentError, parse_facts

from .expectations import check_expectations


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    name: str
    set_id: str
    on: date
    application: ApplicationType
    facts: Mapping[str, Any]
    params: Mapping[str, Any]
    expect: Mapping[str, Any]


@dataclass(frozen=True)
class CaseResult:
    case: Case
    failures: tuple[str, ...] = ()
    outcome: Outcome | None = field(default=None, compare=False)

    @property
    def passed(self) -> bool:
        return not self.failures

    def __str__(self) -> str:
        head = f"{self.case.file}:{self.case.line} {self.case.name}"
        return head if self.passed else head + "\n  " + "\n  ".join(self.failures)


def _jsonish(value: Any) -> Any:
    """YAML scalars in the facts-document shape: decimals as strings, dates as ISO text."""
    if isinstance(value, dict):
        return {str(k): _jsonish(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonish(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def deep_merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_cases(path: Path) -> tuple[list[Case], list[Issue]]:
    from eligibility.authoring.yamlsource import LineDict, load_yaml

    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError) as exc:
        return [], [Issue(str(path), 1, Code.BAD_CASE, f"无法读取测试用例：{exc}")]
    if not isinstance(data, LineDict) or not isinstance(data.get("cases"), list):
        return [], [Issue(str(path), 1, Code.BAD_CASE, "测试用例文件须有 cases 列表")]
    set_id = str(data.get("criteria", path.name.removesuffix(CASES_SUFFIX)))
    base = _jsonish(data.get("facts") or {})
    cases, issues = [], []
    for i, raw in enumerate(data["cases"]):
        line = data["cases"].line_of(i)
        try:
            cases.append(_case(path, line, set_id, base, raw))
        except (KeyError, ValueError, TypeError) as exc:
            issues.append(Issue(str(path), line, Code.BAD_CASE, f"测试用例格式错误：{exc}"))
    return cases, issues


def _case(path: Path, line: int, set_id: str, base: dict[str, Any], raw: Any) -> Case:
    if not isinstance(raw, dict) or "expect" not in raw or "date" not in raw:
        raise ValueError("每个用例须有 name、date、expect")
    if not isinstance(raw["date"], date):
        raise ValueError(f"date 须为日期，而不是“{raw['date']}”")
    return Case(
        file=str(path), line=line, name=str(raw.get("name", f"用例{line}")), set_id=set_id,
        on=raw["date"], application=ApplicationType(raw.get("application", "new")),
        facts=deep_merge(base, _jsonish(raw.get("facts") or {})),
        params={k: _jsonish(v) for k, v in (raw.get("params") or {}).items()},
        expect=raw["expect"],
    )


def run_case(case: Case, library: Library) -> CaseResult:
    try:
        criteria_set = library.get(case.set_id)
    except KeyError:
        return CaseResult(case, (f"找不到认定标准 {case.set_id}（或其文件有错误）",))
    try:
        facts = parse_facts(case.facts)
    except FactsDocumentError as exc:
        return CaseResult(case, tuple(f"事实文档错误：{i}" for i in exc.issues))
    outcome = evaluate_set(criteria_set, facts, on=case.on, application=case.application,
                           overrides=case.params)
    return CaseResult(case, tuple(check_expectations(case.expect, outcome)), outcome)


def case_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob(f"*{CASES_SUFFIX}"))


def run_directory(directory: str | Path, library: Library | None = None,
                  ) -> tuple[list[CaseResult], list[Issue]]:
    """Run every ``*.cases.yaml`` under ``directory`` against its criteria library."""
    root = Path(directory)
    library = library or load_library(root)
    results: list[CaseResult] = []
    issues: list[Issue] = list(library.issues)
    for path in case_files(root):
        cases, problems = load_cases(path)
        issues.extend(problems)
        results.extend(run_case(case, library) for case in cases)
    return results, issues


def ref_text(ref: FactRef) -> str:
    return ref.indicator if ref.year_offset is None else f"{ref.indicator}@{ref.year_offset}"

