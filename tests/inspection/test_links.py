"""External links are checked against a local test server only: HEAD first, GET when a
server refuses HEAD, one answer per address a day."""

import hashlib
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from gongkai.inspection.links import ExternalChecker, LinkResult, check_link, links_in_body

pytestmark = pytest.mark.django_db


class Site(BaseHTTPRequestHandler):
    requests: list[tuple[str, str]] = []

    def _answer(self, with_body):
        Site.requests.append((self.command, self.path))
        if self.path == "/gets-only" and self.command == "HEAD":
            self.send_response(405)
        elif self.path in ("/ok", "/gets-only"):
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def site(settings):
    settings.GONGKAI_LINK_CHECK_ALLOW_PRIVATE = True  # the test server is on loopback
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Site.requests = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_links_are_read_from_attributes_and_from_plain_text():
    body = '<p><a href="/item/3/">甲</a> 详见 http://example.cn/a.pdf，<img src="x.png"></p>'
    assert links_in_body(body) == ["/item/3/", "x.png", "http://example.cn/a.pdf"]


def test_markup_shown_as_text_links_nowhere():
    assert links_in_body("<p>示例：&lt;img src=x onerror=alert(1)&gt;</p>") == []


def test_an_external_link_that_answers_404_is_broken_and_asked_once_a_day(
    publish, check, site, settings
):
    settings.GONGKAI_SITE_HOSTS = ["www.qingshi.gov.cn"]
    publish(
        "对外链接",
        date(2026, 11, 20),
        body=(
            f'<p><a href="{site}/ok">好</a><a href="{site}/gone">坏</a>'
            f'<a href="{site}/gets-only">只认GET</a></p>'
        ),
    )
    checker = ExternalChecker(interval=0, timeout=2)
    broken = [
        f
        for f in check(date(2026, 11, 30), external=checker).findings
        if f.indicator == "broken_link"
    ]
    assert [f.context for f in broken] == [f"{site}/gone"]
    assert "HTTP 404" in broken[0].detail
    # the server that refuses HEAD was asked again with GET and counted as working
    assert ("HEAD", "/gets-only") in Site.requests and ("GET", "/gets-only") in Site.requests
    asked = len(Site.requests)
    check(date(2026, 11, 30), external=ExternalChecker(interval=0, timeout=2))
    assert len(Site.requests) == asked  # every answer came from the day's cache


def test_a_server_that_does_not_answer_is_reported_without_stopping_the_check(
    publish, check, settings
):
    settings.GONGKAI_SITE_HOSTS = ["www.qingshi.gov.cn"]
    settings.GONGKAI_LINK_CHECK_ALLOW_PRIVATE = True
    publish("失效网站", date(2026, 11, 20), body='<p><a href="http://127.0.0.1:9/x">旧站</a></p>')
    checker = ExternalChecker(interval=0, timeout=1)
    broken = [
        f
        for f in check(date(2026, 11, 30), external=checker).findings
        if f.indicator == "broken_link"
    ]
    assert len(broken) == 1 and "无法访问" in broken[0].detail


def test_requests_to_one_host_are_spaced_by_the_polite_interval():
    import time

    checker = ExternalChecker(interval=0.2, timeout=1)
    started = time.monotonic()
    for _ in range(3):
        checker._wait_turn("example.cn")
    assert time.monotonic() - started >= 0.4  # the 2nd and 3rd each wait 0.2 s


def test_a_full_address_of_this_site_is_checked_against_the_database(publish, check, settings):
    settings.GONGKAI_SITE_HOSTS = ["www.qingshi.gov.cn"]
    publish(
        "站内全地址",
        date(2026, 11, 20),
        body='<a href="https://www.qingshi.gov.cn/item/999/">x</a>',
    )
    broken = [f for f in check(date(2026, 11, 30)).findings if f.indicator == "broken_link"]
    assert len(broken) == 1 and "链接的信息不存在" in broken[0].detail


def test_a_link_into_the_servers_own_network_is_never_fetched(publish, check, site, settings):
    settings.GONGKAI_SITE_HOSTS = ["www.qingshi.gov.cn"]
    settings.GONGKAI_LINK_CHECK_ALLOW_PRIVATE = False
    publish("内网链接", date(2026, 11, 20), body=f'<p><a href="{site}/ok">内网</a></p>')
    checker = ExternalChecker(interval=0, timeout=1)
    findings = check(date(2026, 11, 30), external=checker).findings
    broken = [f for f in findings if f.indicator == "broken_link"]
    assert len(broken) == 1 and "内部网络地址" in broken[0].detail
    assert Site.requests == []  # nothing was sent


class Redirecting(BaseHTTPRequestHandler):
    """A server that sends its visitor on to wherever ?to= says."""

    def do_HEAD(self):
        target = self.path.split("?to=", 1)[1] if "?to=" in self.path else "/"
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


class Dripping(BaseHTTPRequestHandler):
    """A server that answers one byte every 0.3 s: no single read ever waits long."""

    def do_HEAD(self):
        answer = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"." * 200 + b"\r\n\r\n"
        try:
            for byte in answer:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.3)
        except OSError:
            pass  # the checker hung up: that is the point

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


def _serve(handler, address="127.0.0.1"):
    server = ThreadingHTTPServer((address, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{address}:{server.server_port}"


def test_a_redirect_into_the_servers_own_network_is_not_followed(site, settings):
    """127.0.0.2 stands for a public site (declared reachable); it redirects to 127.0.0.1,
    which is not: the hop is held against the same rule as the first address."""
    settings.GONGKAI_LINK_CHECK_ALLOW_PRIVATE = False
    settings.GONGKAI_LINK_CHECK_ALLOW_NETWORKS = ["127.0.0.2/32"]
    server, public = _serve(Redirecting, "127.0.0.2")
    try:
        checker = ExternalChecker(interval=0, timeout=2)
        assert checker.check(f"{public}/?to=/elsewhere").ok is False  # a loop of its own
        result = checker.check(f"{public}/go?to={site}/ok")
        assert result == LinkResult(False, "链接跳转到内部网络地址，公众无法访问")
        assert Site.requests == []  # the internal server was never asked
        elsewhere = checker.check(f"{public}/js?to=javascript:alert(1)")
        assert elsewhere.ok is False
    finally:
        server.shutdown()


def test_a_redirect_to_an_allowed_site_is_followed(site, settings):
    settings.GONGKAI_LINK_CHECK_ALLOW_PRIVATE = False
    settings.GONGKAI_LINK_CHECK_ALLOW_NETWORKS = ["127.0.0.0/8"]
    server, public = _serve(Redirecting, "127.0.0.2")
    try:
        checker = ExternalChecker(interval=0, timeout=2)
        assert checker.check(f"{public}/go?to={site}/ok").ok is True
        assert [path for _, path in Site.requests] == ["/ok"]
    finally:
        server.shutdown()


def test_a_link_with_a_password_in_it_is_a_finding_not_a_crash(publish, check, site, settings):
    """`gongkai selfcheck` stopped with a traceback on http://user:pass@host/ (http.client's
    InvalidURL); the credentials are never sent."""
    from tests.inspection.test_command import run

    settings.GONGKAI_SITE_HOSTS = ["www.qingshi.gov.cn"]
    host = site.removeprefix("http://")
    publish(
        "带口令的链接",
        date(2026, 11, 20),
        body=(
            f'<p><a href="http://admin:secret@{host}/ok">后台</a>'
            f'<a href="http://admin@{host}/ok">后台</a></p>'
        ),
    )
    _, out, err = run("--today", "2026-11-30", "--format", "json")
    assert "Traceback" not in err
    assert out.count("链接中含有用户名或密码") == 2
    assert Site.requests == []
    malformed = check_link("http://[::1/x", ExternalChecker(interval=0, timeout=1))
    assert malformed == LinkResult(False, "链接地址格式不正确")


def test_a_server_that_drips_its_answer_is_given_up_at_the_deadline(settings):
    settings.GONGKAI_LINK_CHECK_ALLOW_PRIVATE = True  # the slow server is on loopback
    server, slow = _serve(Dripping)
    try:
        checker = ExternalChecker(interval=0, timeout=2, deadline=1.5)
        started = time.monotonic()
        result = checker.check(f"{slow}/slow")
        took = time.monotonic() - started
    finally:
        server.shutdown()
    assert result == LinkResult(False, "无法访问（连接失败或超时）")
    # HEAD, then GET: each stopped at its 1.5 s deadline, where the answer would take 60 s
    assert took < 5, took


def _checked_links_cost(check, publish, links: list[str], title: str):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publish(title, date(2026, 11, 20), body="".join(f'<a href="{u}">链接</a>' for u in links))
    check(date(2026, 11, 30))  # what a process reads once (the calendar) is read
    with CaptureQueriesContext(connection) as context:
        result = check(date(2026, 11, 30), external=ExternalChecker(cached_only=True))
    broken = {f.context: f.detail for f in result.findings if f.indicator == "broken_link"}
    return len(context.captured_queries), broken


def test_the_links_of_a_column_are_looked_up_together_not_one_by_one(publish, check):
    """Internal links are resolved against the database, and external ones against the nightly
    run's answers, in one statement each for all of them: a county's columns hold thousands."""
    from django.core.cache import cache

    withdrawn = publish("已撤回的通知", date(2026, 11, 2))
    withdrawn.status = "withdrawn"
    withdrawn.save(update_fields=["status"])
    live = publish("仍公开的通知", date(2026, 11, 3))
    gone = "selfcheck-link:" + hashlib.sha256(b"http://gone.example.cn/a").hexdigest()
    cache.set(gone, (False, "对方网站返回错误（HTTP 404）"))  # what the nightly run learnt
    few, broken = _checked_links_cost(
        check, publish, [f"/item/{withdrawn.pk}/", "http://gone.example.cn/a"], "两个链接"
    )
    assert broken == {
        f"/item/{withdrawn.pk}/": f"正文中的链接 /item/{withdrawn.pk}/ 不可用：链接的信息已撤回。",
        "http://gone.example.cn/a": "正文中的链接 http://gone.example.cn/a 不可用："
        "对方网站返回错误（HTTP 404）。",
    }
    many = [f"/item/{live.pk}/", "/item/999999/", "http://unknown.example.cn/b"]
    many += [f"/item/{withdrawn.pk}/?n={n}" for n in range(6)]
    many += [f"http://gone.example.cn/a?n={n}" for n in range(6)]
    more, broken = _checked_links_cost(check, publish, many, "十五个链接")
    assert more == few
    assert f"/item/{live.pk}/" not in broken and "http://unknown.example.cn/b" not in broken
    assert broken["/item/999999/"].endswith("链接的信息不存在。")
    assert broken[f"/item/{withdrawn.pk}/?n=5"].endswith("链接的信息已撤回。")
    # an address the nightly run has not asked yet is not held against the page
    assert "http://gone.example.cn/a?n=5" not in broken
