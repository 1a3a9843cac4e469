"""Issue 3's story in the browser: a clerk drafts an item containing an ID number; the
reviewer sees the hit, redacts it and approves; the item appears on the portal with its
索引号; a visitor finds it by a two-character word and opens it. Every public page on the
way, and the reviewer's page, is checked with axe-core."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from gongkai.catalogue.models import Category, Item
from gongkai.core.demo import load_demo
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ID_NUMBER = "11010519491231002X"  # GB 11643's example; valid check character
AXE = Axe()


def accessible(page) -> None:
    """No axe-core violation at all (WCAG 2 A/AA rules and best practices)."""
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_snapshot()}"


def test_draft_review_redact_publish_and_find(live_server, page, screenshot):
    from gongkai.catalogue.models import Category as C
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(C)  # a transactional test before may have flushed them
    township = load_demo()
    base = live_server.url
    social_aid = Category.objects.get(name="社会救助", source="article21")

    log_in(page, base, "jingban")
    page.get_by_role("link", name="主动公开").first.click()
    page.get_by_role("link", name="起草新信息").click()
    page.get_by_label("分类").select_option(str(social_aid.pk))
    page.get_by_label("名称").fill("青石镇2026年第四季度低保资金发放公示")
    page.get_by_label("正文").fill(
        f"<p>低保对象张三（测试），身份证号 {ID_NUMBER}，发放 600 元。</p>"
    )
    page.get_by_label("形成或者变更日期").fill("2026-11-20")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="提交审查").click()
    page.get_by_role("status").wait_for()
    screenshot("submitted")
    page.get_by_role("button", name=re.compile("退出")).click()

    log_in(page, base, "shenhe")
    item = Item.objects.get(title__startswith="青石镇2026年第四季度")
    page.goto(f"{base}/office/items/{item.pk}/")
    hit = page.locator("mark").first
    assert hit.inner_text() == "110***********002X"
    assert "居民身份证号码" in page.locator("#personal ~ ul, section ul").first.inner_text()
    accessible(page)
    screenshot("review-hit")
    page.get_by_role("button", name="脱敏处理").click()
    page.get_by_role("status").wait_for()
    page.get_by_text("审核通过并公开…").click()
    page.get_by_label("确认审核通过并公开").check()
    page.get_by_role("button", name="审核通过并公开").click()
    page.get_by_role("status").wait_for()
    item.refresh_from_db()
    assert re.fullmatch(r"012345671/\d{4}-\d{5}", item.index_number)
    assert ID_NUMBER not in item.body
    screenshot("published")
    page.get_by_role("button", name=re.compile("退出")).click()

    # a visitor, on a phone
    page.goto(f"{base}/agency/{township.index_prefix}/")
    accessible(page)
    page.get_by_label("搜索本机关公开的信息").fill("低保")
    page.get_by_role("button", name="搜索").click()
    result = page.get_by_role("link", name=re.compile("第四季度低保资金发放公示"))
    assert page.locator("mark", has_text="低保").count() >= 1
    accessible(page)
    screenshot("search")
    result.click()
    page.get_by_role("heading", level=1, name=item.title).wait_for()
    assert item.index_number in page.get_by_role("table").inner_text()
    assert ID_NUMBER not in page.content()
    accessible(page)
    screenshot("item")
    for path in ("items/", "guide/", "reports/"):
        page.goto(f"{base}/agency/{township.index_prefix}/{path}")
        accessible(page)
