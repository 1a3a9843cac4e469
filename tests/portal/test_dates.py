"""Dates a person reads are written 2026年1月7日, never zero-padded — on every public page of
the demo, in the feed, and in the clerks' reminders."""

import re
from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ZERO_PADDED = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|年0\d月|月0\d日|\b\d{4}/\d{2}/\d{2}\b")


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)  # attributes (a cursor in a link) are not read


def test_no_public_page_of_the_demo_shows_a_zero_padded_date(client, whole_demo):
    from gongkai.applications.demo import DEMO_YEAR
    from gongkai.catalogue.models import Item, ItemStatus

    township = whole_demo
    prefix = township.index_prefix
    item = Item.objects.filter(agency=township, status=ItemStatus.PUBLISHED).latest("published_on")
    urls = [
        reverse("portal:home"),
        reverse("portal:agency", args=[prefix]),
        reverse("portal:items", args=[prefix]),
        reverse("portal:items", args=[prefix]) + "?page=2",
        reverse("portal:item", args=[item.pk]),
        reverse("portal:guide", args=[prefix]),
        reverse("portal:rules", args=[prefix]),
        reverse("portal:reports", args=[prefix]),
        reverse("portal:report", args=[prefix, DEMO_YEAR]),
        reverse("portal:search") + "?q=低保",
        reverse("portal:feed", args=[prefix]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        if url.endswith("/feed/"):  # Atom's own timestamps are for machines
            text = re.sub(r"<(updated|published)>.*?</\1>", " ", response.content.decode())
        assert not ZERO_PADDED.search(text), (url, ZERO_PADDED.search(text).group())


def test_the_feed_gives_each_items_date_in_chinese(client, township, clerk):
    from gongkai.catalogue import transitions as t
    from gongkai.catalogue.models import Category
    from gongkai.core.models import User

    draft = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="扶贫"),
        title="脱贫攻坚资金公示",
        formed_on=date(2024, 3, 4),
    )
    t.approve_and_publish(
        t.submit(draft, by=clerk), by=User.objects.get(username="shenhe"), on=date(2024, 3, 4)
    )
    body = client.get(reverse("portal:feed", args=[township.index_prefix])).content.decode()
    assert "发布日期：2024年3月4日" in body


def test_a_clerks_reminder_gives_the_due_date_without_leading_zeros():
    from gongkai.applications.deadline_sweep import Reminder
    from gongkai.applications.models import Application

    application = Application(
        tracking_number="2024-9-00001", information_title="低保名单", due_on=date(2024, 3, 4)
    )
    assert "答复期限 2024年3月4日" in Reminder(application, 2).line
