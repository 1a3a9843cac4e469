"""The demo county's standard catalogue: four 领域 and more, adopted by the township, items
linked, one overdue and some due on the 工作台."""

from datetime import date

import pytest

from gongkai.catalogue.demo import load_demo_catalogue
from gongkai.catalogue.models import Item
from gongkai.core.calendar import current_calendar
from gongkai.standards.demo import load_demo_standards
from gongkai.standards.due import standings
from gongkai.standards.models import Matter

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


@pytest.fixture
def demo(township):
    load_demo_catalogue(township, today=TODAY)
    return load_demo_standards(township, today=TODAY)


def test_the_demo_county_issues_four_domains_and_the_township_adopts_them(demo, township):
    domains = set(Matter.objects.filter(catalogue__isnull=False).values_list("domain", flat=True))
    assert {"社会救助", "涉农补贴", "财政预决算", "村级事务"} <= domains
    assert demo == 12  # 12 rows, one hidden, one local
    assert Item.objects.filter(agency=township, matter__isnull=False).count() > 40


def test_the_demo_workbench_shows_one_overdue_and_some_due(demo, township):
    standing = standings([township.pk], today=TODAY, calendar=current_calendar())[township.pk]
    assert standing.overdue == 1
    assert standing.due >= 1
    overdue = next(line for line in standing.lines if line.standing.value == "overdue")
    assert "青石镇临时救助对象公示" in overdue.text


def test_loading_the_demo_twice_changes_nothing(demo, township):
    before = Item.objects.count()
    assert load_demo_standards(township, today=TODAY) == demo
    assert Item.objects.count() == before
