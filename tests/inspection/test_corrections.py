"""A finding on an item's wording is cleared by publishing a correction that fixes it, not by
withdrawing the item (issue 25). Through the real transitions; the days are chosen.

Why a withdrawal does not clear it. 19号's 内容准确 and 严重表述错误 are about what the public
and the inspectors could read. A published 更正 puts the right text on the portal under the
same 索引号, with its 更正说明 saying what was wrong: that is the remedy, so the finding goes.
A withdrawal takes the page's text down but does not undo that the wrong text was public; the
national office samples government sites every quarter, so an inspector may well have seen
it. Letting the withdrawal turn the verdict to 合格 at once would tell the agency it is safe
when it is not. So for 92 days (a quarter) after the withdrawal the finding stays, marked
已撤回 with the date and the day it stops counting; after that it goes."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue import corrections as c
from gongkai.catalogue import transitions as t
from gongkai.inspection.findings import INDICATORS

pytestmark = pytest.mark.django_db
WRONG = "<p>请各村配合县国土资源局做好宅基地审批工作。</p>"  # renamed 2019: 自然资源局
RIGHT = "<p>请各村配合县自然资源局做好宅基地审批工作。</p>"
SERIOUS = INDICATORS["serious_wording"].text


def serious(result):
    return [f for f in result.findings if f.indicator == "serious_wording"]


@pytest.fixture
def wrong_item(publish):
    return publish(
        "关于宅基地审批的通知",
        date(2026, 11, 21),
        written_on=date(2026, 11, 21),
        body=WRONG,
    )


def test_a_published_correction_clears_the_veto_and_an_open_draft_does_not(
    wrong_item, check, township, clerk, reviewer
):
    before = check(date(2026, 11, 30))
    [finding] = serious(before)
    assert SERIOUS in before.scores[township.pk].vetoed
    assert finding.url == reverse("office:item", args=[wrong_item.pk]) + "?step=correct#correct"

    draft = c.start_correction(
        wrong_item, by=clerk, note="“县国土资源局”应为“县自然资源局”，已更正", on=date(2026, 12, 1)
    )
    t.edit_item(draft, by=clerk, body=RIGHT)
    draft = t.submit(draft, by=clerk)
    # the draft is not public: the portal still shows the wrong text, so the veto stands
    assert len(serious(check(date(2026, 12, 1)))) == 1

    t.approve_and_publish(draft, by=reviewer, on=date(2026, 12, 2))
    after = check(date(2026, 12, 2))
    assert serious(after) == []
    assert SERIOUS not in after.scores[township.pk].vetoed


def test_a_withdrawal_keeps_the_veto_marked_withdrawn_for_a_quarter(
    wrong_item, check, township, reviewer
):
    t.withdraw(wrong_item, by=reviewer, on=date(2026, 12, 1), reason="表述有误")
    # 1 December 2026 + 92 days = 3 March 2027: counted through 2 March
    [finding] = serious(check(date(2027, 3, 2)))
    assert "已于2026年12月1日撤回" in finding.detail
    assert "2027年3月2日前仍计入" in finding.detail
    assert finding.url == reverse("office:item", args=[wrong_item.pk])  # nothing to correct
    assert SERIOUS in check(date(2027, 3, 2)).scores[township.pk].vetoed
    assert serious(check(date(2027, 3, 3))) == []


def test_a_misspelling_deduction_is_cleared_by_its_correction(publish, check, clerk, reviewer):
    item = publish(
        "关于表彰先进的通报", date(2026, 11, 20), body="<p>希望同志们再接再励，再创佳绩。</p>"
    )
    [found] = [f for f in check(date(2026, 11, 30)).findings if "再接再励" in f.detail]
    assert found.indicator == "wording_misspelling"
    draft = c.start_correction(
        item, by=clerk, note="“再接再励”应为“再接再厉”", on=date(2026, 11, 30)
    )
    t.edit_item(draft, by=clerk, body="<p>希望同志们再接再厉，再创佳绩。</p>")
    t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=date(2026, 11, 30))
    assert not [f for f in check(date(2026, 11, 30)).findings if "再接再励" in f.detail]
