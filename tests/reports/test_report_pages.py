"""The report in the office (deadline warnings, editing with findings, publishing, the
county roll-up) and on the portal (the report, its illustrated version, versions, downloads)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.core.models import Agency, AgencyLevel, Membership, Role, User
from gongkai.reports import transitions as rt
from gongkai.reports.models import AnnualReport
from tests.applications.conftest import APPLICANT
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db


def figures(agency, user, year=2025, fee="0.5"):
    enter_table_two(agency, user, year, fee=fee, licences=2, penalties=1)


def one_application(agency, user, on=date(2025, 3, 3)):
    application, _ = at.register_application(
        agency, by=user, channel=at.Channel.IN_PERSON, submitted_on=on, today=on, **APPLICANT
    )
    at.reply(application, by=user, on=on, outcome="三（一）", text="予以公开")


@time_machine.travel("2026-01-20 09:00 +0800", tick=False)
def test_the_clerk_drafts_fixes_and_the_reviewer_publishes(client, township, clerk):
    one_application(township, clerk)
    client.force_login(clerk)
    listing = client.get(reverse("office:reports") + f"?agency={township.pk}").content.decode()
    # a township's report on 2025 is due 31 January 2026: 11 days left on 20 January
    assert "2026年1月31日" in listing and "还有 11 天" in listing
    home = client.get(reverse("office:home")).content.decode()
    assert "还有 11 天" in home
    response = client.post(
        reverse("office:report_start", args=[2025]) + f"?agency={township.pk}", follow=True
    )
    page = response.content.decode()
    assert "尚未填写" in page  # table 二's figures are missing
    # the clerk drafts; another person with the reviewer role publishes (issue 14: never the
    # drafter alone), and sees it refused for now
    assert "审核通过并发布" not in page
    client.force_login(User.objects.get(username="shenhe"))
    url = reverse("office:report", args=[AnnualReport.objects.get().pk])
    assert (
        'disabled aria-describedby="findings-h">审核通过并发布' in client.get(url).content.decode()
    )
    client.force_login(clerk)
    report = AnnualReport.objects.get()
    # the steps reports/steps.py declares, each posted to its own URL
    figures = reverse("office:report_step", args=[report.pk, "figures"])
    url = reverse("office:report_step", args=[report.pk, "sections"])
    client.post(
        figures,
        {
            "figures-licences": "2",
            "figures-penalties": "1",
            "figures-enforcement": "0",
            "figures-fee_amount": "0.5",
            "figures-source": "审批系统",
            "figures-oversight": "年度考核良好；未发生责任追究。",
        },
    )
    # a township is a 人民政府: without the 第五十条第四项 line and section 六's items the
    # page asks the clerk to check them (warnings), and is quiet once they are written
    response = client.post(
        url,
        {
            "sections-one": "总体情况正文",
            "sections-five": "问题",
            "sections-six": "其他",
        },
        follow=True,
    )
    assert "请核实</strong>（G1）" in response.content.decode()
    six = "\n".join(
        f"{label}：本年已落实。"
        for label in ("落实上级年度政务公开工作要点情况", "人大代表建议和政协提案办理结果公开情况",
                      "年度政务公开工作创新情况")
    )  # fmt: skip
    one = "总体情况正文\n工作考核、社会评议和责任追究结果情况：年度考核良好；未发生责任追究。"
    response = client.post(
        url,
        {"sections-one": one, "sections-five": "问题", "sections-six": six},
        follow=True,
    )
    assert "已保存" in response.content.decode()
    assert "勾稽关系全部成立" in response.content.decode()
    publish = reverse("office:report_publish", args=[report.pk])
    assert "只有本机关的审核人" in client.post(publish, follow=True).content.decode()
    client.force_login(User.objects.get(username="shenhe"))
    # publishing cannot be undone: without the tick the server refuses it, nothing changes
    untick = client.post(publish, follow=True).content.decode()
    assert "审核通过并发布不能撤销：请先勾选“我已核对报告全文和三张表，确认发布”" in untick
    assert AnnualReport.objects.get(pk=report.pk).status == "draft"
    ticked = client.post(publish, {"confirmed": "yes"}, follow=True).content.decode()
    assert "已审核通过并发布" in ticked
    report.refresh_from_db()
    assert report.item.index_number == "012345671/2026-00001"
    for fmt in ("html", "docx", "xlsx", "json"):
        download = client.get(reverse("office:report_download", args=[report.pk, fmt]))
        assert download.status_code == 200 and len(download.content) > 1000, fmt


def test_outsiders_are_refused_and_the_county_reads_only(client, township, clerk, outsider):
    one_application(township, clerk)
    report = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 10))
    client.force_login(outsider)
    for url in (
        reverse("office:report", args=[report.pk]),
        reverse("office:report_download", args=[report.pk, "json"]),
        reverse("office:reports") + f"?agency={township.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("office:report_publish", args=[report.pk])).status_code == 404
    client.force_login(User.objects.get(username="xian"))
    page = client.get(reverse("office:report", args=[report.pk])).content.decode()
    assert "只读" in page and "保存填报数" not in page
    assert (
        client.post(
            reverse("office:report_step", args=[report.pk, "sections"]), {"sections-one": "x"}
        ).status_code
        == 404
    )


@time_machine.travel("2026-02-10 09:00 +0800", tick=False)
def test_the_county_rolls_up_its_townships(client, township, clerk, county):
    """Two townships, one application each in 2025: the summed 新收 is 2 (hand count); the
    second township has no report and is counted live; it is past its 31 January deadline."""
    second = Agency.objects.create(
        name="云岭县白石乡人民政府",
        level=AgencyLevel.TOWNSHIP,
        parent=county,
        index_prefix="123456786",
    )
    Membership.objects.create(user=clerk, agency=second, role=Role.CLERK)
    one_application(township, clerk)
    one_application(second, clerk, on=date(2025, 6, 2))
    figures(township, clerk, fee="0.5")
    figures(second, clerk, fee="0.25")
    rt.publish_report(
        rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 10)),
        by=User.objects.get(username="shenhe"),
        on=date(2026, 1, 20),
    )
    client.force_login(User.objects.get(username="xian"))
    url = reverse("office:rollup") + f"?agency={county.pk}&year=2025"
    page = client.get(url).content.decode()
    assert "共 2 个机构，已发布 1 个，逾期 1 个" in page
    assert "未编制" in page and "已超过发布期限" in page
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content))
    rows = {r[0]: r for r in book["汇总表"].iter_rows(values_only=True) if r[0]}
    assert rows["一、本年新收政府信息公开申请数量"][7] == 2
    assert rows["行政事业性收费"][1] == 0.75
    agencies = {r[0]: r for r in book["各机构"].iter_rows(values_only=True) if r[0]}
    assert agencies["云岭县白石乡人民政府"][1] == "未编制"
    assert agencies["云岭县白石乡人民政府"][6] == 1  # counted from its records all the same
    client.force_login(clerk)  # a township clerk has no agencies under her
    assert client.get(reverse("office:rollup") + f"?agency={township.pk}").status_code == 404


def test_the_portal_shows_the_report_its_chart_and_its_versions(client, township, clerk):
    one_application(township, clerk)
    figures(township, clerk)
    reviewer = User.objects.get(username="shenhe")
    first = rt.publish_report(
        rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 10)),
        by=reviewer,
        on=date(2026, 1, 20),
    )
    prefix = township.index_prefix
    column = client.get(reverse("portal:reports", args=[prefix])).content.decode()
    assert "2025年政府信息公开工作年度报告" in column
    page = client.get(reverse("portal:report", args=[prefix, 2025])).content.decode()
    assert first.item.index_number in page and "收到和处理政府信息公开申请情况" in page
    chart = client.get(reverse("portal:report_illustrated", args=[prefix, 2025])).content.decode()
    assert chart.count("<svg") == 5 and 'aria-label="依申请公开：申请数量：本年新收1' in chart
    second = rt.start_report(township, 2025, by=clerk, today=date(2026, 2, 1))
    rt.save_sections(second, by=clerk, one="更正", five="", six="", correction_note="更正第一部分")
    rt.publish_report(second, by=reviewer, on=date(2026, 2, 2))
    page = client.get(reverse("portal:report", args=[prefix, 2025])).content.decode()
    assert "更正说明：更正第一部分" in page and "第1版" in page and "第2版" in page
    old = client.get(reverse("portal:report", args=[prefix, 2025]) + "?version=1")
    assert "已被更正版本替代" in old.content.decode()
    download = client.get(reverse("portal:report_download", args=[prefix, 2025, "json"]))
    assert download.json()["version"] == 2
    assert client.get(reverse("portal:report", args=[prefix, 2024])).status_code == 404
