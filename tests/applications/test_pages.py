"""The office and public pages of disclosure on application, through the test client."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import transitions as t
from gongkai.applications.models import Application, Status
from gongkai.core.models import AuditEntry

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {**APPLICANT, **changes}
    return {k: str(v) for k, v in data.items()}


def test_a_citizen_applies_online_and_sees_the_code_once(
    client, township, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:apply", args=[township.index_prefix]), form_data(), follow=True
        )
    html = response.content.decode()
    application = Application.objects.get()
    assert application.tracking_number in html
    code = html.split('id="query-code">')[1].split("<")[0]
    assert application.query_code_matches(code)
    again = client.get(reverse("portal:applied", args=[application.tracking_number]))
    assert code not in again.content.decode()  # shown once only
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"id_number": "110105194912310021"}, "校验码"),
        ({"id_type": "credit_code", "id_number": "91350100M000100Y44"}, "校验码"),
        ({"phone": "", "email": "", "address": ""}, "至少填写一种联系方式"),
        ({"information_title": ""}, "这个字段是必填项"),
    ],
)
def test_a_bad_application_is_explained_in_chinese_and_not_stored(client, township, changes, says):
    response = client.post(
        reverse("portal:apply", args=[township.index_prefix]), form_data(**changes)
    )
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not Application.objects.exists()


def test_the_status_page_needs_the_code_and_never_says_which_part_was_wrong(client, township):
    application, code = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    url = reverse("portal:status", args=[application.tracking_number])
    asked = client.get(url)  # a bookmark, or another device: asks for the code
    assert asked.status_code == 302 and asked.url.startswith(reverse("portal:lookup"))
    for number, wrong in ((application.tracking_number, "WRONGCODE"), ("2024-9-99999", code)):
        page = client.post(
            reverse("portal:lookup"), {"tracking_number": number, "query_code": wrong}
        )
        assert "申请编号或查询码不正确" in page.content.decode()
    page = client.post(
        reverse("portal:lookup"),
        {"tracking_number": application.tracking_number, "query_code": code},
        follow=True,
    )
    html = page.content.decode()
    assert "待确认收到" in html
    assert APPLICANT["applicant_name"] not in html and APPLICANT["id_number"] not in html


def test_wrong_codes_are_rate_limited(client, township):
    from django.core.cache import cache

    cache.clear()
    for _ in range(10):
        client.post(reverse("portal:lookup"), {"tracking_number": "x", "query_code": "y"})
    blocked = client.post(reverse("portal:lookup"), {"tracking_number": "x", "query_code": "y"})
    assert blocked.status_code == 429
    assert "次数过多" in blocked.content.decode()
    cache.clear()


def test_the_applicant_corrects_online(client, township, clerk):
    application, code = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    t.confirm_receipt(application, by=clerk, on=date(2024, 9, 27))
    t.request_correction(
        application, by=clerk, on=date(2024, 10, 8), period_workdays=10, what="请写明年份"
    )
    client.post(
        reverse("portal:lookup"),
        {"tracking_number": application.tracking_number, "query_code": code},
    )
    url = reverse("portal:status", args=[application.tracking_number])
    assert "请写明年份" in client.get(url).content.decode()
    client.post(url, {"correction": "2024年度"})
    application.refresh_from_db()
    assert application.clock_state == "RUNNING" and application.due_on is not None


def test_the_inbox_lists_open_applications_by_due_date_and_marks_overdue(client, clerk, in_person):
    late = in_person(date(2024, 3, 4))  # due 2024-04-01: long overdue today
    client.force_login(clerk)
    html = client.get(reverse("office:inbox")).content.decode()
    assert late.tracking_number in html
    assert 'class="overdue"' in html and "已超期" in html


def test_staff_register_a_letter_and_the_date_of_receipt_is_the_signing_day(
    client, clerk, township
):
    client.force_login(clerk)
    response = client.post(
        reverse("office:application_new"),
        form_data(
            channel="REGISTERED_POST",
            submitted_on="2024-02-28",
            signed_on="2024-03-04",
            confirmed_on="",
        ),
        follow=True,
    )
    application = Application.objects.get()
    assert application.received_on == date(2024, 3, 4)
    assert "查询码" in response.content.decode()


def test_a_step_on_the_application_page_goes_through_the_transition(client, clerk, in_person):
    application = in_person(date(2024, 3, 4))
    client.force_login(clerk)
    url = reverse("office:application_action", args=[application.pk, "reply"])
    client.post(
        url,
        {
            "reply-on": "2024-03-20",
            "reply-outcome": "三（一）",
            "reply-text": "予以公开",
            "confirmed": "yes",  # the tick an irreversible step needs (issue 24 point 9)
        },
    )
    application.refresh_from_db()
    assert (application.status, application.outcome) == (Status.CONCLUDED, "三（一）")
    refused = client.post(
        url,
        {
            "reply-on": "2024-03-21",
            "reply-outcome": "三（一）",
            "reply-text": "再次答复",
            "confirmed": "yes",
        },
        follow=True,
    )
    assert "已办结" in refused.content.decode()


def test_viewing_the_applicants_data_is_audited(client, clerk, in_person):
    application = in_person(date(2024, 3, 4))
    client.force_login(clerk)
    page = client.get(reverse("office:application", args=[application.pk]))
    assert APPLICANT["id_number"] in page.content.decode()
    assert (
        AuditEntry.objects.filter(
            action="application.personal_data.viewed", object_id=str(application.pk)
        ).count()
        == 1
    )


def test_an_outsider_cannot_see_or_act_on_another_agencys_application(client, outsider, in_person):
    application = in_person(date(2024, 3, 4))
    client.force_login(outsider)
    assert client.get(reverse("office:application", args=[application.pk])).status_code == 404
    url = reverse("office:application_action", args=[application.pk, "withdraw"])
    assert client.post(url, {"withdraw-on": "2024-03-05"}).status_code == 404
    assert Application.objects.get(pk=application.pk).status == Status.OPEN


def test_a_letter_is_drafted_edited_issued_and_downloaded(client, clerk, in_person, township):
    from gongkai.applications.models import Letter

    application, code = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    t.confirm_receipt(application, by=clerk, on=date(2024, 9, 27))
    client.force_login(clerk)
    # the steps declared in applications/steps.py, their fields prefixed with the step's name
    client.post(reverse("office:letter_new", args=[application.pk]), {"draft-kind": "receipt"})
    letter = Letter.objects.get()
    edit = reverse("office:letter_update", args=[application.pk, letter.pk, "edit"])
    client.post(edit, {"edit-body": letter.body + "\n（已核对）", "save": ""})
    assert Letter.objects.get().body.endswith("（已核对）")
    issue = reverse("office:letter_update", args=[application.pk, letter.pk, "issue"])
    client.post(issue, {"issue": "", "confirmed": "yes"})
    assert Letter.objects.get().issued_on is not None
    download = client.get(reverse("office:letter_download", args=[application.pk, letter.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert download.content[:2] == b"PK"
    client.logout()
    client.post(
        reverse("portal:lookup"),
        {"tracking_number": application.tracking_number, "query_code": code},
    )
    status = client.get(reverse("portal:status", args=[application.tracking_number]))
    assert "政府信息公开申请受理回执" in status.content.decode()
    own = client.get(reverse("portal:status_letter", args=[application.tracking_number, letter.pk]))
    assert own.content == download.content


def test_the_application_page_lists_its_letters_and_offers_every_kind(client, clerk, in_person):
    from gongkai.applications.letters import draft_letter
    from gongkai.applications.models import LetterKind

    application = in_person(date(2024, 3, 4))
    draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=date(2024, 3, 4))
    client.force_login(clerk)
    html = client.get(reverse("office:application", args=[application.pk])).content.decode()
    assert "政府信息公开申请受理回执（草稿）" in html
    for _value, label in LetterKind.choices:
        assert f">{label}</option>" in html
    assert 'type="date"' in html and 'value="' in html.split('type="date"')[1][:80]


def test_an_appeal_is_recorded_and_decided_from_the_application_page(client, clerk, in_person):
    application = in_person(date(2024, 3, 4))
    t.reply(application, by=clerk, on=date(2024, 3, 20), outcome="三（三）1", text="不予公开")
    client.force_login(clerk)
    base = reverse("office:application", args=[application.pk])
    client.post(
        base + "appeal/",
        {
            "appeal-on": "2024-05-06",
            "appeal-kind": "reconsideration",
            "appeal-case_number": "云政复〔2024〕3号",
            "appeal-body": "",
        },
    )
    appeal = application.appeals.get()
    page = client.get(base).content.decode()
    assert "云政复〔2024〕3号" in page and "尚未审结" in page
    client.post(
        base + "appeal_decided/",
        {
            "appeal_decided-on": "2024-07-01",
            "appeal_decided-appeal": str(appeal.pk),
            "appeal_decided-result": "corrected",
        },
    )
    appeal.refresh_from_db()
    assert (appeal.result, appeal.decided_on) == ("corrected", date(2024, 7, 1))
