"""Issue 25, phones (390 px): every office page each demo account can open, on a phone (and
at a desk with WALK_DESK=1) — nothing wider than the screen (the page never scrolls
sideways), no axe-core violation, and a screenshot in test-artifacts/. The public pages have
their own walk (test_public_pages.py); the office had none when the annual report's 表四 was
found widening the page by hand.

One demo, one browser context per account and width: the demo takes long to load, and a login
per page would too."""

import io
import os
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from tests.browser.conftest import ARTIFACTS, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Axe()
DESK = 1280

# every demo account (core/demo.py and policies/demo.py's 县政府办 staff); the system
# administrator's office is the county administrator's
ACCOUNTS = ("jingban", "shenhe", "guanli", "xian", "xianjingban", "xianshenhe")

# office URLs that are not pages to lay out: posts (steps), files, the log-out; the
# applicant's letter pages are posts too
NOT_PAGES = {
    "office:logout",
    "office:admin_staff_action",
    "office:admin_account_action",
    "office:admin_settings_action",
    "office:admin_identity_action",
    "office:admin_letter_template_action",
    "office:import_action",
    "office:import_template",
    "office:item_attachment_add",
    "office:item_attachment",
    "office:item_attachment_remove",
    "office:item_action",
    "office:standards_entry_action",
    "office:standards_adoption_action",
    "office:standards_catalogue_action",
    "office:standards_register_action",
    "office:standards_item_action",
    "office:standards_guide_action",
    "office:standards_workpoints_action",
    "office:standards_plan_action",
    "office:standards_task_action",
    "office:standards_application_action",
    "office:channels_action",
    "office:report_start",
    "office:report_publish",
    "office:report_step",
    "office:report_download",
    "office:submission_counts_csv",
    "office:submission_reporting_action",
    "office:submission_action",
    "office:site_report_start",
    "office:site_report_action",
    "office:site_report_download",
    "office:letter_new",
    "office:letter_update",
    "office:letter_download",
    "office:attachment_download",
    "office:application_action",
    "office:cleanup_action",
    "office:consultation_action",
    "office:comment_action",
    "office:policy_item",
    "office:policy_action",
    "office:message_action",
    "office:check_run_csv",
    "office:check_original",
    "office:check_published",
    "office:faq_action",
    "office:answer_periods_action",
    # the login page is laid out before anyone signs in, below
    "office:login",
}


PLAIN = [
    "home", "password_change", "admin_staff", "admin_settings", "admin_letters",
    "items", "item_new", "import", "standards", "standards_register", "standards_import",
    "standards_guide", "standards_workpoints", "channels", "channel_import", "monthly",
    "holidays", "reports", "rollup", "submissions", "submission_new", "site_report",
    "selfcheck", "selfcheck_county", "inbox", "application_new", "policy_register",
    "consultations", "messages", "checks", "answer_periods",
]  # fmt: skip
# pages of one object each, walked with the demo's own
OBJECT_PAGES = [
    "application", "standards_application", "item", "standards_item", "report", "submission",
    "message", "consultation", "policy_cleanup", "check_run",
]  # fmt: skip


def demo():
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    call_command("demo", no_serve=True, stdout=io.StringIO())
    checked_run()


def checked_run() -> None:
    """The demo has no 核查: the county checks the township's published report, as its
    administrator's 核查已发布的年度报告 does (reports/check_runs.py), to the end."""
    from gongkai.applications.demo import DEMO_YEAR
    from gongkai.core.models import Agency, AgencyLevel, User
    from gongkai.reports.check_runs import process_run, published_under, start_run
    from gongkai.reports.models import CheckRunStatus

    county = Agency.objects.get(level=AgencyLevel.COUNTY_GOVERNMENT)
    accepted = published_under(county, DEMO_YEAR)
    run = start_run(county, User.objects.get(username="xian"), accepted, 0, step="published")
    process_run(run.pk)  # its thread may hold a file: wait for that one
    for _ in range(100):
        run.refresh_from_db()
        if run.status == CheckRunStatus.DONE:
            return
        time.sleep(0.3)
    raise AssertionError("核查没有完成")


def office_pages() -> dict[str, tuple[str, str]]:
    """Step name → (URL name, path) for every office page, with the demo's own objects."""
    from gongkai.applications.models import Application
    from gongkai.catalogue.models import Item
    from gongkai.interaction.models import Message
    from gongkai.policies.models import CleanupBatch, Consultation
    from gongkai.reports.models import AnnualReport, CheckRun
    from gongkai.submissions.models import Submission

    pages = {name: (f"office:{name}", reverse(f"office:{name}")) for name in PLAIN}

    def each(name: str, objects, *, per: str | None = None) -> None:
        """The first object's page, or one per distinct value of `per` (a status: each
        status's page shows other steps)."""
        seen = set()
        for obj in objects.order_by("pk"):
            key = getattr(obj, per) if per else None
            if key in seen:
                continue
            seen.add(key)
            step = f"{name}-{key}" if per else name
            pages[step] = (f"office:{name}", reverse(f"office:{name}", args=[obj.pk]))

    each("application", Application.objects.all(), per="status")
    each("standards_application", Application.objects.all())
    each("item", Item.objects.all(), per="status")
    each("standards_item", Item.objects.all())
    each("report", AnnualReport.objects.all(), per="status")
    each("submission", Submission.objects.all(), per="status")
    each("message", Message.objects.all(), per="status")
    each("consultation", Consultation.objects.all())
    each("policy_cleanup", CleanupBatch.objects.all())
    each("check_run", CheckRun.objects.all())
    return pages


def test_the_list_of_office_pages_misses_none_of_the_office():
    """A page added to the office without being walked here fails this test."""
    from gongkai.office import urls

    names = {f"office:{p.name}" for p in urls.urlpatterns if p.name}
    walked = {f"office:{name}" for name in PLAIN + OBJECT_PAGES}
    assert names - NOT_PAGES == walked


def faults(page, width: int, step: str) -> list[str]:
    """What is wrong with the page on this screen: wider than it, or an axe violation."""
    page.screenshot(path=str(ARTIFACTS / f"office-{step}-{width}.png"), full_page=True)
    found = []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        # the elements sticking out past the screen, or whose content spills out of them, that
        # no scrolling box holds: the culprits
        wide = page.evaluate(
            """(width) => [...document.querySelectorAll('body *')].filter(e => {
                const spills = e.scrollWidth > e.clientWidth + 1
                    && getComputedStyle(e).overflowX === 'visible';
                if (e.getBoundingClientRect().right <= width + 1 && !spills) return false;
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                    if (getComputedStyle(a).overflowX !== 'visible') return false;
                return true;
            }).slice(-3).map(e => e.outerHTML.slice(0, 160))""",
            width,
        )
        found.append(f"{page.url} 宽 {scroll}px，超出屏幕 {width}px：{wide}")
    results = AXE.run(page)
    for violation in results.response["violations"]:
        targets = [node["target"] for node in violation["nodes"]]
        found.append(f"{page.url} {violation['id']}：{targets}")
    return found


# the phone only in the suite: every fault the walk found was at 390 px, the desk layouts are
# the other browser tests' (each at both widths), and CI has 45 minutes; WALK_DESK=1 adds it
WIDTHS = [PHONE, DESK] if os.environ.get("WALK_DESK") else [PHONE]


@pytest.mark.parametrize("width", WIDTHS, ids=[str(w) for w in WIDTHS])
def test_every_office_page_fits_the_screen_and_passes_axe(live_server, browser, settings, width):
    from django.db import connection

    from gongkai.core.demo import DEMO_PASSWORD

    if connection.vendor == "postgresql":  # layout reads no database feature; CI's 45 minutes
        pytest.skip("办公页面巡查与数据库无关，只在 SQLite 上运行")
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    demo()
    pages = office_pages()
    ARTIFACTS.mkdir(exist_ok=True)
    base = live_server.url
    failures, laid_out = [], set()
    for username in ACCOUNTS:
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            page.goto(base + reverse("office:login"))
            if username == ACCOUNTS[0]:
                failures += faults(page, width, "login")
            page.get_by_label("用户名").fill(username)
            page.get_by_label("密码").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="登录").click()
            page.get_by_role("heading", level=1, name="工作台").wait_for()
            for step, (url_name, path) in pages.items():
                response = page.goto(base + path)
                if response.status in (403, 404):  # not this account's page (or agency's)
                    continue
                assert response.status == 200, f"{username} {path}: {response.status}"
                laid_out.add(url_name)
                failures += faults(page, width, f"{username}-{step}")
        finally:
            context.close()
    assert not failures, "\n\n".join(failures)
    missing = {f"office:{name}" for name in OBJECT_PAGES} - {u for u, _ in pages.values()}
    assert not missing, f"演示数据中没有这些页面的对象：{missing}"
    # every page was laid out for someone: an account that can reach none of a page would
    # leave it unchecked
    assert {url_name for url_name, _ in pages.values()} == laid_out
