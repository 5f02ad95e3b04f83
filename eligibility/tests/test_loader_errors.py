"""One malformed criteria file per loader check; each must report its id at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from eligibility.authoring.issues import Code
from eligibility.authoring.library import load_library

INVALID = Path(__file__).parent / "fixtures" / "invalid"

EXPECTED = [
    ("e001_syntax", Code.SYNTAX, 3),
    ("e002_structure", Code.STRUCTURE, 1),
    ("e003_unknown_fact", Code.UNKNOWN_FACT, 21),
    ("e004_unit_mismatch", Code.UNIT_MISMATCH, 21),
    ("e005_unused_parameter", Code.UNUSED_PARAM, 14),
    ("e006_missing_citation", Code.MISSING_CITATION, 16),
    ("e007_overlapping_versions", Code.OVERLAPPING_VERSIONS, 1),
    ("e008_band_gap", Code.BAND_GAP, 29),
    ("e009_band_overlap", Code.BAND_OVERLAP, 29),
    ("e010_unknown_operator", Code.UNKNOWN_OPERATOR, 21),
    ("e011_bad_literal", Code.BAD_LITERAL, 14),
    ("e012_duplicate_id", Code.DUPLICATE_ID, 22),
    ("e013_unknown_code", Code.UNKNOWN_CODE, 4),
    ("e014_wrong_kind", Code.WRONG_KIND, 21),
    ("e015_bad_dates", Code.BAD_DATES, 9),
]


@pytest.mark.parametrize(("folder", "code", "line"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_it_reports_each_malformed_file_with_its_id_and_line(folder: str, code: Code,
                                                              line: int) -> None:
    library = load_library(INVALID / folder)
    found = [(i.code, i.line) for i in library.issues]
    assert (code, line) in found, [str(i) for i in library.issues]
    assert all(i.message for i in library.issues)


def test_it_covers_every_loader_check_except_case_files() -> None:
    covered = {code for _, code, _ in EXPECTED}
    assert covered == set(Code) - {Code.BAD_CASE}


def test_it_keeps_files_with_findings_out_of_the_library() -> None:
    library = load_library(INVALID / "e004_unit_mismatch")
    assert library.sets == ()


def test_it_loads_the_valid_one_of_two_overlapping_versions_and_flags_the_second() -> None:
    library = load_library(INVALID / "e007_overlapping_versions")
    assert {s.id for s in library.sets} == {"e007_a", "e007_b"}
    assert [i.file.endswith("e007_b.yaml") for i in library.issues] == [True]


def test_it_prints_issues_as_file_line_id_message() -> None:
    issue = load_library(INVALID / "e003_unknown_fact").issues[0]
    assert str(issue).endswith(":21 criteria.E003 未知指标“rd_expenses”（不在指标目录中）")


def test_it_reports_a_broken_cases_file(tmp_path: Path) -> None:
    from eligibility.testing import load_cases

    path = tmp_path / "x.cases.yaml"
    path.write_text("cases:\n  - name: 无日期\n    expect: {verdict: pass}\n", encoding="utf-8")
    cases, issues = load_cases(path)
    assert cases == [] and [(i.code, i.line) for i in issues] == [(Code.BAD_CASE, 2)]
