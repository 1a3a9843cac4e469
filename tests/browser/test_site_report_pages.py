"""The 年度报表's pages at a desk and on a 390 px phone: the county administrator starts the
report on last year in January and fills a 人工填报 cell; the published report on the
portal's home page link reads on a phone. Axe-clean, nothing wider than the screen."""

from datetime import date

import pytest

from gongkai.core.demo import load_demo
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_site_report_is_filled_in_the_office_and_read_on_the_portal(
    live_server, screen, travel_to
):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.core.models import Membership, Role, User
    from gongkai.inspection.models import SiteIdentity
    from gongkai.sitereport import transitions as t
    from gongkai.sitereport.compute import compute
    from gongkai.sitereport.models import SiteReport

    travel_to("2027-01-12")
    seed_statutory_subjects(Category)
    county = load_demo().parent
    SiteIdentity.objects.create(
        site_code="5300000001", icp_number="滇ICP备1号", police_record="公安"
    )
    page, base = screen, live_server.url

    log_in(page, base, "xian")
    page.get_by_role("link", name="2026年度政府网站工作年度报表尚未编制").click()
    page.get_by_role("button", name="编制2026年度报表").click()
    page.get_by_label("办事服务·注册用户数（单位：个）").fill("120")
    page.get_by_role("button", name="保存人工填报的数据").click()
    page.get_by_role("status").first.wait_for()
    assert SiteReport.objects.get().staff_values["registered_users"] == 120
    page.checked("office")

    report = SiteReport.objects.get()
    cells = compute(county, 2026, report.staff_values)
    xian = User.objects.get(username="xian")
    t.fill_cells(
        report,
        by=xian,
        values={k: "是" if c.field.kind == "yes_no" else "1" for k, c in cells.items() if c.staff},
    )
    other = User.objects.create_user("xian_shenhe", password="county-pass-2")
    Membership.objects.create(user=other, agency=county, role=Role.REVIEWER)
    t.publish(report, by=other, on=date(2027, 1, 12))
    page.goto(f"{base}/agency/{county.index_prefix}/")
    page.get_by_role("link", name="2026年度政府网站工作年度报表").click()
    page.get_by_role("heading", level=1, name="政府网站工作年度报表（2026年度）").wait_for()
    page.checked("portal")
