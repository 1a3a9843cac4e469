"""Benchmark: the staff pages at province scale, each beside its own SQL replayed.

    .venv/bin/python bench/staff_pages.py [--database URL] [--agencies N] [--items N]
        [--applications N] [--matters N] [--real-text] [--runs N] [--heading TEXT]

`gongkai generate` (seed 1) makes the province (issue 25: 1,000 agencies, 200,000 items,
200,000 applications, 300 matters). A clerk who also reviews works in the agency with the
most open applications, and administers the county above it, so every provider of the
工作台 has lines for them and the county self-check page covers that county's agencies.
Each page is requested in-process (Django's test client, logged in) `--runs` times; the
statements one request ran are captured once and replayed as bare SQL (the same strings,
rows fetched) the same number of times. The replay is the ceiling: it is what the page's
database work costs on this machine at this moment, so the ratio page / replay travels
between machines where milliseconds do not.

With `--real-text` every item's body is real text from the shared sample site
(`../shared/samples/site`, issue 27): paragraphs of its pages, 80–240 words each, so the
table and its TOAST have a real province's size. The public pages (an agency's listing,
an item page, the 标准目录 page) are measured as well, and the tables' and indexes' sizes
are recorded.

The county self-check page shows each agency's stored result (at most 15 minutes old);
its 全部重新自查 button (a POST, the line marked so) computes them all: both are measured.

Targets (issue 25): every staff page p95 < 100 ms, the 工作台 in at most 15 statements.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import tempfile
import time
from datetime import date
from html import escape

from common import (
    ROOT,
    as_deployed,
    machine,
    percentile,
    publications_timed,
    setup,
    timed,
    write_results,
)

TODAY = date(2026, 11, 27)
SAMPLE = ROOT / ".." / "shared" / "samples" / "site"


def sample_paragraphs() -> list[str]:
    """Sentences of real text from the sample site's pages (the text after 正文)."""
    paragraphs = []
    for page in sorted(SAMPLE.rglob("page.txt")):
        text = page.read_text(encoding="utf-8", errors="replace").split("正文 ====", 1)[-1]
        for sentence in re.split(r"(?<=[。；！？])", re.sub(r"\s+", "", text)):
            if len(sentence) >= 20:
                paragraphs.append(escape(sentence))
    return paragraphs


def use_real_text() -> int:
    """Make `gongkai generate` write real-text bodies (bench only: wraps its row builder)."""
    from gongkai.synthetic import catalogue_rows

    paragraphs = sample_paragraphs()
    if not paragraphs:
        raise SystemExit(f"没有找到样本网站的正文：{SAMPLE}")
    column = catalogue_rows.ITEM_COLUMNS.index("body")
    original = catalogue_rows.ItemRows._row

    def _row(self, index, total):
        row = list(original(self, index, total))
        rng = random.Random(index)
        size, parts = rng.randint(80, 240), []
        while sum(map(len, parts)) < size * 2:  # ~2 characters a word in Chinese text
            parts.append(rng.choice(paragraphs))
        row[column] = "".join(f"<p>{p}</p>" for p in parts)
        return tuple(row)

    catalogue_rows.ItemRows._row = _row
    return len(paragraphs)


def captured(client, url, method="get"):
    """The statements one request of `url` runs (a page is asserted to answer 200, a form's
    POST to redirect). The page is requested once before: a first visit fills what later
    visits read (the self-check's result for the 工作台, the process's calendar), and the
    timed requests are later visits."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request = getattr(client, method)
    request(url)
    with CaptureQueriesContext(connection) as context:
        response = request(url)
    if response.status_code != (200 if method == "get" else 302):
        raise SystemExit(f"{url} 返回 {response.status_code}")
    return [q["sql"] for q in context.captured_queries]


def replay(statements) -> None:
    """The statements again as bare SQL, rows fetched, in a transaction rolled back at the end
    (the page's writes — the session's expiry — cost their time and change nothing)."""
    from django.db import DatabaseError, connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            if sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO", "CLOSE", "FETCH")):
                continue
            if sql.startswith("DECLARE"):  # a server-side cursor (iterator()): its query
                sql = sql.split(" FOR ", 1)[1]
            try:
                with transaction.atomic():  # a write the page made may not be made twice
                    cursor.execute(sql.replace("%", "%%"))
                    if cursor.description:
                        cursor.fetchall()
            except DatabaseError:
                pass
        transaction.set_rollback(True)


def staff_user(agency, county):
    """A clerk and reviewer of `agency`, administrator of `county` (its parent)."""
    from gongkai.core.models import Membership, Role, User

    user, _ = User.objects.get_or_create(username="bench_staff")  # kept by a --reuse run
    for where, role in ((agency, Role.CLERK), (agency, Role.REVIEWER), (county, Role.ADMIN)):
        Membership.objects.get_or_create(user=user, agency=where, role=role)
    return user


def one_role_users(agency, county):
    """(label, user): a member of staff holding one role each — the agency's clerk, reviewer
    and administrator, and the county's administrator who supervises the townships."""
    from gongkai.core.models import Membership, Role, User

    users = []
    for label, where, role in (
        ("经办人", agency, Role.CLERK),
        ("审核人", agency, Role.REVIEWER),
        ("管理员", agency, Role.ADMIN),
        ("县级管理员（监督乡镇）", county, Role.ADMIN),
    ):
        user, _ = User.objects.get_or_create(username=f"bench_{role}_{where.pk}")
        Membership.objects.get_or_create(user=user, agency=where, role=role)
        users.append((label, user))
    return users


def sizes() -> list[tuple[str, int, int]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
            " AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 8"
        )
        return cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--matters", type=int, default=300)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--real-text", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="measure the province already there")
    parser.add_argument("--heading", default="", help="added to the RESULTS.md heading")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.reuse:  # the province an earlier run generated, as it left it
            os.environ.update(GONGKAI_VAR_DIR=folder, DATABASE_URL=args.database)
            os.environ.update(DJANGO_SETTINGS_MODULE="gongkai.settings", GONGKAI_DEMO="1")
            os.environ["ALLOWED_HOSTS"] = "testserver"
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
            as_deployed()
        else:
            setup(args.database, folder)
        import time_machine
        from django.core.management import call_command
        from django.db import connection
        from django.db.models import Count, Q
        from django.test import Client

        from gongkai.applications.models import Application, Status
        from gongkai.catalogue.models import Item, ItemStatus
        from gongkai.core.models import Agency

        paragraphs = use_real_text() if args.real_text else 0
        begin = time.perf_counter()
        call_command(
            "generate", agencies=args.agencies, items=args.items,
            applications=args.applications, matters=args.matters, seed=1, quiet=True,
            as_of=TODAY.isoformat(),
        ) if not args.reuse else None  # fmt: skip
        filled = time.perf_counter() - begin
        if args.reuse:
            pass
        elif connection.vendor == "postgresql":
            connection.cursor().execute("VACUUM ANALYZE")  # as autovacuum would after a load
        else:
            connection.cursor().execute("ANALYZE")
        late_timed = publications_timed(TODAY)
        busiest = (
            Application.objects.filter(status__in=(Status.OPEN, Status.AWAITING_CONFIRMATION))
            .values("agency_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        agency = Agency.objects.get(pk=busiest["agency_id"])
        county = agency.parent or agency
        user = staff_user(agency, county)
        client = Client()
        client.force_login(user)
        item = (
            Item.objects.filter(agency=agency, status=ItemStatus.PUBLISHED)
            .order_by("-published_on")
            .first()
        )
        category = (
            Item.objects.filter(agency=agency, status=ItemStatus.PUBLISHED)
            .values("category_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()["category_id"]
        )
        unpublished = Item.objects.filter(
            Q(agency=agency), ~Q(status__in=(ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN))
        ).count()
        application = (
            Application.objects.filter(agency=agency, status=Status.OPEN)
            .order_by("-submitted_on", "-pk")
            .first()
        )
        word = item.title[:2]  # a word the agency's titles use
        pages = [
            ("工作台 (clerk and reviewer, county administrator)", "/office/"),
            ("本机关自查", "/office/selfcheck/"),
            ("县级自查汇总", f"/office/selfcheck/county/?agency={county.pk}"),
            # the button that computes every agency's result now (the page shows the stored)
            ("县级自查汇总：全部重新自查 (POST)", f"/office/selfcheck/county/?agency={county.pk}"),
            ("依申请公开 inbox", "/office/applications/"),
            ("an application's page", f"/office/applications/{application.pk}/"),
            ("主动公开 items", "/office/items/"),
            ("主动公开 items, searched", f"/office/items/?q={word}"),
            ("主动公开 items, filtered, page 3", "/office/items/?status=published&page=3"),
            ("an item's page (office)", f"/office/items/{item.pk}/"),
            ("标准目录 (office)", "/office/standards/"),
            ("规范性文件 register", "/office/policies/"),
            ("年度报告", "/office/reports/"),
            ("县级汇总 roll-up", f"/office/reports/rollup/?agency={county.pk}"),
        ]
        roles = [(f"工作台 ({label})", "/office/", who) for label, who in
                 one_role_users(agency, county)]  # fmt: skip
        public = [
            ("an agency's listing (largest category)", None),
            ("an item page", f"/item/{item.pk}/"),
            ("标准目录 page (public)", f"/agency/{agency.index_prefix}/standards/"),
        ]
        public[0] = (public[0][0], f"/agency/{agency.index_prefix}/items/?category={category}")
        rows = []
        with time_machine.travel(TODAY, tick=True):
            measured = [(label, url, client) for label, url in pages]
            for label, url, who in roles:
                visitor = Client()
                visitor.force_login(who)
                measured.append((label, url, visitor))
            if args.real_text:
                measured += [(label, url, Client()) for label, url in public]
            for label, url, visitor in measured:
                method = "post" if label.endswith("(POST)") else "get"
                statements = captured(visitor, url, method)
                request = getattr(visitor, method)
                page = timed(lambda _, r=request, u=url: r(u), args.runs)
                bare = timed(lambda _, s=statements: replay(s), args.runs)
                rows.append((label, url, len(statements), page, bare))
        load = os.getloadavg()
        vendor = connection.vendor
        table_sizes = sizes() if vendor == "postgresql" else []
        open_apps = busiest["n"]
    lines = [
        f"Machine: {machine()} (load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
        "at the end of the run, other work included: times are upper bounds, the ratios are "
        "the figures that travel). "
        f"`gongkai generate` (seed 1, as of {TODAY}): {args.agencies:,} agencies, "
        f"{args.items:,} items"
        + (f" with real-text bodies ({paragraphs:,} sample paragraphs)" if paragraphs else "")
        + f", {args.applications:,} applications, {args.matters} matters; "
        + ("generated by an earlier run (`--reuse`)" if args.reuse else f"loaded in {filled:.0f} s")
        + f"; `gongkai time-publications` timed {late_timed[0]:,} items in {late_timed[1]:.1f} s"
        + ". The staff member is clerk and reviewer of the agency with the most "
        f"open applications ({open_apps:,} open; {unpublished:,} unpublished items) and "
        f"administrator of its county; each 工作台 (role) line is a member of staff holding "
        f"that one role. {args.runs} requests per page in-process after a first visit, then "
        "its statements replayed as bare SQL as often (in a transaction rolled back).",
        "",
        "| page | statements | p50 / p95 in-process | ceiling: its SQL replayed p50 / p95 | "
        "ratio (page p95 ÷ SQL p95) | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, _url, count, page, bare in rows:
        p50, p95 = percentile(page, 0.5) * 1000, percentile(page, 0.95) * 1000
        b50, b95 = percentile(bare, 0.5) * 1000, percentile(bare, 0.95) * 1000
        target = "< 100 ms" + (", ≤ 15 statements" if label.startswith("工作台") else "")
        lines.append(
            f"| {label} | {count} | {p50:.1f} / {p95:.1f} ms | {b50:.1f} / {b95:.1f} ms | "
            f"{p95 / b95:.1f}× | {target} |"
        )
    if table_sizes:
        lines += ["", "| table | table (with TOAST) | its indexes |", "|---|---:|---:|"]
        lines += [f"| {name} | {t / 2**20:,.0f} MB | {i / 2**20:,.0f} MB |" for name, t, i in
                  table_sizes]  # fmt: skip
    heading = f"## staff pages ({vendor}{', ' + args.heading if args.heading else ''})"
    write_results(heading, lines)


if __name__ == "__main__":
    main()
