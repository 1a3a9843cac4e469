"""The 工作台's read of the 规范性文件 behind its 政策解读 and 有效期 lines reads the agency's
规范性文件, not every item it has published: at 4,000,000 items that read took 77,330 pages
for a county (bench/RESULTS.md, branch scale); said as 规范性文件 once for both kinds of line
it takes item_normative_by_agency (3,394 pages)."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.catalogue.models import Category, Item, ItemStatus
from gongkai.core.calendar import current_calendar
from gongkai.core.workbench import due_lines
from gongkai.policies import transitions as p
from tests.plans import PLAN_TEST, explained, pages
from tests.policies.conftest import draft, publish_alone

pytestmark = PLAN_TEST
TODAY = date(2026, 10, 9)


def pages_read_by_the_items_statement(township, clerk) -> tuple[int, list]:
    """EXPLAIN (ANALYZE, BUFFERS) of the 工作台's statement that reads the agency's items, and
    the 政策解读 lines the page gave."""
    with CaptureQueriesContext(connection) as context:
        lines = due_lines(
            user=clerk, agencies={township: {"clerk"}}, today=TODAY, calendar=current_calendar()
        )
    [select] = [
        q["sql"]
        for q in context.captured_queries
        if 'FROM "catalogue_item"' in q["sql"] and "sync_grace_workdays" in q["sql"]
    ]
    return pages(explained(select)), [line for line in lines if line.kind == "政策解读"]


def publish_news(township, clerk, count: int, start: int) -> None:
    """`count` more published items that are not 规范性文件 (bulk: the plan is under test)."""
    news = Category.objects.get(agency=None, name="行政法规、规章和规范性文件")
    first = date(2026, 6, 1)
    Item.objects.bulk_create(
        Item(
            agency=township,
            category=news,
            title=f"工作动态（第{n}期）",
            formed_on=first - timedelta(days=n % 900),
            published_on=first - timedelta(days=n % 900),
            status=ItemStatus.PUBLISHED,
            created_by=clerk,
        )
        for n in range(start, start + count)
    )


def test_the_documents_read_follows_the_agencys_documents_not_its_items(
    township, clerk, reviewer, admin
):
    p.configure(township, by=admin, require_sync=True, sync_grace_workdays=5)
    document = publish_alone(
        draft(township, clerk, "甲办法"), clerk, reviewer, on=date(2026, 9, 29)
    )
    publish_news(township, clerk, 500, 0)
    small, owed = pages_read_by_the_items_statement(township, clerk)
    publish_news(township, clerk, 9500, 500)
    large, owed_again = pages_read_by_the_items_statement(township, clerk)

    # twenty times the published items, the same pages (measured: 12 and 12; without
    # the 文件类型 said for both lines the statement read 16 and 247)
    assert large <= small + 5
    # and the line is still there: the 解读 of 甲办法 is owed (5 working days from 9-29)
    assert [line.text for line in owed] == [line.text for line in owed_again]
    assert len(owed) == 1 and "甲办法" in owed[0].text
    assert document.status == ItemStatus.PUBLISHED
