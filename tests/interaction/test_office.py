"""The office: the inbox of one agency's messages, a message's page offering the declared
steps through the one step handler, the asker seen only by the agency answering."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.core.steps import CONFIRM_FIELD, CONFIRM_VALUE
from gongkai.interaction.models import Status
from tests.interaction.conftest import ASKED_ON

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_a_day(travel_to):
    travel_to(date(2026, 6, 18), tick=False)  # the day after the questions fall due


def test_the_inbox_lists_open_messages_earliest_due_first(client, ask, clerk, township):
    later = ask(kind="suggest", subject="建议增设公交站")
    first = ask(kind="consult", subject="低保申请条件")
    client.force_login(clerk)
    page = client.get(reverse("office:messages")).content.decode()
    assert page.index(first.tracking_number) < page.index(later.tracking_number)
    assert "已超期" in page  # the question was due 17 June
    assert "张三丰" not in page  # the inbox lists no asker


def test_the_clerk_answers_and_the_reviewer_publishes_through_the_step_handler(
    client, ask, clerk, reviewer
):
    message = ask()
    action = lambda name: reverse("office:message_action", args=[message.pk, name])  # noqa: E731
    client.force_login(clerk)
    page = client.get(reverse("office:message", args=[message.pk])).content.decode()
    assert "张三丰" in page and "13900001111" in page  # the agency answering sees the asker
    client.post(action("assign"), {"assign-assignee": clerk.pk})
    client.post(action("draft"), {"draft-text": "可向镇民政办申请。"})
    message.refresh_from_db()
    assert message.status == Status.DRAFTED
    client.post(action("approve"), {CONFIRM_FIELD: CONFIRM_VALUE})  # not the clerk's step
    message.refresh_from_db()
    assert message.status == Status.DRAFTED

    client.force_login(reviewer)
    client.post(action("approve"))  # without the tick
    message.refresh_from_db()
    assert message.status == Status.DRAFTED
    client.post(action("approve"), {CONFIRM_FIELD: CONFIRM_VALUE})
    message.refresh_from_db()
    assert message.status == Status.ANSWERED and message.late_workdays == 1
    client.post(action("publish"), {"publish-question": "低保申请需要什么条件？"})
    message.refresh_from_db()
    assert message.published_on == date(2026, 6, 18)


def test_staff_of_another_agency_find_nothing(client, ask, outsider):
    message = ask()
    client.force_login(outsider)
    assert client.get(reverse("office:message", args=[message.pk])).status_code == 404
    action = reverse("office:message_action", args=[message.pk, "draft"])
    assert client.post(action, {"draft-text": "答"}).status_code == 404
    assert message.tracking_number not in client.get(reverse("office:messages")).content.decode()


def test_the_county_reads_a_townships_message_without_the_asker(client, ask, township, county):
    from gongkai.core.models import User

    message = ask()
    client.force_login(User.objects.get(username="xian"))
    page = client.get(reverse("office:message", args=[message.pk])).content.decode()
    assert message.subject in page
    assert "13900001111" not in page and "张三丰" not in page
    action = reverse("office:message_action", args=[message.pk, "draft"])
    assert client.post(action, {"draft-text": "答"}).status_code == 404


def test_a_faq_written_in_the_office_waits_for_review(client, township, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("office:faq_action", args=["write"]),
        {"write-question": "办事大厅几点开门？", "write-answer": "工作日8:30。"},
    )
    page = client.get(response.url).content.decode()
    assert "待审核" in page and "办事大厅几点开门？" in page
    assert ASKED_ON  # the module's shared day is the conftest's
