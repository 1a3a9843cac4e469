"""The public side: ask, keep the number and code, read the answer with them; the 常见问题 list
and its search never show who asked; 找错 from any page's footer; the limits and the control
characters of every public form; check before you apply."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.interaction import transitions as t
from gongkai.interaction.models import Message
from gongkai.portal.interaction import MESSAGES_PER_HOUR
from tests.interaction.conftest import ASKED_ON, answered

pytestmark = pytest.mark.django_db
QUESTION = {
    "kind": "consult",
    "subject": "养老保险怎么缴",
    "body": "请问灵活就业人员\x0b养老保险怎么缴？",
    "name": "李四海",
    "contact": "13911112222",
}


@pytest.fixture(autouse=True)
def _on_the_day(travel_to):
    travel_to(ASKED_ON, tick=False)


def test_a_citizen_asks_and_reads_the_answer_with_number_and_code(
    client, township, clerk, reviewer
):
    response = client.post(reverse("portal:ask", args=[township.index_prefix]), QUESTION)
    message = Message.objects.get()
    assert response.url == reverse("portal:message_sent", args=[message.tracking_number])
    shown = client.get(response.url).content.decode()
    code = shown.split('id="query-code">')[1].split("<")[0]
    assert message.query_code_matches(code)
    assert message.body == "请问灵活就业人员养老保险怎么缴？"  # the control character is gone
    assert message.contact == "13911112222" and message.due_on == date(2026, 6, 17)

    answered(message, clerk, reviewer, on=ASKED_ON, text="请到镇社保所办理。")
    stranger = client.__class__()
    status = reverse("portal:message_status", args=[message.tracking_number])
    assert stranger.get(status).status_code == 302  # asked for the code first
    wrong = stranger.post(
        reverse("portal:message_lookup"),
        {"tracking_number": message.tracking_number, "query_code": "WRONG234"},
    )
    assert "留言编号或查询码不正确" in wrong.content.decode()
    right = stranger.post(
        reverse("portal:message_lookup"),
        {"tracking_number": message.tracking_number, "query_code": code},
    )
    assert right.url == status
    page = stranger.get(status).content.decode()
    assert "请到镇社保所办理。" in page
    assert "13911112222" not in page and "李四海" not in page


def test_a_refused_form_keeps_what_was_typed(client, township):
    response = client.post(
        reverse("portal:ask", args=[township.index_prefix]), {**QUESTION, "contact": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "请留下联系方式" in page and "养老保险怎么缴" in page
    assert not Message.objects.exists()


def test_the_eleventh_message_in_an_hour_from_one_address_is_refused(client, township):
    url = reverse("portal:ask", args=[township.index_prefix])
    for _ in range(MESSAGES_PER_HOUR):
        assert client.post(url, QUESTION).status_code == 302
    refused = client.post(url, QUESTION)
    assert refused.status_code == 429
    assert "过于频繁" in refused.content.decode()
    assert Message.objects.count() == MESSAGES_PER_HOUR


def test_the_faq_shows_the_published_question_and_never_the_asker(
    ask, client, township, clerk, reviewer
):
    message = ask(name="张三丰", contact="13900001111", body="张三丰问：低保标准是多少？")
    answered(message, clerk, reviewer, on=ASKED_ON, text="每人每月800元。")
    unpublished = ask(subject="未公开的问题", body="医保报销比例是多少？")
    answered(unpublished, clerk, reviewer, on=ASKED_ON, text="按规定比例。")
    t.publish_answer(message, by=reviewer, today=ASKED_ON, question="低保标准是多少？")
    url = reverse("portal:faq", args=[township.index_prefix])
    page = client.get(url).content.decode()
    assert "低保标准是多少？" in page and "每人每月800元。" in page
    assert "张三丰" not in page and "13900001111" not in page
    assert "医保报销" not in page
    assert "低保标准" in client.get(url, {"q": "低保 800"}).content.decode()
    assert "暂无" not in client.get(url, {"q": "低保"}).content.decode()
    assert "没有与“医保”相符的问答" in client.get(url, {"q": "医保"}).content.decode()
    entry = client.get(reverse("portal:faq_entry", args=[township.index_prefix, message.pk]))
    assert "每人每月800元。" in entry.content.decode()
    hidden = reverse("portal:faq_entry", args=[township.index_prefix, unpublished.pk])
    assert client.get(hidden).status_code == 404


def test_every_portal_page_links_to_the_error_form_with_its_own_address(client, township):
    page = client.get(reverse("portal:agency", args=[township.index_prefix])).content.decode()
    assert "我为政府网站找错" in page
    link = page.split("我为政府网站找错")[0].rsplit('href="', 1)[1].split('"')[0]
    assert link.startswith(reverse("portal:report_error") + "?page=")
    assert f"agency={township.index_prefix}" in link
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f"http://testserver/agency/{township.index_prefix}/" in form


def test_an_error_report_goes_to_the_agency_of_the_page(client, township):
    url = reverse("portal:report_error") + f"?agency={township.index_prefix}"
    response = client.post(
        url,
        {
            "page_url": "https://example.gov.cn/item/9/",
            "subject": "错别字",
            "body": "第二段“低保”写成了“底保”。",
            "contact": "a@example.com",
        },
    )
    assert response.status_code == 302
    report = Message.objects.get()
    assert report.kind == "error" and report.agency == township
    assert report.page_url == "https://example.gov.cn/item/9/"
    assert report.due_on == date(2026, 6, 17)  # 3 working days by default


def test_the_application_form_offers_to_check_first(client, township):
    page = client.get(reverse("portal:apply", args=[township.index_prefix])).content.decode()
    assert "先查一查" in page
    assert reverse("portal:item_suggestions", args=[township.index_prefix]) in page


def test_suggestions_list_published_items_that_match_the_title(client, township, publish):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)
    item = publish("青石镇2026年城乡低保标准", date(2026, 6, 1))
    url = reverse("portal:item_suggestions", args=[township.index_prefix])
    found = client.get(url, {"q": "低保标准"}).json()["items"]
    assert [entry["url"] for entry in found] == [reverse("portal:item", args=[item.pk])]
    assert found[0]["title"] == "青石镇2026年城乡低保标准"
    assert client.get(url, {"q": "征地"}).json() == {"items": []}
    assert client.get(url, {"q": "低"}).json() == {"items": []}  # one character: too short
