from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from population import generate
from zjtx import population_commands
from zjtx.cli import main


def test_it_writes_a_parquet_file_equal_to_the_python_api(tmp_path: Path) -> None:
    out = tmp_path / "population.parquet"
    result = CliRunner().invoke(main, ["generate", "--enterprises", "400", "--seed", "9",
                                       "--out", str(out), "--years", "2023-2025",
                                       "--region-prefix", "3204"])
    assert result.exit_code == 0, result.output
    assert "已生成 400 家企业" in result.output
    written = pl.read_parquet(out)
    assert written.equals(generate(400, 9, (2023, 2024, 2025), ["3204"]))


def test_two_runs_with_one_seed_write_identical_data(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("a.parquet", "b.parquet"):
        args = ["generate", "--enterprises", "300", "--seed", "4", "--out", str(tmp_path / name)]
        assert runner.invoke(main, args).exit_code == 0
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_without_out_and_without_a_database_it_explains_and_exits_2(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(population_commands, "_database_loader", lambda: None)
    result = CliRunner().invoke(main, ["generate", "--enterprises", "10", "--seed", "1"])
    assert result.exit_code == 2
    assert "zjtx demo" in result.output and "--out" in result.output


def test_without_out_it_hands_the_frame_to_the_registry_loader(
        monkeypatch: pytest.MonkeyPatch) -> None:
    received: list[tuple[pl.DataFrame, object]] = []

    def loader(frame: pl.DataFrame, *, actor: object) -> int:
        received.append((frame, actor))
        return frame.height

    monkeypatch.setattr(population_commands, "_database_loader", lambda: loader)
    result = CliRunner().invoke(main, ["generate", "--enterprises", "25", "--seed", "1"])
    assert result.exit_code == 0, result.output
    assert "新登记 25 家企业" in result.output
    assert received[0][0].height == 25 and received[0][1] is None


@pytest.mark.parametrize(("years", "message"), [("20x", "格式不对"), ("2025-2021", "为空")])
def test_it_rejects_bad_years_in_chinese(years: str, message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--enterprises", "5", "--seed", "1",
                                       "--years", years, "--out", str(tmp_path / "x.parquet")])
    assert result.exit_code != 0
    assert message in result.output


def test_it_reports_an_unknown_region_prefix_in_chinese(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--enterprises", "5", "--seed", "1",
                                       "--region-prefix", "99",
                                       "--out", str(tmp_path / "x.parquet")])
    assert result.exit_code == 1
    assert "没有区域代码以99开头" in result.output
