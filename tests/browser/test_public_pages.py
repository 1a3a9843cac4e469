"""Every public page on a 390 px phone: nothing wider than the screen (the page never
scrolls sideways), no axe-core violation, and a screenshot in test-artifacts/. Then a
citizen applies on the phone and opens the status page from a bookmark on another device."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_WIDTH = 390
AXE = Axe()


def check(page, screenshot, name: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(name)
    assert width <= PHONE_WIDTH, f"{page.url} 宽 {width}px，超出手机屏幕 {PHONE_WIDTH}px"
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_snapshot()}"


def public_pages(township) -> dict[str, str]:
    from django.urls import reverse

    from gongkai.applications.demo import DEMO_YEAR
    from gongkai.catalogue.models import Category, Item, ItemStatus

    prefix = township.index_prefix
    item = (
        Item.objects.filter(agency=township, status=ItemStatus.PUBLISHED)
        .exclude(document_number="")
        .latest("published_on")
    )
    social_aid = Category.objects.get(name="社会救助", source="article21")
    pages = {
        "home": reverse("portal:home"),
        "agency": reverse("portal:agency", args=[prefix]),
        "items": reverse("portal:items", args=[prefix]),
        "items-category": reverse("portal:items", args=[prefix]) + f"?category={social_aid.pk}",
        "items-page-2": reverse("portal:items", args=[prefix]) + "?page=2",
        "item": reverse("portal:item", args=[item.pk]),
        "guide": reverse("portal:guide", args=[prefix]),
        "rules": reverse("portal:rules", args=[prefix]),
        "reports": reverse("portal:reports", args=[prefix]),
        "report": reverse("portal:report", args=[prefix, DEMO_YEAR]),
        "report-illustrated": reverse("portal:report_illustrated", args=[prefix, DEMO_YEAR]),
        "search": reverse("portal:search") + "?q=低保 补贴",
        "search-index-number": reverse("portal:search") + f"?q={item.index_number}",
        "search-nothing": reverse("portal:search") + f"?q=没有这个词&agency={prefix}",
        "apply": reverse("portal:apply", args=[prefix]),
        "lookup": reverse("portal:lookup"),
        "resend-code": reverse("portal:resend_code"),
        "not-found": "/no-such-page/",
        "handling": reverse("portal:handling", args=[prefix]),
        "standards": reverse("portal:standards", args=[prefix]),
        "policy-library": reverse("portal:policy_library", args=[prefix]),
        "consultations": reverse("portal:consultations", args=[prefix]),
        "site-map": reverse("portal:site_map"),
    }
    # 互动交流 (issue 28): the demo publishes answers of the township's messages
    from gongkai.interaction.models import Message

    pages["ask"] = reverse("portal:ask", args=[prefix])
    pages["faq"] = reverse("portal:faq", args=[prefix])
    pages["faq-search"] = reverse("portal:faq", args=[prefix]) + "?q=低保"
    entry = Message.objects.published().filter(agency=township).first()
    pages["faq-entry"] = reverse("portal:faq_entry", args=[prefix, entry.pk])
    pages["report-error"] = reverse("portal:report_error") + f"?page=/agency/{prefix}/"
    pages["message-lookup"] = reverse("portal:message_lookup")
    from gongkai.policies.models import Consultation

    consultation = Consultation.objects.order_by("pk").first()
    if consultation is not None:
        pages["consultation"] = reverse("portal:consultation", args=[consultation.pk])
    return pages


# portal URLs that are not pages to lay out: files, feeds, a switch that redirects; and the
# applicant's own pages, which the journey below opens with a query code
NOT_PAGES = {
    "portal:attachment",
    "portal:feed",
    "portal:policy_feed",
    "portal:policy_library_xlsx",
    "portal:report_download",
    "portal:care",
    "portal:applied",
    "portal:status",
    "portal:status_letter",
    "portal:item_suggestions",  # JSON for the application form's check-first list
    "portal:message_sent",  # the asker's own pages: tests/browser/test_interaction_flow.py
    "portal:message_status",
    # laid out and axe-checked at desk and phone widths with records of their own:
    "portal:column",  # tests/browser/test_submission_flow.py (a county column with adoptions)
    "portal:adopted",  # the same: an adopted township news post
    "portal:site_report",  # tests/browser/test_site_report_pages.py (a published 年度报表)
    "portal:site_report_docx",  # files
    "portal:site_report_csv",
}


def test_the_list_of_public_pages_misses_none_of_the_portal():
    """A page added to the portal without being added here fails this test."""
    from gongkai.portal import urls

    names = {f"portal:{p.name}" for p in urls.urlpatterns if p.name}
    checked = {
        "portal:home", "portal:agency", "portal:items", "portal:item", "portal:guide",
        "portal:rules", "portal:reports", "portal:report", "portal:report_illustrated",
        "portal:search", "portal:apply", "portal:lookup", "portal:resend_code",
        "portal:handling", "portal:standards", "portal:policy_library",
        "portal:consultations", "portal:consultation", "portal:site_map",
        "portal:ask", "portal:faq", "portal:faq_entry", "portal:report_error",
        "portal:message_lookup",
    }  # fmt: skip
    assert names - NOT_PAGES == checked


def test_every_public_page_fits_a_phone_and_passes_axe(live_server, page, screenshot, whole_demo):
    township = whole_demo
    failures = []
    for name, path in public_pages(township).items():
        page.goto(live_server.url + path)
        try:
            check(page, screenshot, name)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)


def test_a_citizen_applies_on_a_phone_and_opens_the_bookmarked_status_page_elsewhere(
    live_server, browser, page, screenshot, whole_demo
):
    township = whole_demo
    base = live_server.url
    page.goto(f"{base}/agency/{township.index_prefix}/apply/")
    check(page, screenshot, "apply-empty")
    page.get_by_label("申请人姓名或名称").fill("陈一鸣（测试）")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("138 0000 0000")
    page.get_by_label("所需信息名称").fill("青石镇低保资金发放明细")
    page.get_by_role("button", name="提交申请").click()
    # the defaults are 电子 by 电子邮件: the form asks for the e-mail address it needs
    page.get_by_text("选择电子邮件获取的，请填写电子邮箱").wait_for()
    check(page, screenshot, "apply-needs-email")
    page.get_by_label("电子邮箱").fill("chen@example.cn")
    page.get_by_role("button", name="提交申请").click()
    tracking = page.locator("#tracking-number").inner_text(timeout=5000)
    code = page.locator("#query-code").inner_text()
    check(page, screenshot, "applied")
    page.get_by_role("link", name="查看办理进度").click()
    page.get_by_role("heading", level=1, name=f"申请 {tracking}").wait_for()
    status_url = page.url
    check(page, screenshot, "status")

    # the bookmark, opened on another phone: it asks for the query code, then shows the page
    other = browser.new_context(locale="zh-CN", viewport={"width": PHONE_WIDTH, "height": 844})
    try:
        phone = other.new_page()
        phone.goto(status_url)
        assert phone.get_by_label("申请编号").input_value() == tracking
        phone.get_by_label("查询码").fill(code)
        phone.get_by_role("button", name="查询").click()
        phone.get_by_role("heading", level=1, name=f"申请 {tracking}").wait_for()
        assert phone.url == status_url
    finally:
        other.close()
