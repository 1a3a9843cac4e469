"""Benchmark: peak memory of the commands that work through a province's data — generating
it, importing a catalogue, rolling a province up — each at two input sizes, so that memory
that grows with the input shows. (check-report's is in check_report.py.)

    .venv/bin/python bench/memory.py [--database URL] [--small N] [--large N]

Each command runs in its own process; its peak resident set is the kernel's (wait4's
ru_maxrss). Target (issue 8): the peak does not grow with the input.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, machine, write_results

GONGKAI = str(Path(sys.executable).with_name("gongkai"))


def peak(command: list[str], env: dict) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of `command`, which must succeed."""
    begin = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - begin
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} 失败：{process.stderr.read().decode()[-2000:]}")
    return usage.ru_maxrss / 1024, seconds


def catalogue_csv(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["名称", "分类", "发布日期", "正文"])
    for n in range(rows):
        writer.writerow(
            [
                f"导入测试信息{n}",
                "社会救助",
                f"2024-{n % 12 + 1:02d}-15",
                "<p>" + "正文" * 100 + "</p>",
            ]
        )
    return out.getvalue().encode()


IMPORT = """
import sys
from gongkai.catalogue.importer import import_catalogue
from gongkai.core.models import Agency, Membership, Role, User
agency = Agency.objects.filter(level="township").order_by("pk")[int(sys.argv[2])]
clerk, _ = User.objects.get_or_create(username=f"import{agency.pk}")
Membership.objects.get_or_create(user=clerk, agency=agency, role=Role.CLERK)
import_catalogue(agency, open(sys.argv[1], "rb").read(), "目录.csv", by=clerk)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", help="a PostgreSQL URL, emptied first (default: SQLite)")
    parser.add_argument("--small", type=int, default=100_000, help="applications, small run")
    parser.add_argument("--large", type=int, default=500_000, help="applications, large run")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DEMO"}
        for size in (args.small, args.large):
            run = Path(folder) / str(size)
            run.mkdir()
            env.update(
                GONGKAI_VAR_DIR=str(run),
                DATABASE_URL=args.database or f"sqlite:///{run}/bench.sqlite3",
            )
            if args.database:
                subprocess.run([GONGKAI, "flush", "--no-input"], env=env, check=True)
            subprocess.run([GONGKAI, "migrate", "-v0"], env=env, check=True)
            generate = [GONGKAI, "generate", "--agencies", "1000", "--items", str(size // 2),
                        "--applications", str(size), "--quiet"]  # fmt: skip
            rows.append(
                (
                    "gongkai generate",
                    f"{size // 2:,} items + {size:,} applications",
                    *peak(generate, env),
                )
            )
            prefix = subprocess.run(
                [GONGKAI, "shell", "-c", "from gongkai.core.models import Agency; "
                 "print(Agency.objects.get(level='province_gov').index_prefix)"],
                env=env, capture_output=True, text=True, check=True,
            ).stdout.split()[-1]  # fmt: skip
            rollup = [GONGKAI, "report", "rollup", "--agency", prefix, "--year", "2025", "--tree",
                      "-o", str(run / "rollup.xlsx")]  # fmt: skip
            rows.append(
                (
                    "gongkai report rollup --tree (1,000 agencies)",
                    f"{size:,} applications",
                    *peak(rollup, env),
                )
            )
        for count, township in ((2_000, 0), (20_000, 1)):
            path = Path(folder) / f"import-{count}.csv"
            path.write_bytes(catalogue_csv(count))
            command = [
                GONGKAI,
                "shell",
                "-c",
                f"import sys; sys.argv = ['', {str(path)!r}, '{township}']\n" + IMPORT,
            ]
            size = f"{count:,} rows ({path.stat().st_size / 1e6:.1f} MB CSV)"
            rows.append(("catalogue import", size, *peak(command, env)))
    vendor = "postgresql" if args.database else "sqlite"
    lines = [
        f"Machine: {machine()}; {vendor}; each command in its own process, peak resident "
        "memory as the kernel counts it.",
        "",
        "| command | input | peak RSS | time |",
        "|---|---|---:|---:|",
        *[
            f"| {name} | {size} | {mb:.0f} MB | {seconds:.1f} s |"
            for name, size, mb, seconds in rows
        ],
    ]
    write_results(
        f"## memory at two input sizes ({'postgresql' if args.database else 'sqlite'})", lines
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
