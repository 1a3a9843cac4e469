"""Check before you ask (issue 28): an application whose information the agency has already
published is answered 三（一） by 条例第三十六条第一项, and the clerk chooses the published
items instead of typing where they are. The letter, the mail and the status page name each
item with its title and public address; a withdrawn, unpublished or another agency's item is
refused; table 三 counts the reply as any other 予以公开."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from gongkai.applications import transitions as t
from gongkai.applications.letters import draft_letter
from gongkai.applications.models import Application, EventKind, LetterKind, Status
from gongkai.applications.transitions import register_application
from gongkai.reports.compute import table_three
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db

RECEIVED = date(2024, 3, 4)
REPLIED = date(2024, 3, 20)
TITLE = "2024年青石镇低保资金发放明细"


@pytest.fixture(autouse=True)
def _subjects(db):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)


@pytest.fixture
def registered(township, clerk):
    def make(**changes):
        application, code = register_application(
            township,
            by=clerk,
            channel=Channel.IN_PERSON,
            submitted_on=RECEIVED,
            today=RECEIVED,
            **{**APPLICANT, **changes},
        )
        return application, code

    return make


def _reply_by_item_one(application, clerk, items, **more):
    return t.reply(
        application,
        by=clerk,
        on=REPLIED,
        outcome="三（一）",
        text="请按下列网址查看。",
        disclosed_item="一",
        published_items=items,
        **more,
    )


def test_the_reply_links_the_chosen_items_and_records_what_the_applicant_was_told(
    registered, clerk, publish
):
    item = publish(TITLE, date(2024, 2, 1))
    application, _ = registered()
    _reply_by_item_one(application, clerk, [item])
    application.refresh_from_db()
    assert application.outcome == "三（一）"
    assert list(application.answered_with.all()) == [item]
    told = application.events.get(kind=EventKind.REPLIED).details
    assert told["article_36_item"] == "一"
    [named] = told["published_items"]
    assert (named["id"], named["title"], named["index_number"]) == (
        item.pk,
        TITLE,
        item.index_number,
    )
    assert named["url"].endswith(reverse("portal:item", args=[item.pk]))


def test_the_letter_names_each_item_with_its_title_and_public_address(registered, clerk, publish):
    first = publish(TITLE, date(2024, 2, 1))
    second = publish("2024年第一季度青石镇临时救助资金发放情况", date(2024, 2, 5))
    application, _ = registered()
    _reply_by_item_one(application, clerk, [first, second])
    body = draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=REPLIED).body
    for item in (first, second):
        link = reverse("portal:item", args=[item.pk])
        assert f"《{item.title}》（索引号：{item.index_number}），网址：" in body
        assert link in body
    # 条例第三十六条第一项, not the 第二项 of information provided on application
    assert "已经主动公开" in body
    assert "第三十六条第一项" in body and "第三十六条第二项" not in body


def test_the_reply_mail_gives_the_items_title_and_link(
    registered, clerk, publish, django_capture_on_commit_callbacks
):
    item = publish(TITLE, date(2024, 2, 1))
    application, _ = registered()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _reply_by_item_one(application, clerk, [item])
    [message] = mail.outbox
    assert f"《{TITLE}》（索引号：{item.index_number}）" in message.body
    assert reverse("portal:item", args=[item.pk]) in message.body


def test_the_status_page_links_the_published_item(client, registered, clerk, publish):
    item = publish(TITLE, date(2024, 2, 1))
    application, code = registered()
    _reply_by_item_one(application, clerk, [item])
    client.post(
        reverse("portal:lookup"),
        {"tracking_number": application.tracking_number, "query_code": code},
    )
    page = client.get(reverse("portal:status", args=[application.tracking_number])).text
    assert "您申请公开的信息已经主动公开" in page
    assert f'<a href="{reverse("portal:item", args=[item.pk])}">{TITLE}</a>' in page


def test_item_one_without_a_chosen_item_is_refused(registered, clerk):
    application, _ = registered()
    with pytest.raises(t.TransitionError, match="第三十六条第一项：请选择"):
        _reply_by_item_one(application, clerk, [], published_where="镇政务公开栏")
    application.refresh_from_db()
    assert application.status == Status.OPEN


def test_a_withdrawn_item_is_refused_with_its_withdrawal_and_the_article(
    registered, clerk, reviewer, publish
):
    from gongkai.catalogue import transitions as ct

    item = publish(TITLE, date(2024, 2, 1))
    ct.withdraw(item, by=reviewer, on=date(2024, 3, 1), reason="数据有误")
    application, _ = registered()
    with pytest.raises(t.TransitionError) as refused:
        _reply_by_item_one(application, clerk, [item])
    assert "条例第三十六条第一项" in str(refused.value)
    assert "已于2024年3月1日撤回" in str(refused.value)
    application.refresh_from_db()
    assert application.status == Status.OPEN and not application.answered_with.exists()


def test_an_unpublished_draft_is_refused(registered, township, clerk):
    from gongkai.catalogue import transitions as ct
    from gongkai.catalogue.models import Category

    draft = ct.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(name="社会救助", source="article21"),
        title=TITLE,
        formed_on=date(2024, 3, 1),
    )
    application, _ = registered()
    with pytest.raises(t.TransitionError, match=rf"条例第三十六条第一项：“{TITLE}”当前为“草稿”"):
        _reply_by_item_one(application, clerk, [draft])


def _other_agencys_item(outsider):
    """An item published by another township (the outsider's), through its own staff."""
    from gongkai.catalogue import transitions as ct
    from gongkai.catalogue.models import Category
    from gongkai.core.models import Membership, Role, User

    other = outsider.memberships.get().agency
    other_reviewer = User.objects.create_user("waixiangshenhe", password="outsider-pass-2")
    Membership.objects.create(user=other_reviewer, agency=other, role=Role.REVIEWER)
    draft = ct.create_draft(
        other,
        by=outsider,
        category=Category.objects.get(name="社会救助", source="article21"),
        title="白沙乡2024年低保资金发放明细",
        formed_on=date(2024, 2, 1),
        body="<p>正文</p>",
    )
    return ct.approve_and_publish(
        ct.submit(draft, by=outsider), by=other_reviewer, on=date(2024, 2, 1)
    )


def test_another_agencys_item_is_refused_by_the_transition(registered, clerk, outsider):
    application, _ = registered()
    with pytest.raises(t.TransitionError, match="条例第三十六条第一项：只能告知本机关"):
        _reply_by_item_one(application, clerk, [_other_agencys_item(outsider)])


def _post_reply(client, application, items):
    return client.post(
        reverse("office:application_action", args=[application.pk, "reply"]),
        {
            "reply-on": REPLIED.isoformat(),
            "reply-outcome": "三（一）",
            "reply-text": "请按下列网址查看。",
            "reply-disclosed_item": "一",
            "reply-published_items": [str(item.pk) for item in items],
            "confirmed": "yes",  # the tick an irreversible step needs
        },
        follow=True,
    )


def test_the_page_lists_published_items_and_searches_them_by_index_number(
    client, registered, clerk, reviewer, publish
):
    from gongkai.catalogue import transitions as ct

    wanted = publish(TITLE, date(2024, 2, 1))
    other = publish("青石镇2024年春耕生产工作安排", date(2024, 2, 2))
    gone = publish("青石镇2023年低保资金发放明细", date(2024, 1, 5))
    ct.withdraw(gone, by=reviewer, on=date(2024, 2, 20), reason="已更新")
    application, _ = registered()
    client.force_login(clerk)
    url = reverse("office:application", args=[application.pk])
    page = client.get(url).text
    assert f'<option value="{wanted.pk}">' in page and f'<option value="{other.pk}">' in page
    assert f'<option value="{gone.pk}">' not in page  # withdrawn: not offered
    found = client.get(url, {"item_q": wanted.index_number}).text
    assert f'<option value="{wanted.pk}">' in found
    assert f'<option value="{other.pk}">' not in found
    assert "找到 1 件" in found
    assert 'data-step="reply" open' in found  # the reply unfolded to show what was found


def test_a_hand_made_post_with_another_agencys_item_is_refused_on_the_page(
    client, registered, clerk, outsider
):
    application, _ = registered()
    client.force_login(clerk)
    response = _post_reply(client, application, [_other_agencys_item(outsider)])
    assert "条例第三十六条第一项：只能选择本机关已主动公开的信息" in response.text
    application.refresh_from_db()
    assert application.status == Status.OPEN and not application.answered_with.exists()


def test_a_hand_made_post_with_a_withdrawn_item_says_why(
    client, registered, clerk, reviewer, publish
):
    from gongkai.catalogue import transitions as ct

    item = publish(TITLE, date(2024, 2, 1))
    ct.withdraw(item, by=reviewer, on=date(2024, 3, 1), reason="数据有误")
    application, _ = registered()
    client.force_login(clerk)
    response = _post_reply(client, application, [item])
    assert "已于2024年3月1日撤回" in response.text and "第三十六条第一项" in response.text
    assert Application.objects.get(pk=application.pk).status == Status.OPEN


def test_the_page_reply_links_the_chosen_item(client, registered, clerk, publish):
    item = publish(TITLE, date(2024, 2, 1))
    application, _ = registered()
    client.force_login(clerk)
    page = _post_reply(client, application, [item]).text
    application.refresh_from_db()
    assert application.outcome == "三（一）"
    assert list(application.answered_with.all()) == [item]
    assert 'id="answered-with"' in page and TITLE in page


def test_a_reply_recorded_in_free_text_before_items_could_be_chosen_still_reads(
    registered, clerk, publish
):
    item = publish(TITLE, date(2024, 2, 1))
    application, _ = registered()
    _reply_by_item_one(application, clerk, [item])
    # a reply recorded before issue 28 named the place in free text and linked nothing: its
    # record is made here as that code wrote it
    reply = application.events.get(kind=EventKind.REPLIED)
    reply.details = {"article_36_item": "一", "published_where": "青石镇政务公开栏"}
    reply.save(update_fields=["details"])
    application.answered_with.clear()
    body = draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=REPLIED).body
    assert "已经主动公开，您可以通过青石镇政务公开栏获取" in body
    assert "第三十六条第一项" in body


def test_table_three_counts_a_reply_by_item_one_as_granted(registered, township, clerk, publish):
    item = publish(TITLE, date(2024, 2, 1))
    by_item_one, _ = registered()
    by_item_two, _ = registered(information_title="青石镇2024年村道修缮合同")
    _reply_by_item_one(by_item_one, clerk, [item])
    t.reply(by_item_two, by=clerk, on=REPLIED, outcome="三（一）", text="予以公开")
    rows = table_three(township, 2024)
    # counted by hand: two 自然人 applications received 2024-03-04, both 予以公开 (三（一）),
    # whichever item of 第三十六条 the reply cites
    assert rows["一"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["三（一）"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["三（七）"] == [2, 0, 0, 0, 0, 0, 2]


def test_a_large_agency_lists_its_newest_items_and_finds_older_ones_by_search(
    client, registered, clerk, publish, monkeypatch
):
    """A county publishes tens of thousands of items: the drop-down on every open
    application's page carries the newest ITEMS_LISTED (here two), the rest are found by
    search, and an older item chosen from a search is taken like any other."""
    from gongkai.applications import forms

    monkeypatch.setattr(forms, "ITEMS_LISTED", 2)
    oldest = publish(TITLE, date(2024, 1, 3))
    middle = publish("青石镇2024年春耕生产工作安排", date(2024, 2, 2))
    newest = publish("青石镇2024年防汛工作方案", date(2024, 2, 5))
    application, _ = registered()
    client.force_login(clerk)
    url = reverse("office:application", args=[application.pk])
    page = client.get(url).text
    assert f'<option value="{newest.pk}">' in page and f'<option value="{middle.pk}">' in page
    assert f'<option value="{oldest.pk}">' not in page
    broad = client.get(url, {"item_q": "2024年"}).text
    assert "找到 3 件，列出最新的 2 件，请缩小查找范围" in broad
    assert f'<option value="{oldest.pk}">' in client.get(url, {"item_q": "低保"}).text
    _post_reply(client, application, [oldest])
    assert list(Application.objects.get(pk=application.pk).answered_with.all()) == [oldest]
