"""Bulk loading of a population in the columnar layout (docs/facts.md) into the registry.

The demo generates a synthetic population as a Polars frame and loads it here. Enterprises are
created in bulk (``tables.insert_enterprises``); facts go through ``facts_bulk_set`` (so a
second load of the same frame writes nothing) with each indicator's typical source; titles and
the cluster memberships of an optional ``clusters`` column (a list of cluster ids per row, as
``population.generate`` gives) are inserted once. Memberships are only ever added here: one the
registry holds and the frame does not is left alone.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from django.db import transaction

from indicators import uscc as uscc_codes
from indicators.vocabulary import BY_ID, TITLE_TIERS
from portal.audit.services import audit_record
from portal.enterprises import fact_frames, tables
from portal.enterprises.models import Enterprise, Title
from portal.enterprises.services import RegistryError, facts_bulk_set
from portal.industries.models import Cluster, Industry
from portal.regions.models import Region

IDENTITY = ("uscc", "name", "region_code", "industry_code")
CLUSTERS = "clusters"
BATCH = 2_000


def load_population(df: pl.DataFrame, *, actor: Any = None) -> int:
    """Load every row of ``df`` (one enterprise per row, storage units); return how many
    enterprises were newly registered. Unknown regions, industries or clusters, invalid or
    duplicated USCCs raise RegistryError before anything is written."""
    if df.schema.get(CLUSTERS) == pl.Null:  # a column without a single value states nothing
        df = df.drop(CLUSTERS)
    _check(df)
    with transaction.atomic():
        created, ids = _ensure_enterprises(df)
        keyed = df.join(ids, on="uscc")
        facts = fact_frames.from_wide(keyed, _indicator_columns(df))
        sources = facts["indicator"].replace_strict(
            {i: str(ind.source) for i, ind in BY_ID.items()}, return_dtype=pl.String)
        result = facts_bulk_set(facts=facts, source=sources, actor=actor, audit=False)
        titles = _insert_titles(keyed, actor)
        links = _insert_clusters(keyed)
        audit_record(actor=actor, action="enterprise.load_population", target=None,
                     summary=f"批量载入企业 {df.height} 家（新登记 {created} 家），"
                             f"指标值 {result.written} 条，称号 {titles} 条，"
                             f"所属集群 {links} 条",
                     changes={"rows": df.height, "created": created, "facts": result.written,
                              "titles": titles, "cluster_links": links})
    return created


def _check(df: pl.DataFrame) -> None:
    missing = [c for c in IDENTITY if c not in df.columns]
    if missing:
        raise RegistryError(f"数据缺少列：{'、'.join(missing)}。")
    if df.select(pl.any_horizontal(pl.col(c).is_null() for c in IDENTITY).any()).item():
        raise RegistryError("统一社会信用代码、企业名称、区域代码、行业代码不能为空。")
    duplicated = df.filter(pl.col("uscc").is_duplicated())["uscc"].unique().to_list()
    if duplicated:
        raise RegistryError(f"统一社会信用代码重复：{'、'.join(sorted(duplicated)[:5])}。")
    bad = [c for c in df["uscc"].to_list() if not uscc_codes.is_valid(c)]
    if bad:
        raise RegistryError(f"统一社会信用代码无效（共 {len(bad)} 个）：{'、'.join(bad[:5])}。")
    _check_known(df["region_code"], Region, "区域代码", "行政区划")
    _check_known(df["industry_code"], Industry, "行业代码", "国民经济行业分类")
    if CLUSTERS in df.columns:
        if df.schema[CLUSTERS] != pl.List(pl.String):
            raise RegistryError(f"列 {CLUSTERS} 应为集群编号的列表（每家企业一个列表），"
                                f"实际类型为 {df.schema[CLUSTERS]}。")
        _check_known(df[CLUSTERS].explode().drop_nulls(), Cluster, "集群编号", "产业集群/产业链")


def _check_known(codes: pl.Series, model: Any, label: str, table: str) -> None:
    wanted = set(codes.unique().to_list())
    known = set(model.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    unknown = sorted(wanted - known)
    if unknown:
        raise RegistryError(f"{label}不在{table}参考数据中（共 {len(unknown)} 个）："
                            f"{'、'.join(unknown[:10])}。请先运行 zjtx setup-data。")


def _ensure_enterprises(df: pl.DataFrame) -> tuple[int, pl.DataFrame]:
    existing = set(Enterprise.objects.values_list("uscc", flat=True))
    new = df.filter(~pl.col("uscc").is_in(list(existing))).select(IDENTITY)
    tables.insert_enterprises([{"uscc": u, "name": n, "region_id": r, "industry_id": i}
                               for u, n, r, i in new.rows()])
    rows = list(Enterprise.objects.values_list("uscc", "id"))
    ids = pl.DataFrame(rows, orient="row", schema={"uscc": pl.String, "enterprise_id": pl.Int64})
    return new.height, ids


def _indicator_columns(df: pl.DataFrame) -> dict[str, tuple[str, int | None]]:
    found = {c: fact_frames.column_key(c) for c in df.columns}
    return {c: key for c, key in found.items() if key is not None}


def _insert_titles(keyed: pl.DataFrame, actor: Any) -> int:
    titles = []
    for tier in TITLE_TIERS:
        for level in tier.levels:
            start, end = f"title__{tier.id}__{level}__from", f"title__{tier.id}__{level}__until"
            if start not in keyed.columns:
                continue
            held = keyed.filter(pl.col(start).is_not_null())
            until = held[end] if end in held.columns else [None] * held.height
            titles += [Title(enterprise_id=e, tier=tier.id, level=level, valid_from=f,
                             valid_until=u, year=f.year, entered_by=actor)
                       for e, f, u in zip(held["enterprise_id"], held[start], until,
                                          strict=True)]
    before = Title.objects.count()
    Title.objects.bulk_create(titles, batch_size=BATCH, ignore_conflicts=True)
    return Title.objects.count() - before


def _insert_clusters(keyed: pl.DataFrame) -> int:
    if CLUSTERS not in keyed.columns:
        return 0
    pairs = keyed.select("enterprise_id", pl.col(CLUSTERS).alias("cluster_id")).explode(
        "cluster_id").drop_nulls("cluster_id")
    through = Enterprise.clusters.through
    before = through.objects.count()
    through.objects.bulk_create([through(enterprise_id=e, cluster_id=c) for e, c in pairs.rows()],
                                batch_size=BATCH, ignore_conflicts=True)
    return through.objects.count() - before
