"""What the office 标准目录 page says a township owes, as its clerk (who also administers the
county) reads it: each due line with its 期限 and, for an unpublished draft, a link to it; the
matters with nothing this year; the county overview's counts per township; every row's
状态 with the step its state allows. The page writes these cells in Python rather than by a
template loop (issue 27), so the markup and the escaping are held here. Dates counted by hand
on the 2025 arrangement (10/1–10/8 off, 10/11 at work), as in test_due.py."""

import re
from datetime import date

import pytest
import time_machine

from gongkai.catalogue import transitions as t
from gongkai.core.models import Agency, AgencyLevel, Membership, Role, User
from gongkai.standards import transitions as s

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(model, township, clerk, relief, client):
    """The page on Wednesday 22 October 2025: the model adopted, a local row whose names
    need escaping, a local row hidden, a draft of the seven-day matter; a neighbouring
    township under the same county, one of the model's rows hidden there."""
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    local = s.add_local_matter(
        township,
        by=clerk,
        on=date(2025, 3, 10),
        domain="就业<创业>",
        level1="招聘&培训",
        level2='"公益性岗位"招聘',
        limit_kind="quarterly",
        limit_days=10,
        audience="public",
        manner="proactive",
        order=100,
    )
    gone = s.add_local_matter(
        township,
        by=clerk,
        on=date(2025, 3, 10),
        domain="退役军人",
        level1="优抚",
        level2="优待证发放",
        limit_kind="workdays",
        limit_days=20,
        audience="public",
        manner="proactive",
        order=101,
    )
    s.hide(gone, by=clerk, reason="本镇<无>此事项")
    draft = t.create_draft(
        township,
        by=clerk,
        category=relief,
        title="低保对象认定结果公示",
        formed_on=date(2025, 10, 15),
    )
    s.link_item(draft, rows["低保"], by=clerk)
    Membership.objects.create(user=clerk, agency=township.parent, role=Role.ADMIN)
    neighbour = Agency.objects.create(
        name="邻镇<人民政府>", level=AgencyLevel.TOWNSHIP, parent=township.parent,
        index_prefix="987650001",
    )  # fmt: skip
    neighbours_clerk = User.objects.create_user("linzhen", password="township-pass-1")
    Membership.objects.create(user=neighbours_clerk, agency=neighbour, role=Role.CLERK)
    s.adopt_catalogue(neighbour, catalogue, by=neighbours_clerk, on=date(2025, 3, 10))
    s.hide(neighbour.adoptions.get(matter=rows["补贴"]), by=neighbours_clerk, reason="本镇无耕地")
    client.force_login(clerk)
    with time_machine.travel("2025-10-22 09:00 +0800", tick=False):
        response = client.get(f"/office/standards/?agency={township.pk}")
    assert response.status_code == 200
    return response.content.decode(), draft, (local, gone), neighbour


def test_each_due_line_with_its_deadline_and_the_draft_linked(page):
    html, draft, _, _ = page
    # Q3 ends 9/30; 10 working days: 10/9 … 10/21, so 10/22 is one day late
    assert (
        '<tr><td data-label="事项">村级事务／村级财务收支情况</td>'
        '<td data-label="情况">“村级财务收支情况”2025年第3季度的信息尚未公开，已超期1个工作日</td>'
        '<td data-label="期限">2025年10月21日</td></tr>'
    ) in html
    assert (
        '<tr><td data-label="事项">就业&lt;创业&gt;／&quot;公益性岗位&quot;招聘</td>'
        '<td data-label="情况">“&quot;公益性岗位&quot;招聘”2025年第3季度的信息尚未公开，'
        "已超期1个工作日</td>"
        '<td data-label="期限">2025年10月21日</td></tr>'
    ) in html
    # 7 working days from Wed 10/15: due Fri 10/24
    assert (
        '<tr><td data-label="事项">社会救助／城乡低保对象认定结果</td>'
        f'<td data-label="情况"><a href="/office/items/{draft.pk}/">“低保对象认定结果公示”'
        "（城乡低保对象认定结果）尚未公开，应在信息形成或变更之日起7个工作日内公开</a></td>"
        '<td data-label="期限">2025年10月24日</td></tr>'
    ) in html
    assert "本机关目录共4个主动公开事项：即将到期1项，已超期2项，2025年尚未公开信息4项。" in html


def test_the_matters_with_nothing_this_year_are_listed_escaped(page):
    html, *_ = page
    listed = html.split("2025年尚未公开信息的事项（4）</summary><ul>")[1].split("</ul>")[0]
    assert listed == (
        "<li>社会救助／最低生活保障／城乡低保对象认定结果</li>"
        "<li>村级事务／村级财务／村级财务收支情况</li>"
        "<li>涉农补贴／耕地地力保护补贴／补贴发放结果</li>"
        "<li>就业&lt;创业&gt;／招聘&amp;培训／&quot;公益性岗位&quot;招聘</li>"
    )


def test_the_county_overview_counts_each_township_and_links_to_its_page(page, township):
    html, _, _, neighbour = page
    overview = html.split('id="overview-h"')[1].split("</table>")[0]
    # the neighbour: the model's three rows less the hidden one; its quarter overdue as the
    # township's is; nothing this year in either row
    assert (
        f'<tr><td><a href="/office/standards/?agency={neighbour.pk}">邻镇&lt;人民政府&gt;</a>'
        "</td><td>2</td><td>0</td><td>1</td><td>2</td></tr>"
    ) in overview
    # the clerk's own township is counted above the overview, not in it
    assert f"?agency={township.pk}" not in overview


def test_each_row_offers_the_step_its_state_allows(page):
    html, _, (local, gone), _ = page
    shown = html.split('<td data-label="领域">就业&lt;创业&gt;</td>')[1].split("</tr>")[0]
    assert '<td data-label="一级事项">招聘&amp;培训</td>' in shown
    assert '<td data-label="二级事项">&quot;公益性岗位&quot;招聘</td>' in shown
    assert '<td data-label="来源">本机关增设</td>' in shown
    assert '<td data-label="状态">适用' in shown
    assert f'action="/office/standards/row/{local.pk}/hide/"' in shown
    assert f'id="row-{local.pk}-hide-reason"' in shown
    assert "/restore/" not in shown
    hidden = html.split('<td data-label="领域">退役军人</td>')[1].split("</tr>")[0]
    assert '<td data-label="状态">不适用：本镇&lt;无&gt;此事项' in hidden
    assert f'action="/office/standards/row/{gone.pk}/restore/"' in hidden
    assert "/hide/" not in hidden


def test_a_guarded_row_step_would_ask_each_stored_row_and_show_the_same(
    page, township, client, monkeypatch
):
    """The rows' steps are asked once per state because their declaration has no guard; were
    one added, each row would be asked with its stored self — and offer the same here."""
    import gongkai.office.standards as office

    html, *_ = page
    monkeypatch.setattr(office, "ROW_GUARDED", True)
    with time_machine.travel("2025-10-22 09:00 +0800", tick=False):
        again = client.get(f"/office/standards/?agency={township.pk}").content.decode()
    assert _table(again) == _table(html)


def _table(html: str) -> str:
    """The page's 目录 table, its CSRF tokens blanked (each form masks the token afresh)."""
    table = html.split("<caption>本机关标准目录</caption>")[1].split("</table>")[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", table)
