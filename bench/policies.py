"""Benchmark: the county's 政策文件库 over 200,000 registered 行政规范性文件 (four in five in
force) of a county and 100 agencies under it — the first page, a page deep by keyset, one
agency's documents, a year, and a search by 文号 that matches one document — each beside
the bare SQL the page runs, measured in the same run.

    .venv/bin/python bench/policies.py [--documents N] [--database URL]

Target on a 2-core machine: page and search p95 < 50 ms (issue 18). `--database` empties the
PostgreSQL database it is given.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta

from common import machine, percentile, setup, timed, write_results

AGENCIES = 100
TODAY = date(2026, 11, 27)
TOPICS = [
    "临时救助",
    "农村人居环境整治",
    "秸秆综合利用",
    "养犬管理",
    "城区占道经营",
    "河道管理",
    "高标准农田建设",
    "义务教育资助",
    "就业创业补贴",
    "农村危房改造",
]


def fill(count: int) -> int:
    from django.db import connection, transaction

    from gongkai.catalogue.models import Category, Item
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.core.demo import load_demo
    from gongkai.core.models import Agency, AgencyLevel, User
    from gongkai.policies.models import NormativeDocument, number_key
    from gongkai.statute.codes import org_code_check_char

    seed_statutory_subjects(Category)
    township = load_demo()
    county = township.parent
    agencies = [county, township]
    for n in range(2, AGENCIES):
        body = f"7{n:07d}"
        agencies.append(
            Agency.objects.create(
                name=f"基准测试第{n}局",
                level=AgencyLevel.COUNTY_DEPARTMENT,
                parent=county,
                index_prefix=body + org_code_check_char(body),
            )
        )
    categories = list(
        Category.objects.filter(parent__source="article20").values_list("pk", flat=True)
    )
    user = User.objects.get(username="jingban")
    rng = random.Random(1)
    serials: dict[tuple, int] = {}
    batch = 5_000
    for start in range(0, count, batch):
        items, records = [], []
        for index in range(start, min(count, start + batch)):
            agency = rng.choice(agencies)
            written = date(2015, 1, 1) + timedelta(days=rng.randrange(4_300))
            key = (agency.pk, written.year)
            serials[key] = serials.get(key, 0) + 1
            serial = serials[key]
            lapsed = index % 5 == 0  # one in five repealed, expired or amended
            items.append(
                Item(
                    agency=agency,
                    category_id=rng.choice(categories),
                    title=f"{agency.name}{rng.choice(TOPICS)}办法（第{index}号）",
                    document_number=f"基政规〔{written.year}〕{serial}号-{agency.pk}",
                    document_kind="normative",
                    validity="repealed" if lapsed and index % 2 else "valid",
                    validity_changed_on=TODAY - timedelta(days=30)
                    if lapsed and index % 2
                    else None,
                    status="published",
                    index_number=f"{agency.index_prefix}/{written.year}-{index:07d}",
                    written_on=written,
                    formed_on=written,
                    published_on=written + timedelta(days=5),
                    created_by=user,
                )
            )
        with transaction.atomic():
            Item.objects.bulk_create(items)
            for item in items:
                effective = item.written_on + timedelta(days=30)
                number = f"B{item.agency_id}-{item.written_on.year}-{item.index_number[-7:]}"
                # in force: valid for five years from a recent date; else already past
                until = (
                    TODAY - timedelta(days=10)
                    if item.pk % 5 == 0
                    else max(TODAY + timedelta(days=400), effective)
                )
                records.append(
                    NormativeDocument(
                        item=item,
                        agency_id=item.agency_id,
                        year=item.written_on.year,
                        serial=int(item.index_number[-7:]),
                        registration_number=number,
                        effective_on=effective,
                        valid_until=until,
                        lapse="amended" if item.pk % 10 == 3 else "",
                        search_text=number_key(f"{item.title} {item.document_number} {number}"),
                        number_key=number_key(item.document_number),
                        created_by=user,
                    )
                )
            NormativeDocument.objects.bulk_create(records)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    return county.pk


def setup_existing(database: str | None, folder: str) -> None:
    """Django on a database an earlier run filled: migrated, not emptied."""
    import os

    if not database:
        raise SystemExit("--measure-only needs --database")
    os.environ.update(
        GONGKAI_VAR_DIR=folder,
        DATABASE_URL=database,
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        GONGKAI_DEMO="1",
        ALLOWED_HOSTS="testserver",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def measure(runs: int, county_pk: int):
    from django.db import connection
    from django.test import Client

    from gongkai.core.models import Agency
    from gongkai.policies.library import in_force_documents
    from gongkai.policies.models import NormativeDocument

    client = Client()
    county = Agency.objects.get(pk=county_pk)
    url = f"/agency/{county.index_prefix}/policies/"
    rng = random.Random(2)
    agencies = list(Agency.objects.exclude(pk=county_pk).values_list("index_prefix", "pk"))
    top = NormativeDocument.objects.order_by("-pk").values_list("pk", flat=True).first()
    in_force = NormativeDocument.objects.in_force(TODAY).order_by("-pk")
    picked = [rng.randrange(1, top) for _ in range(runs * 2)]
    numbers = list(
        in_force.filter(pk__in=picked).values_list("item__document_number", flat=True)[:runs]
    )
    lapsed = list(
        NormativeDocument.objects.filter(pk__in=picked)
        .exclude(pk__in=in_force.values("pk"))
        .values_list("item__document_number", flat=True)[:runs]
    )
    rare = [f"（第{n}号）" for n in picked[:runs]]  # one document's own title words
    depth = min(20_000, in_force.count() // 2)
    deep = in_force.values_list("pk", flat=True)[depth]
    cases = {
        "first page": lambda n: {},
        f"{depth:,} deep (keyset)": lambda n: {"before": str(deep)},
        "one agency": lambda n: {"agency": agencies[n % len(agencies)][0]},
        "one year": lambda n: {"year": str(2015 + n % 12)},
        "search by 文号 (one match)": lambda n: {"q": numbers[n % len(numbers)]},
        "文号 of a repealed or expired document": lambda n: {"q": lapsed[n % len(lapsed)]},
        "part of one title (at most one match)": lambda n: {"q": rare[n % len(rare)]},
        "a two-character word (many matches)": lambda n: {"q": "河道"},
    }

    def page_of(params):
        def run(n):
            response = client.get(url, params(n))
            assert response.status_code == 200, response.status_code

        return run

    def sql_of(params):
        """The page's own query for each run, compiled beforehand and then run bare: the
        same SQL, no ORM objects, no template."""
        compiled = []
        for n in range(runs):
            p = params(n)
            agency = Agency.objects.get(index_prefix=p["agency"]) if "agency" in p else None
            records = in_force_documents(
                county,
                today=TODAY,
                agency=agency,
                year=int(p["year"]) if "year" in p else None,
                query=p.get("q", ""),
            ).order_by("-pk")
            if "before" in p:
                records = records.filter(pk__lt=int(p["before"]))
            compiled.append(records[:51].query.sql_with_params())

        def run(n):
            sql, values = compiled[n]
            with connection.cursor() as cursor:
                cursor.execute(sql, values)
                cursor.fetchall()

        return run

    client.get(url)  # warm
    import time_machine

    with time_machine.travel(TODAY, tick=False):
        return [
            (name, timed(page_of(params), runs), timed(sql_of(params), runs))
            for name, params in cases.items()
        ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="measure the PostgreSQL database a previous run filled, without loading again",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.measure_only:
            setup_existing(args.database, folder)
        else:
            setup(args.database, folder)
        from django.db import connection

        from gongkai.core.models import Agency

        start = time.perf_counter()
        county = (
            Agency.objects.get(name="云岭县人民政府").pk
            if args.measure_only
            else fill(args.documents)
        )
        filled = time.perf_counter() - start
        # as autovacuum would after a load: without statistics PostgreSQL walks every row for
        # a common two-character word (101 ms of bare SQL instead of 2.5 ms)
        connection.cursor().execute("ANALYZE")
        results = measure(args.runs, county)
        vendor = connection.vendor
    loaded = "loaded by an earlier run" if args.measure_only else f"loaded in {filled:.0f} s"
    lines = [
        f"Machine: {machine()}; {args.documents:,} registered 行政规范性文件 over {AGENCIES} "
        f"agencies of one county (four in five in force), {loaded}; "
        f"{args.runs} requests each through Django's test client.",
        "",
        "| 政策文件库 | p50 / p95 | ceiling p95: the page's bare SQL (same run) | ratio "
        "| target p95 |",
        "|---|---:|---:|---:|---|",
    ]
    for name, page, ceiling in results:
        p50, p95, c95 = percentile(page, 0.5), percentile(page, 0.95), percentile(ceiling, 0.95)
        lines.append(
            f"| {name} | {p50 * 1000:.1f} / {p95 * 1000:.1f} ms | {c95 * 1000:.1f} ms "
            f"| {c95 / p95:.1%} | < 50 ms |"
        )
    write_results(f"## policies ({vendor})", lines)


if __name__ == "__main__":
    main()
