"""Indexes for the enterprise list's sorts and its title filter, on PostgreSQL.

* ``(updated_at DESC, id)`` and ``(region_id, name)`` serve the list's "最近更新" and "所属区域"
  sorts as ordered index walks; without them every such page sorts the whole registry.
* ``enterprises_title (tier, valid_from)`` lets the title filter read the holders of one tier
  from an index instead of scanning every grant.

The list works without them (SQLite, other databases); they only change the plans.
"""

from django.db import migrations

INDEXES = {
    "workspace_enterprise_updated": "enterprises_enterprise (updated_at DESC, id)",
    "workspace_enterprise_region_name": "enterprises_enterprise (region_id, name)",
    "workspace_title_tier_from": "enterprises_title (tier, valid_from)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("workspace", "0001_enterprise_name_search_index"),
                    ("enterprises", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
