"""The 公开指南 follows the catalogue: generated from the agency's data through the county's
template, editable, shown on the portal with its 更新日期."""

from datetime import date

import pytest

from gongkai.core.models import AuditEntry
from gongkai.core.transitions import TransitionError
from gongkai.standards import guide as g
from gongkai.standards import transitions as s

pytestmark = pytest.mark.django_db


def test_the_generated_guide_names_the_catalogues_domains_and_the_office(model, township, clerk):
    catalogue, _ = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    text = g.generated_guide(township)
    assert text.startswith("云岭县青石镇人民政府政府信息公开指南")
    assert "本机关标准目录共有3个公开事项，涉及社会救助、村级事务、涉农补贴等领域" in text
    assert "办公地址：云岭县青石镇青石大街8号" in text
    assert "条例第四十二条" in text and "条例第五十一条" in text


def test_the_county_template_is_filled_by_the_township(county, county_admin, township):
    g.issue_guide_template(
        county, by=county_admin, text="{机构名称}公开指南\n联系电话：{联系电话}\n{未知}"
    )
    assert (
        g.generated_guide(township)
        == "云岭县青石镇人民政府公开指南\n联系电话：0000-7654321\n{未知}"
    )


def test_only_an_administrator_issues_the_template(county, clerk):
    with pytest.raises(TransitionError):
        g.issue_guide_template(county, by=clerk, text="x")


def test_an_edited_guide_is_what_the_portal_shows_with_its_date(township, clerk, client):
    page = client.get(f"/agency/{township.index_prefix}/guide/").content.decode()
    assert "指南更新日期" not in page
    g.save_guide(township, by=clerk, text="青石镇公开指南\n\n第一条 修改后的内容")
    page = client.get(f"/agency/{township.index_prefix}/guide/").content.decode()
    assert "第一条 修改后的内容" in page and "指南更新日期：" in page
    g.reset_guide(township, by=clerk)
    page = client.get(f"/agency/{township.index_prefix}/guide/").content.decode()
    assert "修改后的内容" not in page
    assert AuditEntry.objects.filter(action__startswith="standards.guide").count() == 2


def test_the_guide_page_saves_the_clerks_text(township, clerk, client):
    client.force_login(clerk)
    page = client.get("/office/standards/guide/").content.decode()
    assert "政府信息公开指南" in page and "办公地址：云岭县青石镇青石大街8号" in page
    # the page offers the declared steps (standards/steps.py) and posts them to the handler
    assert 'action="/office/standards/guide/save/?agency=' in page
    save = f"/office/standards/guide/save/?agency={township.pk}"
    client.post(save, {"save-text": "新的指南"})
    assert township.guide.text == "新的指南"
    page = client.post(save, {"save-text": " "}, follow=True)
    assert "保存修改：指南正文不能为空" in page.content.decode()
    # the text comes through the page's form: control characters never reach the portal
    client.post(save, {"save-text": "第一条\x07 指南\x1b"})
    township.guide.refresh_from_db()
    assert township.guide.text == "第一条 指南"
    # a step the guide does not declare is no step at all
    assert client.post("/office/standards/guide/drop/", {"drop-text": "x"}).status_code == 404
    township.guide.refresh_from_db()
    assert township.guide.text == "第一条 指南"
