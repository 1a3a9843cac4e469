"""The demo county's site as the demo builds it (its township's catalogue, the county's
policies, the site identity), plus one township news post the county adopted and two days of
visits counted from a fixture log, in the last finished year — all through the real loaders,
transitions and job — and then the demo's 年度报表 on that year (sitereport/demo.py)."""

from datetime import date

import pytest

DEMO_DAY = date(2026, 11, 27)  # the day the demo's records end (tests/conftest.py)
YEAR = DEMO_DAY.year - 1  # the last finished year: the demo's 年度报表 reports on it
HOST = "www.yunling.example.gov.cn"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"


def line(address, when, path, host=HOST, agent=FIREFOX):
    return f'{address} [{when}] "{host}" "GET {path} HTTP/1.1" 200 "{agent}"\n'


# Hand-counted: 2025-12-01 — three page views by two visitors (A twice, B once); 2025-12-02 —
# one page view by A (a new day, a new salt: counted again); another host's view is not this
# site's. 独立用户访问总量 = 2 + 1 = 3, 网站总访问量 = 3 + 1 = 4.
VISITS_LOG = "".join(
    [
        line("10.0.0.1", "2025-12-01T10:00:00+08:00", "/"),
        line("10.0.0.1", "2025-12-01T10:01:00+08:00", "/search/"),
        line("10.0.0.2", "2025-12-01T11:00:00+08:00", "/"),
        line("10.0.0.1", "2025-12-02T09:00:00+08:00", "/"),
        line("10.0.0.3", "2025-12-02T09:00:00+08:00", "/", host="other.example.gov.cn"),
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
    from gongkai.sitereport.demo import load_demo_site_report
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
        on=date(YEAR, 3, 9),
    )
    s.adopt(post, by=User.objects.get(username="xian"), on=date(YEAR, 3, 10))
    # the demo's consultations all fall in this year: one in the reported year, with a
    # comment the clerk lets through, so that 征集调查 has something to trace
    from gongkai.catalogue.models import Item
    from gongkai.policies import transitions as p

    clerk = User.objects.get(username="xianjingban")
    draft = Item.objects.filter(agency=county, status="published", published_on__year=YEAR)
    consultation = p.open_consultation(
        draft.order_by("pk").first(),
        by=clerk,
        title="公开征求意见（测试）",
        starts_on=date(YEAR, 6, 1),
        ends_on=date(YEAR, 7, 2),
        today=date(YEAR, 6, 1),
    )
    comment = p.submit_comment(
        consultation, name="", contact="demo@example.cn", text="建议。", today=date(YEAR, 6, 9)
    )
    p.moderate_comment(comment, by=clerk, show=True)
    log = folder / "access.log"
    log.write_text(VISITS_LOG)
    call_command("visits", "count", str(log))
    load_demo_site_report(county, today=DEMO_DAY)
    return county, post
