"""On PostgreSQL, a trigram index (pg_trgm, a trusted extension since PostgreSQL 13) lets the
政策文件库 find a part of a title or 文号 of three or more characters without reading every
row: at 200,000 documents 0.2–8 ms instead of about 100 ms (bench/policies.py). Where the
extension cannot be created the index is left out and the search reads the table, as on
SQLite."""

from django.db import migrations

CREATE = """
DO $$ BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available, the 政策文件库 search reads the table: %', SQLERRM;
END $$;
"""
INDEX = (
    "CREATE INDEX IF NOT EXISTS normative_search_trigram ON policies_normativedocument "
    "USING gin (search_text gin_trgm_ops)"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(CREATE)
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone():
            cursor.execute(INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS normative_search_trigram")


class Migration(migrations.Migration):
    dependencies = [("policies", "0003_normativedocument_number_key")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
