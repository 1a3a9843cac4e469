"""The self-check's office pages, the footer every public page carries, the 关怀版 switch
and the public 办理情况 page."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.inspection.models import SiteIdentity

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-11-30 09:00 +0800", tick=False)
def test_the_clerk_sees_the_findings_with_where_to_fix_them(client, clerk, publish, own_column):
    item = publish("旧动态", date(2026, 11, 2), category=own_column("工作动态"))
    client.force_login(clerk)
    html = client.get(reverse("office:selfcheck")).content.decode()
    assert "不合格（触发单项否决）" in html
    assert "“工作动态”最近一次更新是 2026年11月2日" in html
    csv = client.get(reverse("office:selfcheck") + "?format=csv").content.decode()
    assert "旧动态" not in csv or str(item.pk)  # the CSV lists findings, not every item
    assert "工作动态" in csv


def test_a_clerk_of_another_agency_cannot_read_the_townships_self_check(client, outsider, township):
    client.force_login(outsider)
    response = client.get(reverse("office:selfcheck") + f"?agency={township.pk}")
    assert response.status_code == 404


def test_the_county_page_lists_its_townships_vetoed_first(client, county, township):
    from gongkai.core.models import Membership, Role, User

    admin = User.objects.create_user("xianban", password="county-pass-1", full_name="县政务公开办")
    Membership.objects.create(user=admin, agency=county, role=Role.ADMIN)
    client.force_login(admin)
    html = client.get(reverse("office:selfcheck_county")).content.decode()
    assert township.name in html and county.name in html


def _row(html: str, name: str) -> dict[str, str]:
    """The county page's row of the agency named `name`, cell by cell (by their labels)."""
    row = html[html.index(f">{name}</a>") :]
    row = row[: row.index("</tr>")]
    return dict(re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row))


def test_the_county_page_shows_each_agencys_last_result_until_it_is_checked_again(
    client, county, township, clerk, publish, own_column
):
    """The county's summary reads each agency's stored result (issue 25) and says when it was
    computed: a township's new problem shows once the township opens its own self-check page,
    or the supervisor presses 全部重新自查 — never a result older than the page admits."""
    from gongkai.core.models import Membership, Role, User

    admin = User.objects.create_user("xianban", password="county-pass-1", full_name="县政务公开办")
    Membership.objects.create(user=admin, agency=county, role=Role.ADMIN)
    page = reverse("office:selfcheck_county")
    with time_machine.travel("2026-11-30 09:00 +0800", tick=False):
        client.force_login(admin)
        before = _row(client.get(page).content.decode(), township.name)
    assert before["自查时间"] == "09:00"
    with time_machine.travel("2026-11-30 09:02 +0800", tick=False):
        # a column of 工作动态 last updated weeks ago: 栏目更新不及时, 2 points off (19号)
        publish("旧动态", date(2026, 11, 2), category=own_column("工作动态"))
        client.force_login(admin)
        # within CACHE_SECONDS of 09:00 the stored row stands, with its time
        assert _row(client.get(page).content.decode(), township.name) == before
    with time_machine.travel("2026-11-30 09:05 +0800", tick=False):
        client.force_login(clerk)
        assert "栏目更新不及时" in client.get(reverse("office:selfcheck")).content.decode()
        client.force_login(admin)
        after = _row(client.get(page).content.decode(), township.name)
    assert after["自查时间"] == "09:05"
    assert float(after["得分"]) == float(before["得分"]) - 2
    assert int(after["问题数"]) > int(before["问题数"])
    with time_machine.travel("2026-11-30 09:10 +0800", tick=False):
        client.force_login(admin)
        response = client.post(page)
        assert response.status_code == 302 and response["Location"] == page
        html = client.get(page).content.decode()
    again = _row(html, township.name)
    assert again["自查时间"] == _row(html, county.name)["自查时间"] == "09:10"
    assert again["得分"] == after["得分"] and again["问题数"] == after["问题数"]


def test_every_public_page_carries_the_site_identity(client, township):
    SiteIdentity.objects.create(
        sponsor="云岭县人民政府办公室",
        operator="云岭县大数据中心",
        site_code="1501000001",
        icp_number="滇ICP备00000000号",
        police_record="滇公网安备 53000002000001号",
        police_record_code="53000002000001",
    )
    SiteIdentity.objects.create(agency=township, sponsor="云岭县青石镇人民政府")
    html = client.get(reverse("portal:agency", args=[township.index_prefix])).content.decode()
    assert "主办单位：云岭县青石镇人民政府" in html and "承办单位：云岭县大数据中心" in html
    assert "政府网站标识码：1501000001" in html
    assert 'href="https://beian.miit.gov.cn/"' in html
    assert "recordcode=53000002000001" in html and "网站地图" in html
    home = client.get(reverse("portal:search")).content.decode()
    assert "主办单位：云岭县人民政府办公室" in home  # a page of no agency: the platform's


def test_the_care_mode_is_switched_on_and_off_and_remembered(client, township):
    page = reverse("portal:agency", args=[township.index_prefix])
    response = client.get(reverse("portal:care") + f"?next={page}")
    assert response.status_code == 302 and response["Location"] == page
    assert 'class="care"' in client.get(page).content.decode()
    client.get(reverse("portal:care") + f"?next={page}")
    assert 'class="care"' not in client.get(page).content.decode()


def test_the_care_switch_does_not_send_visitors_to_another_site(client):
    response = client.get(reverse("portal:care") + "?next=https://evil.example/")
    assert response["Location"] == "/"


@time_machine.travel("2026-12-01 09:00 +0800", tick=False)
def test_the_handling_page_counts_the_year_month_by_month(client, township, clerk, in_person):
    from gongkai.applications import transitions as at

    received = in_person
    # received Monday 2 March 2026, answered Friday 13 March: 9 working days, in time
    quick = received(date(2026, 3, 2))
    at.reply(quick, by=clerk, on=date(2026, 3, 13), outcome="三（一）", text="予以公开。")
    # received Monday 12 October 2026 (due 9 November), answered 12 November: 23 working
    # days (14 in October, 13–30; 9 in November, 2–12), 3 days late
    slow = received(date(2026, 10, 12))
    at.reply(slow, by=clerk, on=date(2026, 11, 12), outcome="三（一）", text="予以公开。")
    html = client.get(reverse("portal:handling", args=[township.index_prefix])).content.decode()
    assert "本年收到申请 2 件，已答复 2 件" in html
    assert "答复用时中位数 16 个工作日" in html  # median of 9 and 23
    assert "按期答复 1 件，占 50%" in html
