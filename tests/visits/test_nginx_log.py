"""deploy/nginx/gongkai.conf's own access log, written by a real nginx, read by the
counter: the log format and the parser cannot drift apart unnoticed."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from deploy.nginx import local as local_nginx
from gongkai.visits.counting import read

pytestmark = pytest.mark.deployed


class Page(BaseHTTPRequestHandler):
    """Stands in for gunicorn: every GET is a small HTML page."""

    def do_GET(self):
        body = b"<!doctype html><title>x</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def get(port, address, path, agent):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(address, 0)
    )
    connection.request("GET", path, headers={"Host": "gk.example.gov.cn", "User-Agent": agent})
    status = connection.getresponse().status
    connection.close()
    return status


def test_the_deployed_log_format_is_what_the_counter_reads():
    if not local_nginx.installed():
        pytest.skip("部署测试组：已跳过——未安装 nginx（apt-get install nginx-light）")
    folder = Path(tempfile.mkdtemp(prefix="gongkai-visits-"))
    folder.chmod(0o755)
    (folder / "static").mkdir()
    (folder / "static" / "site.css").write_text("body{}")
    backend = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = local_nginx.nginx_config(
        folder,
        listen=f"127.0.0.1:{port}",
        upstream=f"127.0.0.1:{backend.server_address[1]}",
        static_root=str(folder / "static"),
        workers=1,
    )
    try:
        local_nginx.start(config)
        firefox, phone = "Mozilla/5.0 Firefox/120.0", "Mozilla/5.0 (iPhone) Safari"
        assert get(port, "127.0.0.2", "/", firefox) == 200
        assert get(port, "127.0.0.2", "/search/?q=a%20b", firefox) == 200
        assert get(port, "127.0.0.3", "/", phone) == 200
        assert get(port, "127.0.0.3", '/search/?q="quoted"', phone) == 200
        assert get(port, "127.0.0.4", "/", "Mozilla/5.0 (compatible; Baiduspider/2.0)") == 200
        assert get(port, "127.0.0.2", "/office/", firefox) == 200
        assert get(port, "127.0.0.2", "/static/site.css", firefox) == 200  # not even logged
    finally:
        # SIGQUIT: nginx writes its buffered log lines out before it ends
        pid_file = folder / "nginx.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text())
            os.kill(pid, signal.SIGQUIT)
            deadline = time.monotonic() + 10
            while pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
        backend.shutdown()
    try:
        tally, pages = read([folder / "access.log"])
        # 4 pages by two visitors; the spider and the office are logged but not pages
        assert (tally.skipped, tally.counted, tally.robots, tally.not_pages) == (0, 4, 1, 1)
        assert {page.host for page in pages} == {"gk.example.gov.cn"}
        assert len(set().union(*(seen.visitors for seen in pages.values()))) == 2
        assert {page.path for page in pages} == {"/", "/search/"}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
