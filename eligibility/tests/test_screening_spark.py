"""Screening with Spark (local mode) gives what Polars gives; so does the cluster job."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from eligibility.authoring.library import load_library
from eligibility.screening import ScreeningRequest, screen
from eligibility.screening.spark import java_missing_reason

pytestmark = [pytest.mark.spark,
              pytest.mark.skipif(java_missing_reason() is not None,
                                 reason=str(java_missing_reason()))]

FIXTURES = Path(__file__).parent / "fixtures" / "criteria"
PAIR = ("little_giant_national_2022", "srdi_sme_jiangsu_2022")


def test_spark_screening_and_the_cluster_job_match_polars(tmp_path: Path) -> None:
    from eligibility.screening.spark import local_session
    from eligibility.screening.spark_job import main as cluster_job
    from population.generation import generate

    source = tmp_path / "population.parquet"
    generate(500, seed=5).write_parquet(source)
    pair = [load_library(FIXTURES).get(i) for i in PAIR]
    outputs = {}
    for engine in ("polars", "spark"):
        outputs[engine] = tmp_path / f"{engine}.parquet"
        screen(ScreeningRequest(criteria=pair, input=source, output=outputs[engine],
                                on=date(2026, 3, 1), engine=engine))
    expected = pl.read_parquet(outputs["polars"])
    assert expected.equals(pl.read_parquet(outputs["spark"]))

    local_session()  # the job's getOrCreate() picks up this local session
    cluster_job(["--criteria", ",".join(PAIR), "--input", str(source),
                 "--output", str(tmp_path / "cluster"), "--on", "2026-03-01",
                 "--criteria-dir", str(FIXTURES)])
    written = pl.read_parquet(tmp_path / "cluster" / "**" / "*.parquet",
                              hive_partitioning=True).with_columns(
        pl.col("region_code").cast(pl.String))
    key = ["set_id", "uscc"]
    assert written.select(expected.columns).sort(key).equals(expected.sort(key))
