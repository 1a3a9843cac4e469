"""Issue 25's policy points in the browser, at a desk (1280 px) and on a 390 px phone, every
page axe-clean and no wider than the screen: the demo's banner counts what the portal's
catalogue lists, the demo township's 政策文件库 lists its documents in force and its 图解
labels stay readable on a phone; a clerk registers a document
published before the register existed (补充登记) and the library lists it; the 修订/废止 and
征求意见稿 drop-downs offer only the right kind, narrowed by a search on the server; 关联解读
is offered only on a 解读 and pre-selects nothing."""

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.catalogue.models import Category
from gongkai.core.demo import load_demo
from gongkai.core.models import User
from tests.browser.conftest import PHONE, log_in
from tests.catalogue.files import xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MORNING = date(2026, 12, 2)  # an ordinary Wednesday
HEADER = ["名称", "分类", "成文日期", "发布日期", "文号", "文件类型"]
LAW = "行政法规、规章和规范性文件"
PLANS = "突发公共事件的应急预案、预警信息及应对情况"
OLD_RULES = "青石镇农村宅基地管理办法"


def seeded():
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)  # a transactional test before may have flushed them


@pytest.fixture
def township(db, travel_to):
    """The demo township with its old catalogue imported as published: two documents of
    2024 (one a 规范性文件 never registered), a notice with a 文号, and a plan without one."""
    from gongkai.catalogue.importer import import_catalogue

    travel_to(MORNING)
    seeded()
    township = load_demo()
    rows = [
        [OLD_RULES, LAW, "2024-05-06", "2024-05-10", "青政发〔2024〕9号", "行政规范性文件"],
        ["青石镇关于调整办事时间的通知", LAW, "", "2024-06-03", "青政发〔2024〕11号", ""],
        ["青石镇防汛预案", PLANS, "", "2025-06-01", "", ""],
        ["青石镇集贸市场管理办法（征求意见稿）", LAW, "", "2026-11-20", "", ""],
    ]
    import_catalogue(
        township,
        xlsx([HEADER, *rows]),
        "原目录.xlsx",
        by=User.objects.get(username="shenhe"),
        publish=True,
        today=MORNING,
    )
    return township


def test_the_demo_townships_library_and_its_illustrated_report(live_server, screen):
    from gongkai.applications.demo import DEMO_YEAR
    from gongkai.core.models import Agency

    seeded()
    banner = io.StringIO()
    call_command("demo", no_serve=True, stdout=banner)
    township = Agency.objects.get(level="township")
    base = live_server.url
    # the banner's count is the count the portal's catalogue gives
    count = re.search(r"演示数据：(\d+) 条主动公开信息", banner.getvalue())[1]
    screen.goto(base + reverse("portal:items", args=[township.index_prefix]))
    assert screen.locator("#total").inner_text().startswith(f"共 {count} 条")
    screen.goto(base + reverse("portal:agency", args=[township.index_prefix]))
    screen.get_by_role("link", name="政策文件库").click()
    listed = screen.get_by_role("list", name="现行有效的行政规范性文件")
    # the township's documents in force (catalogue/demo.py: 2024 一事一议, 2025 临时救助 and
    # the amended 村集体资产; the 2023 one is repealed and the 秸秆禁烧 rules expired)
    for title in ("青石镇一事一议筹资筹劳管理办法", "青石镇临时救助实施细则"):
        assert title in listed.inner_text()
    assert "青石镇秸秆禁烧管理规定" not in listed.inner_text()
    screen.checked("library")

    screen.goto(
        base + reverse("portal:report_illustrated", args=[township.index_prefix, DEMO_YEAR])
    )
    label = screen.locator("figure.chart-figure").nth(1).locator(".chart-label").first
    drawing = screen.locator("svg.chart").first
    if screen.width == PHONE:
        # on a phone the labels are text at the page's size, not the drawing's 7 px
        assert label.is_visible() and label.inner_text() == "本年新收"
        assert float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 16
        assert not drawing.is_visible()
    else:
        assert drawing.is_visible() and not label.is_visible()
    screen.checked("illustrated")


def test_a_clerk_registers_a_document_published_before_the_register(live_server, screen, township):
    base = live_server.url
    library = base + reverse("portal:policy_library", args=[township.index_prefix])
    screen.goto(library)
    assert OLD_RULES not in screen.locator("main").inner_text()

    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:policy_register"))
    backlog = screen.locator(
        "section", has=screen.get_by_role("heading", name="已公开、尚未登记的规范性文件")
    )
    screen.checked("register-page")
    backlog.get_by_role("link", name=OLD_RULES).click()
    assert "公开于登记制度实行之前" in screen.locator("#policy-panel").locator("..").inner_text()
    step = screen.locator('details[data-step="register"]')
    step.locator("summary").click()
    assert step.get_by_label("施行日期", exact=True).input_value() == "2024-05-06"  # its 成文日期
    step.get_by_label("我已核对施行日期和有效期：登记编号一经取得不能撤销").check()
    screen.checked("register-step")
    step.get_by_role("button", name="补充登记").click()
    assert "已补充登记" in screen.get_by_role("status").inner_text()
    # the township's first registration of 2026; five years from 2024年5月6日
    panel = screen.locator("#policy-panel").locator("..").inner_text()
    assert "登记编号 012345671-2026-001" in panel and "有效期至 2029年5月5日" in panel

    screen.goto(library)
    listed = screen.get_by_role("list", name="现行有效的行政规范性文件")
    assert OLD_RULES in listed.inner_text() and "012345671-2026-001" in listed.inner_text()
    screen.checked("library")


def test_the_drop_downs_offer_the_right_kind_found_by_a_search(live_server, screen, township):
    from gongkai.catalogue.models import Item
    from gongkai.policies.transitions import register_published

    clerk = User.objects.get(username="jingban")
    register_published(Item.objects.get(title=OLD_RULES), by=clerk, on=MORNING)
    base = live_server.url
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:policy_register"))
    newer = screen.get_by_label("新文件（", exact=False)
    options = newer.locator("option").all_inner_texts()
    assert options[0] == "请选择新文件" and newer.input_value() == ""
    assert "青石镇关于调整办事时间的通知（青政发〔2024〕11号）" in options
    assert not any("防汛预案" in o or "征求意见稿" in o for o in options)
    older = screen.get_by_label("原文件（", exact=False)
    assert older.locator("option").all_inner_texts() == [
        "请选择原文件",
        f"{OLD_RULES}（青政发〔2024〕9号）",
    ]
    screen.get_by_label("查找新文件").fill("2024〕11号")
    screen.get_by_role("button", name="查找").first.click()
    screen.wait_for_load_state()
    assert newer.locator("option").count() == 2
    screen.checked("relation-search")
    newer.select_option(label="青石镇关于调整办事时间的通知（青政发〔2024〕11号）")
    screen.get_by_label("关系").select_option(label="修订")
    older.select_option(label=f"{OLD_RULES}（青政发〔2024〕9号）")
    screen.get_by_label("自", exact=True).fill("2026-12-01")
    screen.get_by_role("button", name="记录").click()
    assert "已记录文件关系" in screen.get_by_role("status").inner_text()

    screen.goto(base + reverse("office:consultations"))
    drafts = screen.get_by_label("征求意见稿（", exact=False)
    assert drafts.locator("option").all_inner_texts() == [
        "请选择征求意见稿",
        "青石镇集贸市场管理办法（征求意见稿）（2026年11月20日公开）",
    ]
    screen.get_by_role("searchbox", name="查找征求意见稿").fill("防汛")
    screen.get_by_role("button", name="查找").click()
    screen.wait_for_load_state()
    assert drafts.locator("option").all_inner_texts()[1:] == ["青石镇防汛预案（2025年6月1日公开）"]
    screen.checked("consultation-search")


def test_interpretation_is_offered_only_on_a_reading_and_nothing_is_chosen(
    live_server, screen, township
):
    from gongkai.catalogue import transitions as ct
    from gongkai.catalogue.models import Item
    from gongkai.policies.transitions import register_published

    clerk = User.objects.get(username="jingban")
    register_published(Item.objects.get(title=OLD_RULES), by=clerk, on=MORNING)
    reading = ct.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(agency=None, name=LAW, parent__source="article20"),
        title=f"一图读懂《{OLD_RULES}》",
        formed_on=MORNING,
    )
    base = live_server.url
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:item", args=[Item.objects.get(title="青石镇防汛预案").pk]))
    assert screen.locator('[data-step="interpret"]').count() == 0
    screen.checked("plan")

    screen.goto(base + reverse("office:item", args=[reading.pk]))
    step = screen.locator('details[data-step="interpret"]')
    step.locator("summary").click()
    chosen = step.get_by_label("本条是以下文件的解读")
    assert chosen.input_value() == ""  # nothing chosen for the clerk
    assert chosen.locator("option").first.inner_text() == "请选择所解读的文件"
    screen.checked("reading")
    step.get_by_label("解读形式").select_option(label="图解")
    step.get_by_role("button", name="关联解读").click()
    # the browser refuses the empty choice itself: nothing was linked
    assert reading.interprets.count() == 0
    chosen.select_option(label=f"{OLD_RULES}（青政发〔2024〕9号）")
    step.get_by_role("button", name="关联解读").click()
    assert "已关联解读" in screen.get_by_role("status").inner_text()
    assert reading.interprets.get().document.title == OLD_RULES
