"""What the PostgreSQL plan tests share: their marks, EXPLAIN of a captured statement, and the
pages (buffers) a plan reads — the figure that travels between machines (bench/RESULTS.md).

A plan test commits its rows and VACUUM ANALYZEs them outside a transaction, as a live
database's are: statistics taken of a test transaction's own rows left the plan to chance (in
two full runs of three the standings read took another plan and 467 pages, not 14)."""

import json

import pytest
from django.db import connection

PLAN_TEST = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="只在 PostgreSQL 上适用"),
]


def explained(sql: str, *, verbose: bool = False, vacuum: str = "") -> dict:
    """The plan of `sql` (a statement CaptureQueriesContext recorded), run, with its buffers;
    `vacuum` names the table to VACUUM ANALYZE first (every table when empty)."""
    options = "ANALYZE, BUFFERS, VERBOSE" if verbose else "ANALYZE, BUFFERS"
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {vacuum}".strip())
        cursor.execute(f"EXPLAIN ({options}, FORMAT JSON) " + sql.replace("%", "%%"))
        [[plan]] = cursor.fetchall()
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


def pages(node: dict) -> int:
    """Pages the node and what it runs read, from the cache or the disk."""
    return node["Shared Hit Blocks"] + node["Shared Read Blocks"]


def nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from nodes(child)
