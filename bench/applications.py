"""Benchmark: the office inbox with 100,000 open applications, and recomputing every open
deadline (as after a calendar import), each beside a ceiling from the same run:

- inbox: the two bare SQL queries the page needs (count, first 200 by due date);
- recompute: the statute's engine alone over the same events held in memory.

    .venv/bin/python bench/applications.py [--applications N] [--database URL]
Targets: inbox p95 under 200 ms (issue 4); recomputing every open deadline under 2 s (issue 8).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta

from common import machine, percentile, setup, write_results


def fill(count: int, today: date) -> None:
    from gongkai.applications.models import Application, ApplicationEvent, EventKind, Status
    from gongkai.core.calendar import current_calendar
    from gongkai.core.demo import load_demo

    township = load_demo()
    calendar = current_calendar()
    batch = []
    for index in range(count):
        received = calendar.add(date(2026, 1, 5), index % 220).date
        batch.append(
            Application(
                agency=township,
                tracking_number=f"B-{index:07d}",
                query_code_digest="x" * 64,
                channel="IN_PERSON",
                submitted_on=received,
                received_on=received,
                applicant_type="natural",
                applicant_name="测试",
                id_type="resident_id",
                id_number="11010519491231002X",
                information_title=f"测试信息{index}",
                provision_form="paper",
                delivery_way="post",
                status=Status.OPEN,
                due_on=calendar.add(received, 20).date,
                clock_state="RUNNING",
            )
        )
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    events = []
    for application in Application.objects.filter(tracking_number__startswith="B-")[: count // 5]:
        start = calendar.add(application.received_on, 3).date
        events += [
            ApplicationEvent(
                application=application,
                kind=EventKind.PAUSE_STARTED,
                on=start,
                pause_kind="THIRD_PARTY",
            ),
            ApplicationEvent(
                application=application,
                kind=EventKind.PAUSE_ENDED,
                on=calendar.add(start, 4).date,
                pause_kind="THIRD_PARTY",
            ),
            ApplicationEvent(
                application=application,
                kind=EventKind.EXTENDED,
                on=calendar.add(start, 5).date,
                workdays=10,
            ),
        ]
    ApplicationEvent.objects.bulk_create(events, batch_size=5000)


def inbox(today: date, runs: int) -> tuple[float, float, float]:
    from django.db import connection
    from django.test import Client

    from gongkai.core.models import Agency, User

    client = Client()
    client.force_login(User.objects.get(username="jingban"))
    agency = Agency.objects.get(name__contains="青石镇")
    url = "/office/applications/"
    client.get(url)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200
    ceiling = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            start = time.perf_counter()
            cursor.execute(
                "SELECT COUNT(*) FROM applications_application WHERE agency_id = %s"
                " AND status <> 'concluded'",
                [agency.pk],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT * FROM applications_application WHERE agency_id = %s AND"
                " status <> 'concluded' ORDER BY due_on, received_on, id LIMIT 200",
                [agency.pk],
            )
            cursor.fetchall()
            ceiling.append(time.perf_counter() - start)
    return percentile(samples, 0.5), percentile(samples, 0.95), percentile(ceiling, 0.95)


def recompute(today: date) -> tuple[float, float, float, int]:
    """The sweep, the engine alone on the same events, and a legacy day-by-day loop over
    chinese-calendar's is_workday that counts 20 working days from receipt plus any
    extension (less than the engine does: no pauses, no corrections)."""
    import chinese_calendar

    from gongkai.applications.deadline_sweep import refresh_open_deadlines
    from gongkai.applications.models import Application
    from gongkai.core.calendar import current_calendar
    from gongkai.statute.deadlines import Extended, compute

    calendar = current_calendar()
    start = time.perf_counter()
    refresh_open_deadlines(calendar=calendar, today=today)
    whole = time.perf_counter() - start
    applications = list(
        Application.objects.open().exclude(received_on=None).prefetch_related("events")
    )
    events = [a.deadline_events() for a in applications]
    start = time.perf_counter()
    for sequence in events:
        compute(sequence, calendar, today, explain=False)
    engine = time.perf_counter() - start
    one_day = timedelta(days=1)
    start = time.perf_counter()
    for sequence in events:
        left = 20 + sum(e.workdays for e in sequence if isinstance(e, Extended))
        day = sequence[0].on
        while left:
            day += one_day
            try:
                left -= chinese_calendar.is_workday(day)
            except NotImplementedError:  # a year it has no data for: weekends alone
                left -= day.weekday() < 5
    loop = time.perf_counter() - start
    return whole, engine, loop, len(applications)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    today = date(2026, 11, 27)
    with tempfile.TemporaryDirectory() as folder:
        setup(args.database, folder)
        from django.db import connection

        fill(args.applications, today)
        p50, p95, sql95 = inbox(today, args.runs)
        whole, engine, loop, count = recompute(today)
        vendor = connection.vendor
    lines = [
        f"Machine: {machine()}; {args.applications:,} open applications, one in five "
        "with a consultation and an extension.",
        "",
        "| measurement | result | ceiling (same run) | ratio | target |",
        "|---|---:|---:|---:|---|",
        f"| inbox page, p50 / p95 | {p50 * 1000:.0f} / {p95 * 1000:.0f} ms | bare SQL p95 "
        f"{sql95 * 1000:.1f} ms | {sql95 / p95:.1%} | p95 < 200 ms |",
        f"| recompute {count:,} open deadlines | {whole:.2f} s | engine alone {engine:.2f} s | "
        f"{engine / whole:.1%} | < 2 s |",
        f"| the same without the database | engine alone {engine:.2f} s | day-by-day loop over "
        f"chinese-calendar {loop:.2f} s | {loop / engine:.1f}× faster | — |",
    ]
    write_results(f"## applications ({vendor})", lines)


if __name__ == "__main__":
    main()
