"""Batch screening end to end: files in, results and summary out, on each engine and the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from eligibility.authoring.library import load_library
from eligibility.authoring.model import CriteriaSet
from eligibility.ir import ApplicationType, EvaluationContext
from eligibility.screening import InputError, ScreeningRequest, screen
from eligibility.screening.documents import documents
from eligibility.screening.reference import interpret_document
from eligibility.testing.strategies import facts_frame

FIXTURES = Path(__file__).parent / "fixtures" / "criteria"
PAIR = ("little_giant_national_2022", "srdi_sme_jiangsu_2022")
ON = date(2026, 3, 1)


@pytest.fixture(scope="module")
def pair() -> list[CriteriaSet]:
    library = load_library(FIXTURES)
    return [library.get(set_id) for set_id in PAIR]


@pytest.fixture(scope="module")
def population(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from population.generation import generate

    path = tmp_path_factory.mktemp("screen") / "population.parquet"
    generate(400, seed=11).write_parquet(path)
    return path


def run(pair: list[CriteriaSet], source: Path, out: Path,
        engine: str) -> tuple[pl.DataFrame, dict]:
    calls: list[tuple[int, int, str]] = []
    request = ScreeningRequest(criteria=pair, input=source, output=out, on=ON, engine=engine,
                               chunk_rows=150, summary=out.with_suffix(".json"))
    summary = screen(request, lambda done, total, message: calls.append((done, total, message)))
    assert calls[-1][:2] == (400, 400) and len(calls) == 4  # start + three chunks of ≤ 150
    return pl.read_parquet(out), summary.data


@pytest.mark.parametrize("engine", ["duckdb", "sqlite"])
def test_it_screens_identically_on_every_engine(pair: list[CriteriaSet], population: Path,
                                                tmp_path: Path, engine: str) -> None:
    reference, summary = run(pair, population, tmp_path / "polars.parquet", "polars")
    other, other_summary = run(pair, population, tmp_path / f"{engine}.parquet", engine)
    assert reference.equals(other)
    assert summary["sets"] == other_summary["sets"]


def test_results_match_the_interpreter_row_by_row(pair: list[CriteriaSet], population: Path,
                                                  tmp_path: Path) -> None:
    results, _ = run(pair, population, tmp_path / "out.parquet", "polars")
    frame = pl.read_parquet(population).head(60)
    for criteria_set in pair:
        mine = results.filter(pl.col("set_id") == criteria_set.id).head(60)
        ctx = EvaluationContext(ON, ApplicationType.NEW, criteria_set.program.param_values())
        for doc, row in zip(documents(frame), mine.iter_rows(named=True), strict=True):
            expected = interpret_document(criteria_set.program, doc, ctx)
            assert row["verdict"] == {True: "pass", False: "fail", None: "unknown"}[
                expected["verdict"]]
            for name, value in expected.items():
                if name.startswith("status__") and not expected.get(
                        name.replace("status__", "waived__")):
                    assert row[name] == {True: "pass", False: "fail", None: "unknown"}[value]


def test_the_output_and_summary_have_the_documented_shape(
        pair: list[CriteriaSet], population: Path, tmp_path: Path) -> None:
    results, _ = run(pair, population, tmp_path / "out.parquet", "polars")
    assert results.height == 800
    assert results.columns[:8] == ["uscc", "region_code", "set_id", "set_version", "verdict",
                                   "score", "score_lower", "score_upper"]
    srdi = results.filter(pl.col("set_id") == "srdi_sme_jiangsu_2022")
    assert (srdi["score_lower"] <= srdi["score_upper"]).all()
    giant_only = [c.id for c in pair[0].program.criteria]
    assert srdi[f"status__{giant_only[0]}"].null_count() == srdi.height  # not in this set
    saved = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    for entry in saved["sets"]:
        assert sum(entry["verdicts"].values()) == 400
        assert sum(sum(r["counts"].values()) for r in entry["regions"]) == 400


def test_it_reads_csv_in_the_same_layout(pair: list[CriteriaSet], tmp_path: Path) -> None:
    frame = facts_frame(120, seed=3)
    frame.write_csv(tmp_path / "facts.csv")
    frame.write_parquet(tmp_path / "facts.parquet")
    request = ScreeningRequest(criteria=pair, input=tmp_path / "facts.csv",
                               output=tmp_path / "a.parquet", on=ON)
    screen(request)
    screen(ScreeningRequest(criteria=pair, input=tmp_path / "facts.parquet",
                            output=tmp_path / "b.parquet", on=ON))
    assert pl.read_parquet(tmp_path / "a.parquet").equals(pl.read_parquet(tmp_path / "b.parquet"))


def test_bad_input_is_reported_in_chinese(pair: list[CriteriaSet], tmp_path: Path) -> None:
    pl.DataFrame({"uscc": ["X"]}).write_parquet(tmp_path / "no_region.parquet")
    with pytest.raises(InputError, match="缺少必需的列：region_code"):
        screen(ScreeningRequest(criteria=pair, input=tmp_path / "no_region.parquet",
                                output=tmp_path / "o.parquet", on=ON))
    pl.DataFrame({"uscc": ["X"], "region_code": ["320500"], "revenue__2025": ["很多"]}
                 ).write_parquet(tmp_path / "text.parquet")
    with pytest.raises(InputError, match="列“revenue__2025”类型为 String，应为 Int64"):
        screen(ScreeningRequest(criteria=pair, input=tmp_path / "text.parquet",
                                output=tmp_path / "o.parquet", on=ON))
    (tmp_path / "facts.xlsx").write_bytes(b"")
    with pytest.raises(InputError, match="不支持的输入格式"):
        screen(ScreeningRequest(criteria=pair, input=tmp_path / "facts.xlsx",
                                output=tmp_path / "o.parquet", on=ON))


def test_the_cli_screens_and_prints_a_chinese_summary(population: Path, tmp_path: Path) -> None:
    from zjtx.cli import main

    out = tmp_path / "cli.parquet"
    result = CliRunner().invoke(main, [
        "screen", "--criteria", ",".join(PAIR), "--input", str(population), "--output", str(out),
        "--engine", "duckdb", "--on", "2026-03-01", "--application", "re_review",
        "--summary", str(tmp_path / "s.json"), "--criteria-dir", str(FIXTURES)])
    assert result.exit_code == 0, result.output
    assert "筛查完成：400 户企业" in result.output and "申报类型 复核" in result.output
    assert pl.read_parquet(out).height == 800
    unknown = CliRunner().invoke(main, [
        "screen", "--criteria", "nope", "--input", str(population), "--output", str(out),
        "--criteria-dir", str(FIXTURES)])
    assert unknown.exit_code != 0 and "未找到认定标准：nope" in unknown.output
