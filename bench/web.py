"""Benchmark: the public item page and a category listing at 64 concurrent connections (wrk,
on loopback), in the production configuration (deploy/nginx/gongkai.conf in front of
gunicorn) and through the application alone (gunicorn), each beside its ceiling measured in
the same run: nginx serving the same page saved as a file, and a bare Django view returning
the same bytes from memory under gunicorn. Also: how soon a newly published item shows
through the cache, and each gunicorn worker's resident memory at province scale.

    .venv/bin/python bench/web.py [--database URL] [--agencies N] [--items N] [--seconds S]

Needs Debian's nginx (nginx-light) and wrk. Targets (issue 8): production ≥ 50% of the
static file's requests/s with p99 < 20 ms; application alone ≥ 50% of the bare view; a new
item visible within 60 s; each worker < 200 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

from common import ROOT, machine, setup, write_results

from deploy.nginx import local as local_nginx

WORKERS = 2
CONNECTIONS = 64


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"服务未在 {seconds} 秒内启动：{url}")


def fetch(url: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), dict(response.headers)


def wrk(url: str, seconds: int) -> tuple[float, float]:
    """(requests/s, p99 ms) of `seconds` of load at CONNECTIONS connections."""
    subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", "-d2s", url], capture_output=True)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    if "Non-2xx" in out or "Socket errors" in out:
        raise SystemExit(f"{url} 在负载下出错：\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    return rate, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def gunicorn(app: str, port: int, env: dict, chdir: Path) -> subprocess.Popen:
    binary = shutil.which("gunicorn", path=os.path.dirname(sys.executable))
    return subprocess.Popen(
        [binary, app, f"--bind=127.0.0.1:{port}", f"--workers={WORKERS}", f"--chdir={chdir}",
         "--log-level=warning"],
        env=env, start_new_session=True,
    )  # fmt: skip


def nginx_config(folder: Path, static_port: int, production_port: int, app_port: int) -> Path:
    """The repository's configuration (deploy/nginx/local.py), in front of the application
    on `app_port`, beside a plain static server of the saved pages on `static_port`."""
    from django.conf import settings

    static = f"""    server {{
        listen 127.0.0.1:{static_port};
        location / {{ root {folder}/pages; default_type "text/html; charset=utf-8"; }}
    }}"""
    return local_nginx.nginx_config(
        folder, listen=f"127.0.0.1:{production_port}", upstream=f"127.0.0.1:{app_port}",
        static_root=str(settings.STATIC_ROOT), workers=WORKERS, extra=static,
    )  # fmt: skip


def pages() -> dict[str, str]:
    """The busiest agency's newest-but-one 工作动态 item, and its 工作动态 listing."""
    from gongkai.catalogue.models import Category, Item
    from gongkai.core.models import Agency

    top = Agency.objects.get(level="province_gov")
    news = Category.objects.get(agency=top, name="工作动态")
    item = (
        Item.objects.filter(agency=top, status="published", category=news)
        .order_by("-published_on", "-pk")
        .values_list("pk", flat=True)[1]
    )
    return {
        "item": f"/item/{item}/",
        "listing": f"/agency/{top.index_prefix}/items/?category={news.pk}",
    }


def publish_new_item() -> str:
    """A clerk drafts, a reviewer approves — the real transitions — and the title returned."""
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.transitions import approve_and_publish, create_draft, submit
    from gongkai.core.models import Agency, Membership, Role, User

    top = Agency.objects.get(level="province_gov")
    clerk = User.objects.create_user("bench_clerk", password=None)
    reviewer = User.objects.create_user("bench_reviewer", password=None)
    Membership.objects.create(user=clerk, agency=top, role=Role.CLERK)
    Membership.objects.create(user=reviewer, agency=top, role=Role.REVIEWER)
    title = f"基准测试新发布信息{time.time_ns()}"
    item = create_draft(
        top, by=clerk, category=Category.objects.get(agency=top, name="工作动态"), title=title,
        body="<p>新发布</p>", formed_on=date.today(),
    )  # fmt: skip
    approve_and_publish(submit(item, by=clerk), by=reviewer, on=date.today())
    return title


def worker_memory(master: subprocess.Popen) -> list[float]:
    """Resident MB of each gunicorn worker (the master's children)."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    # stopped from outside: still stop nginx and the gunicorns (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("已中止"))
    if not (shutil.which("wrk") and local_nginx.installed()):
        raise SystemExit("缺少 nginx 或 wrk：apt-get install nginx-light wrk")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o755)  # nginx's workers (nobody) read the static copy and the cache
        setup(args.database, str(folder))
        from django.core.management import call_command
        from django.db import connection

        call_command(
            "generate", agencies=args.agencies, items=args.items,
            applications=args.applications, seed=1, quiet=True,
        )  # fmt: skip
        # what autovacuum does after a load, so the planner knows the tables' sizes
        connection.cursor().execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
        connection.close()
        urls = pages()
        env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DEMO"}
        env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
        ports = {name: free_port() for name in ("app", "bare", "stack", "static", "production")}
        processes = [gunicorn("gongkai.wsgi:application", ports["app"], env, ROOT)]
        base = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        try:
            wait_for(base["app"] + urls["item"])
            (folder / "pages").mkdir(mode=0o755)
            bodies = {}
            for page, path in urls.items():
                bodies[page], _ = fetch(base["app"] + path)
                (folder / "pages" / f"{page}.html").write_bytes(bodies[page])
                (folder / "pages" / f"{page}.html").chmod(0o644)
            bare_env = {**env, "BARE_PAGE": str(folder / "pages" / "item.html")}
            processes.append(
                gunicorn("bare_django:application", ports["bare"], bare_env, ROOT / "bench")
            )
            stack_env = {**bare_env, "DJANGO_SETTINGS_MODULE": "our_stack"}
            processes.append(
                gunicorn("gongkai.wsgi:application", ports["stack"], stack_env, ROOT / "bench")
            )
            config = nginx_config(folder, ports["static"], ports["production"], ports["app"])
            local_nginx.start(config)
            wait_for(base["bare"] + "/")
            wait_for(base["stack"] + "/")
            wait_for(base["production"] + urls["item"])
            results = measure(args.seconds, base, urls, bodies)
            memory = worker_memory(processes[0])
            visible = visibility(base["production"] + urls["listing"])
        finally:
            local_nginx.stop(folder)
            for process in processes:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait()
        vendor = connection.vendor
    report(args, vendor, results, memory, visible, {k: len(v) for k, v in bodies.items()})


def measure(seconds: int, base: dict, urls: dict, bodies: dict) -> dict:
    results = {}
    for page, path in urls.items():
        served, headers = fetch(base["production"] + path)
        served, headers = fetch(base["production"] + path)
        assert served == bodies[page], f"nginx 缓存的{page}与应用生成的不同"
        assert headers.get("X-Cache") == "HIT", f"{page} 未被缓存：{headers.get('X-Cache')}"
        results[page] = {
            "static": wrk(f"{base['static']}/{page}.html", seconds),
            "production": wrk(base["production"] + path, seconds),
            "app": wrk(base["app"] + path, seconds),
        }
    results["item"]["bare"] = wrk(base["bare"] + "/", seconds)
    results["item"]["stack"] = wrk(base["stack"] + "/", seconds)
    return results


def visibility(listing_url: str) -> float:
    """Seconds from the reviewer's approval until the listing through nginx shows the item,
    in the worst case: the approval comes just after nginx stored a fresh copy."""
    deadline = time.monotonic() + 120
    while fetch(listing_url)[1].get("X-Cache") == "HIT" and time.monotonic() < deadline:
        time.sleep(0.2)  # wait for the copy to expire (STALE, EXPIRED …) and be fetched anew
    while fetch(listing_url)[1].get("X-Cache") != "HIT":
        time.sleep(0.05)
    title = publish_new_item()
    start = time.monotonic()
    while time.monotonic() - start < 120:
        body, _ = fetch(listing_url)
        if title.encode() in body:
            return time.monotonic() - start
        time.sleep(0.25)
    return float("inf")


def report(args, vendor, results, memory, visible, sizes) -> None:
    lines = [
        f"Machine: {machine()}; {vendor}; a generated province of {args.agencies:,} agencies, "
        f"{args.items:,} items and {args.applications:,} applications; wrk with "
        f"{CONNECTIONS} connections on loopback for {args.seconds} s per line; gunicorn "
        f"{WORKERS} sync workers, nginx {WORKERS} workers.",
        "",
        "| page | configuration | req/s | p99 | ceiling (same run) | ratio | target |",
        "|---|---|---:|---:|---|---:|---|",
    ]
    for page, label in (("item", "item page"), ("listing", "category listing")):
        size = f"{sizes[page] / 1024:.1f} KB"
        static_rate, static_p99 = results[page]["static"]
        rate, p99 = results[page]["production"]
        lines.append(
            f"| {label} ({size}) | production: nginx cache → gunicorn | {rate:,.0f} | {p99:.1f} ms "
            f"| nginx static file {static_rate:,.0f} req/s, p99 {static_p99:.1f} ms "
            f"| {rate / static_rate:.0%} | ≥ 50%, p99 < 20 ms |"
        )
        rate, p99 = results[page]["app"]
        if page == "item":
            bare_rate, bare_p99 = results["item"]["bare"]
            ceiling, ratio = (
                f"bare Django view {bare_rate:,.0f} req/s, p99 {bare_p99:.1f} ms",
                rate / bare_rate,
            )
            lines.append(
                f"| {label} ({size}) | application alone: gunicorn | {rate:,.0f} | {p99:.1f} ms "
                f"| {ceiling} | {ratio:.0%} | ≥ 50% |"
            )
            stack_rate, stack_p99 = results["item"]["stack"]
            lines.append(
                f"| (breakdown) the saved item bytes through gongkai's settings and middleware | "
                f"gunicorn | {stack_rate:,.0f} | {stack_p99:.1f} ms | bare Django view "
                f"{bare_rate:,.0f} req/s | {stack_rate / bare_rate:.0%} | — |"
            )
        else:
            lines.append(
                f"| {label} ({size}) | application alone: gunicorn | {rate:,.0f} | {p99:.1f} ms "
                f"| nginx static file {static_rate:,.0f} req/s | {rate / static_rate:.1%} | — |"
            )
    lines += [
        "",
        "A newly published item (clerk drafts, reviewer approves) appeared in the listing "
        f"through nginx {visible:.1f} s after the approval (target: within 60 s; "
        "PUBLIC_PAGE_SECONDS = 30).",
        f"Resident memory of each gunicorn worker after the load: "
        f"{', '.join(f'{mb:.0f} MB' for mb in memory)} (target: < 200 MB).",
    ]
    write_results(f"## web: pages under load ({vendor})", lines)


if __name__ == "__main__":
    main()
