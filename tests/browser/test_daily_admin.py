"""Issue 25 in the browser, at a desk (1280 px) and on a phone (390 px), every page checked
with axe-core: the clerk finds an item in the office list by its 文号 and pages through; the
agency's 管理员 walks their office — creates a colleague, unlocks a locked-out one, resets a
password, saves the agency's 缴费方式 and a 告知书模板; the county's administrator reads it; in
demo mode the password page does not insist."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category
from gongkai.core.demo import load_demo
from gongkai.core.models import User
from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Axe()
WIDTHS = {"desk": 1280, "phone": 390}


@pytest.fixture(params=sorted(WIDTHS))
def screen(browser, settings, request):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    width = WIDTHS[request.param]
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)

    def checked(step: str) -> None:
        results = AXE.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_snapshot()}"
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{step}.png"), full_page=True)

    page.checked = checked
    yield page
    context.close()


def test_the_clerk_finds_an_item_by_its_document_number_and_pages(live_server, screen):
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    township = load_demo()
    clerk = User.objects.get(username="jingban")
    category = Category.objects.get(name="社会救助", source="article21")
    for n in range(55):
        ct.create_draft(
            township, by=clerk, category=category, title=f"草稿{n}", formed_on=date(2026, 3, 2)
        )
    ct.create_draft(
        township,
        by=clerk,
        category=category,
        title="关于调整低保标准的通知",
        document_number="青政发〔2026〕7号",
        formed_on=date(2026, 3, 2),
    )
    log_in(screen, live_server.url, "jingban")
    screen.goto(f"{live_server.url}/office/items/?agency={township.pk}")
    assert "共 56 条，第 1 / 2 页" in screen.locator("#total").inner_text()
    screen.checked("list")
    screen.get_by_role("navigation", name="分页").get_by_role("link", name="2").first.click()
    assert "第 2 / 2 页" in screen.locator("#total").inner_text()
    screen.get_by_label("名称、索引号或文号").fill("青政发〔2026〕7号")
    screen.get_by_role("button", name="查找").click()
    assert "共 1 条" in screen.locator("#total").inner_text()
    screen.get_by_role("link", name="关于调整低保标准的通知").wait_for()
    screen.checked("found")


def test_the_administrator_walks_their_office(live_server, screen, settings):
    township = load_demo()
    base = live_server.url
    # a colleague types the wrong password until the login is suspended
    for _ in range(settings.AXES_FAILURE_LIMIT):
        screen.goto(base + "/office/login/")
        screen.get_by_label("用户名").fill("jingban")
        screen.get_by_label("密码").fill("not-the-password")
        screen.get_by_role("button", name="登录").click()
    assert "本单位的系统管理员" in screen.content()

    log_in(screen, base, "guanli")
    screen.get_by_role("link", name="本机关管理").click()
    screen.get_by_role("heading", level=1, name="工作人员账号").wait_for()
    assert "登录已锁定" in screen.content()
    screen.checked("staff")
    card = screen.locator("section.card", has_text="（jingban）")
    card.get_by_role("button", name="解除登录锁定").click()
    assert "已解除" in screen.get_by_role("status").inner_text()

    screen.locator("#new-account").locator("..").locator("summary").click()
    screen.get_by_label("用户名").fill("xinren")
    screen.get_by_label("姓名").fill("新同事")
    screen.locator("#new-account").locator("..").get_by_label("审核人").check()
    screen.get_by_label("初始密码").fill("Qingshi-2026-strong")
    screen.get_by_role("button", name="建立账号").click()
    assert "已建立账号 xinren" in screen.get_by_role("status").inner_text()
    assert User.objects.get(username="xinren").memberships.get().role == "reviewer"

    card = screen.locator("section.card", has_text="（shenhe）")
    card.get_by_text("重置密码", exact=True).first.click()
    card.get_by_label("新的临时密码").fill("Another-2026-strong")
    card.get_by_label("我已知晓：原密码立即失效", exact=False).check()  # irreversible: the tick
    card.get_by_role("button", name="重置密码").click()
    assert "登录后须立即修改" in screen.get_by_role("status").inner_text()
    screen.checked("staff-after")

    screen.get_by_role("link", name="机关信息和网站标识").click()
    screen.get_by_label("信息处理费缴费方式").fill("到青石镇便民服务中心窗口缴纳")
    screen.get_by_role("button", name="保存机关信息").click()
    assert "已保存" in screen.get_by_role("status").inner_text()
    township.refresh_from_db()
    assert township.fee_payment_method == "到青石镇便民服务中心窗口缴纳"
    screen.checked("settings")

    screen.get_by_role("link", name="告知书模板").click()
    screen.get_by_role("heading", level=1, name="告知书模板").wait_for()
    screen.checked("letters")
    screen.get_by_role("button", name="退出（张丽（演示管理员））").click()

    # the county's administrator reads the township's office, read only
    log_in(screen, base, "xian")
    screen.get_by_role("link", name="账号和设置").first.click()
    screen.get_by_role("heading", level=1, name="工作人员账号").wait_for()
    assert "只读" in screen.content()
    assert screen.get_by_role("button", name="停用账号").count() == 0
    screen.checked("county")


def test_in_demo_mode_the_password_page_does_not_insist(live_server, screen, settings):
    settings.DEMO = True
    load_demo()
    log_in(screen, live_server.url, "jingban")  # not sent to change the password first
    screen.get_by_role("link", name="修改密码").click()
    screen.get_by_role("heading", level=1, name="修改密码").wait_for()
    assert "请先设置自己的密码" not in screen.content()
    screen.checked("password")
