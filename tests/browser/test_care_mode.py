"""The 关怀版 (工信部《互联网网站适老化通用设计规范》) on a phone: switched on from the footer
of any public page, remembered across pages, body text at least 18 px, no horizontal
scroll at 390 px and no axe-core violation — in both modes. The footer shows the site's
identity, and the self-check page reads to a clerk."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from gongkai.core.demo import load_demo
from gongkai.inspection.models import SiteIdentity
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Axe()


def fits_and_passes_axe(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width} px wide at 390 px"
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_snapshot()}"


def test_a_citizen_turns_on_the_care_mode_and_it_stays_on(live_server, page, screenshot):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)
    township = load_demo()
    SiteIdentity.objects.create(
        sponsor="云岭县人民政府办公室",
        site_code="5300000001",
        icp_number="滇ICP备00000001号-1",
        police_record="滇公网安备53000002000001号",
        police_record_code="53000002000001",
    )
    base = live_server.url
    pages = [
        f"/agency/{township.index_prefix}/",
        f"/agency/{township.index_prefix}/handling/",
        "/site-map/",
        "/search/?q=低保",
    ]
    page.goto(base + pages[0])
    assert page.get_by_text("政府网站标识码：5300000001").is_visible()
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    for path in pages:
        page.goto(base + path)
        fits_and_passes_axe(page)
    page.goto(base + pages[0])
    page.get_by_role("link", name="关怀版（大字体）").click()
    page.wait_for_url(base + pages[0])
    large = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert large >= 18 and large > normal
    screenshot("care-mode")
    for path in pages:
        page.goto(base + path)
        assert page.evaluate("document.documentElement.classList.contains('care')")
        fits_and_passes_axe(page)
    page.get_by_role("link", name="退出关怀版").click()
    assert not page.evaluate("document.documentElement.classList.contains('care')")


def test_the_clerk_reads_the_self_check_and_follows_a_finding(live_server, page, screenshot, today):
    from gongkai.catalogue import transitions as t
    from gongkai.catalogue.models import Category, CategorySource
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.core.models import User

    seed_statutory_subjects(Category)
    township = load_demo()
    clerk = User.objects.get(username="jingban")
    reviewer = User.objects.get(username="shenhe")
    news = Category.objects.create(agency=township, name="工作动态", source=CategorySource.AGENCY)
    item = t.create_draft(
        township,
        by=clerk,
        category=news,
        title="表彰通报",
        formed_on=today,
        body="<p>希望受表彰的同志再接再励。</p>",
    )
    t.approve_and_publish(t.submit(item, by=clerk), by=reviewer, on=today)
    log_in(page, live_server.url, "jingban")
    page.goto(live_server.url + "/office/selfcheck/")
    # a misspelling is a deduction, not a veto (issue 23: 19号's serious wording is the veto)
    page.get_by_role("heading", name=re.compile("^扣分（")).wait_for()
    assert page.get_by_text("“再接再励”应为“再接再厉”").is_visible()
    screenshot("selfcheck")
    fits_and_passes_axe(page)
    finding = page.locator("ol.findings li", has_text="再接再励")
    finding.get_by_role("link", name="去处理").click()
    assert f"/office/items/{item.pk}/" in page.url
