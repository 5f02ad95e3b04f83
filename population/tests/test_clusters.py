"""Cluster memberships: reproducible, driven by the industry, and only where zjtx's mapping
(reference/data/cluster_industries.yaml) says the industry plausibly belongs."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from population import generate
from population.clusters import MEMBER_SHARE, load_cluster_map
from population.showcase import MEMBERSHIPS, designs, showcase
from reference.catalogue import cluster_industries, cluster_list


def members(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per (enterprise, cluster) membership."""
    return (frame.select("uscc", "industry_code", cluster="clusters")
            .explode("cluster").drop_nulls("cluster"))


def covered(industry: str, cluster: str) -> bool:
    return next(m for m in cluster_industries() if m.cluster == cluster).covers(industry)


def in_any_cluster(industry: str) -> bool:
    return any(m.covers(industry) for m in cluster_industries())


def test_the_same_seed_gives_the_same_memberships_and_another_seed_others() -> None:
    first = generate(1_500, 4)["clusters"]
    assert first.equals(generate(1_500, 4)["clusters"])
    assert not first.equals(generate(1_500, 5)["clusters"])


def test_every_membership_is_in_a_cluster_the_industry_maps_to(sample: pl.DataFrame) -> None:
    pairs = members(sample).select("industry_code", "cluster").unique().rows()
    assert pairs
    assert all(covered(industry, cluster) for industry, cluster in pairs)
    assert {cluster for _, cluster in pairs} <= {item.id for item in cluster_list("js13").items}


def test_most_firms_in_a_mapped_industry_belong_and_the_others_never(
        sample: pl.DataFrame) -> None:
    mapped = sample["industry_code"].map_elements(in_any_cluster, return_dtype=pl.Boolean)
    size = sample["clusters"].list.len()
    share = int((size.filter(mapped) > 0).sum()) / int(mapped.sum())
    assert MEMBER_SHARE[0] - 0.03 < share < MEMBER_SHARE[1]
    assert (size.filter(~mapped) == 0).all()
    assert mapped.any() and not mapped.all()


def test_memberships_are_listed_once_each_in_cluster_order(sample: pl.DataFrame) -> None:
    lists = sample["clusters"].to_list()
    order = {m.cluster: m.position for m in cluster_industries()}
    assert all(ids == sorted(set(ids), key=order.__getitem__) for ids in lists)


def test_several_clusters_are_populated(sample: pl.DataFrame) -> None:
    counts = dict(members(sample).group_by("cluster").len().rows())
    assert len(counts) >= 8
    assert min(counts.values()) > 100


def test_without_the_mapping_file_nobody_is_a_member(tmp_path: Path) -> None:
    mapping = load_cluster_map(("C3484", "C3670"), tmp_path / "absent.yaml")
    assert mapping.clusters == () and mapping.covers.shape == (2, 0)


def test_showcase_memberships_follow_the_mapping() -> None:
    frame = showcase()
    names = {d.name for d in designs()}
    assert set(MEMBERSHIPS) <= names
    for industry, clusters in frame.select("industry_code", "clusters").rows():
        assert all(covered(industry, cluster) for cluster in clusters)
    assert members(frame).height == sum(len(c) for c in MEMBERSHIPS.values())


def test_extra_rows_without_a_clusters_column_have_none_stated() -> None:
    extra = showcase().drop("clusters").head(1)
    frame = generate(30, 1, extra=extra)
    assert frame["clusters"].null_count() == 1
    assert frame["clusters"][-1] is None


def test_only_a_member_is_judged_to_have_its_product_in_a_cluster(sample: pl.DataFrame) -> None:
    judged = sample.select(
        "advanced_cluster", member=pl.col("clusters").list.len() > 0)
    yes = judged.filter(pl.col("advanced_cluster"))
    assert yes.height > 0 and yes["member"].all()
    # Members may still be judged "no" (their leading product lies outside), or not judged.
    members_judged = judged.filter(pl.col("member"), pl.col("advanced_cluster").is_not_null())
    assert not members_judged["advanced_cluster"].all()


def test_showcase_firms_outside_every_cluster_are_not_judged_in_one() -> None:
    rows = showcase().select("name", "advanced_cluster", "clusters").rows()
    assert any(in_one and clusters for _, in_one, clusters in rows)
    assert all(clusters for _, in_one, clusters in rows if in_one)
    assert any(in_one is False and not clusters for _, in_one, clusters in rows)
