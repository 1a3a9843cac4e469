"""What is due and missing from a township's 标准目录, on the 工作台 and in the county's
overview. Dates counted by hand on the 2025 arrangement (10/1–10/8 off, 10/11 at work)."""

from datetime import date

import pytest

from gongkai.catalogue import transitions as t
from gongkai.core.models import User
from gongkai.core.workbench import Urgency, due_lines
from gongkai.standards import transitions as s
from gongkai.standards.due import county_overview, standings
from gongkai.statute.workdays import WorkdayCalendar, builtin_arrangements
from tests.conftest import publish_item

pytestmark = pytest.mark.django_db
CALENDAR = WorkdayCalendar(builtin_arrangements())


@pytest.fixture
def adopted(model, township, clerk):
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    return rows


def publish(township, clerk, reviewer, relief, matter, *, title, formed_on, on):
    item = t.create_draft(township, by=clerk, category=relief, title=title, formed_on=formed_on)
    s.link_item(item, matter, by=clerk)
    return publish_item(item, clerk=clerk, reviewer=reviewer, on=on)


def test_a_quarterly_matter_not_published_by_its_due_date_is_overdue(adopted, township):
    # Q3 ends 9/30; 10 working days: 10/9 … 10/21 (see the statute tests); 10/22 is 1 late
    line = standings([township.pk], today=date(2025, 10, 22), calendar=CALENDAR)[township.pk].lines[
        0
    ]
    assert line.matter == adopted["财务"]
    assert (line.due, line.late_by) == (date(2025, 10, 21), 1)
    assert line.text == "“村级财务收支情况”2025年第3季度的信息尚未公开，已超期1个工作日"


def test_publishing_after_the_quarter_ends_clears_the_line(
    adopted, township, clerk, reviewer, relief
):
    publish(
        township,
        clerk,
        reviewer,
        relief,
        adopted["财务"],
        title="2025年第三季度村级财务收支公开",
        formed_on=date(2025, 10, 9),
        on=date(2025, 10, 15),
    )
    standing = standings([township.pk], today=date(2025, 10, 22), calendar=CALENDAR)[township.pk]
    assert [line.matter for line in standing.lines] == []


def test_a_draft_of_a_seven_day_matter_is_due_soon_then_overdue(adopted, township, clerk, relief):
    item = t.create_draft(
        township,
        by=clerk,
        category=relief,
        title="低保对象认定结果公示",
        formed_on=date(2025, 10, 15),
    )
    s.link_item(item, adopted["低保"], by=clerk)
    # 7 working days from Wed 10/15: 10/16, 10/17, 10/20, 10/21, 10/22, 10/23, 10/24
    on_22 = standings([township.pk], today=date(2025, 10, 22), calendar=CALENDAR)[township.pk]
    line = next(line for line in on_22.lines if line.item_id == item.pk)
    assert (line.due, line.standing.value) == (date(2025, 10, 24), "due")
    on_27 = standings([township.pk], today=date(2025, 10, 27), calendar=CALENDAR)[township.pk]
    line = next(line for line in on_27.lines if line.item_id == item.pk)
    assert (line.standing.value, line.late_by) == ("overdue", 1)


def test_matters_with_nothing_published_this_year_are_counted(
    adopted, township, clerk, reviewer, relief
):
    publish(
        township,
        clerk,
        reviewer,
        relief,
        adopted["低保"],
        title="低保对象认定结果公示",
        formed_on=date(2025, 6, 2),
        on=date(2025, 6, 4),
    )
    standing = standings([township.pk], today=date(2025, 10, 22), calendar=CALENDAR)[township.pk]
    assert standing.matters == 3
    assert set(standing.missing) == {adopted["财务"], adopted["补贴"]}


def test_without_the_missing_matters_they_are_counted_and_the_lines_kept(adopted, township):
    # the 工作台 shows the number only: its provider asks for no matter to be made for it
    whole = standings([township.pk], today=date(2025, 10, 22), calendar=CALENDAR)[township.pk]
    counted = standings(
        [township.pk], today=date(2025, 10, 22), calendar=CALENDAR, with_missing=False
    )[township.pk]
    assert counted.missing is None
    assert counted.missing_this_year == len(whole.missing) == 3
    assert [line.text for line in counted.lines] == [line.text for line in whole.lines]
    assert counted.lines  # the quarterly 村级财务 row is overdue on 10/22


def test_a_hidden_row_is_neither_due_nor_missing(adopted, township, clerk):
    from gongkai.standards.models import Adoption

    s.hide(
        Adoption.objects.get(agency=township, matter=adopted["财务"]),
        by=clerk,
        reason="本镇村级财务由村委会自行公开",
    )
    standing = standings([township.pk], today=date(2025, 10, 22), calendar=CALENDAR)[township.pk]
    assert (standing.matters, standing.overdue) == (2, 0)


def test_the_clerks_workbench_lists_the_overdue_matter_and_the_missing_count(
    adopted, township, clerk
):
    lines = due_lines(
        user=clerk, agencies={township: {"clerk"}}, today=date(2025, 10, 22), calendar=CALENDAR
    )
    mine = [line for line in lines if line.kind == "标准目录"]
    assert mine[0].urgency is Urgency.OVERDUE
    assert "村级财务收支情况" in mine[0].text
    assert mine[-1].urgency is Urgency.NOTICE
    assert mine[-1].text == "本机关标准目录中有3个事项2025年尚未公开信息"


def test_the_county_overview_counts_per_agency(adopted, township, county):
    rows = county_overview([township, county], today=date(2025, 10, 22), calendar=CALENDAR)
    assert rows == [(township, 3, 0, 1, 3), (county, 0, 0, 0, 0)]


def test_the_county_admin_sees_the_overview_on_the_office_page(adopted, township, client):
    client.force_login(User.objects.get(username="xian"))
    page = client.get("/office/standards/")
    assert page.status_code == 200
    assert "下级机关标准目录落实情况" in page.content.decode()
    assert township.name in page.content.decode()


def test_a_period_that_ended_before_the_adoption_asks_nothing(model, township, clerk):
    catalogue, _ = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 10, 10))
    # Q3 ended 9/30, before the township adopted the quarterly row on 10/10
    standing = standings([township.pk], today=date(2025, 10, 22), calendar=CALENDAR)[township.pk]
    assert standing.overdue == 0


def test_this_years_information_is_told_by_the_newest_date_and_a_later_date_looks_again(
    adopted, township, clerk, reviewer, relief
):
    from gongkai.catalogue.models import Item

    def published(matter, on):
        item = publish(
            township, clerk, reviewer, relief, matter, title=f"{matter.level2}（{on}）",
            formed_on=date(2025, 6, 2), on=date(2025, 6, 4),
        )  # fmt: skip
        Item.objects.filter(pk=item.pk).update(published_on=on)  # an old site's dates

    # 低保: last year only; 财务: this year, and a mistyped date past it; 补贴: only that
    published(adopted["低保"], date(2024, 12, 31))
    published(adopted["财务"], date(2025, 1, 1))
    published(adopted["财务"], date(2052, 1, 1))
    published(adopted["补贴"], date(2052, 1, 1))
    standing = standings([township.pk], today=date(2025, 10, 22), calendar=CALENDAR)[township.pk]
    assert set(standing.missing) == {adopted["低保"], adopted["补贴"]}
    assert standing.missing_this_year == 2


def test_rows_of_one_limit_each_have_their_own_standing(model, township, clerk, reviewer, relief):
    """Two quarterly rows, one published after Q3 ended and one only within it, in both
    orders of the rows: each is told apart (the standing is worked out once per limit)."""
    catalogue, rows = model
    county_admin = User.objects.get(username="xian")
    later = [
        s.add_matter(
            catalogue, by=county_admin, domain="村级事务", level1="村级财务",
            level2=f"村级财务收支情况（{n}）", limit_kind="quarterly", limit_days=10, order=4 + n,
        )
        for n in range(2)
    ]  # fmt: skip
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    for matter, on in ((rows["财务"], date(2025, 10, 15)), (later[0], date(2025, 9, 15)),
                       (later[1], date(2025, 10, 16))):  # fmt: skip
        publish(
            township, clerk, reviewer, relief, matter, title=f"{matter.level2}公开",
            formed_on=on, on=on,
        )  # fmt: skip
    standing = standings([township.pk], today=date(2025, 10, 22), calendar=CALENDAR)[township.pk]
    assert [(line.matter, line.late_by) for line in standing.lines] == [(later[0], 1)]
