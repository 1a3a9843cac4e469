"""Page views and unique visitors from nginx's access log, without a tracker.

A line is written by the `gongkai_visits` log format in deploy/nginx/gongkai.conf:

    $remote_addr [$time_iso8601] "$host" "$request" $status "$http_user_agent"

What counts as a page view (docs/operations.md says the same):
- a GET answered 200 (not HEAD, not POST, not 304 or a redirect, not an error);
- an HTML page of the public site: not /static/, /media/, /office/, /admin/, /api/, not a
  file name with an extension (robots.txt, sitemap.xml, favicon.ico), not a feed, download,
  spreadsheet, attachment or letter address;
- not a robot: a user agent that is empty or contains bot, spider, crawl, slurp, curl, wget,
  python, http-client or headless (case-insensitive).

A visitor is HMAC-SHA256(the day's salt, address + agent). The salt is random, made for each
day when the run meets it, held only in this process's memory and never written anywhere, so
the counts cannot be linked back to an address, nor one day's visitor to the next day's.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import re
import secrets
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from gongkai.visits.models import DailyVisits

_QUOTED = r'"((?:[^"\\]|\\.)*)"'
LINE = re.compile(
    r"^(\S+) \[([^\]]+)\] " + _QUOTED + " " + _QUOTED + r" (\d{3}) " + _QUOTED + r"\s*$"
)
ROBOT = re.compile(r"bot|spider|crawl|slurp|curl|wget|python|http-client|headless", re.I)
NOT_PAGES = ("/static/", "/media/", "/office/", "/admin/", "/api/")
# public addresses that answer with something other than an HTML page (portal/urls.py)
NOT_HTML = re.compile(
    r"^/agency/[^/]+/(feed|policies/feed|policies/xlsx|reports/\d+/download/[^/]+)/$"
    r"|^/item/\d+/files/\d+/$"
    r"|^/status/[^/]+/letters/\d+/$"
)
AGENCY_PAGE = re.compile(r"^/agency/([^/]+)/(?:([a-z-]+)/)?")
ITEM_PAGE = re.compile(r"^/item/(\d+)/$")
CONSULTATION_PAGE = re.compile(r"^/consultation/(\d+)/$")
CATEGORY_QUERY = re.compile(r"(?:^|&)category=(\d+)(?:&|$)")
# site-wide pages: the first path segment names the column
SITE_COLUMNS = {"search", "care", "site-map", "status", "applied"}


@dataclass
class Tally:
    """What one run read: per (day, host) and scope, the views and the visitors' digests."""

    views: dict = field(default_factory=lambda: defaultdict(int))
    visitors: dict = field(default_factory=lambda: defaultdict(set))
    hosts: set = field(default_factory=set)
    counted: int = 0
    skipped: int = 0  # malformed lines
    other_days: int = 0
    not_pages: int = 0
    robots: int = 0
    # per (day, host): the whole site's page views and unique visitors, as written
    written: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    """One address on one day of one host; the query string matters only for ?category=."""

    day: date
    host: str
    path: str
    category: int | None


@dataclass
class Seen:
    views: int = 0
    visitors: set = field(default_factory=set)  # truncated digests, never the address


class LogError(Exception):
    """A file that cannot be read at all (missing, a broken .gz): nothing is written."""


def _lines(path: Path):
    gz = False
    try:
        with path.open("rb") as raw:
            gz = raw.read(2) == b"\x1f\x8b"  # by content, whatever the name says
        opener = gzip.open if gz else open
        with opener(path, "rb") as handle:
            for line in handle:
                yield line.decode("utf-8", errors="replace")
    except FileNotFoundError:
        raise LogError(f"找不到日志文件 {path}") from None
    except (OSError, EOFError, zlib.error) as error:
        reason = "压缩文件不完整或已损坏" if gz else (error.strerror or "无法读取")
        raise LogError(f"无法读取日志文件 {path}：{reason}") from None


def _when(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)  # $time_iso8601
    except ValueError:
        try:
            moment = datetime.strptime(text, "%d/%b/%Y:%H:%M:%S %z")  # $time_local
        except ValueError:
            return None
    if moment.tzinfo is None:
        return None
    return timezone.localtime(moment)


def _id(digits: str) -> int | None:
    """A record number from an address, or None when no database column could hold it (a
    listing answers 200 to ?category=99999999999999999999 and shows everything)."""
    value = int(digits)
    return value if value < 2**63 else None


def read(paths: list[Path], *, day: date | None = None) -> tuple[Tally, dict[Page, Seen]]:
    """Parse every file before anything is written; the salts die with this call. Memory
    grows with distinct (page, visitor) pairs, not with lines."""
    tally = Tally()
    pages: dict[Page, Seen] = defaultdict(Seen)
    salts: dict[date, bytes] = {}
    for path in paths:
        for line in _lines(path):
            if not line.strip():
                continue
            match = LINE.match(line)
            moment = match and _when(match.group(2))
            request = match.group(4).split(" ") if match else []
            if not match or moment is None or len(request) != 3:
                tally.skipped += 1
                continue
            address, _, host, _, status, agent = match.groups()
            method, target, _protocol = request
            local_day = moment.date()
            if day is not None and local_day != day:
                tally.other_days += 1
                continue
            host = host.lower()
            tally.hosts.add((local_day, host))
            path_part, _, query = target.partition("?")
            if (
                method != "GET"
                or status != "200"
                or not path_part.startswith("/")
                or path_part.startswith(NOT_PAGES)
                or "." in path_part.rsplit("/", 1)[-1]
                or NOT_HTML.match(path_part)
            ):
                tally.not_pages += 1
                continue
            if not agent or agent == "-" or ROBOT.search(agent):
                tally.robots += 1
                continue
            salt = salts.get(local_day)
            if salt is None:
                salt = salts[local_day] = secrets.token_bytes(32)
            digest = hmac.new(salt, f"{address} {agent}".encode(), hashlib.sha256).digest()
            category = CATEGORY_QUERY.search(query)
            category = _id(category.group(1)) if category else None
            seen = pages[Page(local_day, host, path_part, category)]
            seen.views += 1
            seen.visitors.add(digest[:16])
            tally.counted += 1
    salts.clear()
    return tally, pages


def _scopes(pages):
    """Each hit's column: (agency id or None, column key, category id or None). Item,
    consultation, agency and category numbers are looked up in one query each."""
    from gongkai.catalogue.models import Category, Item
    from gongkai.core.models import Agency
    from gongkai.policies.models import Consultation

    prefixes, items, consultations, categories = set(), set(), set(), set()
    for hit in pages:
        if m := AGENCY_PAGE.match(hit.path):
            prefixes.add(m.group(1))
            if m.group(2) == "items" and hit.category is not None:
                categories.add(hit.category)
        elif m := ITEM_PAGE.match(hit.path):
            items.add(_id(m.group(1)))
        elif m := CONSULTATION_PAGE.match(hit.path):
            consultations.add(_id(m.group(1)))
    agency_of = dict(
        Agency.objects.filter(index_prefix__in=prefixes).values_list("index_prefix", "pk")
    )
    item_of = {
        pk: (agency_id, category_id)
        for pk, agency_id, category_id in Item.objects.filter(pk__in=items).values_list(
            "pk", "agency_id", "category_id"
        )
    }
    consultation_of = dict(
        Consultation.objects.filter(pk__in=consultations).values_list("pk", "agency_id")
    )
    known_categories = set(Category.objects.filter(pk__in=categories).values_list("pk", flat=True))

    for hit in pages:
        if hit.path == "/":
            yield hit, (None, "home", None)
        elif m := AGENCY_PAGE.match(hit.path):
            agency = agency_of.get(m.group(1))
            section = m.group(2) or "home"
            if section == "items" and hit.category in known_categories:
                yield hit, (agency, "category", hit.category)
            else:
                yield hit, (agency, section, None)
        elif m := ITEM_PAGE.match(hit.path):
            agency, category = item_of.get(_id(m.group(1)), (None, None))
            yield hit, (agency, "category", category) if category else (None, "item", None)
        elif m := CONSULTATION_PAGE.match(hit.path):
            yield hit, (consultation_of.get(_id(m.group(1))), "consultations", None)
        else:
            first = hit.path.strip("/").split("/", 1)[0]
            yield hit, (None, first if first in SITE_COLUMNS else "other", None)


def count(paths: list[Path], *, day: date | None = None) -> Tally:
    """Read the files, then replace the counts of every (day, host) they hold: running
    twice for the same day gives the same rows, never double."""
    tally, pages = read(paths, day=day)
    for hit, (agency, column, category) in _scopes(pages):
        seen = pages[hit]
        # the whole site, the agency's pages, and the column
        keys = [(hit.day, hit.host, None, "", None), (hit.day, hit.host, agency, column, category)]
        if agency is not None:
            keys.append((hit.day, hit.host, agency, "", None))
        for key in keys:
            tally.views[key] += seen.views
            tally.visitors[key] |= seen.visitors
    for seen_day, host in tally.hosts:
        tally.views.setdefault((seen_day, host, None, "", None), 0)
    rows = [
        DailyVisits(
            day=key[0],
            host=key[1],
            agency_id=key[2],
            column=key[3],
            category_id=key[4],
            page_views=views,
            visitors=len(tally.visitors.get(key, ())),
        )
        for key, views in tally.views.items()
    ]
    with transaction.atomic():
        for seen_day, host in tally.hosts:
            DailyVisits.objects.filter(day=seen_day, host=host).delete()
        DailyVisits.objects.bulk_create(rows, batch_size=1000)
    for seen_day, host in tally.hosts:
        key = (seen_day, host, None, "", None)
        tally.written[(seen_day, host)] = (tally.views[key], len(tally.visitors.get(key, ())))
    # the digests are of no use once counted
    tally.visitors.clear()
    return tally


@dataclass(frozen=True)
class YearTotals:
    visitors: int  # 独立用户访问总量: the sum of each day's unique visitors
    page_views: int  # 网站总访问量


def year_totals(year: int, *, host: str | None = None, agency=None) -> YearTotals:
    """The 访问量 block of the 政府网站工作年度报表 (国办函〔2018〕12号): the whole site's
    totals (agency None) or one agency's, for one host name or all of them. Visitors are
    summed over days because the salt changes daily: nobody can be followed from one day
    to the next, by design."""
    rows = DailyVisits.objects.filter(day__year=year, column="", agency=agency)
    if host is not None:
        rows = rows.filter(host=host.lower())
    sums = rows.aggregate(visitors=Sum("visitors"), page_views=Sum("page_views"))
    return YearTotals(visitors=sums["visitors"] or 0, page_views=sums["page_views"] or 0)
