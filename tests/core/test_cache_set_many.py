"""The database cache's set_many (gongkai/core/cache.py): what it stores reads back as
Django's own set would leave it, a key already there is replaced, the expiry holds, and the
number of statements does not grow with the number of keys (issue 25: the county self-check
page stores one result per agency)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _set_many(data, **kwargs):
    with CaptureQueriesContext(connection) as context:
        failed = cache.set_many(data, **kwargs)
    return failed, len(context.captured_queries)


def test_set_many_stores_what_get_many_reads_back_and_replaces_what_was_there():
    cache.set("a", "旧值", 60)
    failed, _ = _set_many({"a": {"at": "09:00", "findings": [("单项否决", "栏目空白", "/x")]},
                           "b": 2})  # fmt: skip
    assert failed == []
    assert cache.get_many(["a", "b", "c"]) == {
        "a": {"at": "09:00", "findings": [("单项否决", "栏目空白", "/x")]},
        "b": 2,
    }


def test_set_many_costs_the_same_for_two_keys_and_for_twenty():
    _, two = _set_many({f"two{n}": n for n in range(2)}, timeout=60)
    _, twenty = _set_many({f"twenty{n}": n for n in range(20)}, timeout=60)
    assert twenty == two
    assert cache.get("twenty19") == 19


def test_what_set_many_stores_expires_after_its_timeout():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        cache.set_many({"short": 1, "other": 2}, timeout=60)
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        assert cache.get("short") == 1
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        assert cache.get("short") is None and cache.get("other") is None


def test_set_many_of_nothing_writes_nothing():
    assert _set_many({}) == ([], 0)
