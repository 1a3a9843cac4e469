"""Every public form is counted per visitor by one limiter (gongkai/core/ratelimit.py), and
the visitor is who gongkai.core.client says — behind nginx on a unix socket the peer has no
address, so a form that reads REMOTE_ADDR itself puts every visitor under one count.

The deployed group repeats the comment form through nginx (tests/security/test_deployed.py)."""

import re
from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from django.urls import URLResolver, get_resolver, reverse

from gongkai.applications import transitions as t
from gongkai.core.ratelimit import Limit
from gongkai.policies.models import Comment
from gongkai.portal.applications import LOOKUP_FAILURES_ALLOWED
from gongkai.portal.policies import COMMENTS_PER_HOUR
from tests.applications.conftest import APPLICANT
from tests.policies.conftest import draft, publish
from tests.policies.test_consultation import open_for

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 10)  # inside the consultation's period (6月1日 to 7月1日)


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_nginx(settings):
    """As deployed: gunicorn on a unix socket, so REMOTE_ADDR is empty and the visitor's
    address comes from the header nginx sets."""
    settings.TRUSTED_PROXIES = ["unix"]

    def at(address: str) -> dict:
        return {"REMOTE_ADDR": "", "HTTP_X_REAL_IP": address, "HTTP_X_FORWARDED_FOR": address}

    return at


@pytest.fixture
def consultation(township, clerk):
    from gongkai.core.models import User

    reviewer = User.objects.get(username="shenhe")
    item = publish(
        draft(township, clerk, "青石镇养犬管理办法（征求意见稿）", normative=False),
        clerk,
        reviewer,
        on=date(2026, 6, 1),
    )
    return open_for(item, clerk, starts=date(2026, 6, 1), ends=date(2026, 7, 1))


def comment(n: int) -> dict:
    return {"name": "", "contact": "13900000000", "text": f"建议第{n}条"}


STAFF = ("office/", "admin/")  # staff log in (django-axes limits that form)
# django-ninja's root, schema and docs page answer any method, and only ever read
NINJA_DOCS = ("api/", "api/openapi.json", "api/docs")


def _public_patterns(resolver=None, prefix=""):
    """Every route outside the office and the admin: the portal, the API, the sitemaps."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(STAFF) or route in NINJA_DOCS:
            continue
        if isinstance(entry, URLResolver):
            yield from _public_patterns(entry, route)
        else:
            yield route, entry


def _example_path(route: str) -> str:
    route = re.sub(r"<(\w+):\w+>", lambda m: "1" if m.group(1) == "int" else "x", route)
    return "/" + re.sub(r"<\w+>", "x", route).lstrip("^")


def test_every_public_page_refuses_a_post_unless_it_is_a_form_with_a_limit(client):
    """Walks the URLconf: a page added later that takes a POST without a limit fails here."""
    walked, forms = 0, []
    for route, pattern in _public_patterns():
        walked += 1
        limit = getattr(pattern.callback, "limit", None)
        if limit is not None:
            assert isinstance(limit, Limit), route
            forms.append(pattern.name)
            continue
        response = client.post(_example_path(route))
        assert response.status_code == 405, f"{route} 接受 POST 却没有频率限制"
    assert walked > 25
    assert sorted(forms) == [
        "apply",
        "ask",
        "consultation",
        "lookup",
        "message_lookup",
        "report_error",
        "resend_code",
        "status",
    ]


def test_comments_from_one_address_do_not_close_the_form_for_another(
    client, consultation, behind_nginx
):
    url = reverse("portal:consultation", args=[consultation.pk])
    with time_machine.travel(ON, tick=False):
        busy = [
            client.post(url, comment(n), **behind_nginx("198.51.100.20")).status_code
            for n in range(COMMENTS_PER_HOUR)
        ]
        assert busy == [302] * COMMENTS_PER_HOUR
        refused = client.post(url, comment(99), **behind_nginx("198.51.100.20"))
        assert refused.status_code == 429
        page = refused.content.decode()
        assert "本机提交意见过于频繁，请一小时后再提交" in page and "建议第99条" in page
        other = client.post(url, comment(100), **behind_nginx("198.51.100.21"))
        assert other.status_code == 302
    assert Comment.objects.count() == COMMENTS_PER_HOUR + 1


WRONG_CODE = "WRONGCODE1"


@pytest.fixture
def applied(township):
    application, code = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    return application.tracking_number, code


def test_the_right_code_gets_through_at_an_address_blocked_by_someone_elses_guesses(
    client, applied
):
    """A village service point: one address, many visitors."""
    number, code = applied
    url = reverse("portal:lookup")
    wrong = {"tracking_number": "2024-9-99999", "query_code": WRONG_CODE}
    for _ in range(LOOKUP_FAILURES_ALLOWED):
        client.post(url, wrong, REMOTE_ADDR="198.51.100.30")
    assert client.post(url, wrong, REMOTE_ADDR="198.51.100.30").status_code == 429
    right = client.post(
        url, {"tracking_number": number, "query_code": code}, REMOTE_ADDR="198.51.100.30"
    )
    assert right.status_code == 302 and right["Location"].endswith(f"/status/{number}/")


def test_wrong_codes_for_one_number_from_many_addresses_lock_that_number(client, applied):
    number, code = applied
    url = reverse("portal:lookup")
    guess = {"tracking_number": number, "query_code": WRONG_CODE}
    statuses = [
        client.post(url, guess, REMOTE_ADDR=f"198.51.100.{40 + n}").status_code
        for n in range(LOOKUP_FAILURES_ALLOWED + 1)
    ]
    assert statuses == [200] * LOOKUP_FAILURES_ALLOWED + [429]
    # the number is locked for the hour, whoever asks and whatever the code
    locked = client.post(
        url, {"tracking_number": number, "query_code": code}, REMOTE_ADDR="198.51.100.99"
    )
    assert locked.status_code == 429
    assert "查询失败次数过多，请一小时后再试" in locked.content.decode()
    # another application's number is not affected at that address
    other = client.post(
        url,
        {"tracking_number": "2024-9-99999", "query_code": WRONG_CODE},
        REMOTE_ADDR="198.51.100.99",
    )
    assert other.status_code == 200
