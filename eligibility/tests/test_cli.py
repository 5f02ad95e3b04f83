"""zjtx criteria … and zjtx evaluate, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from zjtx.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
CRITERIA = str(FIXTURES / "criteria")
FAILING = str(FIXTURES / "failing_enterprise.json")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_check_passes_on_the_fixtures_and_fails_with_file_line_id() -> None:
    assert invoke("criteria", "check", "--dir", CRITERIA).exit_code == 0
    bad = invoke("criteria", "check", "--dir", str(FIXTURES / "invalid" / "e003_unknown_fact"))
    assert bad.exit_code == 1
    assert "e003_unknown_fact.yaml:21 criteria.E003 未知指标“rd_expenses”" in bad.output


def test_list_and_test_commands() -> None:
    listed = invoke("criteria", "list", "--dir", CRITERIA)
    assert "little_giant_national_2022\t专精特新“小巨人”企业认定标准" in listed.output
    tested = invoke("criteria", "test", "--dir", CRITERIA)
    assert tested.exit_code == 0 and "失败 0" in tested.output


def test_evaluate_prints_failing_clauses_shortfalls_and_missing_facts_in_chinese() -> None:
    result = invoke("evaluate", FAILING, "--criteria", "little_giant_national_2022",
                    "--on", "2026-03-01", "--dir", CRITERIA)
    assert result.exit_code == 0, result.output
    assert "结论：不符合" in result.output
    assert "按营业收入分档的研发投入要求：不满足" in result.output
    assert "还差0.31个百分点，2025年度研发费用还差37.5万元" in result.output
    assert "缺少：位于产业链关键环节" in result.output


def test_evaluate_json_and_ladder() -> None:
    one = invoke("evaluate", FAILING, "--criteria", "little_giant_national_2022", "--on",
                 "2026-03-01", "--format", "json", "--dir", CRITERIA)
    assert json.loads(one.output)["verdict"] == "fail"
    ladder = invoke("evaluate", FAILING, "--ladder", "--on", "2025-05-01", "--format", "json",
                    "--dir", CRITERIA)
    ids = [o["criteria_set"]["id"] for o in json.loads(ladder.output)]
    assert ids == ["innovative_sme_national_2022", "srdi_sme_jiangsu_2022",
                   "little_giant_national_2022"]


def test_evaluate_reports_a_bad_facts_file(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text('{"schema": "zjtx.facts/1", "region_code": "320509", '
                    '"annual": {"2025": {"revenue": 1.5}}}', encoding="utf-8")
    result = invoke("evaluate", str(path), "--criteria", "x", "--dir", CRITERIA)
    assert result.exit_code == 1 and "$.annual.2025.revenue：不接受浮点数" in result.output


def test_every_command_has_chinese_help() -> None:
    for args in (["criteria", "--help"], ["criteria", "check", "--help"], ["evaluate", "--help"]):
        assert "认定标准" in invoke(*args).output
