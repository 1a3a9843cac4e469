"""The catalogue list as a visitor reads it: 索引号, 文号 and date columns, the total and
numbered pages; the subjects as a tree with each subject once; 规章 offered only to the
governments that make them."""

import re
from datetime import date, timedelta
from functools import partial

import pytest
from django.urls import reverse

from gongkai.catalogue.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(publish):
    return partial(publish, category="扶贫")


def listing(client, agency, **params):
    return client.get(reverse("portal:items", args=[agency.index_prefix]), params)


def titles(html):
    return re.findall(r'<td><a href="/item/\d+/">([^<]+)</a>', html)


def test_the_list_shows_index_number_document_number_and_date_columns(client, publish, township):
    item = publish("城乡低保资金发放公示", date(2024, 12, 5), document_number="青政发〔2024〕3号")
    html = listing(client, township).content.decode()
    for heading in ("索引号", "名称", "文号", "发布日期"):
        assert f'<th scope="col">{heading}</th>' in html
    row = html.split(item.index_number)[1].split("</tr>")[0]
    assert "青政发〔2024〕3号" in row and "2024年12月5日" in row


def test_the_list_gives_the_total_and_numbered_pages(client, publish, township):
    for n in range(45):
        publish(f"公示{n:02d}", date(2024, 1, 2) + timedelta(days=n))
    first = listing(client, township).content.decode()
    assert "共 45 条，第 1 / 3 页" in first
    assert titles(first)[0] == "公示44"
    for n in (2, 3):
        assert f'page={n}">{n}</a>' in first
    third = listing(client, township, page="3").content.decode()
    assert titles(third) == ["公示04", "公示03", "公示02", "公示01", "公示00"]
    assert 'aria-current="page">3</span>' in third
    # 下一页 goes by keyset and lands on the same items as the numbered page
    second_by_number = titles(listing(client, township, page="2").content.decode())
    next_link = first.split('" rel="next"')[0].rsplit('href="?', 1)[1].replace("&amp;", "&")
    second_by_keyset = titles(
        client.get(
            f"{reverse('portal:items', args=[township.index_prefix])}?{next_link}"
        ).content.decode()
    )
    assert second_by_keyset == second_by_number and len(second_by_number) == 20
    assert listing(client, township, page="999").status_code == 200  # past the end: the last


def test_the_subjects_are_a_tree_not_a_dropdown_and_each_appears_once(client, township):
    html = listing(client, township).content.decode()
    assert '<select name="category"' not in html
    tree = html.split('<nav class="subjects"')[1].split("</nav>")[0]
    assert tree.count("<details") == 3  # 第二十条, 第二十一条 (a township), 重点领域
    assert "条例第二十条规定的内容" in tree and "重点领域" in tree
    assert "（一）行政法规、规章和规范性文件" in tree and "（十五）" in tree
    assert tree.count(">社会救助</a>") == 1


def test_the_one_social_assistance_entry_finds_items_filed_under_either(client, publish, township):
    publish(
        "临时救助公示",
        date(2024, 3, 4),
        category=Category.objects.get(name="社会救助", source="article21"),
    )
    publish(
        "特困供养公示",
        date(2024, 3, 5),
        category=Category.objects.get(name="社会救助", source="standard"),
    )
    publish("扶贫项目公示", date(2024, 3, 6))
    html = listing(client, township).content.decode()
    entry = re.search(r'category=(\d+)">社会救助</a>', html).group(1)
    found = listing(client, township, category=entry).content.decode()
    assert sorted(titles(found)) == ["临时救助公示", "特困供养公示"]
    assert "共 2 条" in found


def test_a_county_department_is_not_offered_the_township_articles(client, county):
    tree = listing(client, county).content.decode().split('<nav class="subjects"')[1]
    assert "第二十一条" not in tree.split("</nav>")[0]


def test_rules_are_offered_only_to_governments_that_make_them(client, township):
    from gongkai.core.models import Agency, AgencyLevel

    assert '<option value="rule"' not in listing(client, township).content.decode()
    city = Agency.objects.create(
        name="云岭市人民政府", level=AgencyLevel.CITY_GOVERNMENT, index_prefix="115329000000001"
    )
    assert '<option value="rule"' in listing(client, city).content.decode()


def test_a_new_subject_shows_in_the_tree_without_a_restart(client, township):
    listing(client, township)  # the shared tree is now kept in this process
    parent = Category.objects.get(source="standard", parent__isnull=True)
    Category.objects.create(name="农村饮水安全", source="standard", parent=parent)
    assert ">农村饮水安全</a>" in listing(client, township).content.decode()


def test_an_empty_list_says_so_in_a_sentence(client, township):
    html = listing(client, township, year="2001").content.decode()
    assert "没有符合条件的信息" in html and "<table" not in html


def test_a_very_large_agency_is_counted_up_to_the_cap_and_paged_on_by_keyset(
    client, publish, township, monkeypatch
):
    """A county with hundreds of thousands of items is counted up to COUNT_CAP (here 40:
    two numbered pages); the page says 超过, and 下一页 goes on past the numbered pages to
    the oldest item."""
    from gongkai.portal import catalogue

    monkeypatch.setattr(catalogue, "COUNT_CAP", 40)
    for n in range(45):
        publish(f"公示{n:02d}", date(2024, 1, 2) + timedelta(days=n))
    first = listing(client, township).content.decode()
    assert "超过 40 条" in first and "共 45 条" not in first
    assert 'page=2">2</a>' in first and 'page=3">3</a>' not in first
    second = listing(client, township, page="2").content.decode()
    assert titles(second)[-1] == "公示05"
    next_link = second.split('" rel="next"')[0].rsplit('href="?', 1)[1].replace("&amp;", "&")
    rest = client.get(
        f"{reverse('portal:items', args=[township.index_prefix])}?{next_link}"
    ).content.decode()
    assert titles(rest) == ["公示04", "公示03", "公示02", "公示01", "公示00"]
