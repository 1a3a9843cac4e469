"""Broken links in what an agency publishes (19号 扣分: 链接不可用).

Links inside item bodies (<a href>, <img src>) and web addresses written in attachments'
text. Internal links are resolved against the database — a withdrawn item, a missing
attachment, a page that does not exist — without a request. External links are fetched
with a short timeout at a polite rate (HEAD, then GET when a server refuses HEAD), and each
result is kept a day in the cache, so a nightly run asks each address at most once a day."""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve

from gongkai.catalogue.models import Item, ItemAttachment, ItemStatus
from gongkai.core.models import Agency
from gongkai.inspection.findings import Finding
from gongkai.inspection.live_items import item_urls, scan

TIMEOUT_SECONDS = 5  # for each connect and read
DEADLINE_SECONDS = 15  # for a whole request, however the server drips its answer
CACHE_SECONDS = 24 * 3600
USER_AGENT = "gongkai-selfcheck/1 (+self-check of a government site)"
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'，。；、）)]+")
LINK_ATTRIBUTES = ("href", "src")


@dataclass(frozen=True)
class LinkResult:
    ok: bool
    reason: str  # Chinese, shown to the clerk when not ok


def links_in_body(body: str) -> list[str]:
    """The addresses a reader can follow: links and images of the parsed HTML, then web
    addresses written out in its text (markup shown as text, e.g. "&lt;img src=x&gt;", is
    text and links nowhere)."""
    if "href" not in body and "src" not in body and "http" not in body:
        return []
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(body, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return links_in_text(body)
    found = [
        element.get(name).strip()
        for element in root.iter()
        if isinstance(element.tag, str)
        for name in LINK_ATTRIBUTES
        if element.get(name)
    ]
    found += links_in_text(root.text_content())
    return list(dict.fromkeys(u for u in found if not u.startswith(("#", "mailto:", "tel:"))))


def links_in_text(text: str) -> list[str]:
    return [m.group(0) for m in URL_IN_TEXT.finditer(text)]


def _own_hosts() -> set[str]:
    """The host names this site is reached by (SITE_HOSTS; by default ALLOWED_HOSTS)."""
    hosts = getattr(settings, "GONGKAI_SITE_HOSTS", None) or settings.ALLOWED_HOSTS
    return {h.lower() for h in hosts if h and not h.startswith(".")} - {"*"}


def _resolved(path: str):
    path = path.split("?", 1)[0].split("#", 1)[0] or "/"
    try:
        return resolve(path)
    except Resolver404:
        return None


def check_internal(path: str, known: Known | None = None) -> LinkResult:
    """A path of this site, resolved to what it shows (from `known` when the run read it)."""
    match = _resolved(path)
    if match is None:
        return LinkResult(False, "本站页面不存在")
    if match.url_name == "item":
        if known is not None:
            status = known.statuses.get(int(match.kwargs["pk"]))
        else:
            status = Item.objects.filter(pk=match.kwargs["pk"]).values_list("status", flat=True)
            status = status.first()
        if status is None:
            return LinkResult(False, "链接的信息不存在")
        if status == ItemStatus.WITHDRAWN:
            return LinkResult(False, "链接的信息已撤回")
        if status != ItemStatus.PUBLISHED:
            return LinkResult(False, "链接的信息尚未公开")
    if match.url_name == "attachment":
        pair = (int(match.kwargs["attachment_pk"]), int(match.kwargs["pk"]))
        if known is not None:
            exists = pair in known.attachments
        else:
            exists = ItemAttachment.objects.filter(
                pk=pair[0], item_id=pair[1], item__status=ItemStatus.PUBLISHED
            ).exists()
        if not exists:
            return LinkResult(False, "链接的附件不存在或已不公开")
    return LinkResult(True, "")


class RefusedLink(Exception):
    """An address the checker does not fetch; args[0] says why, in Chinese."""


class PrivateAddress(RefusedLink):
    """The address points into the server's own network: not fetched (SSRF)."""

    def __init__(self, url: str = ""):
        super().__init__("链接指向内部网络地址，公众无法访问", url)


def _allowed_networks() -> tuple:
    """Private networks a deployment declares reachable by the public it serves (a county
    portal on the 政务外网 linking to its neighbours): GONGKAI_LINK_CHECK_ALLOW_NETWORKS."""
    entries = getattr(settings, "GONGKAI_LINK_CHECK_ALLOW_NETWORKS", ()) or ()
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _allowed_address(address: str) -> bool:
    if getattr(settings, "GONGKAI_LINK_CHECK_ALLOW_PRIVATE", False):
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return ip.is_global or any(ip in network for network in _allowed_networks())


def _public(host: str) -> bool:
    """Whether every address `host` resolves to is a public one. The server fetches what
    staff wrote in a page; without this a link could make it probe the internal network."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return True  # unresolvable: the fetch fails and says so
    return all(_allowed_address(info[4][0]) for info in infos)


def refusal(url: str) -> str:
    """The one rule for the first address and for every redirect hop: "" when it may be
    fetched, else why not (Chinese)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 — raises ValueError on a port that is not a number
    except ValueError:
        return "链接地址格式不正确"
    if parts.scheme not in ("http", "https"):
        return "链接跳转到网页以外的地址"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        # never sent: a password written into a page is itself a finding, not a key to use
        return "链接中含有用户名或密码"
    if not parts.hostname:
        return "链接地址格式不正确"
    if not _public(parts.hostname):
        return "链接指向内部网络地址，公众无法访问"
    return ""


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Every hop is held against refusal(), as the first address was."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        reason = refusal(urljoin(req.full_url, newurl))
        if reason:
            if "内部网络" in reason:
                reason = "链接跳转到内部网络地址，公众无法访问"
            raise RefusedLink(reason, newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _connector(sockets: list):
    """socket.create_connection for http.client that connects only to an allowed address —
    the one it checked, so a name that resolves differently a moment later (DNS rebinding)
    gains nothing — and keeps each socket so the deadline can close it."""

    def create_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
        host, port = address
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        if not infos or not all(_allowed_address(info[4][0]) for info in infos):
            raise PrivateAddress(host)
        family, kind, proto, _, target = infos[0]
        sock = socket.socket(family, kind, proto)
        sockets.append(sock)
        if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
            sock.settimeout(timeout)
        sock.connect(target)
        return sock

    return create_connection


def _opener(sockets: list):
    connect = _connector(sockets)

    class HTTP(http.client.HTTPConnection):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._create_connection = connect

    class HTTPS(http.client.HTTPSConnection):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._create_connection = connect

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(HTTP, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(HTTPS, req, context=self._context)

    return urllib.request.build_opener(_CheckedRedirects, HTTPHandler, HTTPSHandler)


class ExternalChecker:
    """Fetches external addresses politely: at most one request per host per `interval`
    seconds, a short timeout for each read, a total deadline for each request (a server that
    drips its answer a byte at a time never trips the read timeout), a day's cache of every
    answer."""

    def __init__(
        self,
        *,
        interval: float | None = None,
        timeout: float = TIMEOUT_SECONDS,
        deadline: float = DEADLINE_SECONDS,
        cached_only: bool = False,
    ):
        self.interval = (
            interval
            if interval is not None
            else float(getattr(settings, "GONGKAI_LINK_CHECK_INTERVAL", 1.0))
        )
        self.timeout = timeout
        self.deadline = deadline
        # an office page answers from what the nightly run learnt, never waiting on a fetch
        self.cached_only = cached_only
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self.requests = 0

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, 0.0) + self.interval
            self._last[host] = max(now, ready)
        if ready > now:
            time.sleep(ready - now)

    def _fetch(self, url: str, method: str) -> int:
        """The answer's status; the request runs in a thread whose sockets are shut when the
        deadline passes, so nothing a server does holds the check longer than that."""
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        self.requests += 1
        sockets: list = []
        outcome: dict = {}

        def fetch():
            try:
                with _opener(sockets).open(request, timeout=self.timeout) as response:
                    outcome["status"] = response.status
            except BaseException as error:  # handed to the caller's thread
                outcome["error"] = error

        worker = threading.Thread(target=fetch, daemon=True)
        worker.start()
        worker.join(self.deadline)
        if worker.is_alive():
            for sock in list(sockets):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with suppress(OSError):
                    sock.close()
            worker.join(1)
            raise TimeoutError(url)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["status"]

    @staticmethod
    def _key(url: str) -> str:
        return "selfcheck-link:" + hashlib.sha256(url.encode()).hexdigest()

    def cached(self, urls) -> dict[str, LinkResult]:
        """The day's answers known for these addresses, in one cache read."""
        keys = {self._key(url): url for url in urls}
        return {keys[key]: LinkResult(*value) for key, value in cache.get_many(keys).items()}

    def check(self, url: str, *, cache_read: bool = True) -> LinkResult:
        """`cache_read=False`: the caller has just looked the address up in the cache."""
        key = self._key(url)
        cached = cache.get(key) if cache_read else None
        if cached is not None:
            return LinkResult(*cached)
        if self.cached_only:
            return LinkResult(True, "")
        result = self._check_uncached(url)
        cache.set(key, (result.ok, result.reason), CACHE_SECONDS)
        return result

    def _check_uncached(self, url: str) -> LinkResult:
        reason = refusal(url)
        if reason:
            return LinkResult(False, reason)
        host = urlsplit(url).hostname or ""
        for method in ("HEAD", "GET"):
            self._wait_turn(host)
            try:
                status = self._fetch(url, method)
            except urllib.error.HTTPError as error:
                if method == "HEAD" and error.code in (400, 403, 405, 501):
                    continue  # some servers refuse HEAD; ask again with GET
                return LinkResult(False, f"对方网站返回错误（HTTP {error.code}）")
            except RefusedLink as refused:
                return LinkResult(False, refused.args[0])
            except urllib.error.URLError as error:
                if isinstance(error.reason, RefusedLink):  # raised while connecting
                    return LinkResult(False, error.reason.args[0])
                return LinkResult(False, "无法访问（连接失败或超时）")
            except (TimeoutError, OSError, ValueError, http.client.HTTPException):
                return LinkResult(False, "无法访问（连接失败或超时）")
            if status < 400:
                return LinkResult(True, "")
        return LinkResult(False, "对方网站拒绝访问")


def _target(url: str) -> tuple[str, str | LinkResult | None]:
    """("internal", path), ("external", url), or ("answer", what check_link answers)."""
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1" and the like: a broken link, not a broken check
        return "answer", LinkResult(False, "链接地址格式不正确")
    if parts.scheme in ("", None) and not parts.netloc:
        return "internal", parts.path if parts.path.startswith("/") else "/" + parts.path
    if parts.scheme not in ("http", "https"):
        return "answer", None
    if (parts.hostname or "").lower() in _own_hosts():
        return "internal", parts.path or "/"
    return "external", url


@dataclass
class Known:
    """What a run's links point at, read in at most three statements for all of them (the
    items' statuses, the attachments that are public, the day's answers of external sites)
    rather than one or two per link: a county's columns hold thousands of links."""

    statuses: dict[int, str]
    attachments: set[tuple[int, int]]
    answers: dict[str, LinkResult]
    asked: set[str]  # external addresses looked up in the cache (answered or not)

    @classmethod
    def read(cls, urls, external: ExternalChecker | None) -> Known:
        items, attachments, outside = set(), set(), set()
        for url in urls:
            kind, target = _target(url)
            if kind == "external":
                outside.add(target)
                continue
            match = _resolved(target) if kind == "internal" else None
            if match is not None and match.url_name == "item":
                items.add(int(match.kwargs["pk"]))
            elif match is not None and match.url_name == "attachment":
                attachments.add((int(match.kwargs["attachment_pk"]), int(match.kwargs["pk"])))
        statuses = (
            dict(Item.objects.filter(pk__in=items).values_list("pk", "status")) if items else {}
        )
        public = set()
        if attachments:
            public = set(
                ItemAttachment.objects.filter(
                    pk__in={pk for pk, _ in attachments}, item__status=ItemStatus.PUBLISHED
                ).values_list("pk", "item_id")
            )
        if external is None or not outside:
            return cls(statuses, public & attachments, {}, set())
        return cls(statuses, public & attachments, external.cached(outside), outside)


def check_link(
    url: str, external: ExternalChecker | None, known: Known | None = None
) -> LinkResult | None:
    """None when the link is not checked (external checking switched off)."""
    kind, target = _target(url)
    if kind == "answer":
        return target
    if kind == "internal":
        return check_internal(target, known)
    if external is None:
        return None
    if known is not None and target in known.asked:
        return known.answers.get(target) or external.check(target, cache_read=False)
    return external.check(target)


class BrokenLinks:
    """Links in published items' bodies (shown by live_items.read) and web addresses in their
    attachments' text (read at the end, one query), each checked once per run."""

    wants = None
    reads_texts = True  # shown the items whose body links somewhere (text_scans.py)

    def __init__(self, agencies: list[Agency], external: ExternalChecker | None):
        self.by_pk = {a.pk: a for a in agencies}
        self.external = external
        self.found: list[tuple[int, int, str, str, str]] = []  # pk, agency, title, where, url

    def see(self, item) -> tuple:
        # the body's links as its text was scanned (text_scans.py: links_in_body, once a text)
        if item.links and item.live:
            self.found.extend((item.pk, item.agency_id, item.title, "正文", u) for u in item.links)
        return ()

    def end(self) -> Iterator[Finding]:
        published = Item.objects.live().filter(agency_id__in=self.by_pk)
        texts = ItemAttachment.objects.filter(
            item__in=published, text__contains="http"
        ).values_list("item_id", "item__agency_id", "item__title", "text", "original_name")
        found = self.found + [
            (pk, agency_id, title, f"附件“{name}”", url)
            for pk, agency_id, title, text, name in texts
            for url in links_in_text(text)
        ]
        known = Known.read([url for *_, url in found], self.external)
        urls = item_urls()
        for pk, agency_id, title, where, url in found:
            result = check_link(url, self.external, known)
            if result is None or result.ok:
                continue
            yield Finding(
                "broken_link",
                agency_id,
                self.by_pk[agency_id].name,
                title,
                f"{where}中的链接 {url} 不可用：{result.reason}。",
                f"{urls}{pk}/",
                context=url,
            )


def broken_links(
    agencies: list[Agency], today: date, calendar, *, external: ExternalChecker | None = None
) -> Iterator[Finding]:
    return scan(agencies, today, [BrokenLinks(agencies, external)])
