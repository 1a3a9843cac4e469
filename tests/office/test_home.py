"""The office home lists what must be published soon and what went out late (条例第二十六条).
Deadlines are hand-counted on the 2024 calendar; "soon" is 3 working days (DUE_SOON_WORKDAYS)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category
from gongkai.core.models import User

pytestmark = pytest.mark.django_db


@time_machine.travel("2024-12-16 09:00 +0800", tick=False)
def test_due_soon_and_published_late(client, township, clerk):
    reviewer = User.objects.get(username="shenhe")
    category = Category.objects.get(name="社会救助", source="article21")

    def draft(title, formed_on):
        return t.create_draft(
            township, by=clerk, category=category, title=title, formed_on=formed_on
        )

    # formed 2024-11-19 (Tue): the 20th working day after is 2024-12-17 — due soon
    draft("本周到期的公示", date(2024, 11, 19))
    # formed 2024-11-22 (Fri): due 2024-12-20, 4 working days after Monday 16 December
    draft("周五到期的公示", date(2024, 11, 22))
    # formed 2024-12-13: due 2025-01-13 (1 January is a holiday) — not yet listed
    draft("下月到期的公示", date(2024, 12, 13))
    # formed 2024-10-08, due 2024-11-04 (Saturday 12 October was a make-up workday),
    # published 2024-11-07: 3 working days late (5, 6, 7 November)
    late = draft("逾期公开的公示", date(2024, 10, 8))
    t.approve_and_publish(t.submit(late, by=clerk), by=reviewer, on=date(2024, 11, 7))
    client.force_login(clerk)
    html = client.get(reverse("office:home")).content.decode()
    soon = html.split('id="todo"')[1].split('id="late"')[0]
    assert "本周到期的公示" in soon and "2024年12月17日" in soon
    assert "周五到期的公示" not in soon and "下月到期的公示" not in soon
    assert "逾期公开的公示" in html.split('id="late"')[1] and "逾期 3 个工作日" in html


@time_machine.travel("2024-12-16 09:00 +0800", tick=False)
def test_many_late_items_the_newest_are_listed_and_all_counted(
    client, township, clerk, monkeypatch
):
    """A busy county published thousands late in a year (2,467 at 6,000,000 items): the
    工作台 lists the most recently published and counts them all, with the way to all of them
    — whether the page times the items itself or reads them as recorded at publication."""
    from gongkai.catalogue.timing import time_publications
    from gongkai.office import views

    monkeypatch.setattr(views, "LATE_SHOWN", 2)
    _publish_three_late(township, clerk)
    client.force_login(clerk)
    pages = [client.get(reverse("office:home")).content.decode().split('id="late"')[1]]
    time_publications(date(2024, 12, 16), say=lambda line: None)
    pages.append(client.get(reverse("office:home")).content.decode().split('id="late"')[1])
    for late in pages:
        assert "共 3 条，这里列出最近公开的 2 条" in late
        assert "第三条" in late and "逾期 5 个工作日" in late
        assert "第二条" in late and "逾期 4 个工作日" in late
        assert "第一条" not in late
        assert f'href="{reverse("office:selfcheck")}?agency={township.pk}"' in late


def _publish_three_late(township, clerk):
    reviewer = User.objects.get(username="shenhe")
    category = Category.objects.get(name="社会救助", source="article21")
    # formed 2024-10-08, due 2024-11-04 (as above): published 7, 8 and 11 November, 3, 4 and
    # 5 working days late
    for title, on in (("第一条", 7), ("第二条", 8), ("第三条", 11)):
        item = t.create_draft(
            township, by=clerk, category=category, title=title, formed_on=date(2024, 10, 8)
        )
        t.approve_and_publish(t.submit(item, by=clerk), by=reviewer, on=date(2024, 11, on))


@time_machine.travel("2024-12-16 09:00 +0800", tick=False)
def test_items_recorded_late_come_counted_and_only_the_newest_shown_are_sent(township, clerk):
    """A county of a 6,000,000-item province had 6,702 items recorded late this year: the
    工作台's read counts them per agency in the database and sends the newest it shows
    (PostgreSQL; SQLite takes no LIMIT inside a UNION and sends one office's all)."""
    from django.db import connection

    from gongkai.catalogue.timing import time_publications
    from gongkai.office.overview import item_dates

    _publish_three_late(township, clerk)
    time_publications(date(2024, 12, 16), say=lambda line: None)
    rows = item_dates([township], [], 2024, newest=1)
    assert [row["recorded_late"] for row in rows if row["pk"] is None] == [3]
    sent = [row for row in rows if row["stored_late"] is not None]
    limited = connection.features.supports_slicing_ordering_in_compound
    titles = sorted(row["shown_title"] for row in sent)
    assert titles == (["第三条"] if limited else ["第一条", "第三条", "第二条"])
    assert all(row["stored_late"] > 0 for row in sent)
