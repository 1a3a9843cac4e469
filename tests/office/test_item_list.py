"""The office's item list finds any item of the agency (issue 25, "Find and fix"): by a piece
of its 名称, its 索引号 or its 文号, filtered by 分类, 状态, 年份 and 公开事项, on numbered
pages with no cap — and never another agency's item."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category
from tests.conftest import beijing_moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return Category.objects.get(name="社会救助", source="article21")


def draft(township, clerk, category, title, **fields):
    fields.setdefault("formed_on", date(2026, 3, 2))
    return t.create_draft(township, by=clerk, category=category, title=title, **fields)


def listed(client, township, **params) -> tuple[list[str], str]:
    url = reverse("office:items")
    page = client.get(url, {"agency": township.pk, **params}).content.decode()
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    titles = re.findall(r'<a href="/office/items/\d+/">([^<]+)</a>', body)
    return titles, page


def test_every_item_is_on_some_numbered_page_however_many(client, clerk, township, category):
    with time_machine.travel(beijing_moment("2026-03-02 09:00"), tick=True):
        first = draft(township, clerk, category, "最早起草的一条")
        for n in range(230):  # more than the 200 the list used to stop at
            draft(township, clerk, category, f"第{n}号草稿")
    client.force_login(clerk)
    titles, page = listed(client, township)
    assert len(titles) == 50 and "共 231 条，第 1 / 5 页" in page
    assert 'href="?agency=' in page and "page=5" in page
    _, page = listed(client, township, status="draft")  # the page links keep the filters
    assert "status=draft&amp;page=2" in page
    titles, page = listed(client, township, page=5)
    assert titles[-1] == first.title and "第 5 / 5 页" in page
    titles, _ = listed(client, township, page="nonsense")  # a bad page number: the first page
    assert len(titles) == 50


def test_search_matches_title_index_number_and_document_number(
    client, clerk, township, category, publish
):
    with time_machine.travel(beijing_moment("2026-03-10 09:00"), tick=True):
        notice = publish(
            "2026年3月低保发放公示",
            date(2026, 3, 10),
            category=category,
            body="",
            document_number="青政发〔2026〕3号",
        )
        draft(township, clerk, category, "农村危房改造补助名单")
    client.force_login(clerk)
    assert listed(client, township, q="低保")[0] == [notice.title]
    assert listed(client, township, q=notice.index_number)[0] == [notice.title]
    # typed on a phone with half-width brackets folded by NFKC is the stored full-width 〔〕
    assert listed(client, township, q="青政发〔2026〕3号")[0] == [notice.title]
    assert listed(client, township, q="危房")[0] == ["农村危房改造补助名单"]
    titles, page = listed(client, township, q="没有这样的信息")
    assert titles == [] and "没有符合条件的信息" in page


def test_filters_by_status_category_year_and_matter(client, clerk, township, category, publish):
    from gongkai.standards.demo import load_demo_standards
    from gongkai.standards.transitions import adopted_matters

    load_demo_standards(township, today=date(2026, 3, 2))
    matter = adopted_matters(township).first()
    other = Category.objects.get(name="扶贫")
    with time_machine.travel(beijing_moment("2026-03-02 09:00"), tick=True):
        old = publish("测试去年的公示", date(2025, 12, 1), category=category, body="")
        draft(township, clerk, category, "测试今年的草稿")
        draft(township, clerk, other, "测试扶贫草稿")
        draft(township, clerk, category, "测试有事项的草稿", matter=matter)
    client.force_login(clerk)
    assert listed(client, township, q="测试", status="published")[0] == [old.title]
    assert set(listed(client, township, q="测试", category=other.pk)[0]) == {"测试扶贫草稿"}
    assert listed(client, township, q="测试", year=2025)[0] == [old.title]
    assert "测试去年的公示" not in listed(client, township, q="测试", year=2026)[0]
    assert listed(client, township, q="测试", matter=matter.pk)[0] == ["测试有事项的草稿"]
    # the demo's standard catalogue brought its own items; the search keeps to these four
    # filters combine
    titles, _ = listed(client, township, q="测试", status="draft", category=category.pk, year=2026)
    assert set(titles) == {"测试今年的草稿", "测试有事项的草稿"}
    for value in ("status=bogus", "year=abc", "category=-1"):  # not a filter: ignored
        name, bad = value.split("=")
        assert len(listed(client, township, q="测试", **{name: bad})[0]) == 4


def test_another_agencys_items_are_never_found(client, clerk, outsider, township, category):
    with time_machine.travel(beijing_moment("2026-03-02 09:00"), tick=True):
        draft(township, clerk, category, "青石镇内部草稿")
    client.force_login(outsider)
    page = client.get(reverse("office:items"), {"q": "青石镇"}).content.decode()
    assert "青石镇内部草稿" not in page
    assert client.get(reverse("office:items"), {"agency": township.pk}).status_code == 404
