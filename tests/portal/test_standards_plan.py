"""The portal's 标准目录 page reads a bounded number of pages for each row's newest items on
PostgreSQL, whatever the matter holds: a probe of item_agency_matter_newest per row, stopping
after ITEMS_PER_ROW entries. Before, the page read every live item of the agency — ~350,000
at a county of a 20 M-item province (issue 27). The 共N条 count reads the matter's index
entries only (an index-only scan: status is included in the index), never an item's page."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.catalogue.models import Category, CategorySource, Item, ItemStatus
from gongkai.core.models import User
from gongkai.standards import transitions as s
from tests.plans import PLAN_TEST, explained, nodes, pages

pytestmark = PLAN_TEST


def plans_of_the_page(client, township) -> list[dict]:
    """EXPLAIN (ANALYZE, BUFFERS, VERBOSE) of each statement of the page that reads items."""
    with CaptureQueriesContext(connection) as context:
        page = client.get(f"/agency/{township.index_prefix}/standards/")
    assert page.status_code == 200
    return [
        explained(q["sql"], verbose=True, vacuum="catalogue_item")
        for q in context.captured_queries
        if "catalogue_item" in q["sql"]
    ]


def item_scans(plans: list[dict]) -> list[dict]:
    """The scans of catalogue_item, each with what it returns."""
    return [n for plan in plans for n in nodes(plan) if n.get("Relation Name") == "catalogue_item"]


def titles_read(plans: list[dict]) -> int:
    """Pages read by the scans that return the items' titles: the items the page shows."""
    return sum(
        pages(n) for n in item_scans(plans) if any("title" in out for out in n.get("Output", ()))
    )


def publish_many(agency, clerk, matters, count: int, start: int) -> None:
    """`count` more published items, one a day back from 2025-06-01, taking `matters` in
    turn (bulk: the plan, not the publication, is under test)."""
    first = date(2025, 6, 1)
    # its own: a transactional test before may have flushed the categories migrations seed
    category, _ = Category.objects.get_or_create(
        agency=agency, name="社会救助", defaults={"source": CategorySource.AGENCY}
    )
    Item.objects.bulk_create(
        Item(
            agency=agency,
            category=category,
            title=f"低保对象认定结果公示（第{n}批）",
            formed_on=first - timedelta(days=n),
            published_on=first - timedelta(days=n),
            status=ItemStatus.PUBLISHED,
            matter=matters[n % len(matters)],
            created_by=clerk,
        )
        for n in range(start, start + count)
    )


def test_the_newest_items_of_a_row_are_read_by_a_bounded_probe(county, township, clerk, client):
    admin = User.objects.get(username="xian")
    catalogue = s.issue_catalogue(
        county, by=admin, name="云岭县乡镇基层政务公开标准目录", issued_on=date(2025, 3, 1)
    )
    matters = [
        s.add_matter(catalogue, by=admin, domain="社会救助", level1="救助", level2=name, order=n)
        for n, name in enumerate(["城乡低保对象认定结果", "临时救助", "特困供养"], 1)
    ]
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    # the province around it, as the planner sees one: many matters, each with a few items
    # of its agency (at province scale tens of thousands of matters, a few hundred per
    # agency), so one (agency, matter) holds a sliver of the items
    others = s.issue_catalogue(county, by=admin, name="县级目录", issued_on=date(2025, 3, 1))
    spread = [
        s.add_matter(others, by=admin, domain="其他", level1="其他", level2=f"事项{n}", order=n)
        for n in range(200)
    ]
    publish_many(county, clerk, spread, 4000, 0)
    publish_many(township, clerk, matters[:1], 500, 0)
    small = plans_of_the_page(client, township)
    publish_many(township, clerk, matters[:1], 4500, 500)
    large = plans_of_the_page(client, township)

    # ten times the items, the same pages for the items shown (measured: 7 and 7; reading
    # every live item of the agency, as before, read 10 and 72): they follow the rows
    assert 0 < titles_read(large) <= titles_read(small) + 3
    shown = [n for n in item_scans(large) if any("title" in out for out in n["Output"])]
    assert [n["Index Name"] for n in shown] == ["item_agency_matter_newest"]
    # one probe per row (three rows), each stopping once it has the row's five
    assert shown[0]["Actual Loops"] == 3
    assert shown[0]["Actual Rows"] <= 6
    # 共N条 from the index entries alone: an index-only scan, no item's page fetched
    counted = [n for n in item_scans(large) if n not in shown]
    assert [(n["Node Type"], n["Index Name"], n["Heap Fetches"]) for n in counted] == [
        ("Index Only Scan", "item_agency_matter_newest", 0)
    ]
    assert "共5000条" in client.get(f"/agency/{township.index_prefix}/standards/").content.decode()
