"""The applicant's status page speaks to the applicant (issue 13): each step as a sentence,
the outcome in plain words, the remedy of that outcome; never the report's counting labels
or internal step names such as 批准延期."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import transitions as t
from gongkai.applications.outcomes import OUTCOME_CHOICES

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db


def test_the_status_page_has_no_internal_names_and_states_the_refusals_remedy(
    client, township, clerk, reviewer
):
    application, code = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    t.confirm_receipt(application, by=clerk, on=date(2024, 9, 27))
    t.request_extension(application, by=clerk, on=date(2024, 10, 21), workdays=20, reason="需调档")
    t.approve_extension(application, by=reviewer, on=date(2024, 10, 22))
    t.reply(application, by=clerk, on=date(2024, 11, 1), outcome="三（三）1", text="属于国家秘密")
    client.post(
        reverse("portal:lookup"),
        {"tracking_number": application.tracking_number, "query_code": code},
    )
    html = client.get(reverse("portal:status", args=[application.tracking_number])).content
    html = html.decode()
    assert "批准延期" not in html and "本机关延长答复期限20个工作日。理由：需调档" in html
    assert not [label for _, label in OUTCOME_CHOICES if label in html]
    assert "已办结：不予公开" in html
    # 行政复议法第二十三条第一款第四项: a refusal goes to reconsideration first
    assert "应当自收到本告知书之日起六十日内向云岭县人民政府申请行政复议" in html


def test_a_late_reply_is_shown_to_the_applicant_as_late(client, township, clerk):
    application, code = t.submit_online(township, today=date(2024, 3, 1), **APPLICANT)
    t.confirm_receipt(application, by=clerk, on=date(2024, 3, 4))  # due 4/1
    t.reply(application, by=clerk, on=date(2024, 4, 3), outcome="三（一）", text="予以公开")
    client.post(
        reverse("portal:lookup"),
        {"tracking_number": application.tracking_number, "query_code": code},
    )
    html = client.get(reverse("portal:status", args=[application.tracking_number])).content
    assert "超过答复期限2个工作日" in html.decode()  # 4/2, 4/3
