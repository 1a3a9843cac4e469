"""Issue 4's story in the browser: a citizen applies online and gets a tracking number; the
clerk confirms and asks for a correction; the citizen corrects; the clerk asks for an
extension, the reviewer approves it; the clerk replies 部分公开 with a generated letter;
the citizen sees the reply and the letter on the status page."""

import pytest

from gongkai.core.demo import load_demo
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_out(page):
    page.get_by_role("button", name="退出").click()
    page.get_by_role("link", name="工作人员登录").wait_for()


def open_application(page, base, tracking_number):
    page.goto(base + "/office/applications/")
    page.get_by_role("link", name=tracking_number).click()
    page.get_by_role("heading", level=1, name=f"申请 {tracking_number}").wait_for()


def take_step(page, step, fields=None):
    section = page.locator("details.action", has=page.locator("summary", has_text=step)).first
    section.locator("summary").click()
    for label, value in (fields or {}).items():
        field = section.get_by_label(label)
        if value is True:  # the tick an irreversible step asks for
            field.check()
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    section.get_by_role("button", name=step).click()
    page.wait_for_load_state()
    page.get_by_role("status").wait_for()
    assert f"已{step}" in page.get_by_role("status").inner_text()


def test_a_citizen_applies_and_follows_the_application_to_its_reply(live_server, page, screenshot):
    township = load_demo()
    base = live_server.url
    # the citizen, on a phone
    page.goto(f"{base}/agency/{township.index_prefix}/")
    page.get_by_role("link", name="申请政府信息公开").click()
    page.get_by_label("申请人姓名或名称").fill("陈一鸣（测试）")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("电子邮箱").fill("chen@example.cn")  # the reply comes by e-mail
    page.get_by_label("所需信息名称").fill("青石镇低保资金发放明细")
    page.get_by_role("button", name="提交申请").click()
    screenshot("apply-submitted")
    tracking = page.locator("#tracking-number").inner_text(timeout=5000)
    code = page.locator("#query-code").inner_text()
    screenshot("applied")

    # the clerk confirms receipt and asks for a correction
    log_in(page, base, "jingban")
    open_application(page, base, tracking)
    take_step(page, "确认收到")
    take_step(page, "告知补正", {"需要补正的事项": "请写明所需信息的年份"})
    log_out(page)

    # the citizen corrects on the status page
    page.goto(base + "/status/")
    page.get_by_label("申请编号").fill(tracking)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert "请写明所需信息的年份" in page.content()
    page.get_by_label("补正内容").fill("2024年度")
    page.get_by_role("button", name="提交补正").click()
    page.get_by_text("本机关收到您的补正").wait_for()  # the status page speaks to the applicant

    # extension: asked by the clerk, approved by the reviewer
    log_in(page, base, "jingban")
    open_application(page, base, tracking)
    take_step(page, "申请延期", {"延期理由": "需调取档案"})
    log_out(page)
    log_in(page, base, "shenhe")
    open_application(page, base, tracking)
    take_step(page, "批准延期")
    log_out(page)

    # the clerk replies 部分公开 and issues the reply letter
    log_in(page, base, "jingban")
    open_application(page, base, tracking)
    take_step(
        page,
        "答复",
        {
            "答复结果": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "答复内容": "涉及个人隐私的部分不予公开，其余予以公开。",
            # 条例第三十七条: each withheld part with its ground
            "不予公开的部分及理由": "身份证号码｜三（三）4",
            "答复后本申请即告办结": True,
        },
    )
    page.get_by_label("生成文书").select_option(label="政府信息公开申请答复告知书")
    page.get_by_role("button", name="生成草稿").click()
    page.get_by_label("出具后文书不能再修改").check()
    page.get_by_role("button", name="出具").click()
    page.get_by_role("link", name="下载 DOCX").wait_for()
    screenshot("office-reply")
    log_out(page)

    # the citizen sees the reply and the letter
    page.goto(base + "/status/")
    page.get_by_label("申请编号").fill(tracking)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert "部分公开" in page.locator("#status").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="政府信息公开申请答复告知书").click()
    assert download.value.suggested_filename.endswith(".docx")
    screenshot("status")
