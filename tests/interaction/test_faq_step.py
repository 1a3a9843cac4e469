"""编写常见问题 is a declared step (interaction/steps.py) on the inbox page, posted through the
one step handler: offered to a clerk or administrator, refused with its sentence to a
reviewer, and a bad form loses nothing but says why."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.core.steps import steps_for
from gongkai.interaction.models import Message, Origin, Status
from gongkai.interaction.steps import AgencyFaq

pytestmark = pytest.mark.django_db
WRITE = reverse("office:faq_action", args=["write"])


@pytest.fixture(autouse=True)
def _on_a_day(travel_to):
    travel_to(date(2026, 6, 18), tick=False)


def test_the_inbox_offers_the_step_to_a_clerk_and_it_leads_to_the_new_entry(
    client, clerk, township
):
    client.force_login(clerk)
    page = client.get(reverse("office:messages")).content.decode()
    assert 'data-step="write"' in page and f'action="{WRITE}?agency={township.pk}"' in page
    response = client.post(
        WRITE, {"write-question": "办事大厅几点开门？", "write-answer": "工作日8:30。"}
    )
    entry = Message.objects.get(origin=Origin.STAFF)
    assert response.url == reverse("office:message", args=[entry.pk])
    assert entry.status == Status.DRAFTED and entry.agency == township
    assert entry.public_question == "办事大厅几点开门？" and entry.draft == "工作日8:30。"


def test_a_reviewer_is_refused_with_the_declared_sentence(client, reviewer, township):
    offer = steps_for(AgencyFaq(township), reviewer, today=date(2026, 6, 18))
    assert "write" not in offer
    client.force_login(reviewer)
    client.post(WRITE, {"write-question": "问", "write-answer": "答"})
    assert not Message.objects.exists()
    page = client.get(reverse("office:messages")).content.decode()
    assert f"编写常见问题：{offer.refusal('write').sentence}" in page


def test_a_missing_answer_is_refused_in_chinese_and_nothing_is_made(client, clerk):
    client.force_login(clerk)
    response = client.post(WRITE, {"write-question": "办事大厅几点开门？", "write-answer": ""})
    page = client.get(response.url).content.decode()
    assert "编写常见问题：" in page and "这个字段是必填项" in page
    assert not Message.objects.exists()
