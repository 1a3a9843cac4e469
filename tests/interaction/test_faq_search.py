"""The 常见问题 search: the catalogue's words (jieba), every word of the query in the question
or the answer, newest first, one agency's entries only; on PostgreSQL through the GIN index
the migration creates (the same test runs on both databases)."""

from datetime import date

import pytest

from gongkai.interaction import transitions as t
from gongkai.portal.interaction import faq_entries
from tests.interaction.conftest import answered

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(ask, clerk, reviewer):
    """`published(question, answer, on)`: a citizen's message answered and published that day."""

    def make(question, answer, on, **fields):
        message = ask(on=on, subject=question[:20], **fields)
        answered(message, clerk, reviewer, on=on, text=answer)
        return t.publish_answer(message, by=reviewer, today=on, question=question)

    return make


def pks(entries):
    return [entry.pk for entry in entries]


def test_a_common_two_character_word_finds_every_entry_holding_it_newest_first(published, township):
    older = published(
        "城乡低保申请条件是什么？", "家庭人均收入低于当地低保标准。", date(2026, 3, 2)
    )
    newer = published("低保金每月几号发放？", "每月10日前发放到户。", date(2026, 5, 6))
    published("养老保险怎么缴费？", "到镇社保所缴费。", date(2026, 4, 1))
    assert pks(faq_entries(township, "低保")) == [newer.pk, older.pk]


def test_every_word_must_match_in_the_question_or_the_answer(published, township):
    both = published("低保怎么申请？", "向镇民政办提出，材料齐全当场受理。", date(2026, 3, 2))
    published("低保金每月几号发放？", "每月10日前发放到户。", date(2026, 3, 3))
    # 低保 in the question, 民政 only in the answer
    assert pks(faq_entries(township, "低保 民政")) == [both.pk]
    assert pks(faq_entries(township, "宠物疫苗")) == []


def test_a_query_without_words_lists_every_entry(published, township):
    entry = published("低保怎么申请？", "向镇民政办提出。", date(2026, 3, 2))
    assert pks(faq_entries(township, "  ，。 ")) == [entry.pk]


def test_another_agencys_entries_and_withdrawn_answers_are_not_found(
    published, township, clerk, reviewer
):
    from gongkai.core.models import Agency, AgencyLevel, Membership, Role

    other = Agency.objects.create(
        name="邻镇人民政府",
        level=AgencyLevel.TOWNSHIP,
        parent=township.parent,
        index_prefix="888888888",
    )
    Membership.objects.create(user=clerk, agency=other, role=Role.CLERK)
    Membership.objects.create(user=reviewer, agency=other, role=Role.REVIEWER)
    mine = published("低保怎么申请？", "向镇民政办提出。", date(2026, 3, 2))
    theirs = published("低保怎么申请？", "向镇民政办提出。", date(2026, 3, 2), agency=other)
    withdrawn = published("低保标准是多少？", "每人每月800元。", date(2026, 3, 3))
    t.withdraw_publication(withdrawn, by=reviewer, today=date(2026, 3, 4))
    assert pks(faq_entries(township, "低保")) == [mine.pk]
    assert pks(faq_entries(other, "低保")) == [theirs.pk]


def test_a_faq_staff_wrote_is_found_once_approved(township, clerk, reviewer):
    entry = t.write_faq(
        township,
        by=clerk,
        today=date(2026, 3, 2),
        question="办事大厅几点开门？",
        answer="工作日8:30。",
    )
    assert pks(faq_entries(township, "办事大厅")) == []  # waits for review
    t.approve_answer(entry, by=reviewer, today=date(2026, 3, 2))
    assert pks(faq_entries(township, "办事大厅")) == [entry.pk]


def test_the_portal_page_shows_what_the_search_finds(client, published, township):
    published("低保怎么申请？", "向镇民政办提出。", date(2026, 3, 2))
    published("养老保险怎么缴费？", "到镇社保所缴费。", date(2026, 3, 3))
    page = client.get(f"/agency/{township.index_prefix}/faq/", {"q": "低保"}).content.decode()
    assert "低保怎么申请？" in page and "养老保险怎么缴费？" not in page


def test_a_search_pages_newest_first_and_the_oldest_is_on_the_last_page(
    client, published, township
):
    from gongkai.portal.interaction import FAQ_PER_PAGE

    entries = [
        published(f"低保问题第{n}号？", "向镇民政办提出。", date(2026, 3, 2 + n))
        for n in range(FAQ_PER_PAGE + 1)
    ]
    url = f"/agency/{township.index_prefix}/faq/"
    first = client.get(url, {"q": "低保"}).content.decode()
    last = client.get(url, {"q": "低保", "page": "2"}).content.decode()
    assert f"低保问题第{FAQ_PER_PAGE}号？" in first and "低保问题第0号？" not in first
    assert "低保问题第0号？" in last and f"低保问题第{FAQ_PER_PAGE}号？" not in last
    assert len(entries) == FAQ_PER_PAGE + 1
