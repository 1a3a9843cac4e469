"""Check before you ask, in the clerk's hands (issue 28): an application for information the
township has already published is answered 三（一） by 条例第三十六条第一项 — the clerk finds the
item by its 索引号, chooses it in the reply, and the page names what the applicant was told. At
a desk and on a 390 px phone, axe-clean."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.core.models import User
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MORNING = date(2026, 12, 2)  # an ordinary Wednesday
TITLE = "青石镇2026年11月城乡低保资金发放明细"


@pytest.fixture
def township(db, travel_to):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.core.demo import load_demo

    travel_to(MORNING)
    seed_statutory_subjects(Category)  # a transactional test before may have flushed them
    return load_demo()


def test_the_clerk_answers_with_the_published_item_she_found(
    live_server, screen, township, publish
):
    item = publish(TITLE, date(2026, 11, 25))
    application, _ = at.register_application(
        township,
        by=User.objects.get(username="jingban"),
        channel=Channel.IN_PERSON,
        submitted_on=date(2026, 11, 30),
        today=date(2026, 11, 30),
        **{**APPLICANT, "information_title": "11月低保资金发放明细"},
    )
    base = live_server.url
    log_in(screen, base, "jingban")
    screen.goto(base + reverse("office:application", args=[application.pk]))
    search = screen.get_by_role("search", name="查找已主动公开的信息")
    search.get_by_role("searchbox").fill(item.index_number)
    search.get_by_role("button", name="查找").click()
    screen.wait_for_load_state()
    assert screen.locator("#item-q-found").inner_text() == "找到 1 件"
    reply = screen.locator("details.action[data-step='reply']")
    assert reply.get_attribute("open") is not None  # unfolded to show what was found
    reply.get_by_label("答复结果").select_option(label="（一）予以公开")
    reply.get_by_label("答复内容").fill("您申请的信息本机关已主动公开。")
    reply.get_by_label("予以公开的依据（仅“予以公开”）").select_option(value="一")
    reply.get_by_label("已主动公开的信息（第一项，可多选）").select_option(value=str(item.pk))
    reply.get_by_label("答复后本申请即告办结").check()
    screen.checked("reply-chosen")
    reply.get_by_role("button", name="答复").click()
    screen.wait_for_load_state()
    told = screen.locator("#answered-with").inner_text()
    assert (
        told == f"告知的已公开信息（条例第三十六条第一项）：{TITLE}（索引号：{item.index_number}）"
    )
    screen.checked("replied")
