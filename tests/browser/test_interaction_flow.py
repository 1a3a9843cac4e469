"""Issue 28's 互动交流 in the browser, desktop and 390 px, axe-clean on every page: a citizen
asks the demo township, the clerk drafts the answer, the reviewer approves and publishes it,
the answer is found in the 常见问题 list and read with the number and code; and a message left
unanswered past its period stands on the 工作台 and in the self-check, more than 3 months
as 19号's veto. The days are chosen here (travel_to)."""

from datetime import date

import pytest

from gongkai.core.demo import load_demo
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CONTACT = "13987654321"


def log_out(page) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state()


def test_a_citizen_asks_a_clerk_answers_and_the_answer_is_found_in_the_faq(
    live_server, screen, travel_to
):
    travel_to("2026-06-12")  # a Friday: the question falls due on Wednesday 17 June
    township = load_demo()
    base, page = live_server.url, screen

    page.goto(f"{base}/agency/{township.index_prefix}/")
    page.get_by_role("link", name="我要留言").click()
    page.checked("ask")
    page.fill("#id_subject", "灵活就业人员养老保险怎么缴")
    page.fill("#id_body", "我是灵活就业人员，想知道养老保险在哪里缴、每年缴多少。")
    page.fill("#id_name", "赵六")
    page.fill("#id_contact", CONTACT)
    page.get_by_role("button", name="提交留言").click()
    number = page.locator("#tracking-number").inner_text()
    code = page.locator("#query-code").inner_text()
    assert "2026年6月17日前" in page.content()
    page.checked("sent")

    log_in(page, base, "jingban")
    assert f"{number}（灵活就业人员养老保险怎么缴）待分办" in page.content()
    page.get_by_role("navigation", name="栏目").get_by_role("link", name="互动交流").click()
    page.checked("inbox")
    page.get_by_role("link", name=number).click()
    assert CONTACT in page.content()  # the agency answering sees how to reach the asker
    page.locator("details[data-step=draft] summary").click()
    page.fill("#id_draft-text", "请携带身份证到镇社保所办理，缴费档次可自选。")
    page.locator("details[data-step=draft]").get_by_role("button", name="撰写答复").click()
    page.get_by_role("status").wait_for()
    page.checked("drafted")
    log_out(page)

    log_in(page, base, "shenhe")
    page.goto(f"{base}/office/messages/")
    page.get_by_role("link", name=number).click()
    approve = page.locator("details[data-step=approve]")
    approve.locator("summary").click()
    approve.get_by_role("checkbox").check()
    approve.get_by_role("button", name="审核通过并答复").click()
    page.get_by_role("status").wait_for()
    publish = page.locator("details[data-step=publish]")
    publish.locator("summary").click()
    publish.locator("textarea").fill("灵活就业人员养老保险在哪里缴？")
    publish.get_by_role("button", name="公开答复").click()
    page.get_by_role("status").wait_for()
    assert "已公开" in page.locator("#message-state").inner_text()
    page.checked("published")
    log_out(page)

    page.goto(f"{base}/agency/{township.index_prefix}/faq/")
    page.get_by_label("搜索常见问题").fill("养老保险")
    page.get_by_role("button", name="搜索").click()
    found = page.get_by_role("link", name="灵活就业人员养老保险在哪里缴？")
    assert found.count() == 1
    assert CONTACT not in page.content() and "赵六" not in page.content()
    page.checked("faq")
    found.click()
    assert "请携带身份证到镇社保所办理" in page.content()

    page.goto(f"{base}/messages/")
    page.get_by_label("留言编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert "请携带身份证到镇社保所办理" in page.locator("#answer").inner_text()
    page.checked("answer")


def test_a_message_unanswered_past_its_period_stands_on_the_workbench_and_in_the_self_check(
    live_server, screen, travel_to
):
    from gongkai.interaction import transitions as t

    township = load_demo()
    forgotten, _ = t.submit(
        township, today=date(2026, 6, 12), kind="complain", subject="路灯不亮", body="东街路灯坏了"
    )
    late, _ = t.submit(
        township, today=date(2026, 9, 1), kind="consult", subject="医保缴费时间", body="何时缴费？"
    )
    travel_to("2026-09-14")  # a Monday: 3 months and 2 days after 12 June; 1 September's due
    base, page = live_server.url, screen

    log_in(page, base, "jingban")
    veto = page.get_by_role("link", name=f"投诉 {forgotten.tracking_number}（路灯不亮）")
    assert "超过3个月未答复（互动回应差，单项否决）" in veto.inner_text()
    overdue = page.get_by_role("link", name=f"咨询 {late.tracking_number}（医保缴费时间）")
    assert "答复期限2026年9月4日已过" in overdue.inner_text()
    page.checked("workbench")

    page.goto(f"{base}/office/selfcheck/")
    content = page.content()
    assert "互动回应差" in content and f"留言 {forgotten.tracking_number}" in content
    assert "留言办理不及时" in content and f"留言 {late.tracking_number}" in content
    assert "不合格（触发单项否决）" in content
    page.checked("selfcheck")


def test_typing_the_title_on_the_application_form_suggests_published_items(
    live_server, screen, travel_to
):
    from gongkai.catalogue import transitions as ct
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.core.models import User

    travel_to("2026-06-15")
    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    township = load_demo()
    clerk, reviewer = User.objects.get(username="jingban"), User.objects.get(username="shenhe")
    item = ct.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="青石镇2026年城乡低保标准",
        formed_on=date(2026, 6, 1),
        body="<p>每人每月800元。</p>",
    )
    ct.approve_and_publish(ct.submit(item, by=clerk), by=reviewer, on=date(2026, 6, 1))
    page = screen
    page.goto(f"{live_server.url}/agency/{township.index_prefix}/apply/")
    page.fill("#id_information_title", "低保标准")
    suggestion = page.locator("#check-first-found").get_by_role(
        "link", name="青石镇2026年城乡低保标准"
    )
    suggestion.wait_for()
    assert "q=%E4%BD%8E%E4%BF%9D" in page.locator("#check-first-link").get_attribute("href")
    page.checked("apply-check-first")
    suggestion.click()
    page.get_by_role("heading", name="青石镇2026年城乡低保标准").wait_for()


def test_the_administrator_pages_the_inbox_sets_the_periods_and_writes_a_faq(
    live_server, screen, travel_to
):
    from gongkai.interaction import transitions as t

    travel_to("2026-06-18")  # a Thursday; 3 months on is Friday 18 September, 65 working days
    township = load_demo()
    for n in range(51):
        t.submit(
            township, today=date(2026, 6, 12), kind="consult", subject=f"咨询{n}", body="何时办？"
        )
    base, page = live_server.url, screen

    log_in(page, base, "guanli")  # the township's 管理员
    page.goto(f"{base}/office/messages/?kind=consult")
    assert "第 1/2 页" in page.content()
    page.checked("inbox-pages")
    page.get_by_role("navigation", name="分页").get_by_role("link", name="下一页").click()
    assert "第 2/2 页" in page.content() and "kind=consult" in page.url
    page.checked("inbox-page-2")

    page.get_by_role("link", name="设置答复期限").click()
    page.checked("periods")
    page.fill("#id_save-complain", "66")
    page.get_by_role("button", name="保存答复期限").click()
    assert "投诉的答复期限66个工作日超过国办秘函〔2019〕19号的3个月期限" in page.content()
    page.checked("periods-refused")
    page.fill("#id_save-complain", "15")
    page.get_by_role("button", name="保存答复期限").click()
    page.get_by_role("status").wait_for()
    assert "已保存答复期限" in page.content()

    page.goto(f"{base}/office/messages/")
    write = page.locator("details[data-step=write]")
    write.locator("summary").click()
    page.fill("#id_write-question", "便民服务中心几点开门？")
    page.fill("#id_write-answer", "工作日上午8:30至下午5:30。")
    page.checked("faq-form")
    write.get_by_role("button", name="编写常见问题").click()
    page.get_by_role("status").wait_for()
    assert "便民服务中心几点开门？" in page.content() and "待审核" in page.content()
    page.checked("faq-written")
    log_out(page)

    log_in(page, base, "xian")  # the county's administrator reads the township's, read only
    page.goto(f"{base}/office/messages/periods/?agency={township.pk}")
    assert page.get_by_role("button", name="保存答复期限").count() == 0
    assert "15" in page.locator("table").inner_text()
    page.checked("periods-read-only")
