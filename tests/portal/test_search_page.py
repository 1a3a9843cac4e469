"""The search page as a visitor uses it: an 索引号 copied from an item page finds the item,
several words are all required, the newest come first by default and the page says so,
and an empty result is a sentence."""

import re
from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue.search import NEWEST, POOL, RELEVANCE, search
from tests.catalogue.test_search import library, publish  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_an_index_number_copied_from_the_item_page_finds_the_item(client, library):  # noqa: F811
    wanted = library["补贴"]
    item_page = client.get(reverse("portal:item", args=[wanted.pk])).content.decode()
    assert wanted.index_number in item_page
    for typed in (
        wanted.index_number,
        f" {wanted.index_number} ",
        f"索引号：{wanted.index_number}",
    ):
        assert search(typed)[0] == wanted
    page = client.get(reverse("portal:search"), {"q": wanted.index_number}).content.decode()
    assert "找到 1 条" in page and f'href="{reverse("portal:item", args=[wanted.pk])}"' in page


def test_an_index_number_of_a_withdrawn_item_finds_nothing(library):  # noqa: F811
    from gongkai.catalogue import transitions as t
    from gongkai.core.models import User

    gone = t.withdraw(
        library["补贴"], by=User.objects.get(username="shenhe"), on=date(2024, 7, 1), reason="更正"
    )
    assert search(gone.index_number) == []


def test_several_words_are_all_required(publish):  # noqa: F811
    both = publish("城乡低保和临时救助补贴发放公示", date(2024, 5, 6))
    publish("2024年城乡低保对象名单", date(2024, 6, 6))
    publish("耕地地力保护补贴发放", date(2024, 7, 6))
    for order in (NEWEST, RELEVANCE):
        assert search("低保 补贴", order=order) == [both]


def test_the_newest_matches_come_first_by_default_and_the_page_says_so(client, publish):  # noqa: F811
    old_but_relevant = publish("低保低保低保", date(2023, 1, 5), body="<p>低保 低保 低保</p>")
    newer = [publish(f"{n}月城乡低保公示", date(2024, n, 5)) for n in (3, 6, 9)]
    assert search("低保", order=NEWEST) == [newer[2], newer[1], newer[0], old_but_relevant]
    assert search("低保", order=RELEVANCE)[0] == old_but_relevant
    html = client.get(reverse("portal:search"), {"q": "低保"}).content.decode()
    titles = re.findall(r'<li><a href="/item/(\d+)/">', html)
    assert titles[0] == str(newer[2].pk)
    assert "按发布日期从新到旧排列" in html
    html = client.get(
        reverse("portal:search"), {"q": "低保", "order": "relevance"}
    ).content.decode()
    assert re.findall(r'<li><a href="/item/(\d+)/">', html)[0] == str(old_but_relevant.pk)
    # the rule as the code applies it: only the newest POOL matches are ranked
    assert f"在最新的{POOL}条结果中按关键词出现的次数和位置排列，相关程度相同的较新的在前" in html


def test_an_empty_result_is_a_sentence_not_a_numbered_list(client, library, township):  # noqa: F811
    html = client.get(
        reverse("portal:search"), {"q": "养老", "agency": township.index_prefix}
    ).content.decode()
    assert "<ol" not in html
    assert "没有找到同时包含“养老”全部关键词的信息" in html
    assert "在全部机构中搜索" in html
