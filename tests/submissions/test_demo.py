"""The demo's 报送 → 采用: one post adopted into the county's column with its source, one
returned with its reason, one waiting on the county's 工作台."""

from datetime import date

import pytest

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 27)


def test_the_demo_county_has_adopted_returned_and_waiting_submissions(township, county):
    from gongkai.submissions.demo import load_demo_submissions
    from gongkai.submissions.models import Status, Submission

    assert load_demo_submissions(township, today=DAY) == 3
    by_status = {s.status: s for s in Submission.objects.filter(source=township)}
    assert set(by_status) == {Status.ADOPTED, Status.RETURNED, Status.SUBMITTED}
    assert by_status[Status.ADOPTED].target == county
    assert by_status[Status.ADOPTED].adopted_on == date(2026, 11, 22)  # sent the 21st
    assert by_status[Status.RETURNED].note == "请补充现场图片说明"
    adopted = Submission.objects.adopted_into(county, by_status[Status.ADOPTED].column)
    assert list(adopted) == [by_status[Status.ADOPTED]]
