"""The population loader writes the ``clusters`` column to Enterprise.clusters: in bulk, once,
only adding, refusing unknown cluster ids, and in a form the workbook export carries."""

from __future__ import annotations

from io import BytesIO

import polars as pl
import pytest

from population import layout
from portal.audit.models import AuditEntry
from portal.enterprises import services
from portal.enterprises.loading import load_population
from portal.enterprises.models import Enterprise, ImportStatus
from portal.enterprises.tests.codes import make_uscc
from portal.enterprises.tests.test_import import run
from portal.enterprises.xlsx import sheets
from portal.enterprises.xlsx.export import export_workbook
from portal.enterprises.xlsx.reading import read_workbook

pytestmark = pytest.mark.django_db
EQUIPMENT, CHIPS = "high-end-equipment", "integrated-circuits"
MEMBERSHIPS: list[list[str] | None] = [[EQUIPMENT], [EQUIPMENT, CHIPS], [], None]


def frame(memberships: list[list[str] | None] = MEMBERSHIPS) -> pl.DataFrame:
    schema = layout.frame_schema([2025])
    rows = [dict.fromkeys(schema) | {"uscc": make_uscc(7000 + i), "name": f"集群企业{i}",
                                     "region_code": "320509", "industry_code": "C3484",
                                     "clusters": clusters}
            for i, clusters in enumerate(memberships)]
    return pl.DataFrame(rows, schema=schema)


def held() -> dict[str, list[str]]:
    return {e.uscc: sorted(e.clusters.values_list("slug", flat=True))
            for e in Enterprise.objects.prefetch_related("clusters")}


def test_it_writes_the_memberships_once(regions, industries, clusters):
    population = frame()
    assert load_population(population) == 4
    usccs = population["uscc"].to_list()
    assert held() == {usccs[0]: [EQUIPMENT], usccs[1]: [EQUIPMENT, CHIPS], usccs[2]: [],
                      usccs[3]: []}
    assert load_population(population) == 0
    assert Enterprise.clusters.through.objects.count() == 3
    first, second = AuditEntry.objects.filter(
        action="enterprise.load_population").order_by("pk")
    assert (first.changes["cluster_links"], second.changes["cluster_links"]) == (3, 0)
    assert "所属集群 3 条" in first.summary


def test_it_only_adds_memberships(regions, industries, clusters):
    load_population(frame())
    third = Enterprise.objects.get(uscc=frame()["uscc"][2])
    services.enterprise_clusters_set(enterprise=third, clusters=[clusters[CHIPS]], actor=None)
    load_population(frame([[CHIPS], [], [], None]))
    assert held()[third.uscc] == [CHIPS]  # set by a person, not in the frame: kept
    assert held()[frame()["uscc"][0]] == [EQUIPMENT, CHIPS]


def test_it_refuses_unknown_clusters_before_writing_anything(regions, industries, clusters):
    with pytest.raises(services.RegistryError,
                       match="集群编号不在产业集群/产业链参考数据中（共 1 个）：js13-99"):
        load_population(frame([[EQUIPMENT], ["js13-99"]]))
    assert not Enterprise.objects.exists()


def test_it_refuses_a_clusters_column_that_is_not_a_list(regions, industries, clusters):
    flat = frame().with_columns(clusters=pl.lit(EQUIPMENT))
    with pytest.raises(services.RegistryError, match="列 clusters 应为集群编号的列表"):
        load_population(flat)
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize("column", [None, pl.lit(None)])
def test_a_frame_without_memberships_loads_without_them(regions, industries, clusters, column):
    plain = frame().drop("clusters")
    assert load_population(plain if column is None else plain.with_columns(clusters=column)) == 4
    assert not Enterprise.clusters.through.objects.exists()


def test_the_workbook_export_carries_loaded_memberships_back_unchanged(
        regions, industries, clusters):
    load_population(frame())
    buffer = BytesIO()
    export_workbook(enterprises=Enterprise.objects.all(), target=buffer)
    data, problems = read_workbook(buffer.getvalue())
    assert problems == []
    exported = dict(data[sheets.ENTERPRISES].frame.select("uscc", "clusters").rows())
    assert exported[frame()["uscc"][1]] == f"{EQUIPMENT}；{CHIPS}"
    again = run(buffer.getvalue())
    assert again.status == ImportStatus.SUCCEEDED, again.errors
    assert again.counts["cluster_links_changed"] == 0
