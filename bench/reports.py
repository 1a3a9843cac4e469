"""Benchmark: one agency-year's annual report with 1,000,000 applications in the database,
a county's roll-up and a province's roll-up over its 1,000 agencies — each beside a ceiling
from the same run: the single raw SQL aggregate that counts the same table 三.

    .venv/bin/python bench/reports.py [--applications N] [--agencies N] [--database URL]

The province is made by `gongkai generate` (seed 1). Targets (issue 8): one report under
200 ms; the province roll-up under 30 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date

from common import machine, percentile, setup, timed, write_results

YEAR = 2025
TABLE_THREE_SQL = (
    "SELECT agency_id, applicant_type, outcome,"
    " count(*) FILTER (WHERE received_on >= %(start)s),"
    " count(*) FILTER (WHERE received_on < %(start)s),"
    " count(*) FILTER (WHERE concluded_on IS NULL OR concluded_on > %(end)s),"
    " count(*) FILTER (WHERE concluded_on <= %(end)s)"
    " FROM applications_application WHERE {agencies} AND received_on <= %(end)s"
    " AND (concluded_on IS NULL OR concluded_on >= %(start)s) GROUP BY 1, 2, 3"
)


def raw_table_three(agency_ids: list[int]) -> None:
    from django.db import connection

    marks = ", ".join(str(int(pk)) for pk in agency_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            TABLE_THREE_SQL.format(agencies=f"agency_id IN ({marks})"),
            {"start": date(YEAR, 1, 1), "end": date(YEAR, 12, 31)},
        )
        cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(args.database, folder)
        from django.core.management import call_command
        from django.db import connection
        from django.db.models import Count

        from gongkai.applications.models import Application
        from gongkai.core.models import Agency
        from gongkai.reports.document import live_document
        from gongkai.reports.rollup import agencies_under, roll_up

        begin = time.perf_counter()
        call_command(
            "generate", agencies=args.agencies, items=args.items,
            applications=args.applications, seed=1, quiet=True,
        )  # fmt: skip
        filled = time.perf_counter() - begin
        if connection.vendor == "postgresql":
            connection.cursor().execute("VACUUM ANALYZE")  # as autovacuum would after a load
        else:
            connection.cursor().execute("ANALYZE")
        busiest = (
            Application.objects.filter(received_on__year=YEAR)
            .values("agency_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        agency = Agency.objects.get(pk=busiest["agency_id"])
        live_document(agency, YEAR, sections={})
        report = timed(lambda _: live_document(agency, YEAR, sections={}), args.runs)
        report_sql = timed(lambda _: raw_table_three([agency.pk]), args.runs)
        today = date(2026, 11, 27)
        county = (
            Agency.objects.filter(level="county_gov")
            .annotate(n=Count("children"))
            .order_by("-n")[0]
        )
        county_ids = [a.pk for a in agencies_under(county)]
        county_time = timed(lambda _: roll_up(county, YEAR, today), 3)
        county_sql = timed(lambda _: raw_table_three(county_ids), 3)
        province = Agency.objects.get(level="province_gov")
        province_ids = [a.pk for a in agencies_under(province, whole_tree=True)]
        province_time = timed(lambda _: roll_up(province, YEAR, today, whole_tree=True), 3)
        province_sql = timed(lambda _: raw_table_three(province_ids), 3)
        vendor = connection.vendor
    p50, p95, c95 = percentile(report, 0.5), percentile(report, 0.95), percentile(report_sql, 0.95)
    county_best, county_bare = min(county_time), min(county_sql)
    province_best, province_bare = min(province_time), min(province_sql)
    lines = [
        f"Machine: {machine()}; `gongkai generate` (seed 1): {args.agencies:,} agencies, "
        f"{args.items:,} items, {args.applications:,} applications over 2021–2026, loaded in "
        f"{filled:.0f} s. The report is the busiest agency's ({busiest['n']:,} applications "
        f"received in {YEAR}); roll-ups best of 3.",
        "",
        "| measurement | result | ceiling (same run) | ratio | target |",
        "|---|---:|---:|---:|---|",
        f"| one agency-year report (tables, findings, channels), p50 / p95 | "
        f"{p50 * 1000:.0f} / {p95 * 1000:.0f} ms | single raw SQL aggregate of table 三, p95 "
        f"{c95 * 1000:.1f} ms | {c95 / p95:.1%} | < 200 ms |",
        f"| county roll-up ({len(county_ids)} agencies) | {county_best * 1000:.0f} ms | the "
        f"same aggregate over them {county_bare * 1000:.1f} ms | {county_bare / county_best:.1%} "
        "| — |",
        f"| province roll-up, whole tree ({len(province_ids):,} agencies) | {province_best:.2f} s "
        f"| the same aggregate over them {province_bare:.2f} s | "
        f"{province_bare / province_best:.1%} | < 30 s |",
    ]
    write_results(f"## reports ({vendor})", lines)


if __name__ == "__main__":
    main()
