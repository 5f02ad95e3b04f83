"""Screening a national population on a Spark cluster (docs/operations.md).

    spark-submit --py-files zjtx.zip eligibility/screening/spark_job.py \\
        --criteria little_giant_national_2022,srdi_sme_jiangsu_2022 \\
        --input hdfs:///zjtx/facts/ --output hdfs:///zjtx/screening/2026-03-01/ \\
        --on 2026-03-01 [--application new] [--criteria-dir criteria/]

Runs the SQL compiler's Spark dialect over the Parquet input and writes the same per-enterprise
layout as ``zjtx screen`` (eligibility/screening/job.py), partitioned by region. Nothing is
collected to the driver except the summary counts.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from eligibility.backends.lowering import Plan, lower_program
from eligibility.backends.sql import plan_sql

VIEW = "facts"
_KINDS = {"LongType": "i", "IntegerType": "i", "ShortType": "i", "ByteType": "i",
          "BooleanType": "b", "StringType": "s", "DateType": "d"}


def column_kinds(schema: Any) -> dict[str, str]:
    """Column → kind letter from a Spark schema (integer, boolean, string, date)."""
    return {f.name: _KINDS[type(f.dataType).__name__] for f in schema.fields
            if type(f.dataType).__name__ in _KINDS}


def _code(column: str, waived: str | None = None) -> str:
    status = (f"CASE WHEN `{column}` THEN 'pass' WHEN NOT `{column}` THEN 'fail' "
              "ELSE 'unknown' END")
    return status if waived is None else f"CASE WHEN `{waived}` THEN 'waived' ELSE {status} END"


def output_sql(plan: Plan, statuses: list[str]) -> list[str]:
    """The select list turning one plan's result into the screening output layout."""
    lower, upper = (plan.scores[0].lower, plan.scores[0].upper) if plan.scores else (None, None)
    score = f"CASE WHEN `{lower}` = `{upper}` THEN CAST(`{lower}` AS BIGINT) END" \
        if lower else "CAST(NULL AS BIGINT)"
    parts = ["uscc", "region_code", f"'{plan.set_id}' AS set_id",
             f"'{plan.version}' AS set_version", f"{_code('verdict')} AS verdict",
             f"{score} AS score",
             f"CAST({f'`{lower}`' if lower else 'NULL'} AS BIGINT) AS score_lower",
             f"CAST({f'`{upper}`' if upper else 'NULL'} AS BIGINT) AS score_upper"]
    mine = {c.status: c for c in plan.clauses}
    for name in statuses:
        clause = mine.get(name)
        value = "CAST(NULL AS STRING)" if clause is None else _code(name, clause.waived)
        parts.append(f"{value} AS `{name}`")
    return parts


def main(argv: list[str] | None = None) -> None:
    from pyspark.sql import SparkSession

    from eligibility.api import default_criteria_dir, load_library

    parser = argparse.ArgumentParser(description="专精特新认定标准批量筛查（Spark 集群）")
    parser.add_argument("--criteria", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--on", required=True, type=date.fromisoformat)
    parser.add_argument("--application", default="new", choices=("new", "re_review"))
    parser.add_argument("--criteria-dir", type=Path, default=None)
    args = parser.parse_args(argv)

    spark = SparkSession.builder.appName("zjtx-screen").getOrCreate()
    facts = spark.read.parquet(args.input)
    facts.createOrReplaceTempView(VIEW)
    library = load_library(args.criteria_dir or default_criteria_dir())
    sets = [library.get(i.strip()) for i in args.criteria.split(",")]
    kinds = column_kinds(facts.schema)
    plans = [lower_program(s.program, args.on, args.application, columns=kinds) for s in sets]
    statuses = list(dict.fromkeys(c.status for p in plans for c in p.clauses))
    results = None
    for plan in plans:
        screened = spark.sql(plan_sql(plan, VIEW, "spark", ("uscc", "region_code")))
        shaped = screened.selectExpr(*output_sql(plan, statuses))
        results = shaped if results is None else results.unionByName(shaped)
    assert results is not None
    results.write.mode("overwrite").partitionBy("region_code").parquet(args.output)
    counts = results.groupBy("set_id", "verdict").count().collect()
    print(json.dumps([r.asDict() for r in counts], ensure_ascii=False))


if __name__ == "__main__":
    main()
