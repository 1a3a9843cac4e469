"""The county self-check page's statement count (issue 25): 重新自查 runs every check over all
the county's agencies in one grouped query per kind, and stores their results (for the page
and the 工作台) in a fixed number of writes, so a county of six townships costs what a county
of two costs; the page itself reads what was stored. Not timed: the count is what creeps back
when a check starts asking per agency."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category
from gongkai.core.models import Agency, Membership, Role, User
from gongkai.core.models.agency import AgencyLevel

pytestmark = pytest.mark.django_db


def _township_with_a_published_item(county, n: int) -> Agency:
    township = Agency.objects.create(
        name=f"测试{n}镇人民政府",
        level=AgencyLevel.TOWNSHIP,
        parent=county,
        index_prefix=f"98765{n:04d}",
    )
    clerk = User.objects.create_user(f"jingban{n}", password="township-pass-1")
    reviewer = User.objects.create_user(f"shenhe{n}", password="township-pass-1")
    Membership.objects.create(user=clerk, agency=township, role=Role.CLERK)
    Membership.objects.create(user=reviewer, agency=township, role=Role.REVIEWER)
    category = Category.objects.get(name="社会救助", source="article21")
    draft = ct.create_draft(
        township,
        by=clerk,
        category=category,
        title=f"测试{n}镇低保公示",
        formed_on=date(2026, 11, 2),
    )
    ct.approve_and_publish(ct.submit(draft, by=clerk), by=reviewer, on=date(2026, 11, 3))
    return township


def _county_page(client):
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("office:selfcheck_county"))
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def _checked_anew(client):
    """The statements of 重新自查 (every agency's self-check computed and stored)."""
    with CaptureQueriesContext(connection) as context:
        response = client.post(reverse("office:selfcheck_county"))
    assert response.status_code == 302
    return context.captured_queries


@time_machine.travel("2026-11-30 09:00 +0800", tick=False)
def test_the_county_self_check_costs_the_same_at_two_and_at_six_townships(client, county, township):
    admin = User.objects.create_user("xianban", password="county-pass-1", full_name="县政务公开办")
    Membership.objects.create(user=admin, agency=county, role=Role.ADMIN)
    client.force_login(admin)
    _township_with_a_published_item(county, 1)  # with the demo township: two
    _county_page(client)  # the process's first page reads the holiday calendar once
    computed_at_two = len(_checked_anew(client))
    read_at_two, html = _county_page(client)
    assert "测试1镇人民政府" in html and township.name in html
    for n in range(2, 6):
        _township_with_a_published_item(county, n)
    _checked_anew(client)  # the new townships' texts are scanned once, and kept (text_scans)
    computed_at_six = len(_checked_anew(client))
    read_at_six, html = _county_page(client)
    # every township is on the page (or the count would prove nothing)
    assert all(f"测试{n}镇人民政府" in html for n in range(1, 6)) and township.name in html
    assert computed_at_six == computed_at_two
    # the page reads the stored results: far fewer statements than computing them
    assert read_at_six == read_at_two < computed_at_two / 2


def _reading_items(captured) -> list[str]:
    """The statements that read the checked items with their texts' scans (live_items.read)."""
    return [
        q["sql"]
        for q in captured
        if q["sql"].startswith(("SELECT", "DECLARE")) and 'JOIN "inspection_textscan"' in q["sql"]
    ]


def _reading_bodies(captured) -> list[str]:
    return [q["sql"] for q in captured if '"catalogue_item"."body"' in q["sql"]]


@time_machine.travel("2026-11-30 09:00 +0800", tick=False)
def test_the_county_self_check_reads_its_items_once_whatever_their_calendars(
    client, county, township
):
    """The wording, link, 文号, 第二十条 and 公示期 checks share one read of the items; and only
    the checks that count working days run once per calendar (放假办法第四条), so a township
    with its own ethnic holidays adds no second read of every item."""
    admin = User.objects.create_user("xianban", password="county-pass-1", full_name="县政务公开办")
    Membership.objects.create(user=admin, agency=county, role=Role.ADMIN)
    client.force_login(admin)
    own_holidays = _township_with_a_published_item(county, 1)
    own_holidays.holiday_region = "测试自治乡"
    own_holidays.save(update_fields=["holiday_region"])
    client.get(reverse("office:selfcheck_county"))  # the calendars are read once a process
    [read] = _reading_items(_checked_anew(client))
    assert str(own_holidays.pk) in read and str(township.pk) in read


@time_machine.travel("2026-11-30 09:00 +0800", tick=False)
def test_a_text_is_read_for_the_self_check_once_until_it_changes(client, county, township):
    """Issue 27: a county site of 72,000 documents cannot have every text read on each visit.
    The first check reads and scans the county's texts; later checks read none; a text changed
    by any means — here a raw UPDATE, as a migration's fix-up writes, which no save() sees — is
    read again, alone, because the database keeps each text's digest itself."""
    from gongkai.catalogue.models import Item

    admin = User.objects.create_user("xianban", password="county-pass-1", full_name="县政务公开办")
    Membership.objects.create(user=admin, agency=county, role=Role.ADMIN)
    client.force_login(admin)
    other = _township_with_a_published_item(county, 1)
    first = _checked_anew(client)
    assert _reading_bodies(first)  # never scanned: read once
    assert not _reading_bodies(_checked_anew(client))
    changed = Item.objects.filter(agency=other).get()
    Item.objects.filter(pk=changed.pk).update(body="<p>新的正文</p>")
    [again] = _reading_bodies(_checked_anew(client))
    assert f"IN ({changed.pk})" in again  # that text alone
    assert not _reading_bodies(_checked_anew(client))
