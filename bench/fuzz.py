"""Long fuzz run (not part of `make test`, which runs 150 examples of each): the report
checker, the catalogue import and the public application form, each fed random and mutated
input by hypothesis — at least 100,000 examples in all. Any unexpected exception or 500
stops the run with the falsifying example.

    .venv/bin/python bench/fuzz.py [--examples N]   (per target; default 34,000)
"""

from __future__ import annotations

import argparse
import tempfile
import time

from common import machine, setup, write_results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=34_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(None, folder)
        from django.conf import settings as django_settings
        from django.test import Client
        from hypothesis import HealthCheck, given, settings
        from hypothesis import strategies as st

        from gongkai.core.demo import load_demo
        from gongkai.core.models import User
        from tests.security import fuzz_targets as targets

        django_settings.APPLICATIONS_PER_HOUR = 10**9
        township = load_demo()
        clerk = User.objects.get(username="jingban")
        client = Client()
        run = settings(
            max_examples=args.examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        counts = {}

        @run
        @given(kind=st.sampled_from(["html", "text"]), body=targets.text)
        def checker(kind, body):
            counts["checker"] = counts.get("checker", 0) + 1
            targets.check_report_text(kind, body)

        @run
        @given(data=targets.raw_bytes)
        def catalogue_import(data):
            counts["import"] = counts.get("import", 0) + 1
            targets.import_bytes(township, clerk, data)

        statuses: dict[int, int] = {}

        @run
        @given(data=targets.form_data)
        def application_form(data):
            counts["form"] = counts.get("form", 0) + 1
            status = targets.post_application(client, township.index_prefix, data)
            statuses[status] = statuses.get(status, 0) + 1

        timings = {}
        for name, target in (
            ("checker", checker),
            ("import", catalogue_import),
            ("form", application_form),
        ):
            begin = time.perf_counter()
            target()
            timings[name] = time.perf_counter() - begin
    total = sum(counts.values())
    lines = [
        f"Machine: {machine()}; hypothesis, {args.examples:,} examples asked per target.",
        "",
        "| target | examples run | time | outcome |",
        "|---|---:|---:|---|",
        f"| published-report checker (HTML and text) | {counts.get('checker', 0):,} | "
        f"{timings['checker']:.0f} s | no exception |",
        f"| catalogue import (random, mutated CSV/XLSX bytes) | {counts.get('import', 0):,} | "
        f"{timings['import']:.0f} s | refused in Chinese or imported; no exception |",
        f"| public application form (random field values) | {counts.get('form', 0):,} | "
        f"{timings['form']:.0f} s | responses "
        + ", ".join(f"{code}: {n:,}" for code, n in sorted(statuses.items()))
        + "; no 500 |",
        "",
        f"{total:,} examples in all.",
    ]
    write_results("## fuzzing", lines)


if __name__ == "__main__":
    main()
