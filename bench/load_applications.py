"""Load test (not run by `make test`): 200 citizens submit the online application form at
once to `gongkai serve` on PostgreSQL, over loopback. Every one must be stored exactly once
with its own tracking number, and no response may be an error.

    .venv/bin/python bench/load_applications.py --database URL [--clients 200]

`--database` empties the PostgreSQL database it is given.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import machine, percentile, write_results

ROOT = Path(__file__).resolve().parents[1]
GONGKAI = str(Path(sys.executable).parent / "gongkai")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def submit(base: str, prefix: str, n: int, results: list, barrier: threading.Barrier) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    url = f"{base}/agency/{prefix}/apply/"
    page = opener.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    form = {
        "csrfmiddlewaretoken": token,
        "applicant_type": "natural",
        "applicant_name": f"负载测试{n:03d}",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13800000000",
        "information_title": f"负载测试信息{n:03d}",
        "provision_form": "paper",
        "delivery_way": "post",
        "address": "云岭县青石镇",
    }
    barrier.wait(timeout=120)
    start = time.perf_counter()
    try:
        opener.open(
            urllib.request.Request(url, data=urllib.parse.urlencode(form).encode()), timeout=120
        )
        status, location = 200, ""  # a 200 is the form coming back with an error
    except urllib.error.HTTPError as response:
        status, location = response.code, response.headers.get("Location", "")
    results.append((status, location, time.perf_counter() - start))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, help="a PostgreSQL URL (it is emptied)")
    parser.add_argument("--clients", type=int, default=200)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as var:
        env = {
            **os.environ,
            "DATABASE_URL": args.database,
            "GONGKAI_VAR_DIR": var,
            "GONGKAI_DEMO": "1",
            "APPLICATIONS_PER_HOUR": str(args.clients * 10),  # one address plays 200 citizens
        }
        subprocess.run([GONGKAI, "migrate", "-v0"], env=env, check=True)
        subprocess.run([GONGKAI, "flush", "--no-input"], env=env, check=True)
        subprocess.run(
            [GONGKAI, "shell", "-c", "from gongkai.core.demo import load_demo; load_demo()"],
            env=env,
            check=True,
        )
        server = subprocess.Popen(
            [GONGKAI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "4"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            results: list = []
            barrier = threading.Barrier(args.clients)
            threads = [
                threading.Thread(target=submit, args=(base, "012345671", n, results, barrier))
                for n in range(args.clients)
            ]
            begin = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - begin
        finally:
            server.terminate()
            server.wait(timeout=30)
        check = subprocess.run(
            [
                GONGKAI,
                "shell",
                "-c",
                "from gongkai.applications.models import Application as A;"
                "q = A.objects.filter(applicant_name__startswith='负载测试');"
                "print(q.count(), q.values('tracking_number').distinct().count(),"
                " q.values('applicant_name').distinct().count())",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    stored, numbers, names = map(int, check.stdout.strip().splitlines()[-1].split())
    redirected = sum(
        1 for status, location, _ in results if status == 302 and "/applied/" in location
    )
    errors = [status for status, _, _ in results if status != 302]
    latencies = [t for _, _, t in results]
    lines = [
        f"Machine: {machine()}; `gongkai serve` with 4 gunicorn workers on loopback, "
        f"{args.clients} clients submitting at the same moment.",
        "",
        "| measurement | result |",
        "|---|---:|",
        f"| submissions answered with the receipt page | {redirected} of {args.clients} |",
        f"| error responses | {len(errors)} |",
        f"| applications stored / distinct tracking numbers / distinct applicants | "
        f"{stored} / {numbers} / {names} |",
        f"| all {args.clients} done in | {elapsed:.1f} s |",
        f"| submission latency p50 / p95 | {percentile(latencies, 0.5) * 1000:.0f} / "
        f"{percentile(latencies, 0.95) * 1000:.0f} ms |",
    ]
    write_results("## load: concurrent online applications (postgresql)", lines)
    ok = redirected == stored == numbers == names == args.clients and not errors
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
