"""Issue 22, "Done means", for the last new-object forms outside the declarations: 报送 (a
township's submission to a county column, submissions/steps.py), the county's check of
published annual reports (开始核查 and 核查已发布的年度报告, reports/check_steps.py) and the
holiday-arrangement upload (导入, core/calendar_steps.py).

Per object and role: the steps offered and those refused with their sentences; a hand-made
POST of a step not offered is refused with the same sentence and writes nothing; a transition
called directly is refused with the declaration's sentence; a bad form comes back in Chinese
with what was typed. The cast: the demo township's clerk, reviewer and administrator, the
county's administrator (县政务公开办, who supervises the township), a clerk and a reviewer of
the county made by its administrator, and a clerk of a township in another county."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalogue.models import Category, CategorySource
from gongkai.core import accounts
from gongkai.core.calendar import upload_arrangements
from gongkai.core.calendar_steps import AgencyCalendar
from gongkai.core.models import Agency, AgencyLevel, CalendarDay, Membership, Role, User
from gongkai.core.steps import step_set_of, steps_for
from gongkai.core.transitions import TransitionError
from gongkai.office.steps import route
from gongkai.reports.check_runs import Accepted, start_run
from gongkai.reports.check_steps import AgencyChecks
from gongkai.reports.models import CheckRun
from gongkai.statute.workdays import Arrangement, DayKind
from gongkai.submissions import transitions as t
from gongkai.submissions.models import Submission
from gongkai.submissions.steps import AgencySubmitting
from tests.office.step_tables import assert_offers

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 9)  # a Monday
MOMENT = "2026-03-09 09:00 +0800"
EDITORS_ONLY = "只有本机关的经办人、管理员可以办理此事项"
ADMINS_ONLY = "只有本机关的管理员可以办理此事项"
NOT_A_SUBMITTER = "只有县级人民政府所属的乡镇（街道）和县级政府部门可以报送"
NO_COUNTY = "本机关没有上级机构，无处报送"
# 条例第四十七条: the 主管部门's 日常指导和监督检查 of the agencies under it
NOTHING_UNDER_IT = (
    "核查已发布的年度报告是上级主管部门的监督检查（条例第四十七条），本机关没有下属机构"
)
NOTICE = "日期,类型,依据\n2027-01-01,放假,测试通知\n2027-02-20,上班,测试通知\n"


@pytest.fixture
def cast(township, county, clerk, reviewer, outsider):
    admin = User.objects.get(username="guanli")
    county_admin = User.objects.get(username="xian")
    made = {}
    for role, username in ((Role.CLERK, "xianjingban"), (Role.REVIEWER, "xianshenhe")):
        made[role] = accounts.create_account(
            county,
            by=county_admin,
            username=username,
            full_name=f"县政府{Role(role).label}",
            roles=[role],
            password="county-pass-12345",
        )
    return {
        "clerk": clerk,
        "reviewer": reviewer,
        "admin": admin,
        "county": county_admin,
        "county clerk": made[Role.CLERK],
        "county reviewer": made[Role.REVIEWER],
        "outsider": outsider,
    }


@pytest.fixture
def news_column(county):
    """The county's own column for townships' news (a column is configuration)."""
    return Category.objects.create(agency=county, name="乡镇动态", source=CategorySource.AGENCY)


@pytest.fixture
def department_column(county):
    """A column of a county department: not one of the county government's own."""
    department = Agency.objects.create(
        name="云岭县民政局",
        level=AgencyLevel.COUNTY_DEPARTMENT,
        parent=county,
        index_prefix="11532900MB0000002X",
    )
    return Category.objects.create(agency=department, name="民政动态", source=CategorySource.AGENCY)


@pytest.fixture
def objects(township, county, outsider):
    elsewhere = outsider.memberships.get().agency  # a township with no county above it
    return {
        "submitting": AgencySubmitting(township),
        "county submitting": AgencySubmitting(county),
        "submitting, no county": AgencySubmitting(elsewhere),
        "checks": AgencyChecks(county),
        "township checks": AgencyChecks(township),
        "calendar": AgencyCalendar(township),
        "county calendar": AgencyCalendar(county),
    }


# kind -> role -> (the steps offered, in order; {a step refused: its sentence})
TABLE = {
    "submitting": {
        "clerk": (["submit"], {}),
        "reviewer": ([], {"submit": EDITORS_ONLY}),
        "admin": (["submit"], {}),
        "county": ([], {"submit": EDITORS_ONLY}),
        "outsider": ([], {"submit": EDITORS_ONLY}),
    },
    "county submitting": {
        # the county runs the site the townships submit to: it has no one to submit to
        "county": ([], {"submit": NOT_A_SUBMITTER}),
        "county clerk": ([], {"submit": NOT_A_SUBMITTER}),
        "clerk": ([], {"submit": EDITORS_ONLY}),
    },
    "submitting, no county": {
        "outsider": ([], {"submit": NO_COUNTY}),
    },
    "checks": {
        "clerk": ([], {"upload": ADMINS_ONLY, "published": ADMINS_ONLY}),
        "reviewer": ([], {"upload": ADMINS_ONLY}),
        "admin": ([], {"upload": ADMINS_ONLY, "published": ADMINS_ONLY}),
        "county": (["upload", "published"], {}),
        "county clerk": ([], {"upload": ADMINS_ONLY, "published": ADMINS_ONLY}),
        "county reviewer": ([], {"upload": ADMINS_ONLY}),
        "outsider": ([], {"published": ADMINS_ONLY}),
    },
    "township checks": {
        "admin": ([], {"upload": NOTHING_UNDER_IT, "published": NOTHING_UNDER_IT}),
        "clerk": ([], {"upload": ADMINS_ONLY}),
    },
    "calendar": {
        "clerk": ([], {"import": ADMINS_ONLY}),
        "reviewer": ([], {"import": ADMINS_ONLY}),
        "admin": (["import"], {}),
        "county": ([], {"import": ADMINS_ONLY}),  # the township's calendar page is not his
        "outsider": ([], {"import": ADMINS_ONLY}),
    },
    "county calendar": {
        "county": (["import"], {}),
        "county clerk": ([], {"import": ADMINS_ONLY}),
        "county reviewer": ([], {"import": ADMINS_ONLY}),
        "admin": ([], {"import": ADMINS_ONLY}),
    },
}


def test_each_kind_offers_each_role_its_steps_and_says_why_not_the_others(cast, objects):
    assert_offers(TABLE, objects, cast.__getitem__, today=TODAY)


# kind, who posts, the step not offered to them, the form they send, where they are sent
POSTS = [
    ("submitting", "reviewer", "submit", "news", "office:submissions"),
    ("county submitting", "county", "submit", "news", "office:submissions"),
    ("submitting, no county", "outsider", "submit", "news", "office:submissions"),
    ("checks", "county clerk", "upload", "report", "office:home"),
    ("checks", "county reviewer", "published", "year", "office:home"),
    ("township checks", "admin", "upload", "report", "office:home"),
    ("township checks", "admin", "published", "year", "office:home"),
    ("calendar", "clerk", "import", "notice", "office:home"),
    ("calendar", "reviewer", "import", "notice", "office:home"),
]


def form_data(kind: str, news_column) -> dict:
    """A form as the page would send it, valid but for who sends it."""
    return {
        "news": {
            "kind": "news",
            "title": "青石镇开展春耕备耕",
            "body": "正文",
            "column": news_column.pk,
        },
        "report": {"files": SimpleUploadedFile("a.html", b"<html><table></table></html>")},
        "year": {"year": "2025"},
        "notice": {"file": SimpleUploadedFile("2027.csv", NOTICE.encode())},
    }[kind]


@pytest.mark.parametrize(("kind", "role", "step", "form", "back"), POSTS)
def test_a_hand_made_post_of_a_step_not_offered_is_refused_with_the_same_sentence(
    client, cast, objects, news_column, settings, tmp_path, kind, role, step, form, back
):
    settings.VAR_DIR = tmp_path  # where an upload would be stored
    target, user = objects[kind], cast[role]
    label = step_set_of(target).get(step).label
    with time_machine.travel(MOMENT, tick=False):
        sentence = steps_for(target, user, today=TODAY).refusal(step).sentence
        client.force_login(user)
        page = client.post(
            route(target).action(target, step), form_data(form, news_column), follow=True
        )
    assert page.status_code == 200
    assert page.redirect_chain[-1][0].startswith(reverse(back))
    assert f"{label}：{sentence}" in page.content.decode()
    # nothing written: no submission, no run, no calendar day; the step still refused
    assert not Submission.objects.exists()
    assert not CheckRun.objects.exists()
    assert not CalendarDay.objects.exists()
    assert steps_for(target, user, today=TODAY).refusal(step).sentence == sentence


def test_another_agencys_staff_post_finds_nothing(client, cast, township, news_column):
    """A page named for an agency the user is not staff of: 404, never a sentence about it."""
    client.force_login(cast["county"])  # supervises the township, does not submit for it
    news = form_data("news", news_column)
    new = reverse("office:submission_new") + f"?agency={township.pk}"
    assert client.get(new).status_code == 404
    assert client.post(new, news).status_code == 404
    client.force_login(cast["outsider"])
    assert client.post(new, news).status_code == 404
    county = cast["county"].memberships.get().agency
    checks = reverse("office:checks") + f"?agency={county.pk}"
    assert client.post(checks, form_data("report", news_column)).status_code == 404
    holidays = reverse("office:holidays") + f"?agency={township.pk}"
    assert client.post(holidays, form_data("notice", news_column)).status_code == 404
    assert not (Submission.objects.exists() or CheckRun.objects.exists())
    assert not CalendarDay.objects.exists()


def test_the_pages_are_shown_only_to_whom_their_step_is_open(client, cast, township, county):
    def status(role, name, agency):
        client.force_login(cast[role])
        return client.get(reverse(name) + f"?agency={agency.pk}").status_code

    assert status("clerk", "office:submission_new", township) == 200
    assert status("reviewer", "office:submission_new", township) == 404
    assert status("county", "office:submission_new", county) == 404
    assert status("county", "office:checks", county) == 200
    assert status("county clerk", "office:checks", county) == 404
    assert status("admin", "office:checks", township) == 404
    assert status("admin", "office:holidays", township) == 200
    assert status("clerk", "office:holidays", township) == 404
    # the list links to 报送 where the declaration opens it
    listing = reverse("office:submissions") + f"?agency={township.pk}"
    client.force_login(cast["clerk"])
    assert reverse("office:submission_new") in client.get(listing).content.decode()
    client.force_login(cast["reviewer"])
    assert reverse("office:submission_new") not in client.get(listing).content.decode()


def test_a_transition_called_directly_is_refused_with_the_declarations_sentence(
    cast, township, county, news_column, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    with pytest.raises(TransitionError) as refused:
        t.submit_news(
            township, by=cast["reviewer"], column=news_column, title="标题", body="正文", on=TODAY
        )
    assert str(refused.value) == EDITORS_ONLY
    with pytest.raises(TransitionError) as refused:
        start_run(
            township,
            cast["admin"],
            [Accepted("a.txt", ".txt", b"x")],
            0,
            step="upload",
            today=TODAY,
        )
    assert str(refused.value) == NOTHING_UNDER_IT
    with pytest.raises(TransitionError) as refused:
        start_run(county, cast["county clerk"], [Accepted("a.txt", ".txt", b"x")], 0, today=TODAY)
    assert str(refused.value) == ADMINS_ONLY
    new_year = [Arrangement(date(2027, 1, 1), DayKind.HOLIDAY, "测试通知")]
    with pytest.raises(TransitionError) as refused:
        upload_arrangements(township, new_year, by=cast["clerk"], today=TODAY)
    assert str(refused.value) == ADMINS_ONLY
    # a region's own holidays (放假办法第四条) only for the agency's own region
    with pytest.raises(TransitionError) as refused:
        upload_arrangements(township, new_year, by=cast["admin"], today=TODAY, region="别的州")
    assert str(refused.value) == "云岭县青石镇人民政府不属于“别的州”，不能导入该地区的节假日"
    assert not (Submission.objects.exists() or CheckRun.objects.exists())
    assert not CalendarDay.objects.exists()


def test_a_submission_to_a_column_not_of_the_county_comes_back_with_what_was_typed(
    client, cast, township, department_column
):
    client.force_login(cast["clerk"])
    with time_machine.travel(MOMENT, tick=False):
        response = client.post(
            reverse("office:submission_new") + f"?agency={township.pk}",
            {
                "kind": "news",
                "title": "青石镇开展春耕备耕",
                "body": "三月九日",
                "column": department_column.pk,
            },
        )
    text = response.content.decode()
    assert "所选栏目不是云岭县人民政府网站的栏目，请重新选择" in text
    assert 'value="青石镇开展春耕备耕"' in text and "三月九日</textarea>" in text
    assert not Submission.objects.exists()


def test_a_refused_holiday_file_keeps_the_region_chosen(client, cast, township):
    township.holiday_region = "云岭自治州"
    township.save(update_fields=["holiday_region"])
    client.force_login(cast["admin"])
    response = client.post(
        reverse("office:holidays") + f"?agency={township.pk}",
        {
            "region": "云岭自治州",
            "file": SimpleUploadedFile("州.csv", "2026-03-17,放假,\n".encode()),
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "第 1 行：缺少依据（发布放假安排的通知名称或文号）" in text
    assert '<option value="云岭自治州" selected>' in text
    assert not CalendarDay.objects.exists()


def test_an_administrator_of_two_agencies_keeps_each_calendar_on_its_own_page(
    client, cast, township, county
):
    """The page is for one agency the user administers (?agency=), else the first of them:
    a region's own holidays (放假办法第四条) are imported from that region's agency's page."""
    township.holiday_region = "云岭自治州"
    township.save(update_fields=["holiday_region"])
    # an account in two agencies is the system administrator's to make (Django's admin)
    Membership.objects.create(user=cast["county"], agency=township, role=Role.ADMIN)
    client.force_login(cast["county"])
    first = client.get(reverse("office:holidays")).content.decode()
    assert 'type="hidden" name="region"' in first  # the county's page: the whole country
    own = client.get(reverse("office:holidays") + f"?agency={township.pk}").content.decode()
    assert '<option value="云岭自治州">' in own
    regional = {"region": "云岭自治州", "file": SimpleUploadedFile("州.csv", b"2026-03-17,a,b")}
    refused = client.post(reverse("office:holidays") + f"?agency={county.pk}", regional)
    assert refused.status_code == 400
    assert "本机关不属于“云岭自治州”，不能导入该地区的节假日" in refused.content.decode()
    assert not CalendarDay.objects.exists()
