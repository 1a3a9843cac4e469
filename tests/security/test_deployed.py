"""The protections as deployed: deploy/nginx/gongkai.conf in front of gunicorn on a unix
socket (docs/deploy.md), visitors arriving from different loopback addresses (127.0.0.2,
127.0.0.3 …) as different people do. Behind the socket gunicorn sees no address at all, so
everything here depends on TRUSTED_PROXIES=unix and the header nginx sets.

Figures from a run are in bench/RESULTS.md ("protections behind nginx")."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from deploy.nginx import local as local_nginx
from gongkai.applications.models import ApplicantType, DeliveryWay, IdType, ProvisionForm
from gongkai.core.demo import DEMO_PASSWORD, TOWNSHIP
from tests.test_env import run_gongkai

pytestmark = pytest.mark.deployed
GUNICORN = shutil.which("gunicorn", path=os.path.dirname(sys.executable))
APPLY = f"/agency/{TOWNSHIP['index_prefix']}/apply/"
LOGIN = "/office/login/"
LOOKUP = "/status/"
WRONG_CODE = {"tracking_number": "2024-9-99999", "query_code": "WRONGCODE"}
# wrong codes are counted per address and per tracking number: another visitor asks about
# another application
OTHER_WRONG_CODE = {**WRONG_CODE, "tracking_number": "2024-9-99998"}
FORGED_WRONG_CODE = {**WRONG_CODE, "tracking_number": "2024-9-99997"}
# the limits in force (settings defaults): 5 wrong passwords, 10 applications, 10 wrong codes
PASSWORDS, APPLICATIONS, CODES = 5, 10, 10
COMMENTS = 10  # per visitor per hour (gongkai/portal/policies.py)
# how long nginx keeps a public page here: short, so a test can wait past it
PAGE_SECONDS = 3
FOLDERS: dict[int, Path] = {}  # the site's folder by its port, for commands run beside it


@pytest.fixture(scope="module")
def site():
    """nginx on 127.0.0.1:<port> → gunicorn (4 workers) on a unix socket, demo data."""
    if not (local_nginx.installed() and GUNICORN):
        pytest.skip("部署测试组：已跳过——未安装 nginx（apt-get install nginx-light）或 gunicorn")
    folder = Path(tempfile.mkdtemp(prefix="gongkai-deployed-"))
    folder.chmod(0o755)  # nginx's workers (nobody, when started as root) reach the socket
    for command in (("demo", "--no-serve"), ("collectstatic", "--no-input")):
        prepared = run_gongkai(folder, *command, GONGKAI_DEMO="1")
        assert prepared.returncode == 0, prepared.stderr
    socket_path = folder / "gunicorn.sock"
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        GONGKAI_VAR_DIR=str(folder),
        GONGKAI_DEMO="1",
        TRUSTED_PROXIES="unix",
        PUBLIC_PAGE_SECONDS=str(PAGE_SECONDS),
    )
    log = (folder / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(
        [GUNICORN, "gongkai.wsgi:application", f"--bind=unix:{socket_path}", "--workers=4",
         "--log-level=warning"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    port = _free_port()
    config = local_nginx.nginx_config(
        folder, listen=f"127.0.0.1:{port}", upstream=f"unix:{socket_path}",
        static_root=str(folder / "static"), workers=1,
    )  # fmt: skip
    try:
        _wait_for(socket_path, gunicorn, folder)
        local_nginx.start(config)
        FOLDERS[port] = folder
        yield port
    finally:
        local_nginx.stop(folder)
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(socket_path: Path, gunicorn: subprocess.Popen, folder: Path) -> None:
    deadline = time.monotonic() + 60
    while not socket_path.exists():
        if gunicorn.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"gunicorn 未启动：{(folder / 'gunicorn.log').read_text()}")
        time.sleep(0.2)


class Visitor:
    """A browser at one loopback address: its own cookies, CSRF token and connection."""

    def __init__(self, port: int, address: str):
        self.port, self.address, self.cookies = port, address, {}

    def request(self, method: str, path: str, form: dict | None = None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.address, 0)
        )
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, text

    def post(self, path: str, form: dict, headers=None):
        """Open the form first (as a browser does), then send it with its CSRF token."""
        _, page = self.request("GET", path, headers=headers)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {**form, "csrfmiddlewaretoken": token}, headers)


def application(n: int = 0) -> dict:
    return {
        "applicant_type": ApplicantType.NATURAL,
        "applicant_name": "陈一鸣（测试）",
        "id_type": IdType.RESIDENT_ID,
        "id_number": "11010519491231002X",
        "phone": "13800000000",
        "email": "applicant@example.cn",
        "information_title": f"2024年青石镇低保资金发放明细 {n}",
        "provision_form": ProvisionForm.ELECTRONIC,
        "delivery_way": DeliveryWay.EMAIL,
    }


def test_wrong_passwords_from_one_address_do_not_lock_the_clerk_out_elsewhere(site):
    attacker = Visitor(site, "127.0.0.2")
    tries = [
        attacker.post(LOGIN, {"username": "jingban", "password": "guess"})[0] for _ in range(5)
    ]
    assert tries == [200] * (PASSWORDS - 1) + [429]
    status, page = attacker.post(LOGIN, {"username": "jingban", "password": DEMO_PASSWORD})
    assert status == 429 and "登录已暂停 30 分钟" in page  # locked there, even the right one
    clerk = Visitor(site, "127.0.0.3")
    status, _ = clerk.post(LOGIN, {"username": "jingban", "password": DEMO_PASSWORD})
    assert status == 302  # the clerk at the office logs in


def test_thirty_wrong_passwords_from_one_address_lock_that_account_there(site):
    attacker = Visitor(site, "127.0.0.4")
    statuses = [
        attacker.post(LOGIN, {"username": "shenhe", "password": f"guess-{n}"})[0] for n in range(30)
    ]
    assert statuses.count(200) == PASSWORDS - 1 and statuses.count(429) == 30 - (PASSWORDS - 1)
    assert attacker.post(LOGIN, {"username": "shenhe", "password": DEMO_PASSWORD})[0] == 429


def test_one_visitors_applications_do_not_block_another_and_the_blocked_one_reads_why(site):
    busy = Visitor(site, "127.0.0.5")
    statuses = [busy.post(APPLY, application(n))[0] for n in range(APPLICATIONS)]
    assert statuses == [302] * APPLICATIONS
    status, page = busy.post(APPLY, application(99))
    assert status == 429
    assert "本机提交申请过于频繁，请一小时后再提交" in page and "低保资金发放明细 99" in page
    assert Visitor(site, "127.0.0.6").post(APPLY, application(100))[0] == 302


def test_one_visitors_wrong_codes_do_not_block_another_nor_the_status_page(site):
    guesser = Visitor(site, "127.0.0.7")
    statuses = [guesser.post(LOOKUP, WRONG_CODE)[0] for _ in range(CODES)]
    assert statuses == [200] * CODES
    status, page = guesser.post(LOOKUP, WRONG_CODE)
    assert status == 429 and "查询失败次数过多，请一小时后再试" in page
    status, page = guesser.request("GET", LOOKUP)
    assert status == 429 and "查询失败次数过多" in page  # not a 500
    status, page = Visitor(site, "127.0.0.8").post(LOOKUP, OTHER_WRONG_CODE)
    assert status == 200 and "申请编号或查询码不正确" in page


def test_a_forged_address_header_from_outside_is_ignored(site):
    """A guesser who claims to be someone else in X-Forwarded-For / X-Real-IP is counted at
    its own address: it cannot escape its limit nor spend someone else's."""
    guesser = Visitor(site, "127.0.0.9")
    for n in range(CODES):
        forged = {"X-Forwarded-For": f"198.51.100.{n}", "X-Real-IP": f"198.51.100.{n}"}
        assert guesser.post(LOOKUP, FORGED_WRONG_CODE, headers=forged)[0] == 200
    forged = {"X-Forwarded-For": "127.0.0.10", "X-Real-IP": "127.0.0.10"}
    assert guesser.post(LOOKUP, FORGED_WRONG_CODE, headers=forged)[0] == 429
    assert Visitor(site, "127.0.0.10").post(LOOKUP, OTHER_WRONG_CODE)[0] == 200


def test_simultaneous_submissions_from_one_address_never_exceed_the_limit(site):
    visitors = [Visitor(site, "127.0.0.11") for _ in range(2 * APPLICATIONS)]
    tokens = []
    for visitor in visitors:
        _, page = visitor.request("GET", APPLY)
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    start = threading.Barrier(len(visitors))
    statuses = []

    def submit(visitor, token, n):
        start.wait()
        form = {**application(n), "csrfmiddlewaretoken": token}
        statuses.append(visitor.request("POST", APPLY, form)[0])

    threads = [
        threading.Thread(target=submit, args=(v, t, n))
        for n, (v, t) in enumerate(zip(visitors, tokens, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302] * APPLICATIONS + [429] * APPLICATIONS


def _open_consultation(visitor: Visitor) -> str:
    """The demo county's consultation open for comment now (gongkai/policies/demo.py)."""
    from gongkai.core.demo import COUNTY

    _, page = visitor.request("GET", f"/agency/{COUNTY['index_prefix']}/consultations/")
    for url in re.findall(r'href="(/consultation/\d+/)"', page):
        if "csrfmiddlewaretoken" in visitor.request("GET", url)[1]:
            return url
    pytest.fail("演示数据中没有正在征集意见的草案")


def comment(n: int) -> dict:
    return {"name": "", "contact": "13900000000", "text": f"建议明确遛犬时段（第{n}条）"}


def test_one_visitors_comments_do_not_close_the_consultation_for_another(site):
    """Issue 24: the comment form once keyed its count on REMOTE_ADDR, which is empty on the
    socket — ten comments from anyone closed it for everyone for an hour."""
    busy = Visitor(site, "127.0.0.20")
    url = _open_consultation(busy)
    statuses = [busy.post(url, comment(n))[0] for n in range(COMMENTS)]
    assert statuses == [302] * COMMENTS
    status, page = busy.post(url, comment(99))
    assert status == 429
    assert "本机提交意见过于频繁，请一小时后再提交" in page and "（第99条）" in page
    assert Visitor(site, "127.0.0.21").post(url, comment(100))[0] == 302


def test_simultaneous_comments_from_one_address_never_exceed_the_limit(site):
    """Counted before the comment is stored: thirty parallel posts store ten, not thirteen."""
    url = _open_consultation(Visitor(site, "127.0.0.22"))
    visitors = [Visitor(site, "127.0.0.22") for _ in range(3 * COMMENTS)]
    tokens = []
    for visitor in visitors:
        _, page = visitor.request("GET", url)
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    start = threading.Barrier(len(visitors))
    statuses = []

    def submit(visitor, token, n):
        start.wait()
        statuses.append(
            visitor.request("POST", url, {**comment(n), "csrfmiddlewaretoken": token})[0]
        )

    threads = [
        threading.Thread(target=submit, args=(v, t, n))
        for n, (v, t) in enumerate(zip(visitors, tokens, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302] * COMMENTS + [429] * (2 * COMMENTS)


def test_a_withdrawn_item_is_not_served_from_the_cache_past_the_page_window(site):
    """Issue 24: with proxy_cache_use_stale updating + background updates nginx answered the
    first visitor after the window with the old copy; a page that now answers 404 (which is
    never stored) kept its old copy for every visitor until the cache dropped it."""
    reader = Visitor(site, "127.0.0.23")
    _, listing = reader.request("GET", f"/agency/{TOWNSHIP['index_prefix']}/items/")
    path = re.findall(r'href="(/item/\d+/)"', listing)[0]
    pk = int(path.strip("/").split("/")[-1])
    first = _get(site, path)
    assert first[0] == 200 and "撤回，正文和附件不再公开" not in first[2]
    assert _get(site, path)[1] == "HIT"  # kept by nginx
    withdrawn = run_gongkai(
        FOLDERS[site],
        "shell",
        "-c",
        "from django.utils import timezone; "
        "from gongkai.catalogue import transitions as t; "
        "from gongkai.catalogue.models import Item; "
        "from gongkai.core.models import User; "
        f"t.withdraw(Item.objects.get(pk={pk}), by=User.objects.get(username='shenhe'), "
        "on=timezone.localdate(), reason='含个人信息')",
        GONGKAI_DEMO="1",
    )
    assert withdrawn.returncode == 0, withdrawn.stderr
    time.sleep(PAGE_SECONDS + 1)
    for _ in range(3):  # the first visitor after the window, and the ones after
        status, cache, page = _get(site, path)
        assert status == 200 and cache not in ("STALE", "UPDATING"), cache
        assert "撤回，正文和附件不再公开" in page


def _get(port: int, path: str) -> tuple[int, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    page = response.read().decode()
    connection.close()
    return response.status, response.getheader("X-Cache", ""), page
