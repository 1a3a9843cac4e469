"""Late publication recorded when an item is published (条例第二十六条, catalogue/timing.py):
the figure stored, forgotten by the database when what it was timed from changes, and read
by the 工作台 only in the calendar it was timed in.

The case, counted by hand from the 2026 arrangement (no national holiday in November), as in
tests/applications/test_regional_counts.py: information formed on Mon 2026-11-02 is due 20
working days later, Mon 11-30 (11-03…06 = 4, 09…13 = 9, 16…20 = 14, 23…27 = 19, 30 = 20);
published on Wed 12-02 it is 2 working days late (12-01, 12-02). Formed on Mon 11-09 it is due
Mon 12-07: published 12-02, in time. Were Fri 11-27 a day off, the first would be due Tue
12-01 and 1 working day late."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.catalogue.models import Item
from gongkai.catalogue.timing import time_publications
from gongkai.core.calendar import current_calendar, import_arrangements
from gongkai.core.models import Agency
from gongkai.office.overview import township_overview
from gongkai.standards.models import Matter
from gongkai.statute.workdays import Arrangement, DayKind

pytestmark = pytest.mark.django_db
PUBLISHED = date(2026, 12, 2)
TODAY = date(2026, 12, 4)


@pytest.fixture(autouse=True)
def _on_the_day(travel_to):
    travel_to(TODAY, tick=False)


@pytest.fixture
def late(publish):
    return publish("逾期公开的信息", PUBLISHED, formed_on=date(2026, 11, 2))


@pytest.fixture
def timely(publish):
    return publish("按时公开的信息", PUBLISHED, formed_on=date(2026, 11, 9))


def stored(item) -> int | None:
    return Item.objects.values_list("late_workdays", flat=True).get(pk=item.pk)


def published_late(township) -> int:
    [row] = township_overview([township], today=TODAY, calendar=current_calendar())
    return row.published_late


def test_publishing_records_the_working_days_past_the_due_date(late, timely):
    assert stored(late) == 2
    assert stored(timely) == 0
    # the figure is Item.timeliness()'s, the rule every page times by
    calendar = current_calendar()
    assert late.timeliness(calendar=calendar, today=TODAY).late_by == 2


def test_the_database_forgets_a_figure_whose_grounds_changed(late, township):
    items = Item.objects.filter(pk=late.pk)
    items.update(formed_on=date(2026, 11, 3))  # any statement, not only the app's forms
    assert stored(late) is None
    items.update(late_workdays=2)  # a statement that sets the figure keeps it
    assert stored(late) == 2
    matter = Matter.objects.create(agency=township, domain="测试", level1="测试", level2="测试")
    items.update(matter=matter)
    assert stored(late) is None
    items.update(late_workdays=2)
    # the matter's 公开时限 changes: 5 working days, not 20
    Matter.objects.filter(pk=matter.pk).update(limit_kind="workdays", limit_days=5)
    assert stored(late) is None
    items.update(late_workdays=2)
    Agency.objects.filter(pk=township.pk).update(holiday_region="云岭自治州")
    assert stored(late) is None
    items.update(late_workdays=2)
    # what does not change the due date keeps it: the title, the status (withdrawn items
    # were published, and late)
    items.update(title="改过的名称", status="withdrawn")
    assert stored(late) == 2


def test_the_triggers_stand_in_the_database():
    # a later migration that rebuilds one of these tables on SQLite drops its triggers
    # with it: this fails then
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = {name for (name,) in cursor.fetchall()}
    assert {"catalogue_item_untime", "catalogue_matter_untime", "catalogue_agency_untime"} <= names


def test_the_workbench_reads_the_figures_only_in_the_calendar_they_were_timed_in(
    late, timely, township
):
    assert published_late(township) == 1  # before any basis: each item timed on the page
    said = []
    assert time_publications(TODAY, say=said.append) == 2  # this year's, both timed again
    assert said[0] == "全国：2026年发布的 2 条信息按现行节假日安排重新计时"
    assert published_late(township) == 1
    # the page reads what is stored now: a figure the calendar would not give is believed
    # (set by hand here, to tell the two ways of counting apart)
    Item.objects.filter(pk=timely.pk).update(late_workdays=4)
    assert published_late(township) == 2
    # the calendar changes (a notice corrected: Fri 11-27 off): no stored figure of 2026 is
    # read until they are timed in it again; the page times them itself meanwhile
    import_arrangements(
        [Arrangement(date(2026, 11, 27), DayKind.HOLIDAY, "更正通知（测试）")],
        by=None,
        actor_label="测试",
    )
    assert published_late(township) == 1
    assert time_publications(TODAY, say=said.append) == 2
    assert (stored(late), stored(timely)) == (1, 0)
    assert published_late(township) == 1
    # nothing changed since: nothing timed again
    assert time_publications(TODAY, say=said.append) == 0


def test_the_command_times_what_is_not_timed_and_says_so(late, timely, capsys):
    call_command("time-publications", "--today", TODAY.isoformat())
    Item.objects.filter(pk=late.pk).update(formed_on=date(2026, 11, 3))  # forgotten
    call_command("time-publications", "--today", TODAY.isoformat())
    out = capsys.readouterr().out.splitlines()
    # formed Tue 11-03: due Tue 12-01, published 12-02: 1 working day late
    assert stored(late) == 1
    assert out[-2:] == ["尚未计时的 1 条信息已计时（2026年发布）", "共计时 1 条"]


def test_the_self_check_reads_the_late_items_as_recorded_too(late, timely, township):
    from gongkai.inspection.checks import timeliness

    def found():
        return [
            f.detail
            for f in timeliness([township], TODAY, current_calendar())
            if f.indicator == "late_publication"
        ]

    expected = ["应于 2026年11月30日 前公开，2026年12月2日 才公开，逾期 2 个工作日。"]
    assert found() == expected  # each item timed by the check itself
    time_publications(TODAY, say=lambda line: None)
    assert found() == expected  # the late one read as recorded
    # the check reads only what is recorded late (a figure set by hand, to tell the ways apart)
    Item.objects.filter(pk=late.pk).update(late_workdays=0)
    assert found() == []
    # in another calendar nothing recorded is read
    import_arrangements(
        [Arrangement(date(2026, 11, 27), DayKind.HOLIDAY, "更正通知（测试）")],
        by=None,
        actor_label="测试",
    )
    assert found() == ["应于 2026年12月1日 前公开，2026年12月2日 才公开，逾期 1 个工作日。"]
