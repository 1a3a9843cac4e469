"""Issue 25's remaining points held in the browser, at a desk (1280 px) and on a 390 px phone,
every page axe-clean and no wider than the screen: the fee mail says amount, deadline and how
to pay and its link opens the status page that says the same; the reply mail gives the
outcome in one sentence and the link, and the reply letter says the decision once; the
application page offers only the steps the state and the law allow; the primary buttons
(提交审查, 脱敏处理, 生成草稿, 搜索, 筛选) look enabled; the administrator saves the 复议机关,
文号前缀, site identity and a 告知书模板, and the county's administrator reads them only.

The day is chosen: an ordinary Wednesday in a year whose holiday notice is built in."""

import re
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category
from gongkai.core.demo import load_demo
from gongkai.core.models import User
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MORNING = date(2026, 12, 2)
BROWSER_GREY = "rgb(239, 239, 239)"  # chromium's default button face: reads as disabled
PAYMENT = "到青石镇便民服务中心窗口缴纳，或使用“青石镇政务服务”缴款码"


@pytest.fixture
def township(db, travel_to):
    from gongkai.catalogue.subjects import seed_statutory_subjects

    travel_to(MORNING)
    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    township = load_demo()
    township.fee_payment_method = PAYMENT
    township.save(update_fields=["fee_payment_method"])
    return township


def received(township, on: date, **changes):
    application, code = at.register_application(
        township,
        by=User.objects.get(username="jingban"),
        channel=Channel.IN_PERSON,
        submitted_on=on,
        today=on,
        **{**APPLICANT, **changes},
    )
    return application, code


def status_path(body: str, application) -> str:
    path = reverse("portal:status", args=[application.tracking_number])
    assert path in body, body
    return path


def open_with_code(screen, base: str, path: str, code: str) -> None:
    """The applicant follows the link in the mail: the status page asks for the query code."""
    screen.goto(base + path)
    screen.get_by_label("查询码").fill(code)
    screen.get_by_role("button", name="查询").click()
    screen.get_by_role("heading", level=1).wait_for()


def test_the_fee_mail_says_amount_deadline_and_how_to_pay_and_links_the_page(
    live_server, screen, township
):
    application, code = received(township, date(2026, 11, 23))
    mail.outbox.clear()
    at.issue_fee_notice(
        application,
        by=User.objects.get(username="jingban"),
        on=date(2026, 12, 1),
        method="per_page",
        pages=150,
        served_on=date(2026, 12, 1),
        served_how="当面送达",
    )
    body = mail.outbox[-1].body
    # 国办函〔2020〕109号 按量: 31–100 at 10 (700) + 101–150 at 20 (1000) = 1700 元; within 20
    # working days from the day after service (1 December 2026): 2–4 Dec (3), 7–11 (8),
    # 14–18 (13), 21–25 (18), 28–29 (20) → 29 December 2026
    assert "1700元" in body and "2026年12月29日" in body and PAYMENT in body
    open_with_code(screen, live_server.url, status_path(body, application), code)
    assert screen.locator("#fee-amount").inner_text() == "1700元"
    assert screen.locator("#fee-deadline").inner_text().startswith("2026年12月29日")
    assert screen.locator("#fee-method").inner_text() == PAYMENT
    screen.checked("status")


def test_the_reply_mail_gives_the_outcome_and_the_letter_says_it_once(
    live_server, screen, township
):
    application, code = received(
        township, date(2026, 11, 30), **{"information_title": "村道修建合同"}
    )
    base = live_server.url
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:application", args=[application.pk]))
    step = screen.locator('details[data-step="reply"]')
    step.locator("summary").click()
    assert "请勿重复" in step.inner_text()  # the form says what the letter already says
    step.get_by_label("答复结果").select_option(label="（一）予以公开")
    # the clerk types the standard sentence the letter already carries
    step.get_by_label("答复内容").fill(
        "您申请公开的政府信息属于公开范围，现予以公开。村道修建合同随本告知书提供。"
    )
    step.get_by_role("checkbox").check()
    screen.checked("reply-form")
    mail.outbox.clear()
    step.get_by_role("button", name="答复", exact=True).click()
    assert "已答复" in screen.get_by_role("status").inner_text()

    body = mail.outbox[-1].body
    first = body.splitlines()[0]
    assert (
        first
        == f"您的政府信息公开申请（申请编号：{application.tracking_number}）已答复：予以公开。"
    )
    assert "三（" not in body  # never the annual report's counting label

    screen.get_by_label("生成文书").select_option(label="政府信息公开申请答复告知书")
    screen.get_by_role("button", name="生成草稿").click()
    draft = screen.locator("textarea[id^=letter-]").last.input_value()
    assert draft.count("属于公开范围") == 1, draft
    assert "村道修建合同随本告知书提供" in draft
    screen.checked("reply-letter")

    open_with_code(screen, base, status_path(body, application), code)
    assert "予以公开" in screen.locator("#status").inner_text()
    screen.checked("status")


def step_names(screen) -> set[str]:
    return set(screen.locator("[data-step]").evaluate_all("els => els.map(e => e.dataset.step)"))


def test_the_application_page_offers_only_what_the_state_and_the_law_allow(
    live_server, screen, township
):
    fresh, _ = received(township, date(2026, 11, 30))
    # received Monday 2 November: 20 working days end on Monday 30 November
    overdue, _ = received(township, date(2026, 11, 2), **{"information_title": "村务公开记录"})
    base = live_server.url
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:application", args=[fresh.pk]))
    offered = step_names(screen)
    assert {"reply", "correction", "extension", "consultation", "fee_notice"} <= offered
    # no 收到意见 without a consultation, no 说明理由 to record nobody was asked for
    assert not offered & {"consultation_end", "reasons_answer", "payment", "approve_extension"}
    screen.checked("fresh")

    screen.goto(base + reverse("office:application", args=[overdue.pk]))
    offered = step_names(screen)
    assert "reply" in offered and "extension" not in offered  # 第三十三条: no extension late
    screen.checked("overdue")


def colour_of(button) -> tuple[str, bool, str]:
    return button.evaluate(
        "e => [getComputedStyle(e).backgroundColor, e.disabled, getComputedStyle(e).cursor]"
    )


def looks_enabled(button) -> None:
    background, disabled, cursor = colour_of(button)
    assert background != BROWSER_GREY and not disabled and cursor != "not-allowed"


def test_the_primary_buttons_look_enabled(live_server, screen, township):
    from gongkai.catalogue.demo import DEMO_ID

    clerk = User.objects.get(username="jingban")
    category = Category.objects.get(name="社会救助", source="article21")
    draft = ct.create_draft(
        township, by=clerk, category=category, title="青石镇低保名单", formed_on=MORNING
    )
    held = ct.create_draft(
        township,
        by=clerk,
        category=category,
        title="青石镇临时救助名单",
        body=f"<p>张三，身份证号码{DEMO_ID}。</p>",
        formed_on=MORNING,
    )
    ct.submit(held, by=clerk)  # the reviewer finds the ID number in it
    application, _ = received(township, date(2026, 11, 30))
    base = live_server.url

    screen.goto(base + reverse("portal:agency", args=[township.index_prefix]))
    looks_enabled(screen.get_by_role("button", name="搜索"))
    log_in(screen, base, "shenhe")
    screen.goto(base + reverse("office:item", args=[held.pk]))
    looks_enabled(screen.get_by_role("button", name="脱敏处理"))
    screen.checked("review")
    screen.get_by_role("button", name=re.compile("^退出")).click()
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:item", args=[draft.pk]))
    looks_enabled(screen.get_by_role("button", name="提交审查"))
    screen.goto(base + reverse("office:application", args=[application.pk]))
    looks_enabled(screen.get_by_role("button", name="生成草稿"))
    screen.goto(base + reverse("office:inbox"))
    looks_enabled(screen.get_by_role("button", name="筛选"))
    screen.checked("inbox")


def test_the_administrator_saves_the_agencys_letters_settings_and_identity(
    live_server, screen, township
):
    from gongkai.applications.letters import draft_letter
    from gongkai.applications.models import LetterKind

    base = live_server.url
    log_in(screen, base, "guanli")
    screen.get_by_role("link", name="本机关管理").click()
    screen.get_by_role("link", name="机关信息和网站标识").click()
    screen.get_by_label("行政复议机关").fill("云岭县人民政府")
    screen.get_by_label("依申请公开文书文号前缀").fill("青政依申")
    screen.get_by_role("button", name="保存机关信息").click()
    assert "已保存" in screen.get_by_role("status").inner_text()
    screen.get_by_label("ICP备案编号").fill("滇ICP备00000001号")
    screen.get_by_label("政府网站标识码").fill("5329000001")
    screen.get_by_role("button", name="保存网站标识").click()
    assert "已保存" in screen.get_by_role("status").inner_text()
    township.refresh_from_db()
    assert (township.reconsideration_body, township.letter_prefix) == ("云岭县人民政府", "青政依申")
    screen.checked("settings")
    screen.goto(base + reverse("portal:agency", args=[township.index_prefix]))
    footer = screen.locator("footer").inner_text()
    assert "滇ICP备00000001号" in footer and "5329000001" in footer

    screen.goto(base + reverse("office:admin_letters"))
    receipt = screen.locator(
        "section", has=screen.get_by_role("heading", name=re.compile("受理回执"))
    )
    default = receipt.locator("pre.letter").text_content()
    receipt.get_by_label("正文模板").fill(default + "\n本机关办公时间内可电话咨询办理进度。")
    receipt.get_by_role("button", name="保存模板").click()
    assert "已保存“政府信息公开申请受理回执”模板" in screen.get_by_role("status").inner_text()
    screen.checked("letters")
    application, _ = received(township, date(2026, 11, 30))
    letter = draft_letter(
        application,
        kind=LetterKind.RECEIPT,
        by=User.objects.get(username="jingban"),
        on=date(2026, 11, 30),
    )
    assert "本机关办公时间内可电话咨询办理进度。" in letter.body
    screen.get_by_role("button", name=re.compile("^退出")).click()

    # the county's administrator reads the township's settings and templates, and saves none
    log_in(screen, base, "xian")
    for name in ("office:admin_settings", "office:admin_letters"):
        screen.goto(base + reverse(name) + f"?agency={township.pk}")
        assert "只读" in screen.locator("main").inner_text()
        assert screen.locator("main form[method=post] button").count() == 0
        screen.checked("county-" + name.rsplit("_", 1)[1])


def test_the_office_item_list_filters_by_category_status_year_and_matter(
    live_server, screen, township
):
    from gongkai.standards.demo import load_demo_standards
    from gongkai.standards.transitions import adopted_matters

    load_demo_standards(township, today=MORNING)
    matter = adopted_matters(township).first()
    clerk = User.objects.get(username="jingban")
    aid = Category.objects.get(name="社会救助", source="article21")
    plans = Category.objects.get(
        name="突发公共事件的应急预案、预警信息及应对情况", parent__source="article20"
    )

    def drafted(title, category, formed_on, **fields):
        return ct.create_draft(
            township, by=clerk, category=category, title=title, formed_on=formed_on, **fields
        )

    drafted("甲：本月低保名单", aid, date(2026, 11, 20), matter=matter)
    ct.submit(drafted("乙：临时救助名单", aid, date(2026, 11, 21)), by=clerk)
    drafted("丙：去年的防汛预案", plans, date(2025, 6, 1))
    base = live_server.url
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:items"))

    def listed() -> set[str]:
        titles = screen.locator("table.grid tbody").inner_text()
        return {name for name in ("甲", "乙", "丙") if f"{name}：" in titles}

    assert listed() == {"甲", "乙", "丙"}
    screen.get_by_label("分类").select_option(label=f"{aid.parent.name}／{aid.name}")
    screen.get_by_role("button", name="查找").click()
    assert listed() == {"甲", "乙"}
    screen.get_by_label("状态").select_option(label="待保密审查")
    screen.get_by_role("button", name="查找").click()
    assert listed() == {"乙"}
    screen.get_by_role("link", name="清除条件").click()
    screen.get_by_label("年份").select_option(label="2025年")  # a draft by its 形成日期
    screen.get_by_role("button", name="查找").click()
    assert listed() == {"丙"}
    screen.get_by_role("link", name="清除条件").click()
    screen.get_by_label("公开事项").select_option(value=str(matter.pk))
    screen.get_by_role("button", name="查找").click()
    assert listed() == {"甲"}
    screen.checked("filtered")
