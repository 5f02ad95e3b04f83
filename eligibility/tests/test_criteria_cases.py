"""Every ``*.cases.yaml`` under criteria/ and the engine fixtures, one test per case."""

from __future__ import annotations

from pathlib import Path

import pytest

from eligibility.api import load_library
from eligibility.testing import load_cases, run_case
from eligibility.testing.cases import case_files

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "criteria"
LIBRARIES = [d for d in (ROOT / "criteria", FIXTURES) if d.is_dir()]


def _collect() -> list:
    params = []
    for root in LIBRARIES:
        for path in case_files(root):
            cases, issues = load_cases(path)
            assert not issues, issues
            params += [pytest.param(root, case, id=f"{path.stem}:{case.name}") for case in cases]
    return params


_LIBRARY_CACHE: dict[Path, object] = {}


def _library(root: Path):
    if root not in _LIBRARY_CACHE:
        _LIBRARY_CACHE[root] = load_library(root)
    return _LIBRARY_CACHE[root]


@pytest.mark.parametrize("root", LIBRARIES, ids=lambda p: p.name)
def test_it_loads_every_criteria_file_without_findings(root: Path) -> None:
    library = _library(root)
    assert not library.issues, "\n".join(map(str, library.issues))


@pytest.mark.parametrize(("root", "case"), _collect())
def test_yaml_case(root: Path, case) -> None:
    result = run_case(case, _library(root))
    assert result.passed, str(result)


def test_it_finds_the_engine_fixture_cases() -> None:
    names = {p.name for p in case_files(FIXTURES)}
    assert "little_giant_national_2022.cases.yaml" in names
    assert len(_collect()) >= 40
