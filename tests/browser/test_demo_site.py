"""A visitor and a clerk on the demo site, in Debian's chromium at phone size."""

import pytest

from gongkai.core.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_the_township_and_a_clerk_logs_in(live_server, page, screenshot):
    township = load_demo()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=township.name).click()
    page.get_by_role("heading", level=1, name=township.name).wait_for()
    assert township.office_phone in page.content()
    screenshot("agency")

    page.get_by_role("link", name="工作人员登录").click()
    page.get_by_label("用户名").fill("jingban")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", level=1, name="工作台").wait_for()
    # on a phone the table of posts is a card per post (issue 25), read as the text of the card
    row = page.locator("tr", has_text=township.name).filter(has_text="经办人").first
    assert row.is_visible()
    screenshot("office")

    page.get_by_role("button", name="退出").click()
    page.get_by_role("link", name="工作人员登录").wait_for()


def test_a_wrong_password_is_explained_on_the_page(live_server, page):
    load_demo()
    page.goto(live_server.url + "/office/login/")
    page.get_by_label("用户名").fill("jingban")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    assert "正确的用户名和密码" in page.get_by_role("alert").inner_text()
