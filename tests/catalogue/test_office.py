"""The clerk drafts, the reviewer sees the hits, redacts and publishes — through the pages."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue.models import Category, Item, ItemStatus
from gongkai.core.models import User

pytestmark = pytest.mark.django_db


def test_draft_review_redact_publish_through_the_pages(client, clerk, township):
    reviewer = User.objects.get(username="shenhe")
    client.force_login(clerk)
    category = Category.objects.get(name="社会救助", source="article21")
    client.post(
        reverse("office:item_new"),
        {
            "category": category.pk,
            "title": "12月低保发放公示",
            "formed_on": "2024-12-02",
            "body": "<p>张三 11010519491231002X</p>",
            "document_kind": "other",
        },
    )
    item = Item.objects.get()
    client.post(reverse("office:item_action", args=[item.pk, "submit"]))
    client.force_login(reviewer)
    page = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert "<mark>110***********002X</mark>" in page
    client.post(reverse("office:item_action", args=[item.pk, "publish"]), {"confirmed": "yes"})
    assert Item.objects.get().status == ItemStatus.SUBMITTED  # refused: hit not handled
    client.post(reverse("office:item_action", args=[item.pk, "redact"]))
    client.post(reverse("office:item_action", args=[item.pk, "publish"]), {"confirmed": "yes"})
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.index_number.startswith("012345671/")
    assert "11010519491231002X" not in item.body


def test_the_item_list_marks_a_late_draft(client, clerk, township):
    from gongkai.catalogue import transitions as t

    t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="扶贫"),
        title="迟到的公示",
        formed_on=date(2024, 1, 2),
    )
    client.force_login(clerk)
    html = client.get(reverse("office:items")).content.decode()
    assert "迟到的公示" in html and "已逾期" in html


def test_an_outsider_cannot_open_or_act_on_the_item(client, clerk, outsider, township):
    from gongkai.catalogue import transitions as t

    item = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="扶贫"),
        title="草稿",
        formed_on=date(2024, 1, 2),
    )
    client.force_login(outsider)
    assert client.get(reverse("office:item", args=[item.pk])).status_code == 404
    assert client.post(reverse("office:item_action", args=[item.pk, "submit"])).status_code == 404
