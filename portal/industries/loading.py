"""Loads industries and cluster lists from the reference catalogue; idempotent."""

from __future__ import annotations

from django.db import transaction

from portal.audit.services import audit_record
from portal.industries.models import Cluster, Industry
from reference import catalogue


def industries_load_reference() -> int:
    existing = set(Industry.objects.values_list("code", flat=True))
    missing = [
        Industry(code=r.code, name=r.name, level=r.level.value, parent_id=r.parent)
        for r in catalogue.industries() if r.code not in existing
    ]
    with transaction.atomic():
        # Parents precede children in the catalogue, and bulk_create keeps that order.
        Industry.objects.bulk_create(missing)
        if missing:
            audit_record(actor=None, action="reference.industries", target=None,
                         summary=f"加载国民经济行业分类参考数据，新增 {len(missing)} 项",
                         changes={"created": len(missing)})
    return len(missing)


def clusters_load_reference() -> int:
    existing = set(Cluster.objects.values_list("slug", flat=True))
    missing = [
        Cluster(slug=item.id, name=item.name, kind=lst.kind.value, programme=lst.name,
                source=lst.source.citation()[:200], sort=item.position)
        for lst in catalogue.clusters() for item in lst.items if item.id not in existing
    ]
    with transaction.atomic():
        Cluster.objects.bulk_create(missing)
        if missing:
            audit_record(actor=None, action="reference.clusters", target=None,
                         summary=f"加载产业集群参考数据，新增 {len(missing)} 项",
                         changes={"created": len(missing)})
    return len(missing)
