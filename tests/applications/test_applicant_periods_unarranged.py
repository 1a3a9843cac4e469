"""Periods that run against the applicant never end earlier than the law could make them end
(spec/workdays.md, corrected December 2026): while their end depends on a year whose notice is
not imported (2027 here), 视为放弃 waits for the latest plausible end — the count with the
law's own days plus the longest block a notice has brought (6 working days) — or for the
notice. Dates counted by hand on a 2027 calendar; see tests/statute/test_unarranged_year.py."""

from datetime import date as D

import pytest
import time_machine
from django.core.management import call_command

from gongkai.applications import transitions as t
from gongkai.applications.letters import draft_letter
from gongkai.applications.models import LetterKind
from gongkai.statute.deadlines import PauseKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _late_january_2027():
    # every step below is dated on or before this day
    with time_machine.travel("2027-01-25 10:00 +0800", tick=False):
        yield


def _fee_served_4_december(in_person, clerk):
    application = in_person(D(2026, 12, 1))
    t.issue_fee_notice(
        application,
        by=clerk,
        on=D(2026, 12, 4),
        method="per_page",
        pages=40,
        served_on=D(2026, 12, 4),
        served_how="当面送达",
    )
    return application


def test_the_fee_notice_served_4_december_says_4_january_plainly_with_the_postponement(
    in_person, clerk
):
    # 12/7–11 (5) 12/14–18 (10) 12/21–25 (15) 12/28–31 (19), 元旦 Fri 1/1 off, Mon 1/4 (20)
    application = _fee_served_4_december(in_person, clerk)
    body = draft_letter(application, kind=LetterKind.FEE, by=clerk, on=D(2026, 12, 4)).body
    assert "即2027年1月4日之前（含当日）。" in body
    assert "如国务院办公厅公布的节假日安排与此不同，期限相应顺延。" in body
    assert "暂定" not in body and "2027年1月1日" not in body


@pytest.mark.parametrize("on", [D(2027, 1, 4), D(2027, 1, 5), D(2027, 1, 12)])
def test_an_unpaid_fee_is_not_abandoned_before_the_latest_plausible_end(in_person, clerk, on):
    # 1/4 plus 6 working days: 1/5–1/8 (4), 1/11–1/12 (6) → 2027-01-12
    application = _fee_served_4_december(in_person, clerk)
    with pytest.raises(t.TransitionError, match="到2027年1月12日才届满") as refused:
        t.abandon_for_unpaid_fee(application, by=clerk, on=on)
    assert "按法定节日计算为2027年1月4日" in str(refused.value)


def test_an_unpaid_fee_is_abandoned_the_day_after_the_latest_plausible_end(in_person, clerk):
    application = _fee_served_4_december(in_person, clerk)
    t.abandon_for_unpaid_fee(application, by=clerk, on=D(2027, 1, 13))
    assert application.outcome == "三（六）2"


def test_once_the_notice_is_imported_the_period_ends_when_it_says(in_person, clerk, tmp_path):
    application = _fee_served_4_december(in_person, clerk)
    notice = tmp_path / "2027.csv"
    notice.write_text("date,kind,source\n2027-01-01,放假,测试通知\n", encoding="utf-8")
    call_command("workdays", "import", str(notice))
    with pytest.raises(t.TransitionError, match="到2027年1月4日才届满，届满前"):
        t.abandon_for_unpaid_fee(application, by=clerk, on=D(2027, 1, 4))
    t.abandon_for_unpaid_fee(application, by=clerk, on=D(2027, 1, 5))
    assert application.outcome == "三（六）2"


def test_the_correction_period_waits_for_its_latest_plausible_end(in_person, clerk):
    application = in_person(D(2026, 12, 21))
    t.request_correction(
        application, by=clerk, on=D(2026, 12, 24), period_workdays=7, what="写明信息名称"
    )
    # 12/25 (1) 12/28–31 (5), 元旦 off, 1/4 (6), 1/5 (7); plus 6: 1/6–1/8, 1/11–1/13
    letter = draft_letter(application, kind=LetterKind.CORRECTION, by=clerk, on=D(2026, 12, 24))
    assert "请于2027年1月5日之前（含当日）补正" in letter.body
    assert "期限相应顺延" in letter.body
    with pytest.raises(t.TransitionError, match="到2027年1月13日才届满"):
        t.abandon_for_no_correction(application, by=clerk, on=D(2027, 1, 6))
    t.abandon_for_no_correction(application, by=clerk, on=D(2027, 1, 14))
    assert application.outcome == "三（六）1"


def test_the_third_partys_15_days_are_not_over_before_their_latest_plausible_end(in_person, clerk):
    application = in_person(D(2026, 12, 7))
    t.start_consultation(application, by=clerk, on=D(2026, 12, 15), kind=PauseKind.THIRD_PARTY)
    # 12/16–18 (3) 12/21–25 (8) 12/28–31 (12), 元旦 off, 1/4–1/6 (15); plus 6 → 2027-01-14
    with pytest.raises(t.TransitionError, match="第三十二条"):
        t.reply(application, by=clerk, on=D(2027, 1, 14), outcome="三（三）4", text="不予公开")
    t.reply(application, by=clerk, on=D(2027, 1, 15), outcome="三（三）4", text="不予公开")
    assert application.outcome == "三（三）4"
