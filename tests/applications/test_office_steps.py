"""The office page offers the steps of issue 13 and shows what the law needs: the fee the
rules give, the reasons step of 第三十五条, the item of 第三十六条 for 不掌握, a late reply."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications.models import EventKind

pytestmark = pytest.mark.django_db


def test_the_clerk_sees_the_computed_fee_and_issues_the_notice_from_the_page(
    client, in_person, clerk
):
    application = in_person(date(2024, 3, 4))
    client.force_login(clerk)
    page = client.get(reverse("office:application", args=[application.pk])).content.decode()
    assert "按件计收应收 0 元" in page  # the applicant's first application this month
    url = reverse("office:application_action", args=[application.pk, "fee_notice"])
    client.post(
        url,
        {
            "fee_notice-on": "2024-03-05",
            "fee_notice-method": "per_page",
            "fee_notice-pages": "250",
            "fee_notice-served_on": "2024-03-06",
            "fee_notice-served_how": "邮寄签收",
        },
    )
    notice = application.events.get(kind=EventKind.FEE_NOTICE)
    assert (notice.amount, notice.details["served_on"]) == (4700, "2024-03-06")  # spec example


def test_a_late_reply_from_the_page_shows_in_the_inbox(client, in_person, clerk):
    application = in_person(date(2024, 3, 4))  # due 4/1
    client.force_login(clerk)
    url = reverse("office:application_action", args=[application.pk, "reply"])
    client.post(
        url,
        {
            "reply-on": "2024-04-03",
            "reply-outcome": "三（四）1",
            "reply-text": "不属于本机关负责公开",
            "reply-not_held_item": "五",
            "reply-holder": "云岭县自然资源局，电话0000-0000001",
            "reply-reason": "该信息由县自然资源局制作并保存",
            "confirmed": "yes",  # the tick an irreversible step needs (issue 24 point 9)
        },
    )
    application.refresh_from_db()
    assert (application.outcome, application.late_workdays) == ("三（四）1", 2)
    inbox = client.get(reverse("office:inbox") + f"?agency={application.agency_id}&show=concluded")
    assert "逾期答复 2 个工作日" in inbox.content.decode()
    late_only = client.get(reverse("office:inbox") + f"?agency={application.agency_id}&show=late")
    assert application.tracking_number in late_only.content.decode()


def test_the_reasons_of_article_35_are_recorded_from_the_page(client, in_person, clerk):
    application = in_person(date(2024, 3, 4))
    client.force_login(clerk)
    action = lambda name, data, **tick: client.post(  # noqa: E731
        reverse("office:application_action", args=[application.pk, name]),
        {**{f"{name}-{key}": value for key, value in data.items()}, **tick},
    )
    action("reasons", {"on": "2024-03-05", "note": "请说明理由"})
    action("reasons_answer", {"on": "2024-03-07", "silent": "on"})
    action(
        "reply", {"on": "2024-03-08", "outcome": "三（五）4", "text": "理由不合理"}, confirmed="yes"
    )
    application.refresh_from_db()
    assert application.outcome == "三（五）4"
