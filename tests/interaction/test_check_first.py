"""Check before you ask, on the office side: an application whose information is already
published is answered 三（一） by 条例第三十六条第一项, naming where the item is — the
applications app's reply links the item (transitions.reply, disclosed_item "一",
published_items); the item offered is the one the public check-first suggestions find for
the same title."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.applications.models import EventKind
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _subjects(db):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)


def test_an_application_for_a_published_item_is_answered_by_article_36_item_1(
    client, township, clerk, publish
):
    item = publish("2024年青石镇低保资金发放明细", date(2026, 3, 2))
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=ON,
        today=ON,
        **APPLICANT,
    )
    url = reverse("portal:item_suggestions", args=[township.index_prefix])
    [found] = client.get(url, {"q": application.information_title}).json()["items"]
    assert found["url"] == reverse("portal:item", args=[item.pk])

    at.reply(
        application,
        by=clerk,
        on=ON,
        outcome="三（一）",
        text="您申请的信息已主动公开。",
        disclosed_item="一",
        published_items=[item],
    )
    application.refresh_from_db()
    assert application.outcome == "三（一）"
    assert list(application.answered_with.all()) == [item]
    reply = application.events.get(kind=EventKind.REPLIED)
    assert reply.details["article_36_item"] == "一"
    [told] = reply.details["published_items"]
    assert told["index_number"] == item.index_number
    assert told["url"].endswith(found["url"])
