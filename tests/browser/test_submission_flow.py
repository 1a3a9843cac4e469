"""Issue 28's 报送 → 采用 in the browser, at a desk and on a 390 px phone: the township's
clerk submits a news post and a published item to the county's columns through the form; the
county's administrator finds them on the 工作台, adopts them with the declared step (its tick
included), and a reader finds both in the county's column under the township's name — the
item with the 索引号 the township gave it. Every page is axe-clean and fits the screen."""

import pytest
from django.utils import timezone

from gongkai.core.demo import load_demo
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_township_submission_adopted_by_the_county_appears_in_its_column(
    live_server, screen, travel_to
):
    from gongkai.catalogue import transitions as c
    from gongkai.catalogue.models import Category, CategorySource
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.core.models import User

    travel_to("2026-03-09")  # a Monday
    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    township = load_demo()
    county = township.parent
    Category.objects.create(agency=county, name="乡镇动态", source=CategorySource.AGENCY)
    relief = Category.objects.get(agency=None, name="社会救助", source="article21")
    clerk, reviewer = User.objects.get(username="jingban"), User.objects.get(username="shenhe")
    today = timezone.localdate()
    item = c.create_draft(
        township,
        by=clerk,
        category=relief,
        title="青石镇临时救助审批结果",
        formed_on=today,
        body="<p>本月审批临时救助3户。</p>",
    )
    item = c.approve_and_publish(c.submit(item, by=clerk), by=reviewer, on=today)
    page, base = screen, live_server.url

    log_in(page, base, "jingban")
    page.goto(f"{base}/office/submissions/new/?agency={township.pk}")
    page.checked("form")
    page.get_by_label("新闻稿件").check()
    page.get_by_label("稿件标题").fill("青石镇开展春耕备耕技术培训")
    page.get_by_label("稿件正文").fill("3月9日，青石镇在镇文化站举办春耕备耕技术培训。")
    page.get_by_label("报送至栏目").select_option(label="乡镇动态")
    page.get_by_role("button", name="报送").click()
    page.get_by_role("heading", level=1, name="青石镇开展春耕备耕技术培训").wait_for()
    page.goto(f"{base}/office/submissions/new/?agency={township.pk}")
    page.get_by_label("已公开的政府信息").check()
    page.get_by_label("本机关已公开的信息").select_option(
        label=f"{item.index_number} 青石镇临时救助审批结果"
    )
    page.get_by_label("报送至栏目").select_option(
        label="条例第二十一条规定的乡镇主动公开内容·社会救助"
    )
    page.get_by_role("button", name="报送").click()
    page.get_by_role("heading", level=1, name="青石镇临时救助审批结果").wait_for()
    page.checked("submitted")
    page.get_by_role("button", name="退出（").click()

    log_in(page, base, "xian")
    page.checked("workbench")
    for title in ("青石镇开展春耕备耕技术培训", "青石镇临时救助审批结果"):
        page.get_by_role("link", name=f"云岭县青石镇人民政府报送《{title}》").first.click()
        page.get_by_role("heading", level=1, name=title).wait_for()
        page.locator("summary", has_text="采用并在栏目中发布").click()
        page.checked("adopt-" + title[-4:])
        page.get_by_label("我已核对标题、正文和栏目，确认采用").check()
        page.get_by_role("button", name="采用", exact=True).click()
        page.get_by_role("status").wait_for()
        assert "已采用" in page.content()
        page.goto(f"{base}/office/")

    page.goto(f"{base}/agency/{county.index_prefix}/")
    page.get_by_role("link", name="乡镇动态").click()
    page.get_by_role("heading", level=1, name="乡镇动态").wait_for()
    table = page.locator("table").inner_text()
    assert "青石镇开展春耕备耕技术培训" in table and "云岭县青石镇人民政府" in table
    page.checked("column")
    page.get_by_role("link", name="青石镇开展春耕备耕技术培训").click()
    assert "来源：云岭县青石镇人民政府" in page.content()
    page.checked("news")

    page.goto(f"{base}/agency/{county.index_prefix}/column/{relief.pk}/")
    table = page.locator("table").inner_text()
    assert "青石镇临时救助审批结果" in table and item.index_number in table
    assert "云岭县青石镇人民政府" in table
    page.checked("item-column")
