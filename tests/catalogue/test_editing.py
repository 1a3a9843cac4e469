"""An item can be edited, every field, until it is published (issue 15): while a draft and
after the reviewer returns it; the reviewer's page shows the metadata as the public will
see it; the returns are a timeline, not a banner that outlives them. The body keeps its
paragraphs and lines from plain text (catalogue/body.py)."""

from datetime import date

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gongkai.catalogue import transitions as t
from gongkai.catalogue.body import body_html, editable, paragraphs
from gongkai.catalogue.models import Category, ItemStatus
from gongkai.core.transitions import TransitionError

BODY = """根据《社会救助暂行办法》，现将本月低保审批结果公示如下。

1. 张某某，青石村，2人；
2. 李某某，白岩村，1人；
3. 王某某，青石村，3人。

公示期为7天。如有异议，请向镇民政办反映。"""


@pytest.fixture
def category(db):
    return Category.objects.get(name="社会救助", source="article21")


@pytest.fixture
def draft(township, clerk, category):
    return t.create_draft(
        township,
        by=clerk,
        category=category,
        title="低保审批结果公示",
        document_number="青政发〔2025〕1号",
        body=BODY,
        formed_on=date(2025, 3, 3),
    )


def form_data(item, **changes):
    data = {
        "category": item.category_id,
        "title": item.title,
        "document_number": item.document_number,
        "keywords": item.keywords,
        "summary": item.summary,
        "body": editable(item.body),
        "written_on": "",
        "formed_on": item.formed_on.isoformat(),
        "document_kind": item.document_kind,
        "article20_item": item.article20_item or "",
    }
    return {**data, **changes}


def test_plain_text_becomes_paragraphs_and_a_numbered_list_keeps_its_lines(draft):
    assert draft.body == (
        "<p>根据《社会救助暂行办法》，现将本月低保审批结果公示如下。</p>"
        "<p>1. 张某某，青石村，2人；<br>2. 李某某，白岩村，1人；<br>3. 王某某，青石村，3人。</p>"
        "<p>公示期为7天。如有异议，请向镇民政办反映。</p>"
    )


def test_the_clerk_edits_the_body_as_the_plain_text_she_typed(draft):
    assert editable(draft.body) == BODY


@given(
    st.lists(
        st.lists(
            st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1),
            min_size=1,
            max_size=4,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_plain_text_comes_back_unchanged_from_its_paragraphs(blocks):
    text = "\n\n".join("\n".join(lines) for lines in blocks)
    assert editable(paragraphs(text)) == text or "<" in text  # "<p>" typed is markup


def test_pasted_html_is_sanitised_not_escaped():
    assert body_html('<p onclick="x()">甲</p><script>alert(1)</script><ol><li>乙</li></ol>') == (
        "<p>甲</p><ol><li>乙</li></ol>"
    )
    assert body_html("收入<3000元 & 无房") == "<p>收入&lt;3000元 &amp; 无房</p>"


def test_the_portal_shows_the_paragraphs(client, draft, clerk, reviewer):
    item = t.approve_and_publish(t.submit(draft, by=clerk), by=reviewer, on=date(2025, 3, 5))
    html = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    body = html.split('<div class="item-body">')[1].split("</div>")[0]
    assert body.count("<p>") == 3 and body.count("<br>") == 2


def test_a_body_stored_as_plain_text_before_is_laid_out_in_paragraphs(draft):
    from gongkai.catalogue.models import Item

    Item.objects.filter(pk=draft.pk).update(body="第一段\n\n第二段 &amp; 附表")
    draft.refresh_from_db()
    assert str(draft.rendered_body) == "<p>第一段</p><p>第二段 &amp; 附表</p>"


def test_every_field_of_a_returned_item_can_be_corrected_and_resubmitted(
    client, draft, clerk, reviewer, township
):
    t.return_item(t.submit(draft, by=clerk), by=reviewer, reason="文号有误，分类应为“其他”")
    other = Category.objects.get(name="政府信息公开指南", agency=None)
    client.force_login(clerk)
    url = reverse("office:item", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "审核人退回：文号有误" in page and "保存修改" in page
    assert "请在下方修改后重新提交审查" in page  # the 经办人 may resubmit: the note asks her
    client.force_login(reviewer)
    assert "请在下方修改后重新提交审查" not in client.get(url).content.decode()
    client.force_login(clerk)
    response = client.post(
        url,
        form_data(
            draft,
            category=other.pk,
            document_number="青政发〔2025〕2号",
            title="低保审批结果公示（更正）",
            keywords="低保 公示",
            summary="三月低保审批结果",
            written_on="2025-03-02",
        ),
        follow=True,
    )
    assert "修改已保存" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.category, draft.document_number, draft.title) == (
        other,
        "青政发〔2025〕2号",
        "低保审批结果公示（更正）",
    )
    assert draft.written_on == date(2025, 3, 2) and draft.body.count("<p>") == 3
    t.submit(draft, by=clerk)
    client.force_login(reviewer)
    page = client.get(url).content.decode()
    # the old reason is history now: in the timeline, not above the item
    assert "审核人退回" not in page
    timeline = page.split('id="timeline-h"')[1]
    assert timeline.index("退回") < timeline.index("修改") < timeline.rindex("提交保密审查")
    assert "文号有误" in timeline and "分类、名称、文号、主题词、内容概述、成文日期" in timeline
    # the reviewer reads the metadata as the public will see it
    meta = page.split('id="meta-h"')[1].split("</table>")[0]
    for shown in (
        "青政发〔2025〕2号",
        "政府信息公开指南",
        "低保 公示",
        "2025年3月2日",
        "公开时分配",
    ):
        assert shown in meta


def test_a_submitted_or_published_item_cannot_be_edited(client, draft, clerk, reviewer):
    t.submit(draft, by=clerk)
    with pytest.raises(TransitionError, match=r"待保密审查.*不能修改"):
        t.edit_item(draft, by=clerk, title="改名")
    client.force_login(clerk)
    url = reverse("office:item", args=[draft.pk])
    response = client.post(url, form_data(draft, title="改名"), follow=True)
    assert "不能修改" in response.content.decode()
    t.approve_and_publish(draft, by=reviewer, on=date(2025, 3, 5))
    with pytest.raises(TransitionError, match=r"已公开.*不能修改"):
        t.edit_item(draft, by=clerk, title="改名")
    draft.refresh_from_db()
    assert draft.title == "低保审批结果公示" and draft.status == ItemStatus.PUBLISHED


def test_only_editors_edit_and_outsiders_get_nothing(client, draft, reviewer, outsider):
    with pytest.raises(TransitionError, match="经办人、管理员"):
        t.edit_item(draft, by=reviewer, title="改名")
    client.force_login(outsider)
    url = reverse("office:item", args=[draft.pk])
    assert client.post(url, form_data(draft, title="改名")).status_code == 404
    draft.refresh_from_db()
    assert draft.title == "低保审批结果公示"


def test_a_pasted_table_scrolls_in_its_own_region_on_the_page(draft):
    """A table wider than a phone scrolls inside a focusable region, not the whole page; what
    is stored stays the sanitised table (the feed and the API carry it unchanged)."""
    from gongkai.catalogue.models import Item

    stored = body_html(
        "<p>附表：</p><table><tr><td>甲</td><td>乙</td></tr></table><p>完</p><table></table>"
    )
    Item.objects.filter(pk=draft.pk).update(body=stored)
    draft.refresh_from_db()
    assert draft.body == stored and "region" not in stored
    assert str(draft.rendered_body) == (
        '<p>附表：</p><div class="scroll" tabindex="0" role="region"'
        ' aria-label="第1个表格（可左右滑动）">'
        "<table><tbody><tr><td>甲</td><td>乙</td></tr></tbody></table></div><p>完</p>"
        '<div class="scroll" tabindex="0" role="region" aria-label="第2个表格（可左右滑动）">'
        "<table></table></div>"
    )
