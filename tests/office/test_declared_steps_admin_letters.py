"""Issue 22, "Done means", for the last office pages that read `request.POST` by hand: the
administrator's settings (机关信息, 网站标识) and 告知书模板, the entry of a paper
application, and an application's 告知书 (生成草稿, 保存草稿, 出具). Per kind and role: the
steps offered and those refused with their sentences; a hand-made POST of a step not offered
refused with the same sentence; 出具 refused on the server without its tick; a long form the
step refuses comes back with what was typed. Objects are built through the real transitions
on fixed days of 2025."""

from datetime import date

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.applications.letters import draft_letter, issue_letter
from gongkai.applications.models import Application, Letter, LetterKind, LetterTemplate
from gongkai.applications.steps import AgencyIntake, AgencyLetterTemplate, ApplicationLetters
from gongkai.catalogue.channel_steps import AgencyChannels
from gongkai.catalogue.import_steps import AgencyImport
from gongkai.catalogue.models import Item
from gongkai.core import accounts
from gongkai.core.models import User
from gongkai.core.steps import step_set_of, steps_for
from gongkai.inspection.identity_settings import AgencyIdentity
from gongkai.inspection.models import SiteIdentity
from gongkai.office.steps import route
from gongkai.reports.models import AnnualReport
from gongkai.reports.steps import ReportYear
from gongkai.statute.deadlines import Channel
from tests.applications.conftest import APPLICANT
from tests.office.step_tables import assert_offers

pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 10)
MOMENT = "2025-03-10 09:00 +0800"
EDITORS_ONLY = "只有本机关的经办人、管理员可以办理此事项"
ADMINS_ONLY = "只有本机关的管理员可以办理此事项"
REVIEWERS_ONLY = "只有本机关的审核人可以办理此事项"
STAFF_ONLY = "只有本机关的经办人、审核人、管理员可以办理此事项"
GOOD_CSV = "名称,分类,发布日期\n低保对象名单,社会救助,2025-03-03\n"
TICK_ISSUE = "我已核对，出具后文书不能再修改，可下载送达申请人"
ISSUED_EDIT = "该文书当前为“已出具”，不能保存草稿"
ISSUED_ISSUE = "该文书当前为“已出具”，不能出具"


@pytest.fixture
def objects(township, clerk):
    with time_machine.travel(MOMENT, tick=False):
        application, _ = at.register_application(
            township,
            by=clerk,
            channel=Channel.IN_PERSON,
            submitted_on=date(2025, 3, 3),
            today=date(2025, 3, 3),
            **APPLICANT,
        )
        draft = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=TODAY)
        issued = draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=TODAY)
        issue_letter(issued, by=clerk, on=TODAY)
    return {
        "settings": accounts.AgencySettings(township),
        "identity": AgencyIdentity(township),
        "template": AgencyLetterTemplate(township, LetterKind.RECEIPT),
        "intake": AgencyIntake(township),
        "letters": ApplicationLetters(application),
        "draft letter": Letter.objects.get(pk=draft.pk),
        "issued letter": Letter.objects.get(pk=issued.pk),
        "report year": ReportYear(township, 2024),
        "channels": AgencyChannels(township),
        "import": AgencyImport(township),
        "report, this year": ReportYear(township, 2025),
    }


def admin_only(step):
    return {
        "admin": ([step], {}),
        "clerk": ([], {step: ADMINS_ONLY}),
        "reviewer": ([], {step: ADMINS_ONLY}),
        # the county's administrator reads the township's settings, read only
        "county": ([], {step: ADMINS_ONLY}),
        "outsider": ([], {step: ADMINS_ONLY}),
    }


def handlers_only(*steps):
    return {
        "clerk": (list(steps), {}),
        "admin": (list(steps), {}),
        "reviewer": ([], {step: EDITORS_ONLY for step in steps}),
        "county": ([], {step: EDITORS_ONLY for step in steps}),
        "outsider": ([], {step: EDITORS_ONLY for step in steps}),
    }


# kind -> role -> (the steps offered, in order; {a step refused: its sentence})
TABLE = {
    "settings": admin_only("save"),
    "identity": admin_only("save"),
    "template": admin_only("save"),
    "intake": handlers_only("register"),
    "letters": handlers_only("draft"),
    "draft letter": handlers_only("edit", "issue"),
    "issued letter": {
        "clerk": ([], {"edit": ISSUED_EDIT, "issue": ISSUED_ISSUE}),
        "reviewer": ([], {"issue": ISSUED_ISSUE}),  # the state is said before the role
    },
    "report year": handlers_only("start"),
    # an exported catalogue: editors import it for review; only a reviewer publishes at once
    "import": {
        "clerk": (["submit"], {"publish": REVIEWERS_ONLY}),
        "reviewer": (["publish"], {"submit": EDITORS_ONLY}),
        "admin": (["submit"], {"publish": REVIEWERS_ONLY}),
        "county": ([], {"submit": EDITORS_ONLY, "publish": REVIEWERS_ONLY}),
        "outsider": ([], {"publish": REVIEWERS_ONLY}),
    },
    # the publication log: anyone on the agency's staff records a post or an adoption
    "channels": {
        "clerk": (["post", "adoption"], {}),
        "reviewer": (["post", "adoption"], {}),
        "admin": (["post", "adoption"], {}),
        "county": ([], {"post": STAFF_ONLY, "adoption": STAFF_ONLY}),
        "outsider": ([], {"post": STAFF_ONLY}),
    },
    # 条例第四十九条: the report covers a whole calendar year
    "report, this year": {
        "clerk": ([], {"start": "2025年尚未结束，年度报告统计至当年12月31日"}),
        "reviewer": ([], {"start": EDITORS_ONLY}),
    },
}


def person(role, clerk, outsider):
    return {
        "clerk": clerk,
        "reviewer": User.objects.get(username="shenhe"),
        "admin": User.objects.get(username="guanli"),
        "county": User.objects.get(username="xian"),
        "outsider": outsider,
    }[role]


def test_each_kind_offers_each_role_its_steps_and_says_why_not_the_others(objects, clerk, outsider):
    assert_offers(TABLE, objects, lambda role: person(role, clerk, outsider), today=TODAY)


# kind, who posts, a step not offered to them, what else the handler reads
POSTS = [
    ("settings", "clerk", "save", {"agency-fee_payment_method": "现金"}),
    ("settings", "reviewer", "save", {}),
    ("identity", "clerk", "save", {"identity-site_code": "5300000001"}),
    ("template", "clerk", "save", {"save-body": "编号{tracking_number}"}),
    ("intake", "reviewer", "register", {"applicant_name": "某人"}),
    ("letters", "reviewer", "draft", {"draft-kind": "receipt"}),
    ("draft letter", "reviewer", "edit", {"edit-body": "改过的正文"}),
    ("draft letter", "reviewer", "issue", {"confirmed": "yes"}),
    ("issued letter", "clerk", "edit", {"edit-body": "改过的正文"}),
    ("issued letter", "clerk", "issue", {"confirmed": "yes"}),
    ("report year", "reviewer", "start", {}),
    ("report, this year", "clerk", "start", {}),
    ("import", "clerk", "publish", {"publish-file": "CSV", "confirmed": "yes"}),
    ("import", "reviewer", "submit", {"submit-file": "CSV"}),
]


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def snapshot(township):
    township.refresh_from_db()
    return (
        tuple(getattr(township, name) for name in accounts.AGENCY_FIELDS),
        list(SiteIdentity.objects.values_list("agency", "site_code")),
        list(LetterTemplate.objects.values_list("agency", "kind", "body")),
        list(Application.objects.values_list("pk", flat=True)),
        list(Letter.objects.values_list("pk", "body", "issued_on", "number")),
        list(AnnualReport.objects.values_list("pk", flat=True)),
        list(Item.objects.values_list("pk", "status")),
    )


@pytest.mark.parametrize(("kind", "role", "step", "data"), POSTS)
def test_a_hand_made_post_of_a_step_not_offered_is_refused_with_the_same_sentence(
    client, objects, township, clerk, outsider, kind, role, step, data
):
    obj = objects[kind]
    user = person(role, clerk, outsider)
    label = step_set_of(obj).get(step).label
    before = snapshot(township)
    if data.get(f"{step}-file") == "CSV":  # a file: the step is refused before it is read
        data = {**data, f"{step}-file": SimpleUploadedFile("目录.csv", GOOD_CSV.encode())}
    with time_machine.travel(MOMENT, tick=False):
        sentence = steps_for(obj, user, today=TODAY).refusal(step).sentence
        client.force_login(user)
        response = client.post(route(obj).action(obj, step), data)
    assert response.status_code == 302
    assert said(response) == [f"{label}：{sentence}"]
    assert snapshot(township) == before  # nothing changed


def test_issuing_a_letter_is_refused_on_the_server_without_its_tick(client, objects, clerk):
    letter = objects["draft letter"]
    with time_machine.travel(MOMENT, tick=False):
        client.force_login(clerk)
        page = client.get(route(letter).page(letter)).content.decode()
        assert TICK_ISSUE in page  # the page shows the tick before the button
        response = client.post(route(letter).action(letter, "issue"), {})
        assert said(response) == [f"出具不能撤销：请先勾选“{TICK_ISSUE}”，再提交"]
        assert Letter.objects.get(pk=letter.pk).issued_on is None
        response = client.post(route(letter).action(letter, "issue"), {"confirmed": "yes"})
    assert said(response)[-1] == "已出具政府信息公开申请受理回执"  # the earlier one not yet shown
    assert Letter.objects.get(pk=letter.pk).issued_on == TODAY


def test_a_refused_paper_entry_comes_back_with_what_was_typed(client, objects, township, clerk):
    """The transition's refusal (a letter cannot arrive before it was posted) is said on the
    form, and nothing the clerk typed is lost."""
    data = {k: str(v) for k, v in APPLICANT.items()}
    data.update(channel="REGISTERED_POST", submitted_on="2025-03-05", signed_on="2025-03-04")
    with time_machine.travel(MOMENT, tick=False):
        client.force_login(clerk)
        response = client.post(reverse("office:application_new"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert APPLICANT["applicant_name"] in page and APPLICANT["information_title"] in page
    assert Application.objects.count() == 1  # only the fixture's


def test_each_page_shows_exactly_the_steps_offered(client, objects, township, clerk):
    """The settings, templates, entry and application pages render what the declarations
    offer: every offered step posts to its URL; the readers who may not take it see none."""
    admin = User.objects.get(username="guanli")
    reviewer = User.objects.get(username="shenhe")
    county = User.objects.get(username="xian")
    template, settings = objects["template"], objects["settings"]
    identity, letters = objects["identity"], objects["letters"]
    draft = objects["draft letter"]
    with time_machine.travel(MOMENT, tick=False):
        client.force_login(admin)
        page = client.get(route(settings).page(settings)).content.decode()
        assert route(settings).action(settings, "save").replace("&", "&amp;") in page
        assert route(identity).action(identity, "save").replace("&", "&amp;") in page
        page = client.get(route(template).page(template)).content.decode()
        assert route(template).action(template, "save").replace("&", "&amp;") in page
        client.force_login(county)  # reads the township's pages: no step is offered
        for target in (settings, template):
            page = client.get(route(target).page(target)).content.decode()
            assert 'data-step="save"' not in page and "/step/" not in page
            assert "/office/admin/letters/receipt/" not in page
            assert "/office/admin/settings/agency/" not in page
        client.force_login(clerk)
        page = client.get(route(letters).page(letters)).content.decode()
        assert 'data-step="draft"' in page
        assert route(draft).action(draft, "issue") in page
        assert route(draft).action(draft, "edit") in page
        issued = objects["issued letter"]
        assert route(issued).action(issued, "edit") not in page
        year = objects["report year"]
        start = route(year).action(year, "start").replace("&", "&amp;")
        assert start in client.get(route(year).page(year)).content.decode()
        client.force_login(reviewer)
        assert start not in client.get(route(year).page(year)).content.decode()
        page = client.get(route(letters).page(letters)).content.decode()
        assert 'data-step="draft"' not in page and "/step/issue/" not in page
        page = client.get(reverse("office:application_new")).content.decode()
        assert 'data-step="register"' not in page
        assert f"登记：{EDITORS_ONLY}" in page


def test_a_template_saved_through_its_step_is_checked_whole(client, objects, township):
    template = objects["template"]
    client.force_login(User.objects.get(username="guanli"))
    action = route(template).action(template, "save")
    response = client.post(action, {"save-body": "编号{tracking_number}，{nonsense}"})
    assert said(response) == ["保存模板：无法识别的占位符：{nonsense}"]
    assert not LetterTemplate.objects.exists()
    response = client.post(action, {"save-body": "您的申请编号为{tracking_number}。"})
    assert said(response)[-1] == "已保存“政府信息公开申请受理回执”模板"
    response = client.post(action, {"save-body": ""})
    assert said(response)[-1] == "“政府信息公开申请受理回执”改用内置模板"
    assert not LetterTemplate.objects.exists()
