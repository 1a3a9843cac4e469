"""Benchmark: building one agency-year's annual report with 1,000,000 applications in the
database, and a county's roll-up over 1,000 agencies — each beside a ceiling from the same
run: the bare aggregate SQL that counts the same figures.

    .venv/bin/python bench/reports.py [--applications N] [--agencies N] [--database URL]

Targets (issue 5): one report under 1 s on PostgreSQL; the roll-up under 30 s.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta

from common import machine, percentile, setup, write_results

YEAR = 2025
BIG_SHARE = 10  # the measured township holds one application in ten


def fill(count: int, agencies: int) -> tuple:
    from gongkai.applications.models import Appeal, Application
    from gongkai.applications.outcomes import OUTCOMES
    from gongkai.core.demo import load_demo
    from gongkai.core.models import Agency, AgencyLevel
    from gongkai.statute.codes import org_code_check_char

    township = load_demo()
    county = township.parent
    bodies = [f"6{n:07d}" for n in range(1, agencies)]
    Agency.objects.bulk_create(
        [
            Agency(
                name=f"基准测试第{n}乡人民政府",
                level=AgencyLevel.TOWNSHIP,
                parent=county,
                index_prefix=body + org_code_check_char(body),
            )
            for n, body in enumerate(bodies, start=1)
        ]
    )
    others = list(Agency.objects.filter(parent=county).exclude(pk=township.pk))
    rng = random.Random(5)
    outcomes = sorted(OUTCOMES)
    kinds = ["natural"] * 5 + ["business", "research", "charity", "legal", "other"]
    start = date(2022, 1, 3)
    batch = []
    for index in range(count):
        agency = township if index % BIG_SHARE == 0 else rng.choice(others)
        received = start + timedelta(days=rng.randrange(1460))
        concluded = received + timedelta(days=rng.randrange(5, 60))
        open_still = rng.random() < 0.05
        batch.append(
            Application(
                agency=agency,
                tracking_number=f"R-{index:07d}",
                query_code_digest="x" * 64,
                channel="IN_PERSON",
                submitted_on=received,
                received_on=received,
                applicant_type=rng.choice(kinds),
                applicant_name="测试",
                id_type="resident_id",
                id_number="11010519491231002X",
                information_title="测试信息",
                provision_form="paper",
                delivery_way="post",
                status="open" if open_still else "concluded",
                outcome="" if open_still else rng.choice(outcomes),
                concluded_on=None if open_still else concluded,
                due_on=received + timedelta(days=28),
            )
        )
        if len(batch) == 10_000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    appeals = [
        Appeal(application_id=pk, kind="reconsideration", filed_on=date(YEAR, 6, 1))
        for pk in Application.objects.filter(concluded_on__year=YEAR - 1)
        .order_by("pk")
        .values_list("pk", flat=True)[: count // 200]
    ]
    Appeal.objects.bulk_create(appeals, batch_size=5000)
    return township, county


def one_report(township, runs: int) -> tuple[list[float], list[float]]:
    from django.db import connection

    from gongkai.reports.document import live_document

    def build():
        live_document(township, YEAR, sections={})

    def bare():
        with connection.cursor() as cursor:
            for condition in (
                "received_on BETWEEN %s AND %s",
                "concluded_on BETWEEN %s AND %s",
            ):
                cursor.execute(
                    "SELECT applicant_type, outcome, count(*) FROM applications_application "
                    f"WHERE agency_id = %s AND {condition} GROUP BY 1, 2",
                    [township.pk, date(YEAR, 1, 1), date(YEAR, 12, 31)],
                )
                cursor.fetchall()
            for day in (date(YEAR - 1, 12, 31), date(YEAR, 12, 31)):
                cursor.execute(
                    "SELECT applicant_type, count(*) FROM applications_application WHERE "
                    "agency_id = %s AND received_on <= %s AND (concluded_on IS NULL OR "
                    "concluded_on > %s) GROUP BY 1",
                    [township.pk, day, day],
                )
                cursor.fetchall()

    build()
    samples, ceiling = [], []
    for _ in range(runs):
        begin = time.perf_counter()
        build()
        samples.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        bare()
        ceiling.append(time.perf_counter() - begin)
    return samples, ceiling


def rollup(county) -> tuple[float, float, int]:
    from django.db import connection

    from gongkai.reports.rollup import roll_up

    begin = time.perf_counter()
    result = roll_up(county, YEAR, date(2026, 11, 27))
    whole = time.perf_counter() - begin
    begin = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT agency_id, applicant_type, outcome, count(*) FROM applications_application "
            "WHERE concluded_on BETWEEN %s AND %s GROUP BY 1, 2, 3",
            [date(YEAR, 1, 1), date(YEAR, 12, 31)],
        )
        cursor.fetchall()
    bare = time.perf_counter() - begin
    return whole, bare, len(result.states)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(args.database, folder)
        from django.db import connection

        begin = time.perf_counter()
        township, county = fill(args.applications, args.agencies)
        connection.cursor().execute("ANALYZE")
        filled = time.perf_counter() - begin
        samples, ceiling = one_report(township, args.runs)
        whole, bare, agencies = rollup(county)
        vendor = connection.vendor
    p50, p95, c95 = percentile(samples, 0.5), percentile(samples, 0.95), percentile(ceiling, 0.95)
    lines = [
        f"Machine: {machine()}; {args.applications:,} applications over {args.agencies:,} "
        f"agencies (one in {BIG_SHARE} in the measured township), loaded in {filled:.0f} s.",
        "",
        "| measurement | result | ceiling (same run) | ratio | target |",
        "|---|---:|---:|---:|---|",
        f"| one agency-year report (tables, findings, channels), p50 / p95 | "
        f"{p50 * 1000:.0f} / {p95 * 1000:.0f} ms | its four aggregate queries, p95 "
        f"{c95 * 1000:.0f} ms | {c95 / p95:.1%} | < 1 s |",
        f"| county roll-up over {agencies:,} agencies | {whole:.1f} s | one GROUP BY over "
        f"every agency {bare:.2f} s | {bare / whole:.1%} | < 30 s |",
    ]
    write_results(f"## reports ({vendor})", lines)


if __name__ == "__main__":
    main()
