"""Benchmark: what one self-check costs per item of real text, and what that makes of a county
whose site holds 72,000 documents (issue 27: one county-level site publishes ~72,000).

    .venv/bin/python bench/selfcheck_text.py --database URL [--runs N]

On a province `gongkai generate` made (bench/staff_pages.py's, as it left it: pass the same
PostgreSQL database), the county of staff_pages.py's staff member is checked — its own
agency alone (本机关自查, computed on each visit) and the county with every agency under it
(the county summary's 全部重新自查) — first with the generator's short bodies, then with
every one of the county's item bodies replaced by real text from the shared sample site
(`../shared/samples/site`: 80–240 words of its paragraphs each, as staff_pages.py
--real-text writes them). The real text is written inside a transaction that is rolled back
at the end: the database is left as it was.

Each run is timed cold (the texts' kept scans deleted first: the first check of a migrated
site, or of texts all changed since) and warm (the same texts again: what a later visit
costs). The ceiling is the self-check's read of the items (live_items.read), replayed as bare
SQL.
The projection to an agency of 72,000 documents is linear in the items: the item-by-item
step (文号, 第二十条, wording, links, 公示期 — the one that grows with the items and their texts)
costs, per item, the difference between the county's step and the county government's
divided by the difference of their items (the step's fixed part — a few statements — drops
out); the county government's whole check plus that cost for the further items is the
projection. The timeliness check's read of the year's publications grows too and is left at
its measured size: a lower bound.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time

from common import as_deployed, machine, percentile, write_results
from staff_pages import TODAY, sample_paragraphs

SITE_DOCUMENTS = 72_000  # one county-level site's 政务公开 section (issue 27)
ITEM_STEP = "完整性、表述、链接、公示"  # selfcheck.run's item-by-item step


def real_text_bodies(item_ids: list[int], paragraphs: list[str]) -> None:
    """Each item's body as staff_pages.py --real-text writes it (80–240 words, seeded by id)."""
    from django.db import connection

    rows = []
    for pk in item_ids:
        rng = random.Random(pk)
        size, parts = rng.randint(80, 240), []
        while sum(map(len, parts)) < size * 2:  # ~2 characters a word in Chinese text
            parts.append(rng.choice(paragraphs))
        rows.append(("".join(f"<p>{p}</p>" for p in parts), pk))
    with connection.cursor() as cursor:
        cursor.executemany("UPDATE catalogue_item SET body = %s WHERE id = %s", rows)


def items_read_seconds(agency_ids, runs: int) -> list[float]:
    """The items' read (live_items.read) replayed as bare SQL, rows fetched."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.inspection import live_items

    with CaptureQueriesContext(connection) as context:
        list(live_items.read(agency_ids, TODAY))
    [sql] = [q["sql"] for q in context.captured_queries if q["sql"].startswith("DECLARE")]
    sql = sql.split(" FOR ", 1)[1].replace("%", "%%")
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()
        samples.append(time.perf_counter() - start)
    return samples


def checked(agencies, runs: int, *, cold: bool) -> tuple[list[float], list[float]]:
    """Seconds of each whole run, and of its item-by-item step (the one that grows with the
    items and their texts: 文号, 第二十条, wording, links, 公示期)."""
    from gongkai.core.calendar import current_calendar
    from gongkai.inspection.links import ExternalChecker
    from gongkai.inspection.models import TextScan
    from gongkai.inspection.selfcheck import run

    samples, item_steps = [], []
    for _ in range(runs):
        if cold:  # every text scanned again, as on the first check of a migrated site
            TextScan.objects.filter(item__agency__in=agencies).delete()
        start = time.perf_counter()
        result = run(
            agencies,
            today=TODAY,
            calendar=current_calendar(),
            external=ExternalChecker(cached_only=True),
        )
        samples.append(time.perf_counter() - start)
        item_steps.append(result.seconds[ITEM_STEP])
    return samples, item_steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True, help="a generated province (PostgreSQL)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--heading", default="", help="added to the RESULTS.md heading")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(GONGKAI_VAR_DIR=folder, DATABASE_URL=args.database)
        os.environ.update(DJANGO_SETTINGS_MODULE="gongkai.settings", GONGKAI_DEMO="1")
        import django

        django.setup()
        as_deployed()
        from django.db import connection, transaction

        from gongkai.catalogue.models import Item
        from gongkai.core.models import Agency, Membership, Role

        paragraphs = sample_paragraphs()
        if not paragraphs:
            raise SystemExit("没有找到共享样本网站（../shared/samples/site），无法写入真实正文")
        staff = Membership.objects.filter(user__username="bench_staff", role=Role.ADMIN).first()
        if staff is None:
            raise SystemExit("请先在此数据库上运行 bench/staff_pages.py（需要它生成的省份）")
        county = staff.agency
        everyone = [county, *Agency.objects.filter(parent=county).order_by("pk")]
        ids = [a.pk for a in everyone]
        items = list(Item.objects.filter(agency_id__in=ids).values_list("pk", flat=True))
        own = Item.objects.filter(agency=county).count()
        lines_of = {}
        with transaction.atomic():
            for text in ("generated", "real"):
                if text == "real":
                    real_text_bodies(items, paragraphs)
                read = items_read_seconds(ids, args.runs)
                for label, agencies, count in (
                    ("本机关自查 (the county government alone)", [county], own),
                    ("全部重新自查 (the county and every agency under it)", everyone, len(items)),
                ):
                    cold = checked(agencies, args.runs, cold=True)
                    warm = checked(agencies, args.runs, cold=False)
                    lines_of[(text, label)] = (count, cold, warm)
                lines_of[(text, "read")] = read
            transaction.set_rollback(True)  # the province is left as the generator made it
        with connection.cursor() as cursor:  # and its rolled-back rows cleared away
            cursor.execute("VACUUM ANALYZE catalogue_item")
            cursor.execute("VACUUM ANALYZE inspection_textscan")
    load = os.getloadavg()
    lines = [
        f"Machine: {machine()} (load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at "
        f"the end, other work included). The province of bench/staff_pages.py (as of {TODAY}); "
        f"the county of its staff member: {len(everyone)} agencies, {len(items):,} items, "
        f"{own:,} of them the county government's own. {args.runs} runs each, cold (the "
        "texts' kept scans deleted first) and warm.",
        "",
        "| bodies | check | items | cold p50 / p95 | warm p50 / p95 | warm item step p50 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    steps_of = {}
    for (text, label), value in lines_of.items():
        if label == "read":
            continue
        count, (cold, _), (warm, steps) = value
        whole, step = percentile(warm, 0.5), percentile(steps, 0.5)
        steps_of.setdefault(text, []).append((count, step, whole))
        lines.append(
            f"| {text} | {label} | {count:,} | {percentile(cold, 0.5) * 1000:.0f} / "
            f"{percentile(cold, 0.95) * 1000:.0f} ms | {whole * 1000:.0f} / "
            f"{percentile(warm, 0.95) * 1000:.0f} ms | {step * 1000:.1f} ms |"
        )
    lines.append("")
    for text, ((small, small_step, small_whole), (large, large_step, _)) in steps_of.items():
        per_item = (large_step - small_step) / max(large - small, 1)
        projected = small_whole + per_item * (SITE_DOCUMENTS - small)
        lines.append(
            f"- Projected, {text} bodies: {per_item * 1e6:.1f} µs per further item (warm), so an "
            f"agency of {SITE_DOCUMENTS:,} documents ≈ {projected * 1000:,.0f} ms a visit."
        )
    lines.append("")
    for text in ("generated", "real"):
        read = lines_of[(text, "read")]
        lines.append(
            f"- Ceiling, {text} bodies: the county's items read alone (bare SQL, rows fetched) "
            f"{percentile(read, 0.5) * 1000:.0f} / {percentile(read, 0.95) * 1000:.0f} ms."
        )
    heading = "## self-check per item of real text (postgresql"
    write_results(heading + (f", {args.heading})" if args.heading else ")"), lines)


if __name__ == "__main__":
    main()
