"""Issue 25 in the browser, desktop and 390 px: the 工作台 names the notice a correction still
owes until it is issued, and shows the demo township's standing 扣分 linked to where each is
fixed. axe-clean; photographs under test-artifacts/. The state is set up through the real
transitions on today's date (a live server runs on the real clock)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from gongkai.applications import transitions as at
from gongkai.applications.letters import draft_letter, issue_letter
from gongkai.applications.models import LetterKind
from gongkai.catalogue.models import Category
from gongkai.catalogue.subjects import seed_statutory_subjects
from gongkai.core.demo import load_demo
from gongkai.core.models import User
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT
from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Axe()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_workbench_names_the_owed_notice_and_the_self_checks_deductions(
    browser, settings, live_server, request, width, travel_to
):
    travel_to("2026-12-02")  # an ordinary Wednesday: the walk chooses its day
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # seeded by a migration, but the flush after a transactional test removes them
    seed_statutory_subjects(Category)
    township = load_demo()
    clerk = User.objects.get(username="jingban")
    today = timezone.localdate()
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=today,
        today=today,
        **{**APPLICANT, "information_title": "待出具告知书的申请"},
    )
    at.request_correction(application, by=clerk, on=today, period_workdays=10, what="请写明年份")
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        log_in(page, live_server.url, "jingban")
        owed = page.get_by_role(
            "link", name="待出具告知书的申请）：请出具政府信息公开申请补正告知书"
        )
        owed.wait_for()
        deduction = page.get_by_role(
            "link", name="扣分：栏目“政府信息公开指南”没有任何已公开的信息"
        )
        assert deduction.count() == 1
        results = AXE.run(page)
        assert results.violations_count == 0, results.generate_snapshot()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        owed.click()
        page.get_by_role("heading", name="告知书").wait_for()
        assert page.url.endswith(f"/applications/{application.pk}/#letters")
        letter = draft_letter(application, kind=LetterKind.CORRECTION, by=clerk, on=today)
        issue_letter(letter, by=clerk, on=today)
        page.goto(live_server.url + "/office/")
        page.get_by_role("heading", level=1, name="工作台").wait_for()
        assert page.get_by_text("请出具政府信息公开申请补正告知书").count() == 0
        deduction.click()
        page.get_by_role("heading", level=1).wait_for()
        assert f"agency={township.pk}&category=" in page.url
    finally:
        context.close()
