"""Issue 15's day's work, walked in the browser from each person's 工作台 (desktop width):
the clerk confirms, asks for a correction, asks for an extension, replies, issues the reply
letter and records its delivery; the reviewer
approves the extension and an item and publishes the annual report the administrator drafted; the
county's administrator reads the overview of the townships. Each page is checked with
axe-core and photographed under test-artifacts/.

The state is set up through the real transitions on today's date, so the lines are what a
clerk would see this morning: an application due in 2 working days, one overdue by 2, one
submitted online today."""

import re
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from gongkai.applications import transitions as at
from gongkai.applications.models import Application, Status
from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category, ItemStatus
from gongkai.core.calendar import current_calendar
from gongkai.core.demo import load_demo
from gongkai.core.models import User
from gongkai.reports import transitions as rt
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT
from tests.browser.conftest import ARTIFACTS, log_in
from tests.conftest import enter_table_two

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Axe()


@pytest.fixture
def desk(browser, settings, request):
    """A desktop browser (staff work at a desk); `shot(step)` photographs the page."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)

    def shot(step: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{step}.png"), full_page=True)

    page.shot = shot
    yield page
    context.close()


def checked(page, step: str) -> None:
    """No axe-core violation on the page, and a photograph of it."""
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_snapshot()}"
    page.shot(step)


def workdays_before(today: date, n: int) -> date:
    calendar, day, counted = current_calendar(), today, 0
    while counted < n:
        day -= timedelta(days=1)
        counted += calendar.is_workday(day)
    return day


def received(township, clerk, on: date, title: str) -> Application:
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=on,
        today=on,
        **{**APPLICANT, "information_title": title},
    )
    return application


# An ordinary Wednesday in a year whose holiday notice is built in: the counts the walks
# read ("还有 2 个工作日") are only true on a working day, so the walks choose theirs.
MORNING = date(2026, 12, 2)


@pytest.fixture
def morning(db, travel_to):
    from gongkai.catalogue.subjects import seed_statutory_subjects

    travel_to(MORNING)
    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    township = load_demo()
    clerk = User.objects.get(username="jingban")
    today = timezone.localdate()
    received(township, clerk, workdays_before(today, 18), "本月低保发放名单")  # due in 2
    received(township, clerk, workdays_before(today, 22), "危房改造补助名单")  # 2 overdue
    at.submit_online(township, today=today, **{**APPLICANT, "information_title": "村道修建合同"})
    return township, clerk, today


def open_line(page, text: str) -> None:
    page.locator("#todo").get_by_role("link", name=re.compile(text)).first.click()
    page.wait_for_load_state()


def take_step(page, step: str, fields=None, tick: str | None = None) -> None:
    section = page.locator("details.action", has=page.locator("summary", has_text=step)).first
    section.locator("summary").click()
    for label, value in (fields or {}).items():
        field = section.get_by_label(label, exact=True)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    if tick:
        section.get_by_label(tick).check()
    section.get_by_role("button", name=step, exact=True).click()
    page.wait_for_load_state()
    assert f"已{step}" in page.get_by_role("status").inner_text()


def back_to_workbench(page) -> None:
    page.get_by_role("link", name="工作台").first.click()
    page.get_by_role("heading", level=1, name="工作台").wait_for()


def test_the_clerks_day(live_server, desk, morning):
    _township, _clerk, _today = morning
    base = live_server.url
    log_in(desk, base, "jingban")
    todo = desk.locator("#todo").inner_text()
    # most urgent first: the overdue reply, the one due soon, then the one to confirm
    assert (
        todo.index("危房改造补助名单") < todo.index("本月低保发放名单") < todo.index("村道修建合同")
    )
    assert "答复已超期 2 个工作日" in todo and "还有 2 个工作日" in todo and "待确认收到" in todo
    checked(desk, "workbench")

    # confirm the online application, then ask for a correction on it
    open_line(desk, "村道修建合同")
    checked(desk, "online-application")
    take_step(desk, "确认收到")
    take_step(desk, "告知补正", {"需要补正的事项": "请写明合同签订的年份"})
    back_to_workbench(desk)
    assert "待确认收到" not in desk.locator("#todo").inner_text()

    # ask for more time on the application due soon
    open_line(desk, "本月低保发放名单")
    take_step(desk, "申请延期", {"延期理由": "需调取档案"})
    assert "批准延期" not in desk.content()  # the reviewer approves, not she
    back_to_workbench(desk)

    # reply to the overdue one: the tick is asked first, and says what will happen
    open_line(desk, "危房改造补助名单")
    reply = desk.locator("details.action", has=desk.locator("summary", has_text="答复")).first
    reply.locator("summary").click()
    reply.get_by_label("答复结果").select_option(value="三（一）")
    reply.get_by_label("答复内容", exact=True).fill("予以公开，名单见附件。")
    reply.get_by_role("button", name="答复", exact=True).click()  # not ticked: not sent
    assert Application.objects.get(information_title="危房改造补助名单").status == Status.OPEN
    desk.shot("reply-asks-for-the-tick")
    reply.get_by_label("答复后本申请即告办结").check()
    reply.get_by_role("button", name="答复", exact=True).click()
    desk.wait_for_load_state()
    assert "已答复" in desk.get_by_role("status").inner_text()
    checked(desk, "replied")
    # the reply letter: issued only once ticked, then delivered
    desk.get_by_label("生成文书").select_option(label="政府信息公开申请答复告知书")
    desk.get_by_role("button", name="生成草稿").click()
    desk.get_by_role("button", name="出具").click()  # not ticked: still a draft
    assert desk.get_by_role("link", name="下载 DOCX").count() == 0
    desk.get_by_label("出具后文书不能再修改").check()
    desk.get_by_role("button", name="出具").click()
    desk.get_by_role("link", name="下载 DOCX").wait_for()
    take_step(desk, "登记送达")
    checked(desk, "delivered")
    back_to_workbench(desk)
    assert "危房改造补助名单" not in desk.locator("#todo").inner_text()


def test_the_reviewers_day(live_server, desk, morning):
    township, clerk, today = morning
    due_soon = Application.objects.get(information_title="本月低保发放名单")
    at.request_extension(due_soon, by=clerk, on=today, workdays=10, reason="需调取档案")
    category = Category.objects.get(name="社会救助", source="article21")
    item = ct.create_draft(
        township,
        by=clerk,
        category=category,
        title="青石镇本月临时救助名单",
        document_number="青民〔2026〕3号",
        body="经审核，下列家庭获得临时救助：\n\n1. 青石村，2户；\n2. 白岩村，1户。",
        formed_on=workdays_before(today, 10),
    )
    ct.submit(item, by=clerk)
    base = live_server.url
    log_in(desk, base, "shenhe")
    todo = desk.locator("#todo").inner_text()
    assert "延期 10 个工作日待批准" in todo and "《青石镇本月临时救助名单》待保密审查" in todo
    assert "危房改造补助名单" not in todo  # the clerk's inbox is not hers
    checked(desk, "workbench")

    open_line(desk, "延期 10 个工作日待批准")
    assert "<summary>答复</summary>" not in desk.content()
    take_step(desk, "批准延期")
    checked(desk, "extension-approved")
    back_to_workbench(desk)
    assert "待批准" not in desk.locator("#todo").inner_text()

    open_line(desk, "待保密审查")
    meta = desk.locator("#meta-h + table").inner_text()
    assert "青民〔2026〕3号" in meta and "公开时分配" in meta
    assert desk.locator(".item-body p").count() == 2
    checked(desk, "review")
    desk.get_by_text("审核通过并公开…").click()
    desk.get_by_label("确认审核通过并公开").check()
    desk.get_by_role("button", name="审核通过并公开").click()
    desk.wait_for_load_state()
    assert "已审核通过并公开" in desk.get_by_role("status").inner_text()
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    checked(desk, "published")


def test_the_administrator_drafts_and_a_reviewer_publishes_the_report(live_server, desk, morning):
    # issue 14's two-person rule: whoever drafts the report (here the administrator) never
    # publishes it alone; another person with the reviewer role approves and publishes
    township, _clerk, today = morning
    year = today.year - 1
    administrator = User.objects.get(username="guanli")
    enter_table_two(township, administrator, year)
    rt.start_report(township, year, by=administrator, today=today)
    base = live_server.url
    log_in(desk, base, "guanli")
    assert "待审核发布" not in desk.locator("#todo").inner_text()
    desk.get_by_role("button", name=re.compile("^退出")).click()
    log_in(desk, base, "shenhe")
    todo = desk.locator("#todo").inner_text()
    assert f"{year}年度报告（第1版）勾稽检查通过，待审核发布" in todo
    checked(desk, "workbench")
    open_line(desk, "待审核发布")
    desk.locator("summary", has_text="审核通过并发布").click()  # the step opens below its heading
    desk.get_by_label("确认发布").check()
    desk.get_by_role("button", name="审核通过并发布").click()
    desk.wait_for_load_state()
    assert "已审核通过并发布" in desk.get_by_role("status").inner_text()
    assert AnnualReport.objects.get(agency=township, year=year).status == ReportStatus.PUBLISHED
    checked(desk, "report-published")
    back_to_workbench(desk)
    assert "待审核发布" not in desk.locator("#todo").inner_text()


def test_the_countys_day(live_server, desk, morning):
    township, clerk, today = morning
    category = Category.objects.get(name="社会救助", source="article21")
    ct.create_draft(  # a draft past its 20 working days (条例第二十六条)
        township,
        by=clerk,
        category=category,
        title="逾期未公开的公示",
        formed_on=workdays_before(today, 25),
    )
    base = live_server.url
    log_in(desk, base, "xian")
    overview = desk.locator("#overview")
    row = overview.get_by_role("row", name=re.compile(township.name)).inner_text()
    cells = row.split("\t")
    assert cells[1].startswith("3（待确认收到 1）")  # three open, one to confirm
    # one reply overdue, none given late this year, one due soon, one item past its limit
    assert cells[2] == "1" and cells[3] == "0" and cells[4] == "1" and cells[5] == "1"
    checked(desk, "overview")
    overview.get_by_role("link", name="主动公开").first.click()
    desk.get_by_role("heading", level=1).wait_for()
    assert "逾期未公开的公示" in desk.content()
    checked(desk, "township-items")
