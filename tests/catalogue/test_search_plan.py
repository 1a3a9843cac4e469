"""A narrow search across the platform reads the word index on PostgreSQL, whatever the
planner guesses: left free, it walked the date index for a word in 1,159 of 500,000 items
and read 83,000 rows (1.8 s; bench/RESULTS.md, province scale), a walk that grows with the
table while the word index's answer grows with the matches."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gongkai.catalogue.search import NEWEST, search

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="只在 PostgreSQL 上适用"),
]


def plan_of_the_search(query: str) -> str:
    """EXPLAIN of the search's own statement, under the settings it set for itself."""
    with CaptureQueriesContext(connection) as context:
        found = search(query, order=NEWEST)
    statements = [q["sql"] for q in context.captured_queries]
    settings = [  # the ones it set, not the defaults it put back when done
        sql for sql in statements if sql.startswith("SET LOCAL") and not sql.endswith("DEFAULT")
    ]
    [select] = [sql for sql in statements if sql.startswith("SELECT item_id")]
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in settings:
            cursor.execute(sql)
        cursor.execute("EXPLAIN " + select.replace("%", "%%"))
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return found, plan


def test_a_narrow_search_reads_the_word_index(publish):
    items = [
        publish("青石村征地补偿安置方案", date(2024, 3, 4), category="扶贫"),
        publish("白石村征地补偿安置方案", date(2024, 5, 6), category="扶贫"),
        publish("城乡低保资金发放公示", date(2024, 6, 7), category="扶贫"),
    ]
    found, plan = plan_of_the_search("征地")
    assert found == [items[1], items[0]]
    assert "Bitmap Index Scan on catalogue_item_search_words" in plan
    assert "catalogue_item_search_newest" not in plan


def test_the_search_puts_the_planner_back_for_the_statements_after_it(publish):
    # the test's own transaction stands for a caller's: SET LOCAL outlives the search's
    # atomic block, and every statement after it would have read without index scans
    publish("青石村征地补偿安置方案", date(2024, 3, 4), category="扶贫")
    names = ("enable_indexscan", "enable_indexonlyscan", "enable_seqscan", "work_mem")

    def planner() -> dict:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)", [list(names)]
            )
            return dict(cursor.fetchall())

    before = planner()
    assert search("征地", order=NEWEST)
    assert planner() == before
