"""Loads the region tree from the reference catalogue; idempotent and respectful of admin edits."""

from __future__ import annotations

from django.db import transaction

from portal.audit.services import audit_record
from portal.regions.models import Region
from reference import catalogue


def regions_load_reference() -> int:
    """Create the reference regions that are missing; existing rows (maybe admin-edited) stay.

    Returns how many were created.
    """
    existing = set(Region.objects.values_list("code", flat=True))
    created = 0
    with transaction.atomic():
        # The catalogue lists parents before children, so each parent exists when needed.
        for record in catalogue.regions():
            if record.code in existing:
                continue
            Region(code=record.code, name=record.name, kind=record.kind.value,
                   parent_id=record.parent, official=record.official,
                   sort=record.position).save()
            created += 1
        if created:
            audit_record(actor=None, action="reference.regions", target=None,
                         summary=f"加载行政区划参考数据，新增 {created} 个区域",
                         changes={"created": created})
    return created
