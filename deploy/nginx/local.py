"""deploy/nginx/gongkai.conf run as it is, by an unprivileged nginx in a temporary folder:
the one way bench/web.py and tests/security/test_deployed.py put it in front of gunicorn.

Only the machine-specific lines change (the cache folder, the upstream, the listening address,
the static folder); each is checked to be in the file, so a change to the file cannot
silently bypass the benchmark or the tests.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "gongkai.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # sbin: not on an ordinary user's PATH


def installed() -> bool:
    return Path(NGINX).exists()


def nginx_config(
    folder: Path, *, listen: str, upstream: str, static_root: str, workers: int, extra: str = ""
) -> Path:
    """Write nginx.conf into `folder` around the repository's site file: listening on
    `listen` (host:port), passing to `upstream` ("unix:/path" or "127.0.0.1:port"), with any
    `extra` http-level blocks. Returns the path of nginx.conf."""
    site = SITE.read_text()
    for old, new in (
        ("/var/cache/nginx/gongkai", str(folder / "cache")),
        ("server unix:/run/gongkai/gunicorn.sock", f"server {upstream}"),
        ("listen 80;", f"listen {listen};"),
        ("listen [::]:80;", ""),
        ("/srv/gongkai/var/static/", f"{static_root}/"),
        ("/var/log/nginx/gongkai-access.log", str(folder / "access.log")),
    ):
        assert old in site, f"deploy/nginx/gongkai.conf 中找不到 {old}"
        site = site.replace(old, new)
    (folder / "gongkai.conf").write_text(site)
    temp = folder / "temp"
    (folder / "cache").mkdir(mode=0o777)
    temp.mkdir(mode=0o777)
    main = f"""
worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{extra}
    include {folder}/gongkai.conf;
}}
"""
    path = folder / "nginx.conf"
    path.write_text(main)
    return path


def start(config: Path) -> None:
    """Check the configuration, then start nginx (it daemonises; stop() ends it)."""
    subprocess.run([NGINX, "-c", str(config), "-t", "-q"], check=True)
    subprocess.run([NGINX, "-c", str(config)], check=True)


def stop(folder: Path) -> None:
    pid_file = folder / "nginx.pid"
    if pid_file.exists():
        os.kill(int(pid_file.read_text()), signal.SIGQUIT)
