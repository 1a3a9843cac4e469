"""`gongkai visits count` against a log written here line by line, every number counted by
hand below. Host gk.example.gov.cn; days are Beijing days (TIME_ZONE Asia/Shanghai)."""

import gzip
import io
import secrets
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.visits.counting import year_totals
from gongkai.visits.models import DailyVisits

pytestmark = pytest.mark.django_db

HOST = "gk.example.gov.cn"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1"
A, B, C = "10.0.0.1", "10.0.0.2", "2001:db8::3"


def line(address, when, request, status, agent, host=HOST):
    return f'{address} [{when}] "{host}" "{request}" {status} "{agent}"\n'


@pytest.fixture
def site(township, clerk):
    """One published item (its column is its category) and a second category for a
    listing filtered by it, both through the real transitions and seed data."""
    from gongkai.catalogue import transitions as t
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.core.models import User

    seed_statutory_subjects(Category)
    relief = Category.objects.get(name="社会救助", source="article21")
    other = Category.objects.exclude(pk=relief.pk).filter(agency=None).first()
    item = t.create_draft(
        township,
        by=clerk,
        category=relief,
        title="低保名单",
        formed_on=date(2026, 11, 2),
        body="<p>x</p>",
    )
    item = t.approve_and_publish(
        t.submit(item, by=clerk), by=User.objects.get(username="shenhe"), on=date(2026, 11, 3)
    )
    return township, item, relief, other


def fixture_log(township, item, other):
    p = township.index_prefix
    d1 = "2026-12-03T10:00:00+08:00"
    d2 = "2026-12-04T09:00:00+08:00"
    return "".join(
        [
            # day 1 (2026-12-03), page views
            line(A, d1, "GET / HTTP/1.1", 200, FIREFOX),  # 1 home
            line(A, d1, f"GET /agency/{p}/ HTTP/1.1", 200, FIREFOX),  # 2 agency home
            line(A, d1, f"GET /item/{item.pk}/ HTTP/2.0", 200, FIREFOX),  # 3 item's category
            line(B, d1, f"GET /item/{item.pk}/ HTTP/2.0", 200, FIREFOX),  # 4 item's category
            # 5 a listing filtered by another category: that category's column
            line(
                A, d1, f"GET /agency/{p}/items/?category={other.pk}&year=2026 HTTP/1.1", 200, IPHONE
            ),
            line(B, d1, "GET /search/?q=%E4%BD%8E%E4%BF%9D HTTP/1.1", 200, FIREFOX),  # 6 search
            # 6a the listing answers 200 to a category number no column could hold: the
            # township's listing ("items"), not a category
            line(B, d1, f"GET /agency/{p}/items/?category={10**20} HTTP/1.1", 200, FIREFOX),
            # day 1, not pages
            line(A, d1, "GET /static/gongkai.css HTTP/1.1", 200, FIREFOX),  # 7 static file
            line(A, d1, "GET /office/ HTTP/1.1", 200, FIREFOX),  # 8 the office
            line(A, d1, "GET / HTTP/1.1", 304, FIREFOX),  # 9 not modified
            line(B, d1, f"GET /agency/{p} HTTP/1.1", 301, FIREFOX),  # 10 redirect
            line(A, d1, "HEAD / HTTP/1.1", 200, FIREFOX),  # 11 HEAD
            line(A, d1, "GET /robots.txt HTTP/1.1", 200, FIREFOX),  # 12 a file name
            line(A, d1, f"GET /agency/{p}/feed/ HTTP/1.1", 200, FIREFOX),  # 13 RSS, not HTML
            # day 1, robots
            line(C, d1, "GET / HTTP/1.1", 200, "Mozilla/5.0 (compatible; Baiduspider/2.0)"),  # 14
            line(C, d1, f"GET /item/{item.pk}/ HTTP/1.1", 200, "Googlebot/2.1"),  # 15
            line(C, d1, "GET / HTTP/1.1", 200, "-"),  # 16 no agent
            # malformed
            "this is not a log line\n",  # 17
            line(A, "yesterday", "GET / HTTP/1.1", 200, FIREFOX),  # 18 no time
            line(C, d1, "\\x16\\x03\\x01\\x02\\x00", 400, "-"),  # 19 TLS on port 80
            "\n",  # a blank line is nothing, not even skipped
            # 20 day 1's last second: A/Firefox again, same visitor
            line(A, "2026-12-03T23:59:59+08:00", f"GET /item/{item.pk}/ HTTP/1.1", 200, FIREFOX),
            # 21 16:30 UTC on the 3rd is 00:30 on the 4th in Beijing: day 2
            line(A, "2026-12-03T16:30:00+00:00", "GET / HTTP/1.1", 200, FIREFOX),
            # day 2 (2026-12-04)
            line(A, d2, "GET / HTTP/1.1", 200, FIREFOX),  # 22 home, same visitor as 21
            line(C, d2, f"GET /agency/{p}/guide/ HTTP/1.1", 200, IPHONE),  # 23 guide
            # 24 the same again, in nginx's $time_local form
            line(C, "04/Dec/2026:09:05:00 +0800", f"GET /agency/{p}/guide/ HTTP/1.1", 200, IPHONE),
        ]
    )


def counts(**filters):
    row = DailyVisits.objects.get(host=HOST, **filters)
    return row.page_views, row.visitors


def run(*args):
    out = io.StringIO()
    call_command("visits", "count", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_counts_a_known_log_exactly(site, tmp_path):
    township, item, relief, other = site
    log = tmp_path / "access.log"
    log.write_text(fixture_log(township, item, other))
    out = run(log)

    # day 1: page views are lines 1-6, 6a and 20 = 8; visitors A/Firefox (1,2,3,20),
    # B/Firefox (4,6,6a) and A/iPhone (5: same address, other agent) = 3
    assert counts(day="2026-12-03", agency=None, column="") == (8, 3)
    # day 2: lines 21, 22, 23, 24 = 4; visitors A/Firefox (21, 22) and C/iPhone (23, 24) = 2
    assert counts(day="2026-12-04", agency=None, column="") == (4, 2)
    # the township's pages on day 1: lines 2, 3, 4, 5, 6a, 20 = 6 by A/Firefox, B, A/iPhone = 3
    assert counts(day="2026-12-03", agency=township, column="") == (6, 3)
    # the item's column (its category): lines 3, 4, 20 = 3 by A/Firefox and B = 2
    assert counts(day="2026-12-03", agency=township, column="category", category=relief) == (3, 2)
    # the listing filtered by the other category: line 5 only
    assert counts(day="2026-12-03", agency=township, column="category", category=other) == (1, 1)
    assert counts(day="2026-12-03", agency=township, column="home") == (1, 1)  # line 2
    assert counts(day="2026-12-03", agency=None, column="home") == (1, 1)  # line 1
    assert counts(day="2026-12-03", agency=None, column="search") == (1, 1)  # line 6
    assert counts(day="2026-12-03", agency=township, column="items") == (1, 1)  # line 6a
    assert counts(day="2026-12-04", agency=None, column="home") == (2, 1)  # 21, 22
    assert counts(day="2026-12-04", agency=township, column="guide") == (2, 1)  # 23, 24
    assert counts(day="2026-12-04", agency=township, column="") == (2, 1)
    # nothing else: 2 site totals, 7 day-1 and 3 day-2 agency/column rows
    assert DailyVisits.objects.count() == 12
    assert "2026-12-03 gk.example.gov.cn：访问量 8，独立用户 3" in out
    # counted 12 = 8 + 4; skipped 17, 18, 19; not pages 7-13; robots 14-16
    assert (
        "共计入 12 次页面访问；跳过格式不符的 3 行、其他日期的 0 行、非页面请求 7 行、爬虫 3 行"
        in out
    )

    # the 年度报表's 访问量 block: visitors summed over the days
    totals = year_totals(2026)
    assert (totals.visitors, totals.page_views) == (3 + 2, 8 + 4)
    township_totals = year_totals(2026, agency=township, host=HOST)
    assert (township_totals.visitors, township_totals.page_views) == (3 + 1, 6 + 2)
    assert year_totals(2025).page_views == 0


def test_counting_again_replaces_never_doubles(site, tmp_path):
    township, item, _relief, other = site
    log = tmp_path / "access.log"
    log.write_text(fixture_log(township, item, other))
    run(log)
    first = Counter(
        DailyVisits.objects.values_list(
            "day", "agency", "column", "category", "page_views", "visitors"
        )
    )
    run(log)
    out = run(log, "--day", "2026-12-04")
    again = Counter(
        DailyVisits.objects.values_list(
            "day", "agency", "column", "category", "page_views", "visitors"
        )
    )
    assert again == first
    # with --day, day 1's well-formed lines (1-16, 6a and 20 = 18) are other days' lines
    assert "共计入 4 次页面访问；跳过格式不符的 3 行、其他日期的 18 行" in out
    assert "2026-12-03" not in out.splitlines()[0]


def test_gzip_reads_as_plain(site, tmp_path):
    township, item, _relief, other = site
    log = tmp_path / "access.log.2.gz"
    log.write_bytes(gzip.compress(fixture_log(township, item, other).encode()))
    run(log, "--day", "2026-12-03")
    assert counts(day="2026-12-03", agency=None, column="") == (8, 3)
    assert not DailyVisits.objects.filter(day="2026-12-04").exists()


def test_two_files_of_one_day_count_one_visitor_once(site, tmp_path):
    """logrotate cuts the day in two: the visitor seen in both halves is one visitor."""
    morning = tmp_path / "access.log.2.gz"
    evening = tmp_path / "access.log.1"
    morning.write_bytes(
        gzip.compress(line(A, "2026-12-03T05:00:00+08:00", "GET / HTTP/1.1", 200, FIREFOX).encode())
    )
    evening.write_text(line(A, "2026-12-03T21:00:00+08:00", "GET / HTTP/1.1", 200, FIREFOX))
    run(morning, evening, "--day", "2026-12-03")
    assert counts(day="2026-12-03", agency=None, column="") == (2, 1)


def test_the_salt_is_stored_nowhere(site, tmp_path, monkeypatch):
    township, item, _relief, other = site
    made = []
    real = secrets.token_bytes

    def recording(n):
        salt = real(n)
        made.append(salt)
        return salt

    # the salts are still real random bytes; the wrapper only remembers them to look for
    monkeypatch.setattr("gongkai.visits.counting.secrets.token_bytes", recording)
    log = tmp_path / "access.log"
    log.write_text(fixture_log(township, item, other))
    run(log)
    assert len(made) == 2  # one per day
    fields = {f.name for f in DailyVisits._meta.get_fields()}
    assert fields == {"id", "day", "host", "agency", "column", "category", "page_views", "visitors"}
    dump = io.StringIO()
    call_command("dumpdata", "visits", stdout=dump)
    assert '"page_views": 8' in dump.getvalue()  # the dump holds the counts
    for salt in made:
        assert salt.hex() not in dump.getvalue()
    for who in (A, B, C, FIREFOX, IPHONE):
        assert who not in dump.getvalue()


def test_missing_or_broken_files_are_refused_in_chinese(db, tmp_path):
    with pytest.raises(CommandError, match="找不到日志文件"):
        run(tmp_path / "nothing.log")
    broken = tmp_path / "access.log.2.gz"
    broken.write_bytes(gzip.compress(bytes(range(256)) * 40)[:200])  # cut short
    good = tmp_path / "access.log"
    good.write_text(line(A, "2026-12-03T10:00:00+08:00", "GET / HTTP/1.1", 200, FIREFOX))
    with pytest.raises(
        CommandError, match=r"无法读取日志文件.*压缩文件不完整或已损坏；未写入任何统计"
    ):
        run(good, broken)
    assert not DailyVisits.objects.exists()  # the good file was not half-written either
    with pytest.raises(CommandError, match="日期“12/03”无法识别"):
        run(good, "--day", "12/03")
