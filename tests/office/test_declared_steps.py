"""Issue 22: what may happen next is declared once (core/steps.py and each app's steps.py).
Per object kind and role, the steps offered and the steps refused with their sentences; a
hand-made POST of a step not offered is refused with the sentence the page shows; an
irreversible step posted without its tick is refused on the server and nothing changes."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.applications.models import Status
from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category, ItemStatus
from gongkai.core.transitions import TransitionError
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db
MONDAY = date(2025, 3, 3)  # received on a Monday; 20 working days end on 31 March 2025


@pytest.fixture
def application(township, clerk):
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=Channel.IN_PERSON,
        submitted_on=MONDAY,
        today=MONDAY,
        **APPLICANT,
    )
    return application


def offered(obj, user, today):
    return obj.steps_for(user, today=today).names


def refused(obj, user, today):
    return {r.step: r.sentence for r in obj.steps_for(user, today=today).refused}


def test_an_open_application_offers_the_clerk_her_steps_and_the_reviewer_none(
    application, clerk, reviewer
):
    today = date(2025, 3, 10)
    assert offered(application, clerk, today) == [
        "reply",
        "correction",
        "extension",
        "consultation",
        "fee_notice",
        "reasons",
        "withdraw",
    ]
    why = refused(application, clerk, today)
    assert why["approve_extension"] == "只有本机关的审核人可以办理此事项"
    assert why["confirm"] == "申请当前为“办理中”，不能确认收到"
    assert why["corrected"] == "申请当前计时中，不能登记补正"
    # issue 25: nothing anybody did asks for these
    assert why["consultation_end"] == "申请当前计时中，不能收到意见"
    assert why["reasons_answer"] == "条例第三十五条：尚未要求申请人说明理由"
    assert why["later_date"].startswith("条例第三十五条：须先要求申请人说明理由")
    assert offered(application, reviewer, today) == []
    assert refused(application, reviewer, today)["approve_extension"] == "没有待批准的延期申请"


def test_an_extension_waits_for_another_reviewer_and_is_not_offered_when_overdue(
    application, clerk, reviewer, township
):
    at.request_extension(application, by=clerk, on=date(2025, 3, 10), workdays=5, reason="调档")
    assert offered(application, reviewer, date(2025, 3, 11)) == ["approve_extension"]
    assert "extension" not in offered(application, clerk, date(2025, 3, 11))
    assert refused(application, clerk, date(2025, 3, 11))["extension"] == "已有待批准的延期申请"
    # the 20 working days from Monday 3 March 2025 end on Monday 31 March (no holiday between)
    late = refused(application, reviewer, date(2025, 4, 1))["approve_extension"]
    assert late.startswith("条例第三十三条第二款") and "2025年3月31日" in late


def test_no_extension_is_offered_on_an_overdue_application(application, clerk):
    assert "extension" in offered(application, clerk, date(2025, 3, 31))
    why = refused(application, clerk, date(2025, 4, 1))["extension"]
    assert why == (
        "条例第三十三条第二款：延长答复期限须在20个工作日的答复期限内（至2025年3月31日）"
        "经批准并告知申请人；期限已过，不能延期"
    )


def test_receiving_opinions_is_offered_only_during_a_consultation(application, clerk):
    at.start_consultation(application, by=clerk, on=date(2025, 3, 5), kind=at.PauseKind.THIRD_PARTY)
    today = date(2025, 3, 6)
    assert offered(application, clerk, today) == ["reply", "consultation_end", "withdraw"]
    assert refused(application, clerk, today)["payment"] == "该申请没有待缴的信息处理费"


def test_the_transition_refuses_what_the_declaration_refuses(application, clerk):
    with pytest.raises(TransitionError, match="条例第三十五条：尚未要求申请人说明理由"):
        at.record_reasons(application, by=clerk, on=date(2025, 3, 5), silent=True)


@time_machine.travel("2025-03-10 09:00 +0800", tick=False)
def test_a_hand_made_post_of_a_step_not_offered_is_refused_with_the_pages_sentence(
    client, application, clerk
):
    client.force_login(clerk)
    url = reverse("office:application_action", args=[application.pk, "reasons_answer"])
    response = client.post(url, {"reasons_answer-on": "2025-03-10", "reasons_answer-silent": "on"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "登记申请人说明理由情况（第三十五条）：条例第三十五条：尚未要求申请人说明理由" in page
    assert not application.events.filter(kind="reasons_answered").exists()


@time_machine.travel("2025-03-10 09:00 +0800", tick=False)
def test_a_reply_without_the_tick_is_refused_on_the_server_and_nothing_changes(
    client, application, clerk
):
    client.force_login(clerk)
    url = reverse("office:application_action", args=[application.pk, "reply"])
    fields = {"reply-on": "2025-03-10", "reply-outcome": "三（一）", "reply-text": "予以公开"}
    response = client.post(url, fields, follow=True)
    assert "答复不能撤销：请先勾选“我已核对：答复后本申请即告办结" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.OPEN and not application.events.filter(kind="replied")
    client.post(url, {**fields, "confirmed": "yes"})
    application.refresh_from_db()
    assert application.status == Status.CONCLUDED


@pytest.fixture
def submitted(township, clerk):
    category = Category.objects.get(name="社会救助", source="article21")
    item = ct.create_draft(
        township, by=clerk, category=category, title="低保公示", formed_on=MONDAY
    )
    return ct.submit(item, by=clerk)


def test_an_item_offers_each_role_its_steps(submitted, clerk, reviewer):
    today = date(2025, 3, 10)
    assert offered(submitted, clerk, today) == []
    assert refused(submitted, clerk, today)["publish"] == "只有本机关的审核人可以办理此事项"
    assert refused(submitted, clerk, today)["submit"] == "该信息当前为“待保密审查”，不能提交审查"
    # no personal data was found: nothing to redact or confirm
    assert offered(submitted, reviewer, today) == ["publish", "return"]
    assert refused(submitted, reviewer, today)["redact"] == "未发现个人信息，无需脱敏"
    published = ct.approve_and_publish(submitted, by=reviewer, on=today)
    assert offered(published, clerk, today) == ["validity", "withdraw", "correct"]  # issue 25
    assert offered(published, reviewer, today) == ["withdraw"]


def test_publishing_without_the_tick_is_refused_and_the_item_stays_submitted(
    client, submitted, reviewer
):
    client.force_login(reviewer)
    url = reverse("office:item_action", args=[submitted.pk, "publish"])
    response = client.post(url, follow=True)
    assert "审核通过并公开不能撤销：请先勾选" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == ItemStatus.SUBMITTED and not submitted.index_number
    client.post(url, {"confirmed": "yes"})
    submitted.refresh_from_db()
    assert submitted.status == ItemStatus.PUBLISHED


def test_a_hand_made_publish_by_the_drafter_is_refused_with_the_pages_sentence(
    client, submitted, reviewer
):
    submitted.created_by = reviewer  # as if the reviewer had drafted it herself
    submitted.save(update_fields=["created_by"])
    client.force_login(reviewer)
    page = client.get(reverse("office:item", args=[submitted.pk])).content.decode()
    sentence = "审核通过并公开：保密审查须由起草人以外的审核人进行"
    assert sentence in page
    url = reverse("office:item_action", args=[submitted.pk, "publish"])
    after = client.post(url, {"confirmed": "yes"}, follow=True).content.decode()
    assert sentence in after
    submitted.refresh_from_db()
    assert submitted.status == ItemStatus.SUBMITTED


@time_machine.travel("2026-09-01 09:00 +0800", tick=False)
def test_a_normative_document_is_not_declared_expired_before_its_period_ends(
    client, township, clerk, reviewer
):
    from tests.policies.conftest import registered

    record = registered(
        township,
        clerk,
        reviewer,
        "甲办法",
        effective=date(2026, 4, 1),
        valid_until=date(2027, 3, 31),
    )
    sentence = (
        "该文件有效期至2027年3月31日，尚在有效期内，不能宣布失效（国办发〔2018〕37号及本省规定："
        "有效期届满未重新制发的才失效）；需要提前停止执行的，请以新文件废止或修改它（记录文件关系），"
        "或在规范性文件清理中宣布失效或废止"
    )
    assert record.steps_for(clerk, today=date(2026, 9, 1)).refusal("expire").sentence == sentence
    assert record.steps_for(clerk, today=date(2027, 4, 1)).names == ["expire"]
    # the rule lived only in the office view: a caller that skips the page is refused too
    with pytest.raises(TransitionError, match="尚在有效期内"):
        from gongkai.policies.transitions import declare_expired

        declare_expired(record, by=clerk, today=date(2026, 9, 1))
    client.force_login(clerk)
    register = reverse("office:policy_register") + f"?agency={township.pk}"
    assert "宣布失效</button>" not in client.get(register).content.decode()
    url = reverse("office:policy_action", args=["expire"]) + f"?agency={township.pk}"
    after = client.post(url, {"record": record.pk, "confirmed": "yes"}, follow=True)
    assert f"宣布失效：{sentence}" in after.content.decode()
    record.item.refresh_from_db()
    assert record.item.validity == "valid"
    # nor through the item page's own 变更时效性 (issue 23): a registered document's 时效性
    # changes in the register only, and the item page says so
    url = reverse("office:item_action", args=[record.item.pk, "validity"])
    data = {"validity-validity": "expired", "validity-on": "2026-09-01"}
    after = client.post(url, data, follow=True).content.decode()
    assert "变更时效性：已登记的规范性文件的时效性在规范性文件登记簿中变更" in after
    record.item.refresh_from_db()
    assert record.item.validity == "valid"


@time_machine.travel("2027-04-02 09:00 +0800", tick=False)
def test_declaring_expiry_after_the_period_needs_the_tick(client, township, clerk, reviewer):
    from tests.policies.conftest import registered

    record = registered(
        township,
        clerk,
        reviewer,
        "乙办法",
        effective=date(2026, 4, 1),
        valid_until=date(2027, 3, 31),
    )
    client.force_login(clerk)
    register = reverse("office:policy_register") + f"?agency={township.pk}"
    assert "宣布失效</button>" in client.get(register).content.decode()
    url = reverse("office:policy_action", args=["expire"]) + f"?agency={township.pk}"
    refused = client.post(url, {"record": record.pk}, follow=True).content.decode()
    assert "宣布失效不能撤销：请先勾选" in refused
    record.item.refresh_from_db()
    assert record.item.validity == "valid"
    client.post(url, {"record": record.pk, "confirmed": "yes"})
    record.item.refresh_from_db()
    assert record.item.validity == "expired"


def test_the_workbench_asks_the_declaration_what_waits_for_the_reviewer(
    client, application, clerk, reviewer
):
    at.request_extension(application, by=clerk, on=date(2025, 3, 10), workdays=5, reason="调档")
    line = "延期 5 个工作日待批准"
    client.force_login(reviewer)
    with time_machine.travel("2025-03-11 09:00 +0800", tick=False):
        assert line in client.get(reverse("office:home")).content.decode()
    # after the ordinary 20 working days (to 31 March) approve_extension is refused
    # (条例第三十三条第二款), so nothing waits for the reviewer any more
    with time_machine.travel("2025-04-01 09:00 +0800", tick=False):
        assert line not in client.get(reverse("office:home")).content.decode()
    client.force_login(clerk)  # she asked, and approving is a reviewer's step
    with time_machine.travel("2025-03-11 09:00 +0800", tick=False):
        assert line not in client.get(reverse("office:home")).content.decode()
