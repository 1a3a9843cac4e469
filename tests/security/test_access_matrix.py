"""Every URL of the portal, the office and the API, for every role: anonymous, the applicant
holding a query code, the township's clerk, reviewer and administrator, staff of another
agency, and the county administrator above the township. The URLs come from the URL
configuration, so a URL added without a rule here fails the test."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from gongkai.applications import transitions as at
from gongkai.applications.letters import draft_letter, issue_letter
from gongkai.applications.models import LetterKind
from gongkai.catalogue import transitions as ct
from gongkai.catalogue.models import Category
from gongkai.core.models import User
from gongkai.reports import transitions as rt
from tests.applications.conftest import APPLICANT
from tests.catalogue.files import pdf_with_text
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "applicant", "clerk", "reviewer", "admin", "outsider", "county")
OWN = ("clerk", "reviewer", "admin")
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass(frozen=True)
class Rule:
    """Who may GET the URL; everyone else is refused (a login redirect for the anonymous
    in the office, 404 elsewhere — never a hint that the object exists)."""

    allowed: tuple[str, ...]
    # a GET is refused with 405 whoever asks; what matters is that no one outside `allowed`
    # can POST (the allowed roles' POSTs are the workflow tests' business: they change state)
    post_only: bool = False
    # the allowed roles are sent on with 302 (a switch that goes back to the page it was on)
    redirects: bool = False


EVERYONE = Rule(ROLES)
STAFF = Rule((*OWN, "outsider", "county"))
OWN_AGENCY = Rule(OWN)
OWN_OR_SUPERVISOR = Rule((*OWN, "county"))
APPLICANT_ONLY = Rule(("applicant",))
# a message's own pages (issue 28): shown only to the browser that sent it or gave its query
# code — the applicant's code for an application opens nothing here
ASKER_ONLY = Rule(())
SENDER_ONLY = Rule(())
RULES = {
    "portal:home": EVERYONE,
    "portal:agency": EVERYONE,
    "portal:apply": EVERYONE,
    "portal:items": EVERYONE,
    "portal:guide": EVERYONE,
    "portal:rules": EVERYONE,
    "portal:standards": EVERYONE,
    "portal:handling": EVERYONE,
    "portal:site_map": EVERYONE,
    "portal:care": Rule(ROLES, redirects=True),
    "portal:reports": EVERYONE,
    "portal:report": EVERYONE,
    "portal:report_illustrated": EVERYONE,
    "portal:report_download": EVERYONE,
    "portal:feed": EVERYONE,
    "portal:item": EVERYONE,
    "portal:attachment": EVERYONE,
    "portal:search": EVERYONE,
    "portal:lookup": EVERYONE,
    "portal:resend_code": EVERYONE,
    "portal:applied": APPLICANT_ONLY,
    "portal:status": APPLICANT_ONLY,
    "portal:status_letter": APPLICANT_ONLY,
    "office:login": Rule(("anonymous", "applicant")),  # staff are sent on to the office
    "office:logout": Rule(ROLES, post_only=True),
    "office:home": STAFF,
    "office:password_change": STAFF,
    "office:items": OWN_OR_SUPERVISOR,
    "office:item_new": OWN_AGENCY,
    "office:item": OWN_OR_SUPERVISOR,
    "office:import": OWN_AGENCY,
    "office:import_template": OWN_AGENCY,
    "office:item_attachment_add": Rule(OWN, post_only=True),
    "office:item_attachment": OWN_OR_SUPERVISOR,
    "office:item_attachment_remove": Rule(OWN, post_only=True),
    "office:item_action": Rule(OWN, post_only=True),
    "office:channels": OWN_AGENCY,
    "office:channel_import": OWN_AGENCY,
    "office:standards": OWN_OR_SUPERVISOR,
    "office:standards_register": OWN_AGENCY,
    "office:standards_import": OWN_AGENCY,
    "office:standards_guide": OWN_AGENCY,
    "office:standards_workpoints": OWN_AGENCY,
    "office:standards_item": OWN_AGENCY,
    "office:standards_application": OWN_AGENCY,
    "office:monthly": OWN_OR_SUPERVISOR,
    # the holiday calendar every period is counted in: agency administrators only (issue 23)
    "office:holidays": Rule(("admin", "county")),
    # the administrator's own office (issue 25): staff accounts, settings, letter templates
    "office:admin_staff": Rule(("admin", "county")),
    "office:admin_settings": Rule(("admin", "county")),
    "office:admin_letters": Rule(("admin", "county")),
    "office:reports": OWN_OR_SUPERVISOR,
    "office:report_start": Rule(OWN, post_only=True),
    "office:rollup": Rule(("county",)),
    "office:selfcheck": OWN_OR_SUPERVISOR,
    "office:selfcheck_county": Rule(("county",)),
    # the county's 政务公开办 checking published reports: its administrators only (issue 16)
    "office:checks": Rule(("county",)),
    "office:check_run": Rule(("county",)),
    "office:check_published": Rule(("county",), post_only=True),
    "office:check_run_csv": Rule(("county",)),
    "office:check_original": Rule(("county",)),
    "office:report": OWN_OR_SUPERVISOR,
    "office:report_publish": Rule(OWN, post_only=True),
    "office:report_step": Rule(OWN, post_only=True),
    "office:channels_action": Rule(OWN, post_only=True),
    "office:import_action": Rule(OWN, post_only=True),
    "office:report_download": OWN_OR_SUPERVISOR,
    "office:inbox": OWN_AGENCY,
    "office:application_new": OWN_AGENCY,
    "office:application": OWN_AGENCY,
    "office:letter_new": Rule(OWN, post_only=True),
    "office:letter_update": Rule(OWN, post_only=True),
    "office:letter_download": OWN_AGENCY,
    "office:attachment_download": OWN_AGENCY,
    "office:application_action": Rule(OWN, post_only=True),
    "api:openapi-json": EVERYONE,
    "api:agencies": EVERYONE,
    "api:categories": EVERYONE,
    "api:agency_items": EVERYONE,
    "api:item": EVERYONE,
    "api:api-root": Rule(()),  # the interactive docs are switched off
    "api:policy_library": EVERYONE,
    "portal:policy_library": EVERYONE,
    "portal:policy_library_xlsx": EVERYONE,
    "portal:policy_feed": EVERYONE,
    "portal:consultations": EVERYONE,
    "portal:consultation": EVERYONE,
    "office:policy_register": OWN_OR_SUPERVISOR,
    "office:policy_cleanup": OWN_AGENCY,
    "office:consultations": OWN_OR_SUPERVISOR,
    "office:consultation": OWN_AGENCY,
    "office:consultation_action": Rule(OWN, post_only=True),
    "office:comment_action": Rule(OWN, post_only=True),
    "office:cleanup_action": Rule(OWN, post_only=True),
    "office:policy_item": Rule(OWN, post_only=True),
    "office:standards_entry_action": Rule(OWN, post_only=True),
    "office:standards_adoption_action": Rule(OWN, post_only=True),
    # the declared steps of the standards pages and the staff accounts (issue 22): the own
    # agency's staff reach the one handler, whose declarations refuse a role they lack
    "office:standards_catalogue_action": Rule(OWN, post_only=True),
    "office:standards_register_action": Rule(OWN, post_only=True),
    "office:standards_item_action": Rule(OWN, post_only=True),
    "office:standards_application_action": Rule(OWN, post_only=True),
    "office:standards_guide_action": Rule(OWN, post_only=True),
    "office:standards_workpoints_action": Rule(OWN, post_only=True),
    "office:standards_task_action": Rule(OWN, post_only=True),
    "office:standards_plan_action": Rule(("county",), post_only=True),  # the issuer's
    "office:admin_staff_action": Rule(OWN, post_only=True),
    "office:admin_account_action": Rule(OWN, post_only=True),
    "office:admin_settings_action": Rule(OWN, post_only=True),
    "office:admin_identity_action": Rule(OWN, post_only=True),
    "office:admin_letter_template_action": Rule(OWN, post_only=True),
    "office:policy_action": Rule(OWN, post_only=True),
    # 互动交流 (issue 28)
    "portal:ask": EVERYONE,
    "portal:faq": EVERYONE,
    "portal:faq_entry": EVERYONE,
    "portal:item_suggestions": EVERYONE,
    "portal:report_error": EVERYONE,
    "portal:message_lookup": EVERYONE,
    "portal:message_sent": SENDER_ONLY,
    "portal:message_status": ASKER_ONLY,
    "office:messages": OWN_OR_SUPERVISOR,
    "office:message": OWN_OR_SUPERVISOR,
    "office:message_action": Rule(OWN, post_only=True),
    "office:faq_action": Rule(OWN, post_only=True),
    "office:answer_periods": Rule(("admin", "county")),
    "office:answer_periods_action": Rule(OWN, post_only=True),
    # issue 28: 报送 → 采用 (a township's submission to the county) and the site's 年度报表
    "portal:column": EVERYONE,
    "portal:adopted": EVERYONE,
    "portal:site_report": EVERYONE,
    "portal:site_report_docx": EVERYONE,
    "portal:site_report_csv": EVERYONE,
    "office:submissions": OWN_OR_SUPERVISOR,
    "office:submission_new": Rule(("clerk", "admin")),  # the township's editors
    "office:submission_counts_csv": Rule(("county",)),  # the county's own counts
    "office:submission_reporting_action": Rule(("county",), post_only=True),  # its own choice
    "office:submission": OWN_OR_SUPERVISOR,  # the source's staff and the county's
    "office:submission_action": Rule((*OWN, "county"), post_only=True),
    "office:site_report": OWN_OR_SUPERVISOR,
    "office:site_report_action": Rule(("county",), post_only=True),  # the county's own site
    "office:site_report_start": Rule(("county",), post_only=True),  # only a county runs a site
    "office:site_report_download": Rule(("county",)),
    "sitemap-index": EVERYONE,
    "django.contrib.sitemaps.views.sitemap": EVERYONE,
}


def url_names() -> list[str]:
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif namespace != "admin":  # the admin has its own staff check, tested apart
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_url_has_a_rule():
    assert sorted(RULES) == url_names()


@pytest.fixture
def world(township, clerk, county, outsider, settings, tmp_path):
    """One of everything the township owns, made through the real steps."""
    settings.VAR_DIR = tmp_path
    reviewer = User.objects.get(username="shenhe")
    category = Category.objects.get(name="社会救助", source="article21")
    item = ct.create_draft(
        township, by=clerk, category=category, title="低保公示", formed_on=date(2025, 3, 3)
    )
    file = ct.attach_file(item, SimpleUploadedFile("a.pdf", pdf_with_text("x")), by=clerk)
    item = ct.approve_and_publish(ct.submit(item, by=clerk), by=reviewer, on=date(2025, 3, 4))
    application, code = at.submit_online(
        township,
        today=date(2025, 3, 3),
        attachments=[("identity", SimpleUploadedFile("id.pdf", PDF))],
        **{k: v for k, v in APPLICANT.items()},
    )
    at.confirm_receipt(application, by=clerk, on=date(2025, 3, 3))
    letter = issue_letter(
        draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=date(2025, 3, 3)),
        by=clerk,
        on=date(2025, 3, 3),
    )
    enter_table_two(township, clerk, 2025, licences=1)
    report = rt.publish_report(
        rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 5)),
        by=reviewer,
        on=date(2026, 1, 20),
    )
    from gongkai.policies import transitions as pt

    consultation = pt.open_consultation(
        item, by=clerk, title="低保公示征求意见", starts_on=date(2025, 3, 4),
        ends_on=date(2025, 4, 3), today=date(2025, 3, 4),
    )  # fmt: skip
    comment = pt.submit_comment(
        consultation, name="", contact="a@example.cn", text="建议", today=date(2025, 3, 5)
    )
    cleanup = pt.start_cleanup(township, by=clerk, title="2025年度清理", on=date(2025, 11, 3))
    from gongkai.standards import register as sr
    from gongkai.standards import transitions as st

    entry = sr.record_entry(
        township, by=clerk, attribute="withheld", title="内部意见", dated_on=date(2025, 2, 10),
        reason="内部事务信息", basis="条例第十六条第一款", review_on=date(2026, 2, 10),
    )  # fmt: skip
    adoption = st.add_local_matter(
        township, by=clerk, on=date(2025, 3, 3), domain="就业", level1="招聘",
        level2="公益性岗位招聘", limit_kind="default",
        limit_days=20, audience="public", manner="proactive", notice_end="mark",
    )  # fmt: skip
    from gongkai.standards import workpoints as sw

    plan = sw.issue_plan(
        county, by=User.objects.get(username="xian"), year=2025, title="工作要点",
        issued_on=date(2025, 3, 1),
    )  # fmt: skip
    task = sw.add_task(plan, by=User.objects.get(username="xian"), text="编制标准目录")
    from gongkai.reports.check_runs import Accepted, process_run, start_run

    check_run = start_run(
        county, User.objects.get(username="xian"), [Accepted("a.txt", ".txt", b"x")], 0
    )
    process_run(check_run.pk)
    from gongkai.interaction import transitions as it

    message, _ = it.submit(
        township, today=date(2025, 3, 3), kind="consult", subject="低保", body="怎么申请？",
        contact="13900000000",
    )  # fmt: skip
    it.draft_answer(message, by=clerk, today=date(2025, 3, 3), text="到镇民政办申请。")
    it.approve_answer(message, by=reviewer, today=date(2025, 3, 4))
    it.publish_answer(message, by=reviewer, today=date(2025, 3, 4), question="低保怎么申请？")
    from gongkai.inspection.models import SiteIdentity
    from gongkai.sitereport import transitions as srt
    from gongkai.sitereport.compute import compute
    from gongkai.sitereport.demo import SIGN_OFF
    from gongkai.submissions import transitions as subt

    submission = subt.adopt(
        subt.submit_news(
            township, by=clerk, column=category, title="青石镇春耕", body="正文",
            on=date(2025, 3, 5),
        ),
        by=User.objects.get(username="xian"),
        on=date(2025, 3, 6),
    )  # fmt: skip
    SiteIdentity.objects.create(site_code="5300000001", icp_number="ICP", police_record="公安")
    # the county's site: its administrator fills the report, a county reviewer publishes it
    from gongkai.core.models import Membership, Role

    county_reviewer = User.objects.create_user("xian_shenhe", password="county-pass-2")
    Membership.objects.create(user=county_reviewer, agency=county, role=Role.REVIEWER)
    xian = User.objects.get(username="xian")
    site_report = srt.start_report(county, 2025, by=xian, today=date(2026, 1, 5))
    cells = compute(county, 2025, {})
    srt.fill_cells(
        site_report,
        by=xian,
        # and the sign-off the publication needs (the demo's fictitious officers)
        values={k: staff_value(c.field) for k, c in cells.items() if c.staff} | SIGN_OFF,
    )
    site_report = srt.publish(site_report, by=county_reviewer, on=date(2026, 1, 20))
    return {
        "category": category,
        "submission": submission,
        "site_report": site_report,
        "check_run": check_run,
        "message": message,
        "consultation": consultation,
        "comment": comment,
        "cleanup": cleanup,
        "entry": entry,
        "adoption": adoption,
        "plan": plan,
        "task": task,
        "clerk": clerk,
        "prefix": township.index_prefix,
        "year": 2025,
        "fmt": "json",
        "item": item,
        "file": file,
        "application": application,
        "code": code,
        "letter": letter,
        "report": report,
        "township": township,
        "county": county,
        "outsider": outsider,
    }


def url_for(name: str, w: dict) -> str:
    """The URL with the township's objects in it (an outsider changing ids gets nothing)."""
    item, application = w["item"], w["application"]
    kwargs = {
        "portal:agency": {"prefix": w["prefix"]},
        "portal:apply": {"prefix": w["prefix"]},
        "portal:items": {"prefix": w["prefix"]},
        "portal:guide": {"prefix": w["prefix"]},
        "portal:rules": {"prefix": w["prefix"]},
        "portal:standards": {"prefix": w["prefix"]},
        "portal:handling": {"prefix": w["prefix"]},
        "portal:reports": {"prefix": w["prefix"]},
        "portal:report": {"prefix": w["prefix"], "year": w["year"]},
        "portal:report_illustrated": {"prefix": w["prefix"], "year": w["year"]},
        "portal:report_download": {"prefix": w["prefix"], "year": w["year"], "fmt": "json"},
        "portal:feed": {"prefix": w["prefix"]},
        "portal:item": {"pk": item.pk},
        "portal:attachment": {"pk": item.pk, "attachment_pk": w["file"].pk},
        "portal:applied": {"tracking_number": application.tracking_number},
        "portal:status": {"tracking_number": application.tracking_number},
        "portal:status_letter": {
            "tracking_number": application.tracking_number,
            "letter_pk": w["letter"].pk,
        },
        "office:item": {"pk": item.pk},
        "office:item_attachment_add": {"pk": item.pk},
        "office:item_attachment": {"pk": item.pk, "attachment_pk": w["file"].pk},
        "office:item_attachment_remove": {"pk": item.pk, "attachment_pk": w["file"].pk},
        "office:item_action": {"pk": item.pk, "action": "withdraw"},
        "office:report": {"pk": w["report"].pk},
        "office:report_publish": {"pk": w["report"].pk},
        "office:report_step": {"pk": w["report"].pk, "action": "sections"},
        "office:channels_action": {"action": "post"},
        "office:import_action": {"action": "submit"},
        "office:report_start": {"year": w["report"].year},
        "office:report_download": {"pk": w["report"].pk, "fmt": "json"},
        "office:application": {"pk": application.pk},
        "office:standards_item": {"pk": item.pk},
        "office:standards_application": {"pk": application.pk},
        "office:letter_new": {"pk": application.pk},
        "office:letter_update": {
            "pk": application.pk,
            "letter_pk": w["letter"].pk,
            "action": "edit",
        },
        "office:letter_download": {"pk": application.pk, "letter_pk": w["letter"].pk},
        "office:attachment_download": {
            "pk": application.pk,
            "attachment_pk": application.attachments.get().pk,
        },
        "office:application_action": {"pk": application.pk, "action": "confirm"},
        "api:agency_items": {"prefix": w["prefix"]},
        "api:item": {"item_id": item.pk},
        "api:policy_library": {"prefix": w["prefix"]},
        "portal:policy_library": {"prefix": w["prefix"]},
        "portal:policy_library_xlsx": {"prefix": w["prefix"]},
        "portal:policy_feed": {"prefix": w["prefix"]},
        "portal:consultations": {"prefix": w["prefix"]},
        "portal:consultation": {"pk": w["consultation"].pk},
        "office:policy_cleanup": {"pk": w["cleanup"].pk},
        "office:consultation": {"pk": w["consultation"].pk},
        "office:consultation_action": {"pk": w["consultation"].pk, "action": "final"},
        "office:comment_action": {
            "pk": w["consultation"].pk,
            "comment": w["comment"].pk,
            "action": "show",
        },
        "office:cleanup_action": {"pk": w["cleanup"].pk, "action": "record"},
        "office:policy_item": {"pk": item.pk, "action": "interpret"},
        "office:standards_entry_action": {"pk": w["entry"].pk, "action": "review"},
        "office:standards_adoption_action": {"pk": w["adoption"].pk, "action": "hide"},
        "office:policy_action": {"action": "cleanup"},
        "office:standards_catalogue_action": {"action": "local"},
        "office:standards_register_action": {"action": "entry"},
        "office:standards_item_action": {"pk": item.pk, "action": "standards"},
        "office:standards_application_action": {"pk": application.pk, "action": "release"},
        "office:standards_guide_action": {"action": "save"},
        "office:standards_workpoints_action": {"action": "training"},
        "office:standards_task_action": {"pk": w["task"].pk, "action": "record"},
        "office:standards_plan_action": {"pk": w["plan"].pk, "action": "task"},
        "office:admin_staff_action": {"action": "create"},
        "office:admin_account_action": {"pk": w["clerk"].pk, "action": "deactivate"},
        "office:admin_settings_action": {"action": "save"},
        "office:submission_reporting_action": {"action": "include"},
        "office:admin_identity_action": {"action": "save"},
        "office:admin_letter_template_action": {"kind": "receipt", "action": "save"},
        "portal:ask": {"prefix": w["prefix"]},
        "portal:faq": {"prefix": w["prefix"]},
        "portal:faq_entry": {"prefix": w["prefix"], "pk": w["message"].pk},
        "portal:item_suggestions": {"prefix": w["prefix"]},
        "portal:message_sent": {"tracking_number": w["message"].tracking_number},
        "portal:message_status": {"tracking_number": w["message"].tracking_number},
        "office:message": {"pk": w["message"].pk},
        "office:message_action": {"pk": w["message"].pk, "action": "unpublish"},
        "office:faq_action": {"action": "write"},
        "office:answer_periods_action": {"action": "save"},
        "django.contrib.sitemaps.views.sitemap": {"section": "items"},
        "portal:column": {"prefix": w["prefix"], "pk": w["category"].pk},
        "portal:adopted": {"pk": w["submission"].pk},
        "portal:site_report": {"prefix": w["county"].index_prefix, "year": 2025},
        "portal:site_report_docx": {"prefix": w["county"].index_prefix, "year": 2025},
        "portal:site_report_csv": {"prefix": w["county"].index_prefix, "year": 2025},
        "office:submission": {"pk": w["submission"].pk},
        "office:submission_action": {"pk": w["submission"].pk, "action": "return"},
        "office:site_report_action": {"pk": w["site_report"].pk, "action": "publish"},
        "office:site_report_start": {"action": "start"},
        "office:site_report_download": {"pk": w["site_report"].pk, "fmt": "csv"},
        "office:check_run": {"pk": w["check_run"].pk},
        "office:check_run_csv": {"pk": w["check_run"].pk},
        "office:check_original": {
            "pk": w["check_run"].pk,
            "file_pk": w["check_run"].files.get().pk,
        },
    }.get(name, {})
    url = reverse(name, kwargs=kwargs)
    if name in (
        "office:rollup",
        "office:selfcheck_county",
        "office:checks",
        "office:check_published",  # the county's page posts it for the county
        "office:submission_counts_csv",
        "office:submission_reporting_action",
        "office:site_report_action",
        "office:site_report_start",
        "office:site_report_download",
    ):
        return f"{url}?agency={w['county'].pk}"
    if name.startswith("office:") and name not in ("office:login", "office:logout", "office:home"):
        return f"{url}?agency={w['township'].pk}"
    return url


def client_for(role: str, w: dict) -> Client:
    client = Client()
    users = {
        "clerk": "jingban",
        "reviewer": "shenhe",
        "admin": "guanli",
        "county": "xian",
    }
    if role in users:
        client.force_login(User.objects.get(username=users[role]))
    elif role == "outsider":
        client.force_login(w["outsider"])
    elif role == "applicant":
        response = client.post(
            reverse("portal:lookup"),
            {"tracking_number": w["application"].tracking_number, "query_code": w["code"]},
        )
        assert response.status_code == 302
    return client


def staff_value(field) -> str:
    """A value the 年度报表's staff cell takes (sitereport/format.py: its kind)."""
    if field.kind == "choices":
        return field.options[0]
    return "是" if field.kind == "yes_no" else "1"


def refused(response, role: str, name: str) -> bool:
    if role in ("anonymous", "applicant") and name.startswith("office:"):
        return response.status_code == 302 and "/office/login/" in response["Location"]
    if RULES[name] is APPLICANT_ONLY:  # asks for the query code, whether or not it exists
        return response.status_code == 302 and response["Location"].startswith("/status/?")
    if RULES[name] is ASKER_ONLY:  # asks for the message's query code, the same way
        return response.status_code == 302 and response["Location"].startswith("/messages/?")
    return response.status_code == 404


def test_every_role_on_every_url(world):
    failures = []
    for name in url_names():
        rule, url = RULES[name], url_for(name, world)
        for role in ROLES:
            client = client_for(role, world)
            if rule.post_only:
                if role in rule.allowed:
                    continue
                response = client.post(url, {"reason": "越权", "title": "越权", "year": "2025"})
                ok = refused(response, role, name)
            else:
                response = client.get(url)
                if role in rule.allowed:
                    ok = response.status_code == (302 if rule.redirects else 200)
                elif name == "office:login":
                    ok = response.status_code == 302  # signed in already: on to the office
                else:
                    ok = refused(response, role, name)
            if not ok:
                failures.append(f"{role:9} {name}: {response.status_code}")
    assert failures == [], "\n".join(failures)
    # and nothing the refused requests asked for happened
    world["item"].refresh_from_db()
    assert world["item"].status == "published" and world["item"].attachments.count() == 1
    assert world["application"].letters.count() == 1
    from gongkai.reports.models import AnnualReport

    assert AnnualReport.objects.count() == 1
