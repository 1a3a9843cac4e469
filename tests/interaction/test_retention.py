"""Askers' identity removed once the retention period after the answer is over
(interaction/retention.py, 个人信息保护法第十九条), the message, its answer and every count
kept: the 年度报表's 留言 row and the self-check's findings are the same after as before."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.audit import AuditEntry
from gongkai.core.calendar import calendar_for
from gongkai.inspection.interaction_checks import late_messages
from gongkai.interaction import transitions as t
from gongkai.interaction.figures import year_figures
from gongkai.interaction.models import Message
from gongkai.interaction.retention import REMOVED, remove_askers
from tests.interaction.conftest import answered

pytestmark = pytest.mark.django_db
ANSWERED_ON = date(2026, 6, 18)
BODY = "我叫张三丰，身份证号110101199003077774，电话13900001111，想问低保怎么申请。"


def figures(agency, year):
    return {key: (f.value, f.ids) for key, f in year_figures(agency, year).items()}


def findings(agency, today):
    return [
        (f.indicator, f.subject, f.detail)
        for f in late_messages([agency], today, calendar_for(agency))
    ]


@pytest.fixture
def closed(ask, clerk, reviewer):
    message = ask(on=date(2026, 6, 12), body=BODY)
    answered(message, clerk, reviewer, on=ANSWERED_ON, text="张三丰您好：可向镇民政办申请。")
    return t.publish_answer(message, by=reviewer, today=ANSWERED_ON, question="低保怎么申请？")


def test_the_asker_is_removed_a_day_after_twelve_months_and_the_counts_stay(
    closed, ask, township, clerk, reviewer
):
    open_one = ask(on=date(2027, 1, 4), subject="路灯不亮")  # still open: never touched
    redirected = ask(on=date(2026, 6, 15))
    t.answer_elsewhere(redirected, by=clerk, today=ANSWERED_ON, elsewhere="petition")
    before = figures(township, 2026), findings(township, date(2027, 6, 19))
    assert before[1]  # the open one is a finding on that day

    # 12 months after 18 June 2026 is 18 June 2027: on that day the period is not yet over
    assert remove_askers(date(2027, 6, 18), 12) == 0
    assert remove_askers(date(2027, 6, 19), 12) == 2

    message = Message.objects.get(pk=closed.pk)
    assert message.name == "" and message.contact == ""
    assert message.asker_removed_on == date(2027, 6, 19)
    assert "张三丰" not in message.body and "13900001111" not in message.body
    assert "110101199003077774" not in message.body and "想问低保怎么申请" in message.body
    assert message.answer == f"{REMOVED}您好：可向镇民政办申请。"
    assert message.public_question == "低保怎么申请？" and message.published_on == ANSWERED_ON
    assert Message.objects.get(pk=redirected.pk).asker_removed_on == date(2027, 6, 19)
    untouched = Message.objects.get(pk=open_one.pk)
    assert untouched.name == "张三丰" and untouched.asker_removed_on is None

    assert (figures(township, 2026), findings(township, date(2027, 6, 19))) == before
    assert AuditEntry.objects.filter(action="message.asker_removed").count() == 2
    assert remove_askers(date(2027, 6, 20), 12) == 0  # once only


def test_the_asker_can_still_read_the_answer_with_number_and_code(client, township, travel_to):
    message, code = t.submit(
        township,
        today=date(2026, 6, 12),
        kind="consult",
        subject="低保申请",
        body="怎么申请？",
        name="李四",
        contact="13900002222",
    )
    from gongkai.core.models import User

    clerk, reviewer = User.objects.get(username="jingban"), User.objects.get(username="shenhe")
    answered(message, clerk, reviewer, on=ANSWERED_ON)
    remove_askers(date(2027, 7, 1), 12)
    response = client.post(
        "/messages/", {"tracking_number": message.tracking_number, "query_code": code}
    )
    page = client.get(response.url).content.decode()
    assert "符合条件的家庭可向户籍所在地申请。" in page


def test_the_daily_command_uses_the_setting_and_refuses_less_than_six_months(
    closed, settings, capsys
):
    settings.MESSAGE_ASKER_MONTHS = 12
    call_command("forget-askers", "--today", "2027-06-19", "--dry-run")
    assert "1 条（未修改）" in capsys.readouterr().out
    assert Message.objects.get(pk=closed.pk).name == "张三丰"
    with pytest.raises(CommandError, match="至少为 6 个月"):
        call_command("forget-askers", "--months", "5")
    call_command("forget-askers", "--today", "2027-06-19")
    assert Message.objects.get(pk=closed.pk).name == ""


def test_the_office_page_says_when_the_asker_was_removed(client, closed, clerk):
    remove_askers(date(2027, 6, 19), 12)
    client.force_login(clerk)
    page = client.get(f"/office/messages/{closed.pk}/").content.decode()
    assert "已于2027年6月19日删除留言人的姓名和联系方式" in page
    assert "13900001111" not in page
