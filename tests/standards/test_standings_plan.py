"""What is due in an agency's 标准目录 reads a bounded number of pages on PostgreSQL, whatever
the agency has published: one probe of item_agency_matter_newest per row of its 目录. Before,
the statement grouped every listed item of the agency — 8,091 pages for the largest agency at
1,000,000 items, growing with it (issue 27; bench/RESULTS.md, province scale)."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.catalogue.models import Item, ItemStatus
from gongkai.standards import transitions as s
from gongkai.standards.due import standings
from gongkai.statute.workdays import WorkdayCalendar, builtin_arrangements
from tests.plans import PLAN_TEST, explained, nodes, pages

pytestmark = PLAN_TEST
TODAY = date(2025, 10, 22)
CALENDAR = WorkdayCalendar(builtin_arrangements())


def plan_of_the_standings(agency) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) of the statement that reads the 目录's rows."""
    with CaptureQueriesContext(connection) as context:
        standings([agency.pk], today=TODAY, calendar=CALENDAR)
    [select] = [q["sql"] for q in context.captured_queries if "standards_adoption" in q["sql"]]
    return explained(select)


def publish_many(township, clerk, relief, matter, count: int, start: int) -> None:
    """`count` more published items of `matter`, one a day back from 2025-06-01 (bulk:
    the plan, not the publication, is under test)."""
    first = date(2025, 6, 1)
    Item.objects.bulk_create(
        Item(
            agency=township,
            category=relief,
            title=f"低保对象认定结果公示（第{n}批）",
            formed_on=first - timedelta(days=n),
            published_on=first - timedelta(days=n),
            status=ItemStatus.PUBLISHED,
            matter=matter,
            created_by=clerk,
        )
        for n in range(start, start + count)
    )


def test_the_newest_item_of_each_row_is_one_index_probe(model, township, clerk, relief):
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    publish_many(township, clerk, relief, rows["低保"], 500, 0)
    small = plan_of_the_standings(township)
    publish_many(township, clerk, relief, rows["低保"], 4500, 500)
    large = plan_of_the_standings(township)

    # ten times the items, the same pages (measured: 12 and 12; grouping the agency's items
    # read 19 and 141): what the statement reads follows the 目录's rows, not the items
    read = [(n["Node Type"], n.get("Index Name"), n.get("Actual Loops")) for n in nodes(large)]
    assert pages(large) <= pages(small) + 3, read
    probes = [
        node
        for node in nodes(large)
        if node.get("Index Name") == "item_agency_matter_newest"
        and node.get("Parent Relationship") == "Outer"
    ]
    assert probes, "the newest item is read from item_agency_matter_newest"
    # one probe per row of the 目录 (three rows), each stopping at its first entry
    [probe] = probes
    assert probe["Actual Loops"] == 3
    assert probe["Actual Rows"] <= 1
    counted = standings([township.pk], today=TODAY, calendar=CALENDAR)[township.pk]
    assert counted.missing_this_year == 2  # 低保 has this year's items, the other two none
