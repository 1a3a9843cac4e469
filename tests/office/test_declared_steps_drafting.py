"""Issue 22, the pages that make something new for an agency — 起草新条目 and 发起意见征集 —
and 变更时效性 on a registered 规范性文件: per role the steps offered and refused with their
sentences, and a hand-made POST of a step not offered refused with the same sentence and
nothing made or changed."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category, Item, Validity
from gongkai.catalogue.steps import AgencyDrafting
from gongkai.core.models import User
from gongkai.core.steps import steps_for
from gongkai.core.transitions import TransitionError
from gongkai.policies import transitions as p
from gongkai.policies.models import Consultation
from gongkai.policies.steps import AgencyConsultations
from tests.policies.conftest import draft, publish, registered

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 1)
# the role refusal core/steps.py words from the declared roles (catalogue and policies both
# let 经办人 and 管理员 draft: core/roles.EDITORS)
EDITORS_ONLY = "只有本机关的经办人、管理员可以办理此事项"
# what policies/transitions.py says for a registered 规范性文件 (国办发〔2018〕37号: its
# 时效性 follows the register's events — 有效期届满, 清理, a later document)
KEPT_IN_REGISTER = (
    "已登记的规范性文件的时效性在规范性文件登记簿中变更：有效期届满的，在登记簿宣布失效；"
    "需要提前停止执行的，以废止或替代它的新文件记录文件关系，或在规范性文件清理中公布废止"
    "（国办发〔2018〕37号）"
)


@pytest.fixture
def cast(township, clerk, reviewer, outsider):
    """Each reader of the demo township's pages and what they are."""
    return {
        "clerk": clerk,
        "admin": User.objects.get(username="guanli"),
        "reviewer": reviewer,
        "county supervisor": User.objects.get(username="xian"),
        "another agency's clerk": outsider,
    }


def offered_and_refused(target, cast) -> dict[str, tuple[list[str], str]]:
    """Per reader: the steps offered on `target` today, and the first refusal's sentence."""
    table = {}
    for who, user in cast.items():
        offer = steps_for(target, user, today=TODAY)
        table[who] = (offer.names, offer.refused[0].sentence if offer.refused else "")
    return table


# ---------------------------------------------------------------- 起草新条目


def test_drafting_is_offered_to_the_clerk_and_the_administrator_only(township, cast):
    assert offered_and_refused(AgencyDrafting(township), cast) == {
        "clerk": (["draft"], ""),
        "admin": (["draft"], ""),
        "reviewer": ([], EDITORS_ONLY),
        # the county administrator supervises the township: reading, never drafting for it
        "county supervisor": ([], EDITORS_ONLY),
        "another agency's clerk": ([], EDITORS_ONLY),
    }


def _new_item(category) -> dict:
    return {
        "category": category.pk,
        "title": "9月低保发放公示",
        "formed_on": "2026-09-01",
        "body": "<p>正文</p>",
        "document_kind": "other",
    }


@time_machine.travel("2026-09-01 09:00 +0800", tick=False)
def test_a_hand_made_draft_by_the_reviewer_is_refused_with_the_pages_sentence(
    client, township, clerk, reviewer
):
    category = Category.objects.get(name="社会救助", source="article21")
    url = reverse("office:item_new") + f"?agency={township.pk}"
    client.force_login(reviewer)
    page = client.get(url).content.decode()
    assert f"起草新条目：{EDITORS_ONLY}" in page and 'data-step="draft"' not in page
    before = Item.objects.count()
    after = client.post(url, _new_item(category), follow=True).content.decode()
    assert f"起草新条目：{EDITORS_ONLY}" in after
    assert Item.objects.count() == before
    # a caller that skips the page is refused by the transition too
    with pytest.raises(TransitionError):
        ct.create_draft(township, by=reviewer, category=category, title="x", body="")

    client.force_login(clerk)
    assert 'data-step="draft"' in client.get(url).content.decode()
    response = client.post(url, _new_item(category), follow=True)
    item = Item.objects.get(title="9月低保发放公示")
    assert response.redirect_chain[-1][0] == reverse("office:item", args=[item.pk])
    assert "草稿已保存" in response.content.decode()
    assert (item.agency, item.created_by, item.status) == (township, clerk, "draft")


@time_machine.travel("2026-09-01 09:00 +0800", tick=False)
def test_a_draft_the_form_refuses_comes_back_with_what_was_typed(client, township, clerk):
    client.force_login(clerk)
    url = reverse("office:item_new") + f"?agency={township.pk}"
    before = Item.objects.count()
    page = client.post(url, {"title": "没有选分类的草稿", "formed_on": "2026-09-01"})
    assert page.status_code == 200  # the page again, not a redirect that loses the text
    assert 'value="没有选分类的草稿"' in page.content.decode()
    assert Item.objects.count() == before


# ---------------------------------------------------------------- 发起意见征集


@pytest.fixture
def consultation_draft(township, clerk, reviewer):
    return publish(draft(township, clerk, "乙办法（征求意见稿）", normative=False), clerk, reviewer)


def test_opening_a_consultation_is_offered_to_the_clerk_and_the_administrator_only(township, cast):
    assert offered_and_refused(AgencyConsultations(township), cast) == {
        "clerk": (["start"], ""),
        "admin": (["start"], ""),
        "reviewer": ([], EDITORS_ONLY),
        "county supervisor": ([], EDITORS_ONLY),
        "another agency's clerk": ([], EDITORS_ONLY),
    }


def _consultation(draft_item) -> dict:
    return {
        "draft": draft_item.pk,
        "title": "乙办法征求意见",
        "starts_on": "2026-09-01",
        "ends_on": "2026-10-08",  # 37 days (民法典第二百零一条: the start day not counted)
    }


@time_machine.travel("2026-09-01 09:00 +0800", tick=False)
def test_a_hand_made_consultation_by_the_reviewer_is_refused_with_the_pages_sentence(
    client, township, clerk, reviewer, cast, consultation_draft
):
    url = reverse("office:consultations") + f"?agency={township.pk}"
    client.force_login(reviewer)
    page = client.get(url).content.decode()
    assert f"发起意见征集：{EDITORS_ONLY}" in page and 'data-step="start"' not in page
    after = client.post(url, _consultation(consultation_draft), follow=True).content.decode()
    assert f"发起意见征集：{EDITORS_ONLY}" in after
    assert not Consultation.objects.exists()
    with pytest.raises(TransitionError, match=EDITORS_ONLY[:6]):
        p.open_consultation(
            consultation_draft,
            by=reviewer,
            title="乙办法征求意见",
            starts_on=TODAY,
            ends_on=date(2026, 10, 8),
            today=TODAY,
        )

    # the supervising county reads the list; a POST of its own makes nothing
    client.force_login(cast["county supervisor"])
    page = client.get(url).content.decode()
    assert "发起意见征集" not in page
    assert client.post(url, _consultation(consultation_draft)).status_code == 404

    client.force_login(clerk)
    assert 'data-step="start"' in client.get(url).content.decode()
    response = client.post(url, _consultation(consultation_draft), follow=True)
    made = Consultation.objects.get()
    assert response.redirect_chain[-1][0] == reverse("office:consultation", args=[made.pk])
    assert "已发起意见征集" in response.content.decode()
    assert (made.draft, made.starts_on, made.ends_on) == (
        consultation_draft,
        TODAY,
        date(2026, 10, 8),
    )


@time_machine.travel("2026-09-01 09:00 +0800", tick=False)
def test_a_consultation_form_with_no_draft_is_refused_in_chinese(client, township, clerk):
    client.force_login(clerk)
    url = reverse("office:consultations") + f"?agency={township.pk}"
    data = {"draft": "x", "title": "t", "starts_on": "2026-09-01", "ends_on": "2026-10-08"}
    page = client.post(url, data, follow=True).content.decode()
    assert "发起意见征集：请选择文件" in page
    assert not Consultation.objects.exists()


# ---------------------------------------------------------------- 变更时效性, registered or not


@time_machine.travel("2026-09-01 09:00 +0800", tick=False)
def test_a_registered_documents_validity_is_changed_in_the_register_only(
    client, township, cast, clerk, reviewer
):
    record = registered(
        township, clerk, reviewer, "丙办法", effective=date(2026, 4, 1), valid_until=None
    )
    item = record.item
    notice = publish(draft(township, clerk, "丁通知", normative=False), clerk, reviewer)
    for who in ("clerk", "admin"):
        # the editors' 变更时效性: offered on a notice, refused on the registered document
        assert "validity" in steps_for(notice, cast[who], today=TODAY).names
        offer = steps_for(item, cast[who], today=TODAY)
        assert "validity" not in offer.names
        assert offer.refusal("validity").sentence == KEPT_IN_REGISTER
    for who in ("reviewer", "county supervisor", "another agency's clerk"):
        offer = steps_for(item, cast[who], today=TODAY)
        assert offer.refusal("validity").sentence == EDITORS_ONLY

    client.force_login(clerk)
    page = client.get(reverse("office:item", args=[item.pk])).content.decode()
    assert f"变更时效性：{KEPT_IN_REGISTER}" in page
    assert 'data-step="validity"' not in page
    url = reverse("office:item_action", args=[item.pk, "validity"])
    for validity in ("repealed", "expired"):
        data = {"validity-validity": validity, "validity-on": "2026-09-01"}
        after = client.post(url, data, follow=True).content.decode()
        assert f"变更时效性：{KEPT_IN_REGISTER}" in after
    item.refresh_from_db()
    assert item.validity == Validity.VALID
    # the notice's own decision still works from its page
    url = reverse("office:item_action", args=[notice.pk, "validity"])
    client.post(url, {"validity-validity": "expired", "validity-on": "2026-09-01"})
    notice.refresh_from_db()
    assert (notice.validity, notice.validity_changed_on) == (Validity.EXPIRED, TODAY)


@time_machine.travel("2026-09-01 09:00 +0800", tick=False)
def test_the_register_takes_expiry_by_the_entry_the_form_names(client, township, clerk, outsider):
    # a register entry of another agency, or no entry, is not found (not a 500, not a step)
    client.force_login(clerk)
    url = reverse("office:policy_action", args=["expire"]) + f"?agency={township.pk}"
    for record in ("x", "", "999999"):
        assert client.post(url, {"record": record, "confirmed": "yes"}).status_code == 404


# ---------------------------------------------------------------- the register page's own steps

ADMIN_ONLY = "只有本机关的管理员可以办理此事项"


def test_the_register_page_offers_each_reader_its_steps(township, cast):
    from gongkai.policies.steps import AgencyPolicyRegister

    editors = ["register", "relate", "cleanup"]
    assert offered_and_refused(AgencyPolicyRegister(township), cast) == {
        "clerk": (editors, ADMIN_ONLY),  # the settings are the administrator's
        "admin": ([*editors, "settings"], ""),
        "reviewer": ([], EDITORS_ONLY),
        "county supervisor": ([], EDITORS_ONLY),
        "another agency's clerk": ([], EDITORS_ONLY),
    }


@time_machine.travel("2026-09-01 09:00 +0800", tick=False)
def test_hand_made_posts_to_the_register_are_refused_with_the_pages_sentence(
    client, township, clerk, reviewer, cast
):
    from gongkai.policies.models import CleanupBatch, PolicySettings

    register = reverse("office:policy_register") + f"?agency={township.pk}"

    def action(name):
        return reverse("office:policy_action", args=[name]) + f"?agency={township.pk}"

    client.force_login(reviewer)
    page = client.get(register).content.decode()
    assert f"开始清理：{EDITORS_ONLY}" in page and 'data-step="cleanup"' not in page
    after = client.post(action("cleanup"), {"title": "审核人的清理"}, follow=True)
    assert f"开始清理：{EDITORS_ONLY}" in after.content.decode()
    assert not CleanupBatch.objects.exists()

    client.force_login(clerk)
    page = client.get(register).content.decode()
    assert f"保存设置：{ADMIN_ONLY}" in page and 'data-step="settings"' not in page
    assert 'data-step="cleanup"' in page and 'data-step="relate"' in page
    settings = {"require_sync": "on", "sync_grace_workdays": "5"}
    after = client.post(action("settings"), settings, follow=True).content.decode()
    assert f"保存设置：{ADMIN_ONLY}" in after
    assert not PolicySettings.objects.filter(agency=township, sync_grace_workdays=5).exists()
    # the transition refuses a caller that skips the page with the same sentence
    with pytest.raises(TransitionError):
        p.configure(township, by=clerk, require_sync=True, sync_grace_workdays=5)

    client.force_login(cast["admin"])
    client.post(action("settings"), settings)
    assert PolicySettings.objects.get(agency=township).sync_grace_workdays == 5
    response = client.post(action("cleanup"), {"title": "2026年度清理"}, follow=True)
    batch = CleanupBatch.objects.get()
    assert response.redirect_chain[-1][0] == reverse("office:policy_cleanup", args=[batch.pk])
    assert (batch.title, batch.started_on) == ("2026年度清理", TODAY)
    # nothing named, or a step nobody declared: refused in Chinese, or not found
    after = client.post(action("relate"), {"newer": "", "older": "x"}, follow=True)
    assert "记录文件关系：请选择文件" in after.content.decode()
    assert client.post(action("nonsense")).status_code == 404


def test_the_items_list_links_to_drafting_and_importing_for_whom_they_are_open(
    client, township, cast
):
    # 导入并直接公开 is the reviewer's (catalogue/import_steps.py): she is shown the way in
    url = reverse("office:items") + f"?agency={township.pk}"
    shown = {}
    for who, user in cast.items():
        client.force_login(user)
        response = client.get(url)
        page = response.content.decode() if response.status_code == 200 else ""
        shown[who] = (
            response.status_code,
            "起草新信息</a>" in page,
            "导入已公开的目录</a>" in page,
        )
    assert shown == {
        "clerk": (200, True, True),
        "admin": (200, True, True),
        "reviewer": (200, False, True),
        "county supervisor": (200, False, False),  # reads the township's list only
        "another agency's clerk": (404, False, False),
    }
