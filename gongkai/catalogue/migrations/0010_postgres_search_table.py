"""On PostgreSQL, move the search vector out of the wide item table into a narrow table of
its own, in date order with indexes by date, so a broad query walks its newest matches
without visiting 100,000 wide item rows (bench/catalogue.py: that took 400 ms)."""

from django.db import migrations

POSTGRES = [
    "DROP INDEX IF EXISTS catalogue_item_search",  # 0008's index: its name is the table's now
    "CREATE TABLE catalogue_item_search ("
    # no foreign key: items are never deleted, and `flush` truncates only Django's tables
    " item_id integer PRIMARY KEY,"
    " agency_id integer NOT NULL, published_on date NOT NULL, vector tsvector NOT NULL)",
    # each row also carries its agency's token (gkagency<id>), so one agency's search is
    # a word-index intersection (see catalogue/search.py)
    "INSERT INTO catalogue_item_search SELECT id, agency_id, published_on,"
    " to_tsvector('simple', search_terms || ' gkagency' || agency_id) FROM catalogue_item"
    " WHERE status = 'published' AND search_terms <> '' AND published_on IS NOT NULL",
    "CREATE INDEX catalogue_item_search_words ON catalogue_item_search USING gin (vector)",
    "CREATE INDEX catalogue_item_search_newest ON catalogue_item_search (published_on, item_id)",
    "CREATE INDEX catalogue_item_search_agency_newest ON catalogue_item_search"
    " (agency_id, published_on, item_id)",
    "CLUSTER catalogue_item_search USING catalogue_item_search_newest",
    "ALTER TABLE catalogue_item DROP COLUMN IF EXISTS search_vector",
]
POSTGRES_BACK = [
    "ALTER TABLE catalogue_item ADD COLUMN IF NOT EXISTS search_vector tsvector",
    "UPDATE catalogue_item i SET search_vector = s.vector FROM catalogue_item_search s"
    " WHERE s.item_id = i.id",
    "CREATE INDEX IF NOT EXISTS catalogue_item_search ON catalogue_item USING gin (search_vector)",
    "DROP TABLE IF EXISTS catalogue_item_search",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACK:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0009_search_index_keyed_by_date_and_agency")]
    operations = [migrations.RunPython(forward, backward)]
