"""What harvesters and feed readers get: Atom, sitemap.xml, and the JSON API."""

import json
from datetime import date, timedelta
from functools import partial

import pytest
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category
from gongkai.core.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(publish):
    return partial(publish, category="扶贫")


def test_the_atom_feed_lists_new_items_but_no_draft(client, published, township, clerk):
    item = published("脱贫攻坚资金公示", date(2024, 12, 5))
    t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="扶贫"),
        title="未公开的草稿",
        formed_on=date(2024, 12, 6),
    )
    feed = client.get(reverse("portal:feed", args=[township.index_prefix]))
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "脱贫攻坚资金公示" in body and item.index_number in body
    assert "未公开的草稿" not in body


def test_the_sitemap_lists_agencies_and_published_items(client, published, township):
    item = published("公示", date(2024, 12, 5))
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-items.xml" in index
    items = client.get("/sitemap-items.xml").content.decode()
    assert reverse("portal:item", args=[item.pk]) in items


def test_the_api_pages_an_agencys_items_and_describes_itself(client, published, township):
    for n in range(105):
        published(f"公示{n:03d}", date(2024, 1, 2) + timedelta(days=n // 5))
    url = f"/api/agencies/{township.index_prefix}/items"
    first = client.get(url).json()
    second = client.get(url, {"before": first["next"]}).json()
    assert len(first["items"]) == 100 and len(second["items"]) == 5 and second["next"] is None
    titles = [i["title"] for i in first["items"] + second["items"]]
    assert len(set(titles)) == 105
    one = client.get(f"/api/items/{first['items'][0]['id']}").json()
    assert one["index_number"].startswith(f"{township.index_prefix}/2024-")
    assert client.get(url, {"before": "bad"}).status_code == 400
    schema = json.loads(client.get("/api/openapi.json").content)
    assert "/api/agencies/{prefix}/items" in schema["paths"]
    agencies = client.get("/api/agencies").json()
    assert {a["index_prefix"] for a in agencies} >= {township.index_prefix}


def test_the_api_never_shows_a_draft(client, township, clerk):
    draft = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="扶贫"),
        title="草稿",
        formed_on=date(2024, 1, 2),
    )
    assert client.get(f"/api/items/{draft.pk}").status_code == 404


def test_an_item_in_the_api_carries_its_body_and_files_until_withdrawn(
    client, township, clerk, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.catalogue.files import pdf_with_text

    settings.VAR_DIR = tmp_path
    reviewer = User.objects.get(username="shenhe")
    draft = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="扶贫"),
        title="扶贫项目公示",
        formed_on=date(2024, 1, 2),
        body="<p>项目清单见附件</p>",
    )
    t.attach_file(draft, SimpleUploadedFile("清单.pdf", pdf_with_text("list")), by=clerk)
    item = t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=date(2024, 1, 3))
    one = client.get(f"/api/items/{item.pk}").json()
    assert one["body"] == "<p>项目清单见附件</p>"
    [attachment] = one["attachments"]
    assert attachment["name"] == "清单.pdf"
    assert client.get(attachment["url"]).status_code == 200
    t.withdraw(item, by=reviewer, on=date(2024, 1, 9), reason="有误")
    gone = client.get(f"/api/items/{item.pk}").json()
    assert gone["body"] == "" and gone["attachments"] == [] and gone["withdrawn_on"] == "2024-01-09"
