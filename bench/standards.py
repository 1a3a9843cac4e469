"""Benchmark: the standard catalogue at province scale — what is due and missing for every
agency of a province (1,000 agencies × 300 matters), and one agency's public 标准目录 page —
each beside a ceiling from the same run: the bare SQL the computation needs.

    .venv/bin/python bench/standards.py [--agencies N] [--matters N] [--items N] [--database URL]

The province is made by `gongkai generate --matters` (seed 1). Targets (issue 17): the
whole province's due-and-missing under 10 s on PostgreSQL; the 目录 page p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date

from common import machine, percentile, setup, timed, write_results

TODAY = date(2026, 11, 27)
DUE_SQL = [
    # the three reads standings() makes, as bare SQL, rows fetched
    "SELECT a.agency_id, a.matter_id FROM standards_adoption a JOIN standards_matter m"
    " ON m.id = a.matter_id WHERE NOT a.hidden AND m.manner = 'proactive'"
    ' ORDER BY a.agency_id, m."order", a.matter_id',
    "SELECT agency_id, matter_id, max(published_on), count(*) FILTER (WHERE published_on"
    " >= '2026-01-01') FROM catalogue_item WHERE matter_id IS NOT NULL AND status IN"
    " ('published', 'withdrawn') GROUP BY 1, 2",
    "SELECT agency_id, matter_id, id, title, formed_on FROM catalogue_item WHERE matter_id IS"
    " NOT NULL AND status IN ('draft', 'submitted', 'returned')",
]
PAGE_SQL = [
    "SELECT a.id, m.* FROM standards_adoption a JOIN standards_matter m ON m.id = a.matter_id"
    ' WHERE a.agency_id = %s AND NOT a.hidden ORDER BY m."order", m.id',
    "SELECT id, title, published_on, matter_id FROM catalogue_item WHERE agency_id = %s AND"
    " status = 'published' ORDER BY published_on DESC, id DESC",
]


def bare(statements, params=()):
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, params if "%s" in sql else None)
            cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--matters", type=int, default=300)
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(args.database, folder)
        from django.core.management import call_command
        from django.db import connection
        from django.db.models import Count
        from django.test import Client

        from gongkai.catalogue.models import Item
        from gongkai.core.calendar import current_calendar
        from gongkai.core.models import Agency
        from gongkai.standards.due import standings
        from gongkai.standards.models import Adoption

        begin = time.perf_counter()
        call_command(
            "generate", agencies=args.agencies, items=args.items, applications=0,
            matters=args.matters, seed=1, quiet=True,
        )  # fmt: skip
        filled = time.perf_counter() - begin
        if connection.vendor == "postgresql":
            connection.cursor().execute("VACUUM ANALYZE")  # as autovacuum would after a load
        else:
            connection.cursor().execute("ANALYZE")
        calendar = current_calendar()
        ids = list(Agency.objects.values_list("pk", flat=True))
        adoptions = Adoption.objects.count()
        province = timed(
            lambda _: standings(ids, today=TODAY, calendar=calendar, keep_lines=False), 3
        )
        result = standings(ids, today=TODAY, calendar=calendar, keep_lines=False)
        overdue = sum(r.overdue for r in result.values())
        province_sql = timed(lambda _: bare(DUE_SQL), 3)
        busiest = (
            Item.objects.filter(matter__isnull=False)
            .values("agency_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        agency = Agency.objects.get(pk=busiest["agency_id"])
        client = Client()
        url = f"/agency/{agency.index_prefix}/standards/"
        assert client.get(url).status_code == 200
        page = timed(lambda _: client.get(url), args.runs)
        page_sql = timed(lambda _: bare(PAGE_SQL, [agency.pk]), args.runs)
        vendor = connection.vendor
    best, best_sql = min(province), min(province_sql)
    p50, p95, c95 = percentile(page, 0.5), percentile(page, 0.95), percentile(page_sql, 0.95)
    lines = [
        f"Machine: {machine()}; `gongkai generate --matters {args.matters}` (seed 1): "
        f"{args.agencies:,} agencies, {adoptions:,} adopted rows, {args.items:,} items "
        f"(two in three linked to a matter), loaded in {filled:.0f} s. The page is the agency "
        f"with the most linked items ({busiest['n']:,}); the province best of 3 "
        f"({overdue:,} overdue lines found).",
        "",
        "| measurement | result | ceiling (same run) | ratio | target |",
        "|---|---:|---:|---:|---|",
        f"| due and missing, whole province | {best:.2f} s | its three reads as bare SQL "
        f"{best_sql:.2f} s | {best_sql / best:.1%} | < 10 s |",
        f"| one agency's 标准目录 page, p50 / p95 | {p50 * 1000:.1f} / {p95 * 1000:.1f} ms | "
        f"its two reads as bare SQL, p95 {c95 * 1000:.1f} ms | {c95 / p95:.1%} | < 50 ms |",
    ]
    write_results(f"## standards ({vendor})", lines)


if __name__ == "__main__":
    main()
