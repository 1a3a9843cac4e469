"""What every benchmark shares: a throwaway Django set-up, percentiles, the results file."""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup(database: str | None, folder: str) -> None:
    """Django on `database` (emptied first) or a fresh SQLite file in `folder`."""
    os.environ["GONGKAI_VAR_DIR"] = folder
    os.environ["DATABASE_URL"] = database or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ["GONGKAI_DEMO"] = "1"
    os.environ["ALLOWED_HOSTS"] = "testserver"  # the in-process test client's host name
    import django

    django.setup()
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0) if database else None
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the production storage
    as_deployed()


def as_deployed() -> None:
    """The process as gunicorn runs it: gongkai.wsgi loaded (it freezes what start-up made
    out of the garbage collector's way), so in-process timings include what it does."""
    import gongkai.wsgi  # noqa: F401


def publications_timed(today) -> tuple[int, float]:
    """`gongkai time-publications` as its nightly cron line runs it (docs/operations.md), so
    the 工作台 reads late items as a deployed site does: (items timed, seconds). A database
    an earlier run timed costs nothing; after timing, PostgreSQL's visibility map is set
    again (VACUUM, as autovacuum would) so the index read stays index-only."""
    from django.db import connection

    from gongkai.catalogue.timing import time_publications

    began = time.perf_counter()
    count = time_publications(today, say=lambda line: print(line, file=sys.stderr))
    if count and connection.vendor == "postgresql":
        connection.cursor().execute("VACUUM ANALYZE catalogue_item")
    return count, time.perf_counter() - began


def timed(function, runs: int) -> list[float]:
    """Seconds of each of `runs` calls; the call is given its index (to vary its input)."""
    samples = []
    for n in range(runs):
        start = time.perf_counter()
        function(n)
        samples.append(time.perf_counter() - start)
    return samples


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_results(heading: str, lines: list[str]) -> None:
    """Replace the section under `heading` in RESULTS.md (or append it) and print it."""
    results = ROOT / "bench" / "RESULTS.md"
    existing = results.read_text() if results.exists() else "# Benchmark results\n\n"
    start = existing.find(heading)
    if start >= 0:
        end = existing.find("\n## ", start + 1)
        existing = existing[:start] + existing[end + 1 if end >= 0 else len(existing) :]
    results.write_text(existing.rstrip() + "\n\n" + "\n".join([heading, "", *lines]) + "\n")
    print("\n".join([heading, "", *lines]))
