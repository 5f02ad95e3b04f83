"""A trigram index for the enterprise list's name search on PostgreSQL.

Django's ``icontains`` compiles to ``UPPER(name) LIKE UPPER('%…%')``, which no B-tree serves;
a GIN trigram index on ``UPPER(name)`` does (for queries of three characters or more). SQLite
and databases without pg_trgm skip it: the list still works, with a scan.
"""

from django.db import migrations

INDEX = "workspace_enterprise_name_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON enterprises_enterprise "
                       "USING gin (UPPER(name) gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
