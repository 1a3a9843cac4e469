"""The 年度报表's pages at a desk and on a 390 px phone: the county administrator starts the
report on last year in January and fills 人工填报 cells and the sign-off through the declared
step — a bad number or a mobile in 联系电话 is refused with a sentence naming its cell, and what
was typed stays — then the published report, reached from the portal's home page, reads with
its sign-off under the table and its DOCX and CSV.
Axe-clean, nothing wider than the screen, at each step."""

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
    page.checked("office-started")
    page.get_by_label("办事服务·注册用户数（单位：个）").fill("120")
    page.get_by_label("安全防护·安全检测评估次数（单位：次）").fill("十二")
    page.get_by_label("无障碍浏览").check()
    # the sign-off under the table, on the same step: a mobile number is refused
    page.get_by_label("单位负责人", exact=True).fill("王主任")
    page.get_by_label("联系电话", exact=True).fill("13912345678")
    page.get_by_role("button", name="保存人工填报的数据").click()
    # the summary above the long table names the cell and links to its field
    refusal = "“安全检测评估次数”应填写不小于0的整数"
    page.get_by_role("alert").get_by_role("link", name=refusal).click()
    assert page.url.endswith("#id_fill-security_checks")
    phone = "“联系电话”请填写单位办公室的固定电话（如 0571-12345678），不要填写个人手机号码"
    page.get_by_role("alert").get_by_role("link", name=phone).click()
    assert page.url.endswith("#id_fill-phone")
    # refused as a whole: nothing saved, everything typed still there
    assert SiteReport.objects.get().staff_values == {}
    assert SiteReport.objects.get().head == ""
    assert page.get_by_label("单位负责人", exact=True).input_value() == "王主任"
    assert page.get_by_label("办事服务·注册用户数（单位：个）").input_value() == "120"
    assert page.get_by_label("无障碍浏览").is_checked()
    page.checked("office-refused")
    page.get_by_label("安全防护·安全检测评估次数（单位：次）").fill("12")
    page.get_by_label("联系电话", exact=True).fill("0871-12345678")
    page.get_by_role("button", name="保存人工填报的数据").click()
    page.get_by_role("status").first.wait_for()
    assert SiteReport.objects.get().staff_values == {
        "registered_users": 120,
        "security_checks": 12,
        "innovation": "无障碍浏览",
    }
    assert (SiteReport.objects.get().head, SiteReport.objects.get().phone) == (
        "王主任",
        "0871-12345678",
    )
    page.checked("office")

    report = SiteReport.objects.get()
    cells = compute(county, 2026, report.staff_values)
    xian = User.objects.get(username="xian")
    t.fill_cells(
        report,
        by=xian,
        values={
            k: {"yes_no": "是", "choices": ["无障碍浏览"]}.get(c.field.kind, "1")
            for k, c in cells.items()
            if c.staff
        }
        | {"reviewer": "李审核", "filler": "张填报"},
    )
    other = User.objects.create_user("xian_shenhe", password="county-pass-2")
    Membership.objects.create(user=other, agency=county, role=Role.REVIEWER)
    t.publish(report, by=other, on=date(2027, 1, 12))
    page.goto(f"{base}/agency/{county.index_prefix}/")
    page.get_by_role("link", name="2026年度政府网站工作年度报表").click()
    page.get_by_role("heading", level=1, name="政府网站工作年度报表（2026年度）").wait_for()
    # the sign-off under the table, read on the phone as at the desk
    signed = page.locator("#sign-off")
    signed.scroll_into_view_if_needed()
    assert signed.is_visible() and "王主任" in signed.inner_text()
    assert "2027年1月12日" in signed.inner_text()  # 填报日期: the day of publication
    page.checked("portal")
    for name in ("DOCX", "CSV"):
        link = page.get_by_role("link", name=name)
        assert page.request.get(base + link.first.get_attribute("href")).status == 200
