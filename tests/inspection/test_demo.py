"""The demo shows one finding of each kind the self-check looks for, and the self-check
finds exactly those among its scored findings; fixing each through the real steps makes it
go — except a late reply, whose lateness stays a fact of the year (条例第三十三条)."""

from datetime import date

import pytest
import time_machine

from gongkai.applications.demo import DEMO_YEAR, load_demo_applications
from gongkai.catalogue import transitions as t
from gongkai.catalogue.corrections import start_correction
from gongkai.catalogue.demo import load_demo_catalogue
from gongkai.catalogue.models import Category, Item
from gongkai.core.calendar import current_calendar
from gongkai.inspection import demo
from gongkai.inspection.findings import Severity
from gongkai.inspection.selfcheck import run
from gongkai.reports.demo import load_demo_report
from gongkai.standards.demo import load_demo_standards
from gongkai.standards.transitions import end_notice_periods

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


def scored(township):
    result = run([township], today=TODAY, calendar=current_calendar())
    return sorted(
        (f.indicator, f.subject)
        for f in result.findings
        if f.severity is not Severity.HINT and f.agency_id == township.pk
    )


@time_machine.travel("2026-12-01 09:00 +0800", tick=False)
def test_the_demo_has_one_finding_of_each_kind_and_fixing_makes_it_go(
    township, clerk, reviewer, publish
):
    load_demo_catalogue(township, today=TODAY)
    load_demo_standards(township, today=TODAY)
    load_demo_applications(township, today=TODAY)
    load_demo_report(
        township, year=DEMO_YEAR, published_on=township.report_deadline(DEMO_YEAR).replace(day=20)
    )
    demo.load_demo_inspection(township, today=TODAY)
    found = scored(township)
    late_replies = [s for code, s in found if code == "late_reply"]
    # one stale column and a misspelling are deductions: the demo township is not failed
    score = run([township], today=TODAY, calendar=current_calendar()).scores[township.pk]
    assert score.vetoed == [] and score.verdict == "合格"
    assert len(late_replies) == 1  # the applications demo's case overdue 2 working days
    # the catalogue demo's 规范性文件 are registered (国办发〔2018〕37号) and went out with
    # their 解读 (国办发〔2016〕80号): none is marked down for a missing one (19号 解读回应)
    assert not [s for code, s in found if code == "missing_interpretation"]
    assert found == sorted(
        [
            ("column_stale", demo.PLANTED_COLUMN_STALE),
            ("wording_misspelling", demo.PLANTED_WORDING),
            ("broken_link", demo.PLANTED_BROKEN_LINK),
            ("empty_column", demo.PLANTED_EMPTY_COLUMN),
            ("late_reply", late_replies[0]),
            ("outdated_notice", demo.PLANTED_NOTICE),
            # the standards demo's draft past its matter's 7 working days
            ("matter_stale", "临时救助对象公示"),
        ]
    )

    def publish_in(column, title):
        category = Category.objects.get(agency=township, name=column)
        publish(title, TODAY, category=category, body="<p>正文。</p>")

    publish_in(demo.PLANTED_COLUMN_STALE, "关于做好冬季供暖保障工作的通知")
    publish_in(demo.PLANTED_EMPTY_COLUMN, "青石镇乡村振兴重点项目进展")
    # a wrong word is fixed by publishing a 更正 (issue 25): withdrawing the item would leave
    # the finding standing, marked 已撤回 (tests/inspection/test_corrections.py says why)
    wrong = Item.objects.get(agency=township, title=demo.PLANTED_WORDING)
    draft = start_correction(wrong, by=clerk, note="“再接再励”应为“再接再厉”", on=TODAY)
    t.edit_item(draft, by=clerk, body=wrong.body.replace("再接再励", "再接再厉"))
    t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=TODAY)
    item = Item.objects.get(agency=township, title=demo.PLANTED_BROKEN_LINK)
    t.withdraw(item, by=reviewer, on=TODAY, reason="更正后重新发布")
    end_notice_periods(today=TODAY)  # what the nightly `gongkai notices` does
    waiting = Item.objects.get(
        pk=next(
            f.url
            for f in run([township], today=TODAY, calendar=current_calendar()).findings
            if f.indicator == "matter_stale"
        )
        .rstrip("/")
        .rsplit("/", 1)[-1]
    )
    t.redact_personal_data(waiting, by=reviewer)  # it holds an ID number and a phone
    t.approve_and_publish(waiting, by=reviewer, on=TODAY)
    # published after its matter's 7 working days, it stays late: one timeliness rule
    # (issue 22) for the item page, the 工作台, the overview and the self-check
    assert [code for code, _ in scored(township)] == ["late_publication", "late_reply"]
