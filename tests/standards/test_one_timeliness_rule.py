"""One timeliness rule everywhere (issue 22): an item is due by the stricter of 条例第二十六条's
20 working days and its 标准目录 matter's own 公开时限, on its page, in the self-check and in
the county overview alike. Dates hand-counted on the 2025 calendar (no holiday between 10/9
and 12/31)."""

from datetime import date

import pytest

from gongkai.catalogue import transitions as t
from gongkai.inspection.checks import timeliness as selfcheck_timeliness
from gongkai.office.overview import township_overview
from gongkai.standards import transitions as s
from gongkai.statute.workdays import WorkdayCalendar, builtin_arrangements
from tests.conftest import publish_item

pytestmark = pytest.mark.django_db
CALENDAR = WorkdayCalendar(builtin_arrangements())
FORMED = date(2025, 10, 15)  # Wed
# the 低保 matter's 7 working days: 10/16–17 (2), 10/20–24 (7) → Fri 24 October;
# the 20 working days: … 11/10–12 (20) → Wed 12 November
MATTER_DUE = date(2025, 10, 24)
PUBLISHED = date(2025, 11, 3)  # Mon: within the 20 days, 6 working days after the matter's
TODAY = date(2025, 11, 10)


@pytest.fixture
def adopted(model, township, clerk):
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    return rows


def drafted(township, clerk, relief, title, matter=None):
    item = t.create_draft(township, by=clerk, category=relief, title=title, formed_on=FORMED)
    if matter is not None:
        s.link_item(item, matter, by=clerk)
    return item


def published(item, clerk, reviewer):
    return publish_item(item, clerk=clerk, reviewer=reviewer, on=PUBLISHED)


def test_an_item_published_within_twenty_days_but_after_its_matters_limit_is_late_everywhere(
    adopted, township, clerk, reviewer, relief
):
    late = published(
        drafted(township, clerk, relief, "低保对象认定结果公示", adopted["低保"]), clerk, reviewer
    )
    # the same day, without a matter: only the 20 working days bind, and it is in time
    in_time = published(drafted(township, clerk, relief, "救助工作动态"), clerk, reviewer)

    assert late.timeliness(calendar=CALENDAR, today=TODAY)[:3] == (MATTER_DUE, False, 6)
    assert not in_time.timeliness(calendar=CALENDAR, today=TODAY).late

    findings = selfcheck_timeliness([township], TODAY, CALENDAR)
    assert [(f.subject, f.detail) for f in findings if f.indicator == "late_publication"] == [
        (
            "低保对象认定结果公示",
            "应于 2025年10月24日 前公开，2025年11月3日 才公开，逾期 6 个工作日。",
        )
    ]

    [row] = township_overview([township], today=TODAY, calendar=CALENDAR)
    assert (row.published_late, row.unpublished_late) == (1, 0)


def test_a_draft_past_its_matters_limit_counts_as_late_in_the_county_overview(
    adopted, township, clerk, relief
):
    drafted(township, clerk, relief, "低保对象认定结果公示", adopted["低保"])
    drafted(township, clerk, relief, "救助工作动态")  # 20 working days: not due until 11/12
    [row] = township_overview([township], today=PUBLISHED, calendar=CALENDAR)
    assert (row.unpublished_late, row.published_late) == (1, 0)


def test_the_overview_reads_every_item_a_shorter_limit_makes_late(
    model, township, county_admin, clerk, reviewer, relief
):
    """The 工作台 reads only the items that could be late (office/overview.py _could_be_late,
    issue 27): more than 20 days after formed_on, or after it at all under a matter whose
    limit may be shorter. Published 1 and 6 calendar days after formed_on — under 实时 and
    under 3 working days — both are late by Item.timeliness(), and the overview counts both;
    the same dates without a matter are in time."""
    catalogue, _rows = model
    realtime = s.add_matter(
        catalogue, by=county_admin, domain="应急管理", level1="预警信息", level2="预警发布",
        limit_kind="realtime", order=4,
    )  # fmt: skip
    three_days = s.add_matter(
        catalogue, by=county_admin, domain="社会救助", level1="临时救助", level2="救助结果",
        limit_kind="workdays", limit_days=3, order=5,
    )  # fmt: skip
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    late = []
    for title, matter, published_on in (
        ("暴雨预警", realtime, date(2025, 10, 16)),  # Thu, the day after
        # 3 working days: 10/16, 17, 20 → due Mon 20 October; published Tue 21: 1 day late
        ("临时救助结果公示", three_days, date(2025, 10, 21)),
        ("救助工作动态", None, date(2025, 10, 20)),
    ):
        item = publish_item(
            drafted(township, clerk, relief, title, matter), clerk=clerk, reviewer=reviewer,
            on=published_on,
        )  # fmt: skip
        if item.timeliness(calendar=CALENDAR, today=TODAY).late:
            late.append(title)
    assert late == ["暴雨预警", "临时救助结果公示"]
    [row] = township_overview([township], today=TODAY, calendar=CALENDAR)
    assert row.published_late == 2
