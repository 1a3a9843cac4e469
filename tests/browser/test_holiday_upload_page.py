"""The holiday-arrangement upload as an administrator uses it (spec/workdays.md): a file with
a wrong line is refused whole with the line named in Chinese, the corrected file is imported;
axe-clean at desktop width and at 390 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from gongkai.core.demo import load_demo
from gongkai.core.models import CalendarDay
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Axe()
GOOD = "日期,类型,依据\n2027-01-01,放假,测试通知\n2027-02-20,上班,测试通知\n"
BAD = GOOD + "2027-01-05,上班,测试通知\n"  # a Tuesday is a working day already


@pytest.mark.parametrize("width", [1280, 390])
def test_an_administrator_uploads_next_years_notice(
    browser, settings, live_server, tmp_path, width
):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    load_demo()
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        log_in(page, live_server.url, "guanli")
        page.goto(live_server.url + "/office/holidays/")
        page.get_by_role("heading", level=1, name="节假日安排").wait_for()
        bad = tmp_path / "bad.csv"
        bad.write_text(BAD, encoding="utf-8")
        page.get_by_label("CSV 文件").set_input_files(str(bad))
        page.get_by_role("button", name="导入").click()
        alert = page.get_by_role("alert")
        alert.wait_for()
        assert "第 4 行：2027-01-05 是星期二，本来就上班" in alert.inner_text()
        assert not CalendarDay.objects.exists()
        results = AXE.run(page)
        assert results.violations_count == 0, results.generate_snapshot()
        good = tmp_path / "good.csv"
        good.write_text(GOOD, encoding="utf-8")
        page.get_by_label("CSV 文件").set_input_files(str(good))
        page.get_by_role("button", name="导入").click()
        page.get_by_text("已导入2027年节假日安排：新增 2 天").wait_for()
        assert CalendarDay.objects.count() == 2
        results = AXE.run(page)
        assert results.violations_count == 0, results.generate_snapshot()
    finally:
        context.close()
