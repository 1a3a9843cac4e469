"""Issue 25, the pages themselves, at a desk and on a 390 px phone: buttons in the accent
colour (not the grey that reads as disabled) and at least 44 px high; the header carries the
关怀版 switch and, for staff, the office's sections; the inbox names the applicant and on a
phone turns each row into a card; the agency's public page links its 标准目录. Every page
axe-clean and no wider than the screen."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.catalogue.models import Category
from gongkai.core.demo import load_demo
from gongkai.core.models import User
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT
from tests.browser.conftest import PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MORNING = date(2026, 12, 2)  # an ordinary Wednesday
BROWSER_GREY = "rgb(239, 239, 239)"  # chromium's default button face


@pytest.fixture
def township(db, travel_to):
    from gongkai.catalogue.subjects import seed_statutory_subjects

    travel_to(MORNING)
    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    township = load_demo()
    at.register_application(
        township,
        by=User.objects.get(username="jingban"),
        channel=Channel.IN_PERSON,
        submitted_on=date(2026, 11, 30),
        today=date(2026, 11, 30),
        **{**APPLICANT, "applicant_name": "林晓风", "information_title": "村道修建合同"},
    )
    return township


def controls_below_44px(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll(
              'main button, main select, main input[type=text], main input[type=search],'
              + ' header a, header button')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
            .map(e => e.outerHTML.slice(0, 80))"""
    )


def test_the_inbox_names_the_applicant_and_its_controls_look_and_feel_usable(
    live_server, screen, township
):
    base = live_server.url
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:inbox"))
    sections = screen.get_by_role("navigation", name="栏目")
    assert sections.get_by_role("link", name="依申请公开").get_attribute("aria-current") == "page"
    for name in ("工作台", "主动公开", "标准目录", "年度报告", "自查"):
        assert sections.get_by_role("link", name=name).is_visible()
    assert screen.locator("#care-switch").inner_text() == "关怀版（大字体）"
    assert screen.locator("header #care-switch").is_visible()  # in the header, not the foot
    row = screen.locator("tbody tr", has_text="村道修建合同")
    assert "林晓风" in row.inner_text()
    filter_button = screen.get_by_role("button", name="筛选")
    assert filter_button.evaluate("e => getComputedStyle(e).backgroundColor") != BROWSER_GREY
    assert controls_below_44px(screen) == []
    cell = row.locator("td").first
    display = cell.evaluate("e => getComputedStyle(e).display")
    assert display == ("block" if screen.width == PHONE else "table-cell")
    screen.checked("inbox")
    screen.locator("#care-switch").click()
    screen.wait_for_load_state()
    assert screen.locator("html").get_attribute("class") == "care"
    assert screen.locator("#care-switch").inner_text() == "退出关怀版"
    screen.checked("inbox-care")


def test_the_agency_page_links_its_standard_catalogue(live_server, screen, township):
    screen.goto(live_server.url + reverse("portal:agency", args=[township.index_prefix]))
    assert screen.locator("header #care-switch").is_visible()  # a public page's header too
    screen.get_by_role("link", name="基层政务公开标准目录").click()
    screen.wait_for_load_state()
    assert screen.url.endswith(reverse("portal:standards", args=[township.index_prefix]))
    assert controls_below_44px(screen) == []
    screen.checked("standards")


def test_password_errors_are_in_chinese_under_the_field_they_concern(live_server, screen, township):
    from gongkai.core.demo import DEMO_PASSWORD

    base = live_server.url
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:password_change"))
    screen.get_by_label("旧密码").fill(DEMO_PASSWORD)
    screen.get_by_label("新密码", exact=True).fill("123")
    screen.get_by_label("新密码确认").fill("123")
    screen.get_by_role("button", name="修改密码").click()
    screen.wait_for_load_state()
    new = screen.locator("p", has=screen.locator("#id_new_password1"))
    assert "密码太短，至少需要10个字符" in new.inner_text()
    assert "This password" not in screen.locator("main").inner_text()
    confirm = screen.locator("p", has=screen.locator("#id_new_password2"))
    assert "密码太短" not in confirm.inner_text()
    screen.checked("password-errors")


@pytest.mark.parametrize(
    ("username", "url_name", "table"),
    [
        ("jingban", "office:home", "table.workbench"),
        ("jingban", "office:standards", "table.cards-on-phone"),
        ("xian", "office:home", "table.cards-on-phone"),
    ],
)
def test_staff_tables_become_cards_on_a_phone(
    live_server, screen, township, username, url_name, table
):
    base = live_server.url
    log_in(screen, base, username)
    screen.goto(base + reverse(url_name))
    cell = screen.locator(f"{table} tbody td").first
    display = cell.evaluate("e => getComputedStyle(e).display")
    assert display == ("block" if screen.width == PHONE else "table-cell")
    assert controls_below_44px(screen) == []
    screen.checked(url_name.split(":")[1] + "-" + username)


@pytest.mark.parametrize("url_name", ["office:reports", "office:rollup"])
def test_the_report_pages_do_not_scroll_sideways(live_server, screen, township, url_name):
    base = live_server.url
    log_in(screen, base, "xian")
    screen.goto(base + reverse(url_name))
    screen.checked(url_name.split(":")[1])


def test_a_suggested_matter_is_applied_with_one_button(live_server, screen, township):
    from gongkai.catalogue import transitions as ct
    from gongkai.standards.demo import load_demo_standards

    load_demo_standards(township, today=MORNING)  # the township adopts its 标准目录
    item = ct.create_draft(
        township,
        by=User.objects.get(username="jingban"),
        category=Category.objects.get(name="社会救助", source="article21"),
        title="青石镇本月最低生活保障金发放名单",
        body="本月低保金发放名单如下。",
        formed_on=date(2026, 12, 1),
    )
    base = live_server.url
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:standards_item", args=[item.pk]))
    first = screen.locator("ul.suggestions li", has=screen.get_by_role("button")).first
    chosen = first.inner_text().split("（")[0].strip()
    first.get_by_role("button").click()
    screen.wait_for_load_state()
    assert f"已采用推荐事项：{chosen}" in screen.get_by_role("status").inner_text()
    item.refresh_from_db()
    assert item.matter is not None and f"{item.matter.domain}／{item.matter.level2}" == chosen
    assert "已采用" in screen.locator("ul.suggestions li", has_text=chosen).inner_text()
    assert controls_below_44px(screen) == []
    screen.checked("suggestion-applied")


def test_the_report_page_names_who_publishes_as_the_rule_says(live_server, screen, township):
    """The draft report tells the 管理员 who publishes it — the 审核人, as core.roles.PUBLISHERS
    enforces (tests/office/test_publishers_words.py holds the rule) — readable on a phone."""
    from gongkai.reports import transitions as rt

    report = rt.start_report(township, 2025, by=User.objects.get(username="jingban"), today=MORNING)
    base = live_server.url
    log_in(screen, base, "guanli")
    screen.goto(base + reverse("office:report", args=[report.pk]))
    said = screen.locator("main p.muted", has_text="审核发布").inner_text()
    assert said == "草稿完成后，由本机关的审核人（起草人以外）审核发布。"
    assert screen.get_by_role("button", name="审核通过并发布").count() == 0
    screen.checked("report-publishers")
