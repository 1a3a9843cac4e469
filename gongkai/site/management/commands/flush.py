"""Django's flush, able to erase the append-only audit log too, and emptying the search
index tables Django does not know about (so no stale entry outlives its item).

Flushing empties every table on the operator's explicit request (tests use it between
transactional test cases); the audit guard protects the log from the application, not from
an operator wiping the whole database."""

from django.core.management.commands import flush
from django.db import connections

from gongkai.core.audit import audit_purge_allowed

SEARCH_TABLES = {  # search index tables Django does not manage
    "sqlite": "catalogue_item_fts",
    "postgresql": "catalogue_item_search",
}


class Command(flush.Command):
    help = "清空数据库中的全部数据（含审计记录），只在确需重建时使用"

    def handle(self, **options):
        connection = connections[options["database"]]
        with audit_purge_allowed(connection):
            result = super().handle(**options)
        existing = connection.introspection.table_names()
        if "catalogue_item" not in existing:  # a database not migrated yet: nothing more
            return result
        with connection.cursor() as cursor:
            # only when the flush went ahead (the operator may have said no): with no item
            # left, the search index must be empty too, and the rate limits start afresh
            cursor.execute("SELECT 1 FROM catalogue_item LIMIT 1")
            if cursor.fetchone() is not None:
                return result
            table = SEARCH_TABLES.get(connection.vendor)
            if table and table in existing:
                cursor.execute(f"DELETE FROM {table}")
            if "gongkai_cache" in existing:
                cursor.execute("DELETE FROM gongkai_cache")
        return result
