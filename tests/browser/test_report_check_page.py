"""The county administrator checks two reports in the office, in the browser (issue 16): the
upload page, the run page refreshing itself (no script: the CSP allows none) until both are
checked, the changed cell's finding and the tables as read; every page passes axe-core."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from gongkai.core.demo import load_demo
from tests.browser.conftest import ARTIFACTS, log_in
from tests.reports import layouts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Axe()


@pytest.fixture
def desk(browser, settings, request, tmp_path):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.VAR_DIR = tmp_path
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    yield page
    context.close()


def checked(page, request, step: str) -> None:
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_snapshot()}"
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{step}.png"), full_page=True)


def test_the_county_checks_two_reports_in_the_office(live_server, desk, request, tmp_path):
    county = load_demo().parent
    tables = layouts.seeded_tables(16)
    changed = layouts.seeded_tables(16)
    changed["三"]["三（一）"][0] += 3
    (tmp_path / "consistent.html").write_bytes(layouts.rendered(tables, "html"))
    (tmp_path / "changed.docx").write_bytes(layouts.rendered(changed, "docx"))
    base = live_server.url
    log_in(desk, base, "xian")
    desk.goto(f"{base}/office/checks/?agency={county.pk}")
    checked(desk, request, "upload")
    desk.get_by_label("报告文件").set_input_files(
        [str(tmp_path / "consistent.html"), str(tmp_path / "changed.docx")]
    )
    desk.get_by_role("button", name="开始核查").click()
    # the page reloads itself every 3 seconds until the thread has checked both
    desk.get_by_text("已核对 2 / 2 份").wait_for(timeout=90_000)
    text = desk.content()
    assert "下载全部问题（CSV）" in text and "未发现问题" in text
    assert re.search(r"\[问题 I2\] [^<]*（一）予以公开", text)
    checked(desk, request, "results")
    desk.get_by_text("核查读出的表格（请对照原件）").last.click()
    assert desk.locator("details[open] table.report-table").count() >= 3
