"""Issue 18's story in the browser: on a phone (390 px wide) a citizen opens a consultation,
leaves a comment with a contact for the reply, and sees that it waits for moderation; the
clerk reads it (with the contact) and publishes it; the citizen then sees the comment and
never the contact. Public pages are checked with axe-core."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from gongkai.core.demo import load_demo
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Axe()
CONTACT = "13912345678"


def accessible(page) -> None:
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_snapshot()}"


def fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"页面宽 {width} px，手机上需要横向滚动"


def test_a_citizen_comments_on_a_phone_and_the_clerk_moderates(live_server, page, screenshot):
    from gongkai.catalogue import transitions as t
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.core.models import User
    from gongkai.policies import transitions as p

    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    township = load_demo()
    clerk, reviewer = User.objects.get(username="jingban"), User.objects.get(username="shenhe")
    today = timezone.localdate()
    draft = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="青石镇村规民约修订稿（征求意见稿）",
        formed_on=today,
        body="<p>征求意见稿全文。</p>",
    )
    t.submit(draft, by=clerk)
    draft = t.approve_and_publish(draft, by=reviewer, on=today)
    consultation = p.open_consultation(
        draft,
        by=clerk,
        title="青石镇村规民约修订稿公开征求意见",
        starts_on=today,
        ends_on=today + timedelta(days=30),
        today=today,
    )
    base = live_server.url

    page.goto(f"{base}/consultation/{consultation.pk}/")
    fits_the_phone(page)
    accessible(page)
    page.get_by_label("意见建议").fill("建议把红白事操办标准写得更具体一些。")
    page.get_by_role("button", name="提交意见").click()  # no contact yet
    assert "请留下联系方式" in page.get_by_role("alert").first.inner_text()
    assert page.get_by_label("意见建议").input_value() == "建议把红白事操办标准写得更具体一些。"
    page.get_by_label("联系方式（电话或电子邮箱，仅用于答复，不会公开）").fill(CONTACT)
    page.get_by_role("button", name="提交意见").click()
    assert "经审核后公开" in page.get_by_role("status").inner_text()
    assert "暂无公开的意见" in page.content()
    fits_the_phone(page)
    screenshot("sent")

    log_in(page, base, "jingban")
    page.goto(f"{base}/office/policies/consultations/?agency={township.pk}")
    page.get_by_role("link", name="青石镇村规民约修订稿公开征求意见").click()
    assert CONTACT in page.content()  # staff see the contact, to reply
    page.get_by_role("button", name="公开").click()
    page.get_by_role("status").wait_for()
    page.locator("summary", has_text="采纳情况").click()  # the step opens below its heading
    page.get_by_label("采纳情况").select_option("adopted")
    page.get_by_role("button", name="保存采纳情况").click()
    page.get_by_role("status").wait_for()
    fits_the_phone(page)
    screenshot("moderated")
    page.get_by_role("button", name="退出（").click()

    page.goto(f"{base}/consultation/{consultation.pk}/")
    comments = page.locator("ol.comments").inner_text()
    assert "建议把红白事操办标准写得更具体一些。" in comments and "采纳" in comments
    assert CONTACT not in page.content()
    fits_the_phone(page)
    accessible(page)
    screenshot("shown")


def test_the_policy_library_and_a_document_with_its_interpretation_read_on_a_phone(
    live_server, page, screenshot
):
    from django.utils import timezone

    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.policies.demo import load_demo_policies

    seed_statutory_subjects(Category)
    county = load_demo().parent
    load_demo_policies(county, today=timezone.localdate())
    base = live_server.url
    page.goto(f"{base}/agency/{county.index_prefix}/policies/")
    fits_the_phone(page)
    accessible(page)
    page.get_by_label("文号或名称").fill("城乡居民临时救助")
    page.get_by_role("button", name="查找").click()
    page.get_by_role("link", name="云岭县城乡居民临时救助办法").click()
    assert "《云岭县城乡居民临时救助办法》政策解读" in page.content()
    panel = page.locator("section.policy-links").inner_text()
    assert "时效性 现行有效" in panel and "本文件替代《云岭县城乡居民临时救助实施办法》" in panel
    fits_the_phone(page)
    accessible(page)
    screenshot("document")
