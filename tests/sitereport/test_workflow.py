"""The 年度报表's life through the real steps: started in January for last year, the staff
cells filled (checked, audited, marked 人工填报), published by someone who filled none of them
once every cell is filled and the table signed, frozen as published, on the portal's home
page as HTML, DOCX and CSV, and due on the 工作台 from January."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from gongkai.core.transitions import TransitionError
from gongkai.sitereport import transitions as t
from gongkai.sitereport.format import FIELDS, MAY_BE_EMPTY
from gongkai.sitereport.models import ReportStatus
from tests.sitereport.test_format import FORM

pytestmark = pytest.mark.django_db
JANUARY = date(2027, 1, 12)


@pytest.fixture
def county_editor(township):
    from gongkai.core.models import User

    return User.objects.get(username="xian")


@pytest.fixture(autouse=True)
def identity(db):
    """The platform's site identity, as the administrator enters it (系统管理)."""
    from gongkai.inspection.models import SiteIdentity

    return SiteIdentity.objects.create(
        sponsor="云岭县人民政府办公室",
        site_code="5300000001",
        icp_number="滇ICP备00000001号-1",
        police_record="滇公网安备53000002000001号",
    )


@pytest.fixture
def publisher(county):
    from gongkai.core.models import Membership, Role, User

    user = User.objects.create_user("xian_shenhe", password="county-pass-2", full_name="县审核人")
    Membership.objects.create(user=user, agency=county, role=Role.REVIEWER)
    return user


def every_staff_cell(report):
    from gongkai.sitereport.compute import compute

    cells = compute(report.agency, report.year, report.staff_values)
    values = {}
    for f in FIELDS:
        if not cells[f.key].staff or f.key in MAY_BE_EMPTY:
            continue
        values[f.key] = {"yes_no": "是", "text": "云岭县人民政府门户网站"}.get(f.kind, "1")
    values["home_url"] = "https://www.yunling.example.gov.cn/"
    return values | SIGN_OFF


# the sign-off under the table: fictitious officers and an office's fixed line
SIGN_OFF = {"head": "王主任", "reviewer": "李审核", "filler": "张填报", "phone": "0871-12345678"}


def test_a_computed_cell_is_never_typed_and_bad_values_are_refused(
    county, county_editor, travel_to
):
    travel_to(JANUARY, tick=False)
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    with pytest.raises(TransitionError, match="由系统根据记录统计，不能人工填报"):
        t.fill_cells(report, by=county_editor, values={"info_total": "99"})
    with pytest.raises(TransitionError, match="“注册用户数”应填写不小于0的整数"):
        t.fill_cells(report, by=county_editor, values={"registered_users": "-3"})
    # 留言办理 is counted from the messages (gongkai.interaction): never typed either
    with pytest.raises(TransitionError, match="“平均办理时间”由系统根据记录统计，不能人工填报"):
        t.fill_cells(report, by=county_editor, values={"messages_days": "2.35"})
    with pytest.raises(TransitionError, match="“是否开展应急演练”应填写“是”或“否”"):
        t.fill_cells(report, by=county_editor, values={"drills": "有"})
    report.refresh_from_db()
    assert report.staff_values == {}  # nothing half-saved


def test_this_year_cannot_be_reported_before_it_ends(county, county_editor, travel_to):
    travel_to(date(2026, 12, 31), tick=False)
    with pytest.raises(TransitionError, match="2026年尚未结束"):
        t.start_report(county, 2026, by=county_editor, today=date(2026, 12, 31))


def test_publication_needs_every_cell_and_another_pair_of_eyes(
    county, county_editor, publisher, identity, travel_to
):
    from gongkai.core.models import AuditEntry

    travel_to(JANUARY, tick=False)
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    report = t.fill_cells(
        report, by=county_editor, values={"site_name": "云岭县人民政府门户网站"} | SIGN_OFF
    )
    with pytest.raises(TransitionError, match="以下数据尚未填写：首页网址、"):
        t.publish(report, by=publisher, on=JANUARY)
    report = t.fill_cells(report, by=county_editor, values=every_staff_cell(report))
    identity.site_code = ""  # a counted cell whose record is empty
    identity.save()
    with pytest.raises(
        TransitionError, match=r"^以下数据尚未填写：政府网站标识码（请在“网站标识信息”中填写）$"
    ):
        t.publish(report, by=publisher, on=JANUARY)
    identity.site_code = "5300000001"
    identity.save()
    with pytest.raises(TransitionError, match="须由填报人以外的人员发布"):
        t.publish(report, by=county_editor, on=JANUARY)
    report = t.publish(report, by=publisher, on=JANUARY)
    assert report.status == ReportStatus.PUBLISHED and report.published_on == JANUARY
    assert report.published_cells["site_name"] == {
        "value": "云岭县人民政府门户网站",
        "staff": True,
    }
    assert report.published_cells["site_code"] == {"value": "5300000001", "staff": False}
    filled = AuditEntry.objects.filter(
        action="site_report.cells.filled", object_id=str(report.pk)
    ).order_by("id")
    assert (
        filled.count() == 2
        and filled.first().data["cells"] == {"site_name": "云岭县人民政府门户网站"} | SIGN_OFF
    )
    # the declared step's refusal, checked by the transition under its lock (steps.py)
    with pytest.raises(TransitionError, match="年度报表当前为“已发布”，不能保存人工填报的数据"):
        t.fill_cells(report, by=county_editor, values={"registered_users": "5"})


def test_the_published_report_is_frozen_and_on_the_home_page(
    client, county, county_editor, publisher, publish, travel_to
):
    from docx import Document

    travel_to(JANUARY, tick=False)
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    t.fill_cells(report, by=county_editor, values=every_staff_cell(report))
    t.publish(report, by=publisher, on=JANUARY)
    publish("2026年度补记的信息", date(2026, 12, 30))  # counted after publication: not shown
    home = client.get(reverse("portal:agency", args=[county.index_prefix])).content.decode()
    url = reverse("portal:site_report", args=[county.index_prefix, 2026])
    assert url in home
    assert url in client.get(reverse("portal:home")).content.decode()
    page = client.get(url).content.decode()
    assert "政府网站工作年度报表（2026年度）" in page and "云岭县人民政府门户网站" in page

    response = client.get(reverse("portal:site_report_csv", args=[county.index_prefix, 2026]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["板块", "分项", "指标", "数值", "填报方式"]
    assert [tuple(r[:3]) for r in rows[1:]] == FORM  # the annexed form's order (test_format.py)
    by_label = {(r[1], r[2]): r for r in rows[1:]}
    assert by_label[("", "网站名称")][4] == "人工填报"
    assert by_label[("", "总数（单位：条）")][3:] == ["0", "系统统计"]  # as frozen in January
    assert by_label[("", "政府网站标识码")][4] == "系统统计"

    response = client.get(reverse("portal:site_report_docx", args=[county.index_prefix, 2026]))
    doc = Document(io.BytesIO(response.content))
    assert doc.paragraphs[0].text == "政府网站工作年度报表（2026年度）"
    texts = [cell.text for row in doc.tables[0].rows for cell in row.cells]
    assert "网站名称" in texts and "云岭县人民政府门户网站" in texts and "基本信息" in texts


def test_a_draft_is_not_on_the_portal(client, county, county_editor, travel_to):
    travel_to(JANUARY, tick=False)
    t.start_report(county, 2026, by=county_editor, today=JANUARY)
    url = reverse("portal:site_report", args=[county.index_prefix, 2026])
    assert client.get(url).status_code == 404


def test_the_office_page_marks_staff_cells_and_saves_them_through_the_declared_step(
    client, county, county_editor, travel_to
):
    from gongkai.sitereport.models import SiteReport

    travel_to(JANUARY, tick=False)
    client.force_login(county_editor)
    url = reverse("office:site_report") + f"?agency={county.pk}&year=2026"
    # 编制: the declared step, routed as the agency's page-level step
    start_url = reverse("office:site_report_start", args=["start"]) + f"?agency={county.pk}"
    page = client.get(url).content.decode()
    assert f'action="{start_url}"' in page and 'name="start-year" value="2026"' in page
    response = client.post(start_url, {"start-year": "2026"})
    assert response.status_code == 302 and response.url == url  # the report's page next
    report = SiteReport.objects.get()
    assert (report.agency, report.year) == (county, 2026)
    this_year = client.post(start_url, {"start-year": "2027"}, follow=True).content.decode()
    assert "2027年尚未结束，不能编制该年度的年度报表" in this_year
    page = client.get(url).content.decode()
    assert 'data-key="registered_users" class="staff"' in page and "人工填报" in page
    assert "系统统计：网站标识信息" in page
    step_url = reverse("office:site_report_action", args=[report.pk, "fill"])
    assert f'action="{step_url}"' in page
    assert 'name="fill-info_total"' not in page  # a counted cell has no field
    response = client.post(
        step_url,
        {"fill-registered_users": "120", "fill-innovation": ["无障碍浏览", "搜索即服务"]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    # domain types, the boxes in the form's order
    assert report.staff_values == {"registered_users": 120, "innovation": "搜索即服务、无障碍浏览"}


def test_a_bad_cell_is_named_and_nothing_typed_is_lost(client, county, county_editor, travel_to):
    from gongkai.sitereport.models import SiteReport

    travel_to(JANUARY, tick=False)
    client.force_login(county_editor)
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    step_url = reverse("office:site_report_action", args=[report.pk, "fill"])
    typed = {
        "fill-site_name": "云岭县人民政府门户网站",
        "fill-registered_users": "很多",
        "fill-drills": "有",
        "fill-messages_days": "9",  # a counted cell (互动交流): not a field, ignored
    }
    response = client.post(step_url, typed)
    page = response.content.decode()
    assert response.status_code == 400
    # every refusal at once, each naming its cell
    assert "“注册用户数”应填写不小于0的整数" in page
    assert "“是否开展应急演练”应填写“是”或“否”" in page
    assert 'value="云岭县人民政府门户网站"' in page and 'value="很多"' in page
    assert SiteReport.objects.get().staff_values == {}  # validated whole: nothing half-saved


@pytest.mark.parametrize(
    ("day", "urgency"),
    [
        (date(2027, 1, 4), "NOTICE"),  # January: the report on 2026 is due by the 31st
        (date(2027, 1, 28), "DUE_SOON"),  # within 3 working days of 31 January
        (date(2027, 2, 1), "OVERDUE"),  # and overdue after it, until published
        (date(2027, 6, 1), "OVERDUE"),
    ],
)
def test_the_report_is_due_on_the_workbench_from_january(
    county, county_editor, travel_to, day, urgency
):
    from gongkai.core.calendar import current_calendar
    from gongkai.sitereport.workbench import site_report_lines

    travel_to(day, tick=False)
    lines = site_report_lines(
        user=county_editor, agencies={county: {"admin"}}, today=day, calendar=current_calendar()
    )
    assert [(line.urgency.name, line.due_on) for line in lines] == [(urgency, date(2027, 1, 31))]
    assert "2026年度政府网站工作年度报表尚未编制" in lines[0].text


def test_nothing_new_is_due_in_december_nor_once_published_nor_for_a_township(
    township, county, county_editor, publisher, clerk, travel_to
):
    from gongkai.core.calendar import current_calendar
    from gongkai.sitereport.workbench import site_report_lines

    calendar = current_calendar()
    december = date(2026, 12, 15)
    travel_to(december, tick=False)
    lines = site_report_lines(
        user=county_editor, agencies={county: {"admin"}}, today=december, calendar=calendar
    )
    # the report on 2026 is not due before January; the one on 2025, never published, stays
    # overdue (a fact that stays, DESIGN.md)
    assert [(line.urgency.name, line.due_on) for line in lines] == [("OVERDUE", date(2026, 1, 31))]
    travel_to(JANUARY, tick=False)
    assert not site_report_lines(  # a township's pages are on the county's site
        user=clerk, agencies={township: {"clerk"}}, today=JANUARY, calendar=calendar
    )
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    t.fill_cells(report, by=county_editor, values=every_staff_cell(report))
    t.publish(report, by=publisher, on=JANUARY)
    assert not site_report_lines(
        user=county_editor, agencies={county: {"admin"}}, today=JANUARY, calendar=calendar
    )


def test_a_township_has_no_site_of_its_own_to_report_on(client, township, clerk, travel_to):
    travel_to(JANUARY, tick=False)
    sentence = "云岭县青石镇人民政府的网页在上级机关的网站上，不单独编制政府网站工作年度报表"
    with pytest.raises(TransitionError, match=sentence):  # the declaration's guard (steps.py)
        t.start_report(township, 2026, by=clerk, today=JANUARY)
    client.force_login(clerk)
    start_url = reverse("office:site_report_start", args=["start"]) + f"?agency={township.pk}"
    refused = client.post(start_url, {"start-year": "2026"}, follow=True).content.decode()
    assert sentence in refused  # offered nowhere, and a hand-made POST is told why


def test_publication_is_refused_until_the_three_officers_sign(
    client, county, county_editor, publisher, travel_to
):
    """单位负责人、审核人、填报人 sign the table (国办函〔2018〕12号's annexed form): without them
    the declared step refuses, says who is missing, and the office page says it too."""
    travel_to(JANUARY, tick=False)
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    cells = {k: v for k, v in every_staff_cell(report).items() if k not in SIGN_OFF}
    report = t.fill_cells(report, by=county_editor, values=cells)
    refusal = (
        r"^年度报表须由单位负责人、审核人、填报人署名后发布（国办函〔2018〕12号附件"
        r"《政府网站工作年度报表》）：尚未填写{}$"
    )
    with pytest.raises(TransitionError, match=refusal.format("单位负责人、审核人、填报人")):
        t.publish(report, by=publisher, on=JANUARY)
    report = t.fill_cells(report, by=county_editor, values={"head": "王主任"})
    with pytest.raises(TransitionError, match=refusal.format("审核人、填报人")):
        t.publish(report, by=publisher, on=JANUARY)
    client.force_login(publisher)
    page = client.get(reverse("office:site_report") + f"?agency={county.pk}&year=2026")
    assert "尚未填写审核人、填报人" in page.content.decode()
    # emptying a name is saved as empty, and refused again
    report = t.fill_cells(
        report, by=county_editor, values={"reviewer": "李审核", "filler": "张填报", "head": ""}
    )
    assert (report.head, report.reviewer, report.filler) == ("", "李审核", "张填报")
    with pytest.raises(TransitionError, match=refusal.format("单位负责人")):
        t.publish(report, by=publisher, on=JANUARY)
    report = t.fill_cells(report, by=county_editor, values={"head": "王主任"})
    report = t.publish(report, by=publisher, on=JANUARY)
    # 填报日期 left empty: the day of publication, the statutory date of the test's clock
    assert report.status == ReportStatus.PUBLISHED and report.filled_on == JANUARY
    report.refresh_from_db()
    assert report.filled_on == JANUARY and report.phone == ""


@pytest.mark.parametrize(
    "mobile", ["13912345678", "139 1234 5678", "+86 139-1234-5678", "１３９１２３４５６７８"]
)
def test_the_telephone_is_the_offices_fixed_line_not_a_mobile(
    county, county_editor, travel_to, mobile
):
    """The table is public: the personal-data scan used at publication refuses a mobile
    number in 联系电话, however it is written, and says to give the office's line."""
    travel_to(JANUARY, tick=False)
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    with pytest.raises(
        TransitionError,
        match=r"^“联系电话”请填写单位办公室的固定电话（如 0571-12345678），不要填写个人手机号码",
    ):
        t.fill_cells(report, by=county_editor, values={"phone": mobile})
    report.refresh_from_db()
    assert report.phone == ""
    report = t.fill_cells(report, by=county_editor, values={"phone": "0571-12345678"})
    assert report.phone == "0571-12345678"


def test_a_name_carries_no_personal_number_and_a_phone_is_a_phone(county, county_editor, travel_to):
    travel_to(JANUARY, tick=False)
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    with pytest.raises(TransitionError, match=r"^“填报人”不能含有手机号码：年度报表在网站上公开$"):
        t.fill_cells(report, by=county_editor, values={"filler": "张填报 13912345678"})
    with pytest.raises(
        TransitionError, match=r"^“联系电话”应填写单位办公室的固定电话，如 0571-12345678$"
    ):
        t.fill_cells(report, by=county_editor, values={"phone": "办公室"})
    for line in ("0571-12345678", "0871-6543210", "(0571) 8765 4321 转 8001"):
        assert t.fill_cells(report, by=county_editor, values={"phone": line}).phone == line


def test_a_typed_date_is_after_the_year_and_not_after_publication(
    county, county_editor, publisher, travel_to
):
    travel_to(JANUARY, tick=False)
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    with pytest.raises(TransitionError, match="“填报日期”应在2026年结束之后"):
        t.fill_cells(report, by=county_editor, values={"filled_on": "2026-12-31"})
    with pytest.raises(TransitionError, match="“填报日期”应填写日期，如 2027-01-20"):
        t.fill_cells(report, by=county_editor, values={"filled_on": "2027-02-30"})
    values = every_staff_cell(report) | {"filled_on": "2027年1月15日"}
    report = t.fill_cells(report, by=county_editor, values=values)
    assert report.filled_on == date(2027, 1, 15)
    with pytest.raises(
        TransitionError, match=r"^填报日期2027年1月15日晚于发布日期2027年1月12日，请更正$"
    ):
        t.publish(report, by=publisher, on=JANUARY)
    report = t.fill_cells(report, by=county_editor, values={"filled_on": "2027-01-11"})
    report = t.publish(report, by=publisher, on=JANUARY)
    assert report.filled_on == date(2027, 1, 11)  # as typed, not the day of publication


def test_the_sign_off_is_printed_under_the_table_in_every_form(
    client, county, county_editor, publisher, travel_to
):
    """On the portal's page (under the table), in the DOCX (a line after the table) and in
    the CSV (the last lines, after 创新发展), as the office's form saved them."""
    from docx import Document
    from lxml import html

    travel_to(JANUARY, tick=False)
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    client.force_login(county_editor)
    step_url = reverse("office:site_report_action", args=[report.pk, "fill"])
    typed = {f"fill-{k}": v for k, v in every_staff_cell(report).items()}
    response = client.post(step_url, typed)
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.head, report.reviewer, report.filler, report.phone) == tuple(SIGN_OFF.values())
    t.publish(report, by=publisher, on=JANUARY)
    prefix = county.index_prefix

    page = html.fromstring(client.get(reverse("portal:site_report", args=[prefix, 2026])).content)
    (table,) = page.xpath('//table[@id="site-report"]')
    (signed,) = page.xpath('//dl[@id="sign-off"]')
    assert table.getnext() is signed  # right under the table
    pairs = [
        (dt.text_content(), dd.text_content())
        for dt, dd in zip(signed.xpath("dt"), signed.xpath("dd"), strict=True)
    ]
    assert pairs == [
        ("单位负责人", "王主任"),
        ("审核人", "李审核"),
        ("填报人", "张填报"),
        ("联系电话", "0871-12345678"),
        ("填报日期", "2027年1月12日"),
    ]

    response = client.get(reverse("portal:site_report_docx", args=[prefix, 2026]))
    doc = Document(io.BytesIO(response.content))
    body = doc.element.body
    after_table = body.index(doc.tables[0]._tbl) + 1
    assert body[after_table] is doc.paragraphs[-1]._p  # the line right after the table
    assert doc.paragraphs[-1].text == (
        "单位负责人：王主任　审核人：李审核　填报人：张填报　联系电话：0871-12345678　"
        "填报日期：2027年1月12日"
    )

    response = client.get(reverse("portal:site_report_csv", args=[prefix, 2026]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[-6][2] == "创新发展"
    assert rows[-5:] == [
        ["", "", "单位负责人", "王主任", "人工填报"],
        ["", "", "审核人", "李审核", "人工填报"],
        ["", "", "填报人", "张填报", "人工填报"],
        ["", "", "联系电话", "0871-12345678", "人工填报"],
        ["", "", "填报日期", "2027年1月12日", "系统统计"],  # the day of publication
    ]


def test_the_office_form_refuses_a_mobile_and_keeps_what_was_typed(
    client, county, county_editor, travel_to
):
    from gongkai.sitereport.models import SiteReport

    travel_to(JANUARY, tick=False)
    client.force_login(county_editor)
    report = t.start_report(county, 2026, by=county_editor, today=JANUARY)
    page = client.get(reverse("office:site_report") + f"?agency={county.pk}&year=2026")
    assert 'name="fill-head"' in page.content.decode()  # under the table, on the same step
    step_url = reverse("office:site_report_action", args=[report.pk, "fill"])
    response = client.post(step_url, {"fill-head": "王主任", "fill-phone": "13912345678"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "不要填写个人手机号码" in page and 'value="王主任"' in page
    assert SiteReport.objects.get().head == ""
