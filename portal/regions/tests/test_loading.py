"""The region tree as loaded into the database: complete, consistent, idempotent."""

from __future__ import annotations

import pytest

from portal.audit.models import AuditEntry
from portal.regions.loading import regions_load_reference
from portal.regions.models import Region

pytestmark = pytest.mark.django_db


def test_it_loads_one_province_with_13_cities() -> None:
    regions_load_reference()
    roots = Region.objects.filter(parent__isnull=True)
    assert [r.code for r in roots] == ["320000"]
    cities = Region.objects.filter(kind="city")
    assert cities.count() == 13
    assert all(city.parent_id == "320000" for city in cities)


def test_every_path_matches_its_chain_of_parents() -> None:
    regions_load_reference()
    by_code = {r.code: r for r in Region.objects.all()}
    for region in by_code.values():
        chain: list[str] = []
        node: Region | None = region
        while node is not None:
            chain.append(node.code)
            node = by_code.get(node.parent_id) if node.parent_id else None
        assert region.path == "".join(f"{c}/" for c in reversed(chain))


def test_the_seed_documents_units_sit_under_the_right_parents() -> None:
    regions_load_reference()
    wujiang = {r.name for r in Region.objects.filter(parent__code="320509")}
    assert {"吴江开发区", "七都镇", "桃源镇", "震泽镇", "平望镇"} <= wujiang
    assert len(wujiang) == 8
    sip = Region.objects.get(name="苏州工业园区")
    assert sip.parent_id == "320500" and not sip.official
    assert Region.objects.filter(parent=sip, name="苏相合作区").exists()
    assert Region.objects.filter(parent__code="320411", name="滨开区").exists()


def test_a_subtree_is_one_prefix_query() -> None:
    regions_load_reference()
    suzhou = Region.objects.get(code="320500")
    subtree = Region.objects.filter(path__startswith=suzhou.path)
    assert subtree.filter(code="320509").exists()
    assert not subtree.filter(code="320100").exists()


def test_loading_twice_changes_nothing_and_keeps_admin_edits() -> None:
    assert regions_load_reference() == 130
    town = Region.objects.get(name="七都镇")
    town.name = "七都镇（已改名）"
    town.save()
    entries = AuditEntry.objects.count()
    assert regions_load_reference() == 0
    assert Region.objects.get(code=town.code).name == "七都镇（已改名）"
    assert AuditEntry.objects.count() == entries
