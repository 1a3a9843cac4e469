"""Table 四's year rule for appeals (issue 13): an appeal decided in a later year appears in
that later year's table 四 with its result; its filing year keeps it as 尚未审结."""

from datetime import date

import pytest

from gongkai.applications import transitions as t
from gongkai.reports.compute import table_four
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db
# table 四's cells: 行政复议 (维持, 纠正, 其他, 尚未审结, 总计), then the two kinds of 诉讼
UPHELD, PENDING, TOTAL = 0, 3, 4


def test_an_appeal_decided_next_year_is_counted_there_with_its_result(township, clerk):
    application, _ = t.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=date(2024, 9, 2),
        today=date(2024, 9, 2),
        **APPLICANT,
    )
    t.reply(application, by=clerk, on=date(2024, 9, 20), outcome="三（三）1", text="国家秘密")
    appeal = t.record_appeal(
        application, by=clerk, kind="reconsideration", filed_on=date(2024, 11, 4)
    )
    t.decide_appeal(appeal, by=clerk, decided_on=date(2025, 1, 20), result="upheld")
    four_2024, four_2025 = table_four(township, 2024), table_four(township, 2025)
    assert (four_2024[PENDING], four_2024[UPHELD], four_2024[TOTAL]) == (1, 0, 1)
    assert (four_2025[PENDING], four_2025[UPHELD], four_2025[TOTAL]) == (0, 1, 1)
    assert table_four(township, 2026)[TOTAL] == 0


def test_a_late_reconsideration_is_recorded_and_flagged(township, clerk):
    application, _ = t.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=date(2024, 3, 4),
        today=date(2024, 3, 4),
        **APPLICANT,
    )
    t.reply(application, by=clerk, on=date(2024, 3, 20), outcome="三（一）", text="予以公开")
    t.record_delivery(application, by=clerk, on=date(2024, 3, 22), how="邮寄")
    # 行政复议法第二十条: 60 days from 3/22 is 5/21; filed 5/22 is day 61
    in_time = t.record_appeal(
        application, by=clerk, kind="reconsideration", filed_on=date(2024, 5, 21)
    )
    late = t.record_appeal(
        application, by=clerk, kind="reconsideration", filed_on=date(2024, 5, 22)
    )
    assert in_time.late_filing() == ""
    assert "超过行政复议法第二十条规定的六十日" in late.late_filing()
    # 行政诉讼法第四十六条: six months from 3/22 is 9/22
    suit = t.record_appeal(application, by=clerk, kind="direct_suit", filed_on=date(2024, 9, 23))
    assert "六个月" in suit.late_filing()
    assert (
        t.record_appeal(
            application, by=clerk, kind="direct_suit", filed_on=date(2024, 9, 22)
        ).late_filing()
        == ""
    )
