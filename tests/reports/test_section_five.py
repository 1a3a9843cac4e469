"""Section 五's draft says what the records show about timeliness (issue 13): one reply
after its due date is enough to stop it claiming everything was on time."""

from datetime import date

import pytest

from gongkai.applications import transitions as t
from gongkai.reports.compute import application_tables
from gongkai.reports.drafts import section_five
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db


def in_person(township, clerk, on):
    application, _ = t.register_application(
        township, by=clerk, channel=Channel.IN_PERSON, submitted_on=on, today=on, **APPLICANT
    )
    return application


def test_a_late_reply_is_named_in_section_five(clerk, township):
    on_time = in_person(township, clerk, date(2024, 3, 4))
    t.reply(on_time, by=clerk, on=date(2024, 3, 20), outcome="三（一）", text="予以公开")
    assert "均在法定期限内答复" in section_five(township, 2024, application_tables(township, 2024))
    late = in_person(township, clerk, date(2024, 3, 4))  # due Mon 4/1
    # 33 working days late: 4/2–3 (2) 4/7 调休 (3) 4/8–12 (8) 4/15–19 (13) 4/22–26 (18)
    # 4/28 调休 (19) 4/29–30 (21) 5/6–10 (26) 5/11 调休 (27) 5/13–17 (32) 5/20 (33)
    t.reply(late, by=clerk, on=date(2024, 5, 20), outcome="三（一）", text="予以公开")
    assert late.late_workdays == 33
    text = section_five(township, 2024, application_tables(township, 2024))
    assert "1件申请逾期答复，最长逾期33个工作日" in text
    assert "均在法定期限内答复" not in text and "按时" not in text
