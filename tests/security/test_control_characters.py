"""Control characters pasted into a form (a vertical tab from Word, a form feed, NUL's
neighbours) are stripped at the form: once they made the receipt, the Atom feed and the
DOCX export answer 500, since XML 1.0 cannot carry them."""

import pytest
import time_machine
from django.urls import reverse

from gongkai.applications import letters
from gongkai.applications import transitions as at
from gongkai.applications.models import Application, LetterKind
from gongkai.catalogue.models import Category, Item
from gongkai.core.forms import strip_control
from gongkai.core.models import User
from gongkai.reports.models import AnnualReport
from tests.applications.conftest import APPLICANT
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db
PASTED = "\x0b\x0c\x01\x1f\x7f\x85"


def test_only_control_characters_are_stripped_line_breaks_and_tabs_stay():
    assert strip_control(f"甲{PASTED}乙\n丙\t丁\r\n") == "甲乙\n丙\t丁\r\n"


def test_the_receipt_of_an_application_typed_with_control_characters(client, township, clerk):
    data = {**APPLICANT, "applicant_name": "陈\x0b一鸣", "description": f"第一段{PASTED}第二段"}
    response = client.post(
        reverse("portal:apply", args=[township.index_prefix]),
        {k: str(v) for k, v in data.items()},
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.applicant_name, application.description) == ("陈一鸣", "第一段第二段")
    day = application.submitted_on  # today: the online form dates it
    application = at.confirm_receipt(application, by=clerk, on=day)
    letter = letters.draft_letter(application, kind=LetterKind.RECEIPT, by=clerk, on=day)
    letter = letters.issue_letter(letter, by=clerk, on=day)
    client.force_login(clerk)
    docx = client.get(reverse("office:letter_download", args=[application.pk, letter.pk]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_the_atom_feed_of_an_item_titled_with_control_characters(client, township, clerk):
    client.force_login(clerk)
    client.post(
        reverse("office:item_new"),
        {
            "category": Category.objects.get(name="社会救助", source="article21").pk,
            "title": f"12月低保{PASTED}发放公示",
            "summary": "摘要\x0c",
            "formed_on": "2024-12-02",
            "body": "<p>正文\x0b</p>",
            "document_kind": "other",
        },
    )
    item = Item.objects.get()
    assert (item.title, item.summary) == ("12月低保发放公示", "摘要")
    client.post(reverse("office:item_action", args=[item.pk, "submit"]))
    client.force_login(User.objects.get(username="shenhe"))
    client.post(reverse("office:item_action", args=[item.pk, "publish"]), {"confirmed": "yes"})
    feed = client.get(reverse("portal:feed", args=[township.index_prefix]))
    assert feed.status_code == 200 and "12月低保发放公示" in feed.content.decode()


@time_machine.travel("2026-01-20 09:00 +0800", tick=False)
def test_the_docx_export_of_a_report_written_with_control_characters(client, township, clerk):
    enter_table_two(township, clerk, 2025, fee="0", licences=1, penalties=0)
    client.force_login(clerk)
    client.post(reverse("office:report_start", args=[2025]) + f"?agency={township.pk}")
    report = AnnualReport.objects.get()
    client.post(
        reverse("office:report_step", args=[report.pk, "sections"]),
        {
            "sections-one": f"总体情况{PASTED}正文",
            "sections-five": "问题\x0b",
            "sections-six": "其他",
        },
    )
    report.refresh_from_db()
    assert report.section_one == "总体情况正文"
    download = client.get(reverse("office:report_download", args=[report.pk, "docx"]))
    assert download.status_code == 200 and download.content.startswith(b"PK")


def test_a_cleanup_titled_with_control_characters_keeps_the_atom_feed_answering(
    client, township, clerk
):
    """Issue 24 point 10: the 清理's title is read from the POST directly, not by a form —
    the one input rule (gongkai.core.forms.ControlCharactersMiddleware) covers it too."""
    from datetime import date

    from gongkai.catalogue.subjects import seed_statutory_subjects
    from gongkai.policies import transitions as p
    from gongkai.policies.models import CleanupBatch, CleanupResult
    from tests.policies.conftest import registered

    seed_statutory_subjects(Category)
    reviewer = User.objects.get(username="shenhe")
    document = registered(township, clerk, reviewer, "甲办法", effective=date(2026, 1, 5))
    client.force_login(clerk)
    with time_machine.travel(date(2026, 11, 2), tick=False):
        response = client.post(
            reverse("office:policy_action", args=["cleanup"]),
            {"title": f"2026年度{PASTED}规范性文件清理", "basis": "依据\x00"},
        )
    assert response.status_code == 302
    batch = CleanupBatch.objects.get()
    assert (batch.title, batch.basis) == ("2026年度规范性文件清理", "依据")
    p.record_cleanup_result(batch, document, by=clerk, result=CleanupResult.CONTINUE)
    p.publish_cleanup(batch, by=User.objects.get(username="guanli"), on=date(2026, 11, 30))
    feed = client.get(reverse("portal:feed", args=[township.index_prefix]))
    assert feed.status_code == 200 and "2026年度规范性文件清理" in feed.content.decode()


def test_a_nul_in_the_policy_search_is_not_a_500(client, township):
    """PostgreSQL refuses a NUL in any text it is sent; the search box passed it on."""
    for url in (
        reverse("portal:policy_library", args=[township.parent.index_prefix]),
        reverse("portal:search"),
    ):
        response = client.get(url, {"q": "养犬\x00管理"})
        assert response.status_code == 200, url
        assert "\x00" not in response.content.decode()
