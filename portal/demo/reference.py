"""Reference data for a new database: regions, industries, clusters."""

from __future__ import annotations

from collections.abc import Iterator

from portal.industries.loading import clusters_load_reference, industries_load_reference
from portal.industries.models import Cluster, Industry
from portal.regions.loading import regions_load_reference
from portal.regions.models import Region


def load_reference_data() -> Iterator[str]:
    regions = regions_load_reference()
    yield f"    行政区划：新增 {regions}，共 {Region.objects.count()}"
    industries = industries_load_reference()
    yield f"    国民经济行业分类：新增 {industries}，共 {Industry.objects.count()}"
    clusters = clusters_load_reference()
    yield f"    产业集群/产业链：新增 {clusters}，共 {Cluster.objects.count()}"
