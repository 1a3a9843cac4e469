"""The citizen's side of an application: the form asks for what the chosen options need and
checks phone numbers; the status page opened from a bookmark asks for the query code; a
forgotten query code is sent again without the page telling whether an application exists."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import transitions as t
from gongkai.applications.forms import OnlineApplicationForm, normalise_phone, phone_problem
from gongkai.applications.models import Application
from tests.applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {**APPLICANT, **changes}
    return {k: str(v) for k, v in data.items()}


def apply(client, township, **changes):
    return client.post(reverse("portal:apply", args=[township.index_prefix]), form_data(**changes))


@pytest.mark.parametrize(
    "number", ["13800000000", "138 0000 0000", "+86 13912345678", "0871-12345678", "010-1234567"]
)
def test_mobile_and_landline_numbers_with_area_code_are_accepted(number):
    assert phone_problem(number) == ""


@pytest.mark.parametrize("number", ["12345", "1380000000", "12800000000", "12345678", "电话"])
def test_other_phone_numbers_are_refused(number):
    assert "手机号码" in phone_problem(number)


def test_phone_numbers_are_stored_as_people_read_them():
    assert normalise_phone("+86 138-0000-0000") == "13800000000"
    assert normalise_phone("0871 12345678") == "0871-12345678"
    assert normalise_phone("0871-12345678-205") == "0871-12345678转205"


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"phone": "12345"}, "phone", "手机号码"),
        ({"delivery_way": "post", "address": ""}, "address", "选择邮寄的，请填写通信地址"),
        ({"delivery_way": "email", "email": ""}, "email", "请填写电子邮箱"),
        (
            {
                "applicant_type": "business",
                "id_type": "credit_code",
                "id_number": "91350100M000100Y43",
            },
            "contact_person",
            "法定代表人或联系人",
        ),
        ({"applicant_type": "business"}, "id_type", "统一社会信用代码"),
        ({"provision_form": "paper", "delivery_way": "email"}, "delivery_way", "纸质材料"),
    ],
)
def test_the_form_asks_for_what_the_chosen_options_need(client, township, changes, field, says):
    response = apply(client, township, **changes)
    assert response.status_code == 200
    assert says in " ".join(response.context["form"].errors[field])
    assert not Application.objects.exists()


def test_a_company_with_its_legal_representative_applies(client, township):
    response = apply(
        client,
        township,
        applicant_type="business",
        applicant_name="云岭县青石建材有限公司（测试）",
        id_type="credit_code",
        id_number="91350100M000100Y43",
        contact_person="王经理",
    )
    assert response.status_code == 302
    assert Application.objects.get().contact_person == "王经理"


def test_the_defaults_do_not_contradict_each_other():
    """The electronic form by e-mail: a phone user who changes nothing is not told that 邮寄
    needs an address for a choice they never made."""
    form = OnlineApplicationForm()
    assert form["provision_form"].initial == "electronic"
    assert form["delivery_way"].initial == "email"


def test_the_form_states_the_upload_limit_and_how_personal_information_is_used(client, township):
    html = client.get(reverse("portal:apply", args=[township.index_prefix])).content.decode()
    assert html.index("不超过 10 MB") < html.index('type="file"')
    assert "个人信息保护法》第十七条" in html and "只用于办理本申请" in html
    for part in ("处理者", "目的", "方式", "保存期限", "您的权利"):
        assert f"{part}：" in html
    assert f"{township.name}" in html.split("处理者：")[1][:200]
    assert "保存 10 年" in html  # settings.RETENTION_YEARS, anonymised after (retention.py)


def test_a_bookmarked_status_page_asks_for_the_query_code_then_opens(client, township):
    application, code = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    url = reverse("portal:status", args=[application.tracking_number])
    asked = client.get(url, follow=True)
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "请输入申请编号和查询码" in html
    assert f'value="{application.tracking_number}"' in html  # filled in from the bookmark
    opened = client.post(
        reverse("portal:lookup"),
        {"tracking_number": application.tracking_number, "query_code": code},
        follow=True,
    )
    assert opened.request["PATH_INFO"] == url


def test_an_unknown_status_url_asks_the_same_way_and_tells_nothing(client, township):
    application, _ = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    known = client.get(reverse("portal:status", args=[application.tracking_number]))
    unknown = client.get(reverse("portal:status", args=["2024-9-99999"]))
    assert known.status_code == unknown.status_code == 302
    assert unknown.url == known.url.replace(application.tracking_number, "2024-9-99999")


def test_a_letter_url_from_another_device_asks_for_the_query_code(client, township):
    application, _ = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    url = reverse("portal:status_letter", args=[application.tracking_number, 1])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("portal:lookup"))


def resend(client, number, contact):
    return client.post(
        reverse("portal:resend_code"), {"tracking_number": number, "contact": contact}
    )


def test_a_forgotten_query_code_is_replaced_and_sent_to_the_email_on_record(
    client, township, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    cache.clear()
    application, old_code = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = resend(client, application.tracking_number, "138 0000 0000")  # the phone given
    assert "新的查询码已经发送到申请时填写的电子邮箱" in page.content.decode()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [APPLICANT["email"]]
    new_code = mailoutbox[0].body.split("新查询码是：")[1].split()[0]
    application.refresh_from_db()
    assert application.query_code_matches(new_code)
    assert not application.query_code_matches(old_code)
    cache.clear()


def test_finding_a_query_code_never_reveals_whether_an_application_exists(
    client, township, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    cache.clear()
    application, code = t.submit_online(township, today=date(2024, 9, 26), **APPLICANT)
    mailoutbox.clear()
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for number, contact in (
            ("2024-9-99999", APPLICANT["email"]),  # no such application
            (application.tracking_number, "someone@else.example"),  # not its e-mail
        ):
            page = resend(client, number, contact)
            answers.append(page.content.decode().replace(number, ""))
    assert answers[0] == answers[1]
    assert mailoutbox == []
    application.refresh_from_db()
    assert application.query_code_matches(code)  # nobody else can change the code
    cache.clear()


def test_finding_query_codes_is_limited_per_visitor(client, township):
    from django.core.cache import cache

    cache.clear()
    for _ in range(5):
        assert resend(client, "2024-9-99999", "a@b.cn").status_code == 200
    blocked = resend(client, "2024-9-99999", "a@b.cn")
    assert blocked.status_code == 429
    assert "次数过多" in blocked.content.decode()
    cache.clear()
