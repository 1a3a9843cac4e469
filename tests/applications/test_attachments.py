"""Attachments to an online application: checked by content, stored privately, served only
to the handling agency's staff, and nothing kept when the application is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications.models import Application, Attachment
from gongkai.core.models import AuditEntry

from .test_pages import form_data

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%test identity copy\n"


@pytest.fixture(autouse=True)
def private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def apply(client, township, **files):
    return client.post(
        reverse("portal:apply", args=[township.index_prefix]), {**form_data(), **files}
    )


def test_a_pdf_proof_is_kept_privately_and_shown_to_staff_only(
    client, township, clerk, outsider, private_var
):
    apply(client, township, identity_file=SimpleUploadedFile("身份证.pdf", PDF))
    attachment = Attachment.objects.get()
    stored = private_var / "private" / "attachments" / attachment.storage_name
    assert stored.read_bytes() == PDF
    assert attachment.storage_name.endswith(".pdf") and "身份证" not in attachment.storage_name
    url = reverse("office:attachment_download", args=[attachment.application_id, attachment.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(clerk)
    response = client.get(url)
    assert b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="application.attachment.viewed").count() == 1


def test_a_program_named_pdf_is_refused_and_nothing_is_kept(client, township, private_var):
    response = apply(
        client, township, identity_file=SimpleUploadedFile("id.pdf", b"MZ\x90\x00 not a pdf")
    )
    assert "PDF、JPG 或 PNG" in response.content.decode()
    assert not Application.objects.exists()
    assert not (private_var / "private").exists()


def test_an_oversized_file_is_refused(client, township, settings):
    import gongkai.applications.attachments as attachments

    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (attachments.MAX_BYTES + 1))
    response = apply(client, township, authorisation_file=big)
    assert "超过 10 MB" in response.content.decode()
    assert not Application.objects.exists()


def test_the_form_is_rate_limited_per_address_and_keeps_what_was_typed(client, township, settings):
    settings.APPLICATIONS_PER_HOUR = 2
    assert apply(client, township).status_code == 302
    assert apply(client, township).status_code == 302
    refused = apply(client, township)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "过于频繁" in page and form_data()["information_title"] in page
    assert Application.objects.count() == 2
