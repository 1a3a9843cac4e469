"""Issue 25, 更正 in the browser at a desk and on a 390 px phone: a clerk corrects a typo in
a published item from its page, a reviewer finds the 更正稿 on the 工作台 and publishes it,
and a visitor reads the corrected item under the same 索引号 with its 更正说明 and what
changed. Every page axe-clean and no wider than the screen, photographed under
test-artifacts/."""

import re
from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, Item
from gongkai.core.demo import load_demo
from gongkai.core.models import User
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MORNING = date(2026, 12, 2)  # an ordinary Wednesday
NOTE = "标题和正文中“低保经”误写，应为“低保金”"


@pytest.fixture
def typo(db, travel_to):
    from gongkai.catalogue.subjects import seed_statutory_subjects

    travel_to(MORNING)
    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    township = load_demo()
    clerk = User.objects.get(username="jingban")
    reviewer = User.objects.get(username="shenhe")
    item = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="2026年11月低保经发放公示",
        formed_on=date(2026, 11, 20),
        body="<p>本月低保经按每人每月680元发放。</p>",
    )
    return t.approve_and_publish(t.submit(item, by=clerk), by=reviewer, on=date(2026, 11, 23))


def test_a_clerk_corrects_a_typo_and_the_public_page_shows_the_correction(
    live_server, screen, typo
):
    base = live_server.url
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:item", args=[typo.pk]))
    screen.get_by_text("更正本条信息…").click()
    screen.get_by_label("更正说明（哪里有误、改了什么）").fill(NOTE)
    screen.checked("offered")
    screen.get_by_role("button", name="生成更正稿").click()
    screen.get_by_text("更正稿", exact=True).wait_for()
    screen.get_by_label("名称", exact=True).fill("2026年11月低保金发放公示")
    screen.get_by_label("正文").fill("本月低保金按每人每月680元发放。")
    screen.checked("draft")
    screen.get_by_role("button", name="保存修改").click()
    screen.get_by_role("button", name="提交审查").click()
    screen.get_by_text("已提交审查").first.wait_for()
    screen.get_by_role("button", name=re.compile("退出")).click()

    log_in(screen, base, "shenhe")
    screen.get_by_role("link", name=re.compile("更正稿待保密审查")).first.click()
    screen.get_by_text("审核通过并公开…").click()
    screen.get_by_label("确认审核通过并公开").check()
    screen.checked("review")
    screen.get_by_role("button", name="审核通过并公开").click()
    screen.get_by_role("heading", name="更正记录").wait_for()
    screen.checked("corrected-office")
    screen.get_by_role("button", name=re.compile("退出")).click()

    item = Item.objects.get(pk=typo.pk)  # the same row, the same 索引号
    assert item.title == "2026年11月低保金发放公示" and item.index_number == typo.index_number
    screen.goto(base + reverse("portal:item", args=[typo.pk]))
    screen.get_by_role("heading", level=1, name="2026年11月低保金发放公示").wait_for()
    history = screen.locator("section.corrections")
    assert f"更正说明：{NOTE}" in history.inner_text()
    assert "更正于 2026年12月2日" in history.inner_text()
    assert "“经”更正为“金”" in history.inner_text()
    assert typo.index_number in screen.locator("table.meta-table").inner_text()
    screen.checked("portal")
