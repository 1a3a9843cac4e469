"""Issue 25, what the citizen receives, in the browser at a desk and on a 390 px phone: an
applicant without e-mail types the query code printed on the paper 受理回执 and reads on the
status page the fee's amount, deadline and how to pay, and why the clock is paused; the
clerk's page says the same instead of "剩余 None 个工作日"; the public 办理情况 page counts an
open overdue application. Every page axe-clean, photographed under test-artifacts/."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.applications.letters import draft_letter, issue_letter
from gongkai.applications.models import LetterKind
from gongkai.catalogue.models import Category
from gongkai.core.demo import load_demo
from gongkai.core.models import User
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# an ordinary Wednesday in a year whose holiday notice is built in
MORNING = date(2026, 12, 2)


@pytest.fixture
def waiting_for_a_fee(db, travel_to):
    from gongkai.catalogue.subjects import seed_statutory_subjects

    travel_to(MORNING)
    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    township = load_demo()
    clerk = User.objects.get(username="jingban")
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=date(2026, 11, 23),
        today=date(2026, 11, 23),
        **{**APPLICANT, "email": "", "information_title": "村道修建合同"},
    )
    receipt = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=date(2026, 11, 23))
    issue_letter(receipt, by=clerk, on=date(2026, 11, 23))
    receipt.refresh_from_db()
    code = receipt.body.split("查询码：", 1)[1].split("。", 1)[0]
    at.issue_fee_notice(
        application,
        by=clerk,
        on=date(2026, 12, 1),
        method="per_page",
        pages=150,
        served_on=date(2026, 12, 1),
        served_how="当面送达",
    )
    return township, application, code


def test_the_applicant_follows_the_fee_with_the_code_on_the_paper_receipt(
    live_server, screen, waiting_for_a_fee
):
    township, application, code = waiting_for_a_fee
    base = live_server.url
    screen.goto(base + reverse("portal:lookup"))
    screen.get_by_label("申请编号").fill(application.tracking_number)
    screen.get_by_label("查询码").fill(code)
    screen.get_by_role("button", name="查询").click()
    screen.get_by_role("heading", level=1, name=f"申请 {application.tracking_number}").wait_for()
    # 109号 按量: 31–100 at 10 (700) + 101–150 at 20 (1000) = 1700 元; pay within 20
    # working days from the day after service (Tuesday 1 December 2026): 2–4 Dec (3),
    # 7–11 (8), 14–18 (13), 21–25 (18), 28–29 (20) → 29 December 2026
    assert screen.locator("#fee-amount").inner_text() == "1700元"
    assert screen.locator("#fee-deadline").inner_text() == "2026年12月29日之前（含当日）"
    assert screen.locator("#fee-method").inner_text() == township.fee_payment_method
    assert "计时暂停：等待申请人缴纳信息处理费" in screen.locator("#clock-paused").inner_text()
    screen.checked("status")

    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:application", args=[application.pk]))
    section = screen.locator("section", has=screen.locator("#deadline"))
    assert "None" not in section.inner_text()
    assert "缴费期限至2026年12月29日" in screen.locator("#clock-paused").inner_text()
    screen.checked("office-application")


def test_the_handling_page_shows_an_open_overdue_case(live_server, screen, travel_to):
    from gongkai.catalogue.subjects import seed_statutory_subjects

    travel_to(MORNING)
    seed_statutory_subjects(Category)
    township = load_demo()
    clerk = User.objects.get(username="jingban")
    # received Monday 2 November 2026: 20 working days → due Monday 30 November; still open
    at.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=date(2026, 11, 2),
        today=date(2026, 11, 2),
        **APPLICANT,
    )
    screen.goto(live_server.url + reverse("portal:handling", args=[township.index_prefix]))
    assert "已超过答复期限尚未答复" in screen.locator("#overdue-open").inner_text()
    screen.checked("handling")
