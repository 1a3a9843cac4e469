"""Benchmark: `gongkai selfcheck` over a generated province — 1,000 agencies and 200,000
items, a share of whose bodies link to pages of this site and to other sites (a local stub
server answers for those) — beside the time its database queries take alone, measured in
the same run by wrapping every query.

    .venv/bin/python bench/selfcheck.py [--agencies N] [--items N] [--database URL]

Target (issue 19): the whole check under 10 minutes on this machine.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from common import machine, setup, write_results

LINKED_SHARE = 50  # one item in fifty links out
TODAY = date(2026, 11, 27)


class Stub(BaseHTTPRequestHandler):
    def _answer(self):
        self.send_response(404 if self.path.endswith("7") else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


class QueryClock:
    """Adds up the wall time spent inside database calls (a Django execute wrapper)."""

    def __init__(self):
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def add_links(port: int) -> int:
    from gongkai.catalogue.models import Item

    rng = random.Random(19)
    ids = list(Item.objects.values_list("pk", flat=True))
    chosen = ids[::LINKED_SHARE]
    for batch_start in range(0, len(chosen), 2000):
        batch = list(Item.objects.filter(pk__in=chosen[batch_start : batch_start + 2000]))
        for item in batch:
            target = rng.choice(ids)
            item.body += (
                f'<p>相关：<a href="/item/{target}/">链接</a> '
                f'<a href="http://127.0.0.1:{port}/doc/{rng.randrange(500)}">附件</a></p>'
            )
        Item.objects.bulk_update(batch, ["body"])
    return len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as folder:
        setup(args.database, folder)
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        from gongkai.core.calendar import current_calendar
        from gongkai.core.models import Agency
        from gongkai.inspection.links import ExternalChecker
        from gongkai.inspection.selfcheck import agencies_under, run

        begin = time.perf_counter()
        call_command(
            "generate", agencies=args.agencies, items=args.items,
            applications=args.applications, seed=1, quiet=True, as_of=TODAY.isoformat(),
        )  # fmt: skip
        linked = add_links(server.server_port)
        filled = time.perf_counter() - begin
        connection.cursor().execute("ANALYZE")
        province = Agency.objects.get(level="province_gov")
        agencies = agencies_under(province.index_prefix, tree=True)
        settings.GONGKAI_LINK_CHECK_ALLOW_PRIVATE = True  # the stub server is on loopback
        clock = QueryClock()
        checker = ExternalChecker(interval=0, timeout=2)
        started = time.perf_counter()
        with connection.execute_wrapper(clock):
            result = run(agencies, today=TODAY, calendar=current_calendar(), external=checker)
        total = time.perf_counter() - started
        vendor = connection.vendor
    server.shutdown()
    per_step = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result.seconds.items())
    lines = [
        f"Machine: {machine()}; `gongkai generate` (seed 1): {args.agencies:,} agencies, "
        f"{args.items:,} items ({linked:,} of them linking to an internal page and to a "
        f"local stub server), {args.applications:,} applications; loaded in {filled:.0f} s.",
        "",
        "| measurement | result | ceiling (same run) | share | target |",
        "|---|---:|---:|---:|---|",
        f"| whole self-check, {len(agencies):,} agencies, {len(result.findings):,} findings, "
        f"{checker.requests:,} external requests | {total:.1f} s | database queries alone "
        f"({clock.queries:,} queries) {clock.seconds:.1f} s | {clock.seconds / total:.0%} "
        "| < 600 s |",
        "",
        f"Time by check: {per_step}.",
    ]
    write_results(f"## selfcheck ({vendor})", lines)


if __name__ == "__main__":
    main()
