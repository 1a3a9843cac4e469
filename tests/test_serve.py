"""`gongkai demo --no-serve` then `gongkai serve`: the production server (gunicorn +
whitenoise, collected static files, DEBUG off) answering on loopback, as `make demo` runs it."""

import socket
import subprocess
import time
import urllib.request

import pytest

from tests.test_env import GONGKAI, run_gongkai


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    prepared = run_gongkai(tmp_path, "demo", "--no-serve", GONGKAI_DEMO="1")
    assert prepared.returncode == 0, prepared.stderr
    port = free_port()
    env = {"GONGKAI_VAR_DIR": str(tmp_path), "GONGKAI_DEMO": "1", "PATH": "/usr/bin:/bin"}
    log = (tmp_path / "server.log").open("w+")
    server = subprocess.Popen(
        [GONGKAI, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_listening(port, server, log)
        yield base, prepared.stdout
    finally:
        server.terminate()
        server.wait(timeout=15)


def wait_until_listening(port: int, server: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            pytest.fail(f"服务进程已退出：{log.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("服务 30 秒内没有开始监听")


def test_the_demo_prints_its_url_and_logins_and_the_server_shows_the_township(served):
    base, printed = served
    assert "http://127.0.0.1:8000/" in printed
    assert "jingban" in printed and "gongkai-demo" in printed
    html = urllib.request.urlopen(base + "/").read().decode()
    assert "云岭县青石镇人民政府" in html


def test_static_files_are_served_with_hashed_names_and_long_caching(served):
    base, _ = served
    html = urllib.request.urlopen(base + "/").read().decode()
    css_path = html.split('rel="stylesheet" href="')[1].split('"')[0]
    assert css_path.startswith("/static/gongkai/site.") and css_path != "/static/gongkai/site.css"
    response = urllib.request.urlopen(base + css_path)
    assert response.status == 200
    assert "max-age=315360000" in response.headers["Cache-Control"]


def test_serve_refuses_an_unmigrated_database(tmp_path):
    result = run_gongkai(tmp_path, "serve", "--port", str(free_port()))
    assert result.returncode != 0
    assert "gongkai migrate" in result.stderr
