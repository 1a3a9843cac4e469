"""The published annual report carries its own 文号 (issue 17): given on publication from a
counter per agency and publication year, kept like index numbers (never reused); a corrected
version is the same report and keeps the 文号 of the one it corrects. Every rendering and the
portal show it."""

import io
import json
from datetime import date

import pytest
from django.urls import reverse

from gongkai.reports import transitions as rt
from gongkai.reports.document import build_document
from gongkai.reports.models import ReportCounter
from gongkai.reports.render import render as render_report
from tests.conftest import enter_table_two

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(township, clerk, reviewer):
    enter_table_two(township, clerk, 2025)
    draft = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 10))
    return rt.publish_report(draft, by=reviewer, on=date(2026, 1, 20))


def test_the_first_publication_takes_the_years_first_number(published, township):
    # the township's first report published in 2026: serial 1 of 2026
    assert published.number == f"{township.name}年报〔2026〕1号"
    assert published.item.document_number == published.number


def test_a_draft_has_no_number_until_it_is_published(township, clerk):
    enter_table_two(township, clerk, 2025)
    draft = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 10))
    assert draft.number == "" and build_document(draft).number == ""


def test_a_correction_keeps_the_original_number_and_takes_no_serial(
    published, township, clerk, reviewer
):
    second = rt.start_report(township, 2025, by=clerk, today=date(2026, 3, 2))
    corrected = rt.publish_report(second, by=reviewer, on=date(2026, 3, 3))
    assert corrected.version == 2 and corrected.number == published.number
    assert corrected.item.document_number == published.number
    assert ReportCounter.objects.get(agency=township, year=2026).last_serial == 1


def test_the_next_years_report_counts_from_one_again(published, township, clerk, reviewer):
    enter_table_two(township, clerk, 2026)
    draft = rt.start_report(township, 2026, by=clerk, today=date(2027, 1, 10))
    later = rt.publish_report(draft, by=reviewer, on=date(2027, 1, 15))
    assert later.number == f"{township.name}年报〔2027〕1号"


def test_a_number_is_never_reused_in_its_year(published, township):
    # a second report published the same year (e.g. one for an earlier year) takes serial 2
    assert rt.next_report_number(township, 2026) == f"{township.name}年报〔2026〕2号"
    assert rt.next_report_number(township, 2026) == f"{township.name}年报〔2026〕3号"


def test_html_docx_pdf_and_json_carry_the_number(published):
    import docx
    import jsonschema
    import pdfplumber

    from gongkai.reports.render.json import SCHEMA

    document = build_document(published)
    assert document.number == published.number  # read back from the frozen report
    html = render_report(document, "html")[2].decode()
    assert published.number in html
    word = docx.Document(io.BytesIO(render_report(document, "docx")[2]))
    assert published.number in "\n".join(p.text for p in word.paragraphs)
    with pdfplumber.open(io.BytesIO(render_report(document, "pdf")[2])) as pdf:
        text = "".join((page.extract_text() or "") for page in pdf.pages)
    assert published.number in text.replace("\n", "")
    data = json.loads(render_report(document, "json")[2])
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["number"] == published.number


def test_the_portal_shows_the_number_on_the_report_and_its_item(published, township, client):
    report = client.get(reverse("portal:report", args=[township.index_prefix, 2025]))
    item = client.get(reverse("portal:item", args=[published.item.pk]))
    assert published.number in report.content.decode()
    assert published.number in item.content.decode()
