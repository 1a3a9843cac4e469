"""Chinese full-text search: two-character words and document numbers match, on SQLite and
on PostgreSQL alike; drafts and withdrawn items are never found."""

from datetime import date
from functools import partial

import pytest
from django.db import connection  # for the skipif condition below
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category
from gongkai.catalogue.search import highlight, search
from gongkai.core.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(publish):
    return partial(publish, category="扶贫")


@pytest.fixture
def library(publish):
    return {
        "低保": publish("2024年12月城乡低保资金发放公示", date(2024, 12, 5)),
        "补贴": publish(
            "耕地地力保护补贴发放情况",
            date(2024, 6, 3),
            body="<p>本年度惠农补贴已全部发放到户。</p>",
        ),
        "征地": publish(
            "青石村征地补偿安置方案", date(2024, 3, 4), document_number="棋政函〔2024〕10号"
        ),
        "old": publish("2023年低保对象名单", date(2023, 12, 4)),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("低保", ["低保", "old"]),  # newest first among equally relevant
        ("补贴", ["补贴"]),  # found in the body too
        ("征地", ["征地"]),
        ("棋政函〔2024〕10号", ["征地"]),  # a document number with full-width brackets
        ("棋政函[2024]10号", ["征地"]),  # typed with half-width brackets
        ("低保 发放", ["低保"]),  # every word must match
        ("养老", []),
    ],
)
def test_two_character_words_and_document_numbers_are_found(library, query, expected):
    assert search(query) == [library[key] for key in expected]


def test_withdrawn_items_are_no_longer_found(library):
    reviewer = User.objects.get(username="shenhe")
    t.withdraw(library["补贴"], by=reviewer, on=date(2024, 7, 1), reason="更正")
    assert search("补贴") == []


def test_matched_words_are_highlighted_and_markup_is_escaped():
    assert (
        highlight("城乡低保<b>公示</b>", "低保") == "城乡<mark>低保</mark>&lt;b&gt;公示&lt;/b&gt;"
    )


def test_the_search_page_shows_highlighted_results(client, library, township):
    page = client.get(reverse("portal:search"), {"q": "征地", "agency": township.index_prefix})
    html = page.content.decode()
    assert "青石村<mark>征地</mark>补偿安置方案" in html and "找到 1 条" in html


def test_another_agencys_many_matches_cannot_crowd_out_an_agencys_own(
    publish, township, outsider, monkeypatch
):
    """The agency filter is applied inside the ranked query, not after its limit."""
    from gongkai.catalogue import search as search_module
    from gongkai.core.models import Membership, Role

    other = outsider.memberships.get().agency
    Membership.objects.create(
        user=User.objects.get(username="shenhe"), agency=other, role=Role.REVIEWER
    )
    for n in range(6):  # more than the old five-times-the-limit window
        draft = t.create_draft(
            other,
            by=outsider,
            category=Category.objects.get(name="扶贫"),
            title=f"白沙乡低保公示{n}",
            formed_on=date(2024, 12, 20),
        )
        t.approve_and_publish(
            t.submit(draft, by=outsider),
            by=User.objects.get(username="shenhe"),
            on=date(2024, 12, 20),
        )
    own = publish("青石镇低保公示", date(2024, 1, 5))  # older, so ranked last platform-wide
    monkeypatch.setattr(search_module, "MAX_RESULTS", 1)
    assert [i.agency_id for i in search("低保")] == [other.pk]
    assert search("低保", agency=township) == [own]


def test_a_broad_query_is_ranked_among_its_newest_matches(publish, monkeypatch):
    """Beyond POOL matches, relevance is ranked among the newest POOL only (bench/catalogue.py:
    ranking 100,000 matches of 低保 took longer than a visitor waits)."""
    from gongkai.catalogue import search as search_module

    old_but_relevant = publish("低保低保低保", date(2023, 1, 5), body="<p>低保 低保 低保</p>")
    newer = [publish(f"{n}月城乡低保公示", date(2024, n, 5)) for n in (3, 6, 9)]
    assert search("低保")[0] == old_but_relevant  # ranked whole: most relevant first
    monkeypatch.setattr(search_module, "POOL", 2)
    assert search("低保") == [newer[2], newer[1]]  # only the newest two are considered


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="FTS5 只在 SQLite 上使用")
def test_the_sqlite_index_key_orders_by_publication_day(publish):

    from gongkai.catalogue.search import fts_key

    item = publish("低保公示", date(2024, 3, 5))
    with connection.cursor() as cursor:  # the migration computes the same key in SQL
        cursor.execute(
            "SELECT (CAST(julianday(%s) - 2440587.5 AS INTEGER) << 32) | %s",
            ["2024-03-05", item.pk],
        )
        assert cursor.fetchone()[0] == fts_key(item) == (19787 << 32) | item.pk


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_search_index_it_does_not_manage(township, clerk):
    from django.core.management import call_command

    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.site.management.commands.flush import SEARCH_TABLES

    seed_statutory_subjects(Category)
    reviewer = User.objects.get(username="shenhe")
    draft = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="扶贫"),
        title="低保公示",
        formed_on=date(2024, 3, 5),
    )
    t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=date(2024, 3, 5))
    table = SEARCH_TABLES[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        assert cursor.fetchone()[0] == 1
        call_command("flush", interactive=False, verbosity=0)
        cursor.execute(f"SELECT count(*) FROM {table}")
        assert cursor.fetchone()[0] == 0


@pytest.mark.parametrize(
    "query",
    ["危房改造", "中华人民共和国政府信息公开条例", "改造 危房改造", "城乡居民医保缴费通知",
     "征地补偿安置", "公开条例"],
)  # fmt: skip
def test_words_left_out_of_the_match_are_held_by_every_item_the_rest_match(query):
    """PostgreSQL matches only the words implied_words() does not imply (ranking still uses
    all): any text holding the rest holds those too, because jieba cuts texts and queries
    alike — so the same items match."""
    from gongkai.catalogue.search import implied_words, words

    texts = [
        "农村危房改造补助名单", "关于危房的改造方案", "《中华人民共和国政府信息公开条例》解读",
        "政府信息公开条例修订", "中华人民共和国", "城乡居民医保缴费通知", "医保缴费",
        "集体土地征地补偿安置方案", "征地补偿", "公开的条例", query,
    ]  # fmt: skip
    asked = words(query)
    kept = [w for w in asked if w not in implied_words(asked)]
    for text in texts:
        held = set(words(text))
        assert (set(kept) <= held) == (set(asked) <= held), text
