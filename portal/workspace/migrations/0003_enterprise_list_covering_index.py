"""A covering index for the enterprise list's name order, on PostgreSQL.

``(name, id) INCLUDE (uscc, region_id, industry_id, sme_size)`` holds every column a list row
shows or a region or industry filter tests. A large result's page walks this index in name
order and tests the filter on the index entries alone (an index-only scan), instead of
fetching each enterprise's row from the table: Chinese firm names begin with their place, so
a district's firms sit together in name order and the walk may pass tens of thousands of
others before it fills a page (docs/benchmarks.md).
"""

from django.db import migrations

NAME = "workspace_enterprise_list_name"
TARGET = "enterprises_enterprise (name, id) INCLUDE (uscc, region_id, industry_id, sme_size)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON {TARGET}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("workspace", "0002_enterprise_list_indexes")]
    operations = [migrations.RunPython(create, drop)]
