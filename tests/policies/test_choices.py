"""What the policy pages' drop-downs offer (issue 25): the 修订/废止 lists only the agency's
documents of the right kind, with no cap that hides older ones, narrowed by a search on the
server; the 征求意见稿 list only drafts not yet consulted on; 关联解读 only on a 解读, with
nothing pre-selected."""

import re
from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue.importer import import_catalogue
from gongkai.catalogue.models import Item
from gongkai.policies import forms as f
from gongkai.policies import transitions as p
from gongkai.policies.models import DocumentRelation
from tests.catalogue.files import xlsx
from tests.policies.conftest import draft, publish, registered

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 10)
HEADER = ["名称", "分类", "成文日期", "发布日期", "文号", "文件类型"]
LAW = "行政法规、规章和规范性文件"
PLANS = "突发公共事件的应急预案、预警信息及应对情况"


@pytest.fixture
def documents(township, clerk, reviewer, travel_to):
    """250 documents with a 文号 published over the years (more than the old cap of 200),
    two news items without one, and one registered 规范性文件 in force."""
    travel_to(DAY, tick=False)
    rows = []
    for n in range(250):
        year = 2000 + n // 20
        rows.append(
            [
                f"青石镇第{n}号文件",
                LAW,
                "",
                f"{year}-01-{n % 20 + 1:02d}",
                f"青政发〔{year}〕{n}号",
                "",
            ]
        )
    rows += [
        ["青石镇防汛预案", PLANS, "", "2025-06-01", "", ""],
        ["青石镇抗旱预案", PLANS, "", "2025-07-01", "", ""],
    ]
    import_catalogue(
        township, xlsx([HEADER, *rows]), "原目录.xlsx", by=reviewer, publish=True, today=DAY
    )
    record = registered(township, clerk, reviewer, "青石镇河道管理办法", effective=date(2026, 2, 2))
    return record


def test_the_newer_document_list_holds_every_document_and_no_news(township, documents):
    titles = set(f.newer_documents(township).values_list("title", flat=True))
    assert len(titles) == 251  # the 250 imported documents and the registered one
    assert "青石镇第0号文件" in titles  # published in 2000: not hidden by a cap
    assert "青石镇防汛预案" not in titles


def test_the_search_narrows_by_document_number_typed_in_full_width(township, documents):
    # 全角 digits typed on a phone find 青政发〔2000〕7号
    found = f.newer_documents(township, "青政发〔２０００〕7号")
    assert list(found.values_list("title", flat=True)) == ["青石镇第7号文件"]


def test_only_a_registered_document_in_force_may_be_amended_or_repealed(township, documents):
    assert list(f.older_documents(township, DAY)) == [documents.item]


def test_a_hand_made_post_cannot_relate_a_news_item(client, township, clerk, documents):
    news = Item.objects.get(title="青石镇防汛预案")
    client.force_login(clerk)
    response = client.post(
        reverse("office:policy_action", args=["relate"]),
        {"newer": news.pk, "older": documents.item.pk, "kind": "repeals", "on": "2026-03-10"},
        follow=True,
    )
    assert "请选择文件" in response.content.decode()
    assert not DocumentRelation.objects.exists()


def test_the_register_page_lists_all_and_searches_on_the_server(client, township, clerk, documents):
    client.force_login(clerk)
    page = client.get(reverse("office:policy_register")).content.decode()
    newer = re.search(r'<select id="rel-newer".*?</select>', page, re.S)[0]
    assert newer.count("<option") == 252  # the empty choice and 251 documents
    assert '<option value="">请选择新文件</option>' in newer and "selected" not in newer
    assert "青石镇防汛预案" not in newer
    narrowed = client.get(reverse("office:policy_register"), {"newer_q": "第249号"})
    newer = re.search(r'<select id="rel-newer".*?</select>', narrowed.content.decode(), re.S)[0]
    assert newer.count("<option") == 2 and "青石镇第249号文件" in newer


def consult(draft_item, clerk, *, starts_on=DAY):
    return p.open_consultation(
        draft_item,
        by=clerk,
        title=f"《{draft_item.title}》公开征求意见",
        starts_on=starts_on,
        ends_on=date(2026, 4, 20),
        today=DAY,
    )


def test_the_consultation_draft_list_offers_only_drafts_not_yet_consulted(
    client, township, clerk, reviewer, documents
):
    def published(title):
        return publish(draft(township, clerk, title, normative=False), clerk, reviewer, on=DAY)

    dogs = published("青石镇养犬管理办法（征求意见稿）")
    fees = published("青石镇集贸市场管理办法（草案）")
    consult(dogs, clerk)
    assert list(f.consultation_drafts(township)) == [fees]
    # a draft named otherwise is found by a search, and a consulted one never
    assert list(f.consultation_drafts(township, "第12号")) == [
        Item.objects.get(title="青石镇第12号文件")
    ]
    assert not f.consultation_drafts(township, "养犬").exists()
    assert not f.consultation_drafts(township, "河道管理").exists()  # a registered 规范性文件

    client.force_login(clerk)
    page = client.get(reverse("office:consultations")).content.decode()
    select = re.search(r'<select id="c-draft".*?</select>', page, re.S)[0]
    assert "集贸市场" in select and "养犬" not in select and "第12号" not in select
    assert '<option value="">请选择征求意见稿</option>' in select


def test_interpretation_is_offered_only_on_an_item_named_as_one_and_never_chosen(
    client, township, clerk, documents
):
    client.force_login(clerk)
    news = Item.objects.get(title="青石镇防汛预案")
    page = client.get(reverse("office:item", args=[news.pk])).content.decode()
    assert "本条是以下文件的解读" not in page
    refused = client.post(
        reverse("office:policy_item", args=[news.pk, "interpret"]),
        {"interpret-document": documents.item.pk, "interpret-form": "text"},
        follow=True,
    ).content.decode()
    assert "名称没有表明它是解读" in refused

    reading = draft(township, clerk, "《青石镇河道管理办法》政策解读", normative=False)
    page = client.get(reverse("office:item", args=[reading.pk])).content.decode()
    select = re.search(r'<select name="interpret-document".*?</select>', page, re.S)[0]
    assert "selected" in select.split("</option>")[0]  # the empty label, and nothing else
    assert select.count("selected") == 1
    assert '<option value="" selected>请选择所解读的文件</option>' in select
    assert "青石镇河道管理办法" in select


def test_the_final_document_of_a_consultation_is_chosen_among_policy_documents(township, documents):
    from gongkai.policies.steps import FinalDocumentForm

    form = FinalDocumentForm(agency=township)
    titles = set(form.fields["document"].queryset.values_list("title", flat=True))
    assert "青石镇河道管理办法" in titles and "青石镇第0号文件" in titles
    assert "青石镇防汛预案" not in titles
    assert form.fields["document"].empty_label == "请选择正式文件"
