"""The 工作台: one list per person of what is due from them, across agencies and roles, most
urgent first (issue 15). Every case is set up through the real transitions; the dates are
counted by hand on the 2024 calendar (weekends only in November and December 2024; 1
January 2025 is a holiday), "due soon" being core.workbench.DUE_SOON_WORKDAYS = 3."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category
from gongkai.core.calendar import current_calendar
from gongkai.core.models import User
from gongkai.core.workbench import Urgency, due_lines
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db
TODAY = date(2024, 12, 16)  # a Monday


def received(township, clerk, on: date, title: str):
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=on,
        today=on,
        **{**APPLICANT, "information_title": title},
    )
    return application


def lines_for(user, today=TODAY):
    agencies: dict = {}
    for m in user.memberships.select_related("agency"):
        agencies.setdefault(m.agency, set()).add(m.role)
    return due_lines(user=user, agencies=agencies, today=today, calendar=current_calendar())


def texts(lines) -> str:
    return "\n".join(line.text for line in lines)


@pytest.fixture
def day(township, clerk):
    """The inbox on Monday 16 December 2024."""
    # received Fri 8 Nov: the 20th working day after is Fri 6 Dec; by 16 Dec 6 working days
    # have passed (9–13, 16 Dec)
    received(township, clerk, date(2024, 11, 8), "超期的申请")
    # received Tue 19 Nov: due Tue 17 Dec, 1 working day after today
    received(township, clerk, date(2024, 11, 19), "明天到期的申请")
    # received Tue 26 Nov: due Tue 24 Dec, beyond Thu 19 Dec (3 working days) — not listed
    later = received(township, clerk, date(2024, 11, 26), "下周到期的申请")
    at.request_extension(later, by=clerk, on=date(2024, 12, 13), workdays=10, reason="需调取档案")
    # received Mon 25 Nov, correction asked on Tue 26 Nov within 10 working days: the period
    # ended Tue 10 Dec and no correction came
    waiting = received(township, clerk, date(2024, 11, 25), "未补正的申请")
    at.request_correction(
        waiting, by=clerk, on=date(2024, 11, 26), period_workdays=10, what="请写明年份"
    )
    # a fee notice on Fri 1 Nov: 20 working days to pay, to Fri 29 Nov; unpaid on 16 Dec
    fee = received(township, clerk, date(2024, 10, 31), "未缴费的申请")
    at.issue_fee_notice(
        fee,
        by=clerk,
        on=date(2024, 11, 1),
        method="per_page",
        pages=40,
        served_on=date(2024, 11, 1),
        served_how="当面送达",
    )
    at.submit_online(
        township, today=date(2024, 12, 13), **{**APPLICANT, "information_title": "网上申请"}
    )


@time_machine.travel("2024-12-16 09:00 +0800", tick=False)
def test_the_clerk_sees_the_applications_due_from_them_most_urgent_first(day, clerk):
    lines = lines_for(clerk)
    text = texts(lines)
    assert "超期的申请）：答复已超期 6 个工作日（期限 2024年12月6日）" in text
    assert "明天到期的申请）：2024年12月17日 之前（含当日）答复（还有 1 个工作日）" in text
    assert "下周到期的申请" not in text
    assert "补正期限 2024年12月10日 已届满" in text
    assert "未缴费的申请）：缴费期限 2024年11月29日 已届满" in text
    assert "网上申请）：网上提交于 2024年12月13日，待确认收到" in text
    assert "待批准" not in text  # the clerk cannot approve an extension
    urgencies = [line.urgency for line in lines]
    assert urgencies == sorted(urgencies)
    assert lines[0].urgency is Urgency.OVERDUE
    assert next(line for line in lines if "明天到期" in line.text).urgency is Urgency.DUE_SOON


@time_machine.travel("2024-12-16 09:00 +0800", tick=False)
def test_the_reviewer_sees_the_extension_waiting_for_approval_and_not_the_clerks_inbox(
    day, reviewer
):
    text = texts(lines_for(reviewer))
    assert (
        "下周到期的申请）：延期 10 个工作日待批准，须在答复期限 2024年12月24日 之前（含当日）批准"
        in text
    )
    assert "超期的申请" not in text and "待确认收到" not in text


@time_machine.travel("2024-12-16 09:00 +0800", tick=False)
def test_an_approved_extension_leaves_the_reviewers_list(day, reviewer):
    from gongkai.applications.models import Application

    application = Application.objects.get(information_title="下周到期的申请")
    at.approve_extension(application, by=reviewer, on=TODAY)
    assert "待批准" not in texts(lines_for(reviewer))


@time_machine.travel("2024-12-16 09:00 +0800", tick=False)
def test_items_in_review_go_to_the_reviewer_and_returned_items_to_the_clerk(
    township, clerk, reviewer
):
    category = Category.objects.get(name="社会救助", source="article21")
    # formed Fri 22 Nov: the 20th working day after is Fri 20 Dec, 4 working days ahead
    in_review = ct.create_draft(
        township, by=clerk, category=category, title="待审查的公示", formed_on=date(2024, 11, 22)
    )
    ct.submit(in_review, by=clerk)
    # formed Mon 18 Nov: due Mon 16 Dec, today — due soon
    returned = ct.create_draft(
        township, by=clerk, category=category, title="被退回的公示", formed_on=date(2024, 11, 18)
    )
    ct.return_item(ct.submit(returned, by=clerk), by=reviewer, reason="文号有误")
    # formed Mon 11 Nov: due Mon 9 Dec, 5 working days past
    ct.create_draft(
        township, by=clerk, category=category, title="逾期的草稿", formed_on=date(2024, 11, 11)
    )
    reviewer_lines = lines_for(reviewer)
    line = next(line for line in reviewer_lines if "待审查的公示" in line.text)
    assert line.kind == "保密审查" and line.urgency is Urgency.WAITING
    assert "公开时限 2024年12月20日（还有 4 个工作日）" in line.text
    assert line.url == reverse("office:item", args=[in_review.pk])
    clerk_text = texts(lines_for(clerk))
    assert "待审查的公示" not in clerk_text
    assert "《被退回的公示》被审核人退回：文号有误" in clerk_text
    assert "《逾期的草稿》尚未提交审查，公开时限 2024年12月9日 已过 5 个工作日" in clerk_text


@time_machine.travel("2026-01-20 09:00 +0800", tick=False)
def test_the_annual_report_deadline_shows_when_it_is_near(township, clerk, reviewer):
    # a township's report on 2025 is due 31 January 2026 (条例第四十九条, the agency's
    # setting): 11 days from 20 January, more than 3 working days — a notice
    line = next(line for line in lines_for(clerk, date(2026, 1, 20)) if line.kind == "年度报告")
    assert line.urgency is Urgency.NOTICE and "还有 11 天" in line.text
    assert "尚未编制" in line.text
    # on 1 December 2025 the report on 2025 is not due for two months: no line for it (the
    # report on 2024, never published, is still listed: overdue is a fact that stays)
    december = texts(lines_for(clerk, date(2025, 12, 1)))
    assert "2025年度报告" not in december and "2024年度报告尚未编制：已超过发布期限" in december


@time_machine.travel("2024-12-16 09:00 +0800", tick=False)
def test_the_home_page_lists_every_line_with_a_link_to_its_step(client, day, clerk):
    client.force_login(clerk)
    html = client.get(reverse("office:home")).content.decode()
    todo = html.split('id="todo"')[1]
    assert todo.index("超期的申请") < todo.index("明天到期的申请") < todo.index("网上申请")
    from gongkai.applications.models import Application

    overdue = Application.objects.get(information_title="超期的申请")
    assert f'href="{reverse("office:application", args=[overdue.pk])}"' in todo


@time_machine.travel("2024-12-16 09:00 +0800", tick=False)
def test_the_county_reads_each_township_at_a_glance(client, day, township, clerk, reviewer):
    category = Category.objects.get(name="社会救助", source="article21")
    # formed Mon 11 Nov: due Mon 9 Dec, still a draft on 16 Dec — unpublished and late
    ct.create_draft(
        township, by=clerk, category=category, title="逾期的草稿", formed_on=date(2024, 11, 11)
    )
    # formed 8 Oct, due 4 Nov (12 October was a make-up workday), published 7 Nov: late
    late = ct.create_draft(
        township, by=clerk, category=category, title="逾期公开", formed_on=date(2024, 10, 8)
    )
    ct.approve_and_publish(ct.submit(late, by=clerk), by=reviewer, on=date(2024, 11, 7))
    # received Fri 1 Nov: due Fri 29 Nov; answered Mon 2 Dec, 1 working day late (第三十三条)
    answered = received(township, clerk, date(2024, 11, 1), "逾期答复的申请")
    at.reply(answered, by=clerk, on=date(2024, 12, 2), outcome="三（一）", text="予以公开。")
    supervisor = User.objects.get(username="xian")
    client.force_login(supervisor)
    html = client.get(reverse("office:home")).content.decode()
    overview = html.split('id="overview"')[1].split("</table>")[0]
    row = overview.split(township.name)[1].split("</tr>")[0]
    cells = [c.split(">", 1)[1].split("<")[0] for c in row.split("<td")[1:]]
    # six open applications (one online still to confirm), one reply overdue, one due soon
    assert cells[0].startswith("6（待确认收到 1）")
    assert "<strong>1</strong>" in row.split("<td")[2]
    assert "<strong>1</strong>" in row.split("<td")[3]  # one reply given late this year
    assert cells[3] == "1"
    assert "<strong>1</strong>" in row.split("<td")[5] and cells[5] == "1"  # items late
    assert "尚未编制" in row
