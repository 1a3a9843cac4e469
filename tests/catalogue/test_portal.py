"""The public catalogue pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, Item, ItemStatus

pytestmark = pytest.mark.django_db


def test_an_item_page_shows_the_portal_metadata_table(client, publish):
    item = publish("青石镇低保资金发放公示", date(2024, 12, 5), document_number="青政发〔2024〕3号")
    html = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    for text in (
        "索引号",
        item.index_number,
        "社会救助",
        "青政发〔2024〕3号",
        "有效",
        "2024年12月5日",
    ):
        assert text in html


def test_drafts_are_not_public_and_withdrawn_items_say_so(client, publish, township, clerk):
    draft = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="扶贫"),
        title="草稿",
        formed_on=date(2024, 1, 2),
    )
    assert client.get(reverse("portal:item", args=[draft.pk])).status_code == 404
    item = publish("公示", date(2024, 12, 5))
    from gongkai.core.models import User

    t.withdraw(item, by=User.objects.get(username="shenhe"), on=date(2024, 12, 9), reason="有误")
    assert (
        "已于 2024年12月9日 撤回"
        in client.get(reverse("portal:item", args=[item.pk])).content.decode()
    )


def test_the_listing_pages_by_keyset_newest_first_without_repeats(client, publish, township):
    for n in range(45):
        publish(f"公示{n:02d}", date(2024, 1, 2) + timedelta(days=n // 3))
    seen, url = [], reverse("portal:items", args=[township.index_prefix])
    while url:
        html = client.get(url).content.decode()
        seen += [line.split(">")[1].split("<")[0] for line in html.split('<td><a href="/item/')[1:]]
        url = (
            html.split('" rel="next"')[0].rsplit('href="?', 1)[1].replace("&amp;", "&")
            if 'rel="next"' in html
            else ""
        )
        url = f"{reverse('portal:items', args=[township.index_prefix])}?{url}" if url else ""
    assert len(seen) == 45 and len(set(seen)) == 45
    published = list(
        Item.objects.filter(status=ItemStatus.PUBLISHED)
        .order_by("-published_on", "-pk")
        .values_list("title", flat=True)
    )
    assert seen == published


def test_the_listing_filters_by_year_and_kind(client, publish, township):
    publish("规范性文件", date(2023, 5, 4), document_kind="normative")
    publish("动态", date(2024, 5, 6))
    url = reverse("portal:items", args=[township.index_prefix])
    html = client.get(url, {"year": "2023", "kind": "normative"}).content.decode()
    assert "规范性文件" in html and "动态" not in html
    assert client.get(url, {"before": "garbage"}).status_code == 200
