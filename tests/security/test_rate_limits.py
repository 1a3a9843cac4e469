"""The public limits (gongkai/core/ratelimit.py) on the cache production uses (the shared
database cache, gongkai/core/cache.py): a window that lasts its full hour, a count that
parallel visitors cannot overrun, one visitor's excess that blocks nobody else, and a blocked
visitor who reads a Chinese sentence with status 429 — never a 500."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from gongkai.core.ratelimit import Limit
from gongkai.portal.applications import LOOKUP_FAILURES_ALLOWED

from ..applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db
WRONG = {"tracking_number": "2024-9-99999", "query_code": "WRONGCODE"}
LIMIT = Limit("test", 3600, "过于频繁")


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def visitor(address):
    from django.test import RequestFactory

    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_the_cache_is_the_counting_database_cache_the_settings_name():
    from django.core.cache import caches

    from gongkai.core.cache import CountingDatabaseCache

    assert isinstance(caches["default"], CountingDatabaseCache)


def test_the_window_lasts_the_whole_hour_not_the_caches_default_five_minutes():
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(3):
            assert LIMIT.take(visitor("198.51.100.1"), allowed=3)
        assert not LIMIT.take(visitor("198.51.100.1"), allowed=3)
        clock.move_to(start + timedelta(minutes=59))
        assert LIMIT.reached(visitor("198.51.100.1"), allowed=3)
        clock.move_to(start + timedelta(minutes=61))
        assert not LIMIT.reached(visitor("198.51.100.1"), allowed=3)
        assert LIMIT.take(visitor("198.51.100.1"), allowed=3)


def test_incrementing_keeps_the_counters_expiry():
    with time_machine.travel(timezone.now(), tick=False):
        cache.add("counter", 0, 3600)
        expires_before = _expiry("counter")
        assert cache.incr("counter") == 1
        assert cache.incr("counter", 5) == 6
        assert cache.decr("counter") == 5
        assert _expiry("counter") == expires_before
    with pytest.raises(ValueError):
        cache.incr("no-such-counter")


def _expiry(key):
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT expires FROM gongkai_cache WHERE cache_key LIKE %s", [f"%:{key}"])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_twenty_visitors_racing_for_ten_places_get_ten():
    """Threads on their own database connections, against the real database cache."""
    results = []
    start = threading.Barrier(20)

    def one():
        try:
            start.wait()
            results.append(LIMIT.take(visitor("198.51.100.2"), allowed=10))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 10 + [True] * 10
    assert cache.get("limit:test:198.51.100.2") == 20


def test_one_visitors_wrong_codes_do_not_block_another(client):
    url = reverse("portal:lookup")
    for _ in range(LOOKUP_FAILURES_ALLOWED):
        assert client.post(url, WRONG, REMOTE_ADDR="198.51.100.3").status_code == 200
    assert client.post(url, WRONG, REMOTE_ADDR="198.51.100.3").status_code == 429
    # another visitor, asking about another application (wrong codes are also counted per
    # tracking number: tests/security/test_public_forms.py)
    other = client.post(
        url, {**WRONG, "tracking_number": "2024-9-99998"}, REMOTE_ADDR="198.51.100.4"
    )
    assert other.status_code == 200
    assert "申请编号或查询码不正确" in other.content.decode()


def test_a_blocked_visitor_opening_the_status_page_reads_why_and_gets_no_500(client):
    url = reverse("portal:lookup")
    for _ in range(LOOKUP_FAILURES_ALLOWED):
        client.post(url, WRONG, REMOTE_ADDR="198.51.100.5")
    page = client.get(url, REMOTE_ADDR="198.51.100.5")
    assert page.status_code == 429
    assert "查询失败次数过多，请一小时后再试" in page.content.decode()
    assert 'name="query_code"' in page.content.decode()  # the form is still there


def test_a_right_code_does_not_use_up_a_visitors_tries(client, township):
    from datetime import date

    from gongkai.applications import transitions as t

    application, code = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    right = {"tracking_number": application.tracking_number, "query_code": code}
    for _ in range(LOOKUP_FAILURES_ALLOWED + 2):
        assert client.post(reverse("portal:lookup"), right).status_code == 302


def test_one_visitors_applications_do_not_block_another(client, township, settings):
    settings.APPLICATIONS_PER_HOUR = 2
    url = reverse("portal:apply", args=[township.index_prefix])
    data = {k: str(v) for k, v in APPLICANT.items()}
    assert [client.post(url, data, REMOTE_ADDR="198.51.100.6").status_code for _ in range(3)] == [
        302,
        302,
        429,
    ]
    refused = client.get(url, REMOTE_ADDR="198.51.100.6")
    assert refused.status_code == 200  # reading the form is never refused
    assert client.post(url, data, REMOTE_ADDR="198.51.100.7").status_code == 302
