"""A deadline that falls in a year whose holiday notice is not imported (2027 here) is marked
"暂定" wherever staff read it, and never in what the applicant reads, who gets the date
plainly with the sentence of spec/workdays.md (issue 23).

Hand count (tests/statute/test_unarranged_year.py): received Mon 2026-12-14 in person, 20
working days → 12/15–18 (4), 12/21–25 (9), 12/28–31 (13), 元旦 Fri 1/1, 1/4–8 (18), 1/11–12
(20): due Tue 2027-01-12, provisional."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.applications import transitions as t
from gongkai.statute.deadlines import Channel

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db
RECEIVED, DUE = date(2026, 12, 14), date(2027, 1, 12)
POSTPONED = "如国务院办公厅公布的节假日安排与此不同，期限相应顺延。"


@pytest.fixture
def application_and_code(township, clerk):
    application, code = t.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=RECEIVED,
        today=RECEIVED,
        **APPLICANT,
    )
    assert (application.due_on, application.due_is_provisional) == (DUE, True)
    return application, code


@time_machine.travel("2026-12-15 10:00 +0800", tick=False)
def test_staff_read_the_date_marked_provisional(client, clerk, application_and_code):
    application, _ = application_and_code
    client.force_login(clerk)
    page = client.get(reverse("office:application", args=[application.pk])).content.decode()
    assert "2027年1月12日" in page and '<span class="tag">暂定</span>' in page
    inbox = client.get(reverse("office:inbox")).content.decode()
    assert "2027年1月12日" in inbox and '<span class="tag">暂定</span>' in inbox


@time_machine.travel("2026-12-15 10:00 +0800", tick=False)
def test_the_applicant_reads_the_date_plainly_with_the_postponement(client, application_and_code):
    application, code = application_and_code
    page = client.post(
        reverse("portal:lookup"),
        {"tracking_number": application.tracking_number, "query_code": code},
        follow=True,
    ).content.decode()
    assert "2027年1月12日" in page and POSTPONED in page
    assert "暂定" not in page
