"""The demo county's site as the demo builds it (its township's catalogue, the county's
policies, the site identity), plus one township news post the county adopted and two days of
visits counted from a fixture log — all through the real loaders, transitions and job."""

from datetime import date

import pytest

DEMO_DAY = date(2026, 11, 27)  # the day the demo's records end (tests/conftest.py)
HOST = "www.yunling.example.gov.cn"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"


def line(address, when, path, host=HOST, agent=FIREFOX):
    return f'{address} [{when}] "{host}" "GET {path} HTTP/1.1" 200 "{agent}"\n'


# Hand-counted: 2026-12-01 — three page views by two visitors (A twice, B once); 2026-12-02 —
# one page view by A (a new day, a new salt: counted again); another host's view is not this
# site's. 独立用户访问总量 = 2 + 1 = 3, 网站总访问量 = 3 + 1 = 4.
VISITS_LOG = "".join(
    [
        line("10.0.0.1", "2026-12-01T10:00:00+08:00", "/"),
        line("10.0.0.1", "2026-12-01T10:01:00+08:00", "/search/"),
        line("10.0.0.2", "2026-12-01T11:00:00+08:00", "/"),
        line("10.0.0.1", "2026-12-02T09:00:00+08:00", "/"),
        line("10.0.0.3", "2026-12-02T09:00:00+08:00", "/", host="other.example.gov.cn"),
    ]
)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module that asks, inside a transaction rolled back after its last
    test (as tests/conftest.py's demo_records): the demo's loaders take seconds."""
    from django.db import transaction

    with django_db_blocker.unblock():
        kept = transaction.atomic()
        kept.__enter__()
        built = _build(tmp_path_factory.mktemp("visits"))
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        kept.__exit__(None, None, None)


def _build(folder):
    from django.core.management import call_command

    from gongkai.catalogue.demo import load_demo_catalogue
    from gongkai.catalogue.models import Category, CategorySource
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.core.demo import load_demo
    from gongkai.core.models import User
    from gongkai.inspection.demo import load_demo_inspection
    from gongkai.policies.demo import load_demo_policies
    from gongkai.submissions import transitions as s

    seed_statutory_subjects(Category)
    township = load_demo()
    county = township.parent
    load_demo_catalogue(township, today=DEMO_DAY)
    load_demo_inspection(township, today=DEMO_DAY)
    load_demo_policies(county, today=DEMO_DAY)
    column = Category.objects.create(agency=county, name="乡镇动态", source=CategorySource.AGENCY)
    post = s.submit_news(
        township,
        by=User.objects.get(username="jingban"),
        column=column,
        title="青石镇开展春耕备耕技术培训",
        body="<p>正文</p>",
        on=date(2026, 3, 9),
    )
    s.adopt(post, by=User.objects.get(username="xian"), on=date(2026, 3, 10))
    log = folder / "access.log"
    log.write_text(VISITS_LOG)
    call_command("visits", "count", str(log))
    return county, post
