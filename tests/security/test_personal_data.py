"""Applicants' ID and phone numbers: encrypted in the database, found by a keyed digest,
shown whole only to the handling agency's staff (audited), anonymised after the retention
period."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from gongkai.applications import transitions as at
from gongkai.applications.models import Application
from gongkai.core.crypto import lookup_digest
from gongkai.core.models import AuditEntry
from tests.applications.conftest import APPLICANT

pytestmark = pytest.mark.django_db


def register(township, clerk, on=date(2025, 3, 3)):
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=at.Channel.IN_PERSON,
        submitted_on=on,
        today=on,
        **APPLICANT,
    )
    return application


def raw(application) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone FROM applications_application WHERE id = %s",
            [application.pk],
        )
        return cursor.fetchone()


def test_numbers_are_unreadable_in_the_database_and_found_by_digest(township, clerk):
    application = register(township, clerk)
    id_number, phone = raw(application)
    assert id_number.startswith("fernet:") and APPLICANT["id_number"] not in id_number
    assert phone.startswith("fernet:") and APPLICANT["phone"] not in phone
    fresh = Application.objects.get(pk=application.pk)
    assert (fresh.id_number, fresh.phone) == (APPLICANT["id_number"], APPLICANT["phone"])
    found = Application.objects.filter(
        id_number_digest=lookup_digest(APPLICANT["id_number"].lower())
    )
    assert list(found) == [fresh]


def test_numbers_stored_before_encryption_are_encrypted_by_the_migration(township, clerk):
    from importlib import import_module

    from django.apps import apps

    application = register(township, clerk)
    with connection.cursor() as cursor:  # as a database from before this change held it
        cursor.execute(
            "UPDATE applications_application SET id_number = %s, phone = %s, "
            "id_number_digest = '' WHERE id = %s",
            [APPLICANT["id_number"], APPLICANT["phone"], application.pk],
        )
    migration = import_module(
        "gongkai.applications.migrations.0006_encrypt_applicant_id_and_phone_numbers"
    )
    migration.encrypt_existing(apps, None)
    assert all(value.startswith("fernet:") for value in raw(application))
    fresh = Application.objects.get(pk=application.pk)
    assert fresh.id_number == APPLICANT["id_number"]
    assert fresh.id_number_digest == lookup_digest(APPLICANT["id_number"])


def test_only_the_application_page_shows_the_number_and_each_view_is_audited(
    client, township, clerk
):
    application = register(township, clerk)
    client.force_login(clerk)
    inbox = client.get(reverse("office:inbox")).content.decode()
    assert APPLICANT["id_number"] not in inbox and APPLICANT["phone"] not in inbox
    page = client.get(reverse("office:application", args=[application.pk])).content.decode()
    assert APPLICANT["id_number"] in page
    assert AuditEntry.objects.filter(action="application.personal_data.viewed").count() == 1


def test_applications_concluded_beyond_the_retention_period_are_anonymised(township, clerk):
    old = register(township, clerk, on=date(2014, 3, 3))
    at.reply(old, by=clerk, on=date(2014, 3, 10), outcome="三（一）", text="予以公开")
    recent = register(township, clerk, on=date(2024, 3, 3))
    at.reply(recent, by=clerk, on=date(2024, 3, 10), outcome="三（一）", text="予以公开")
    out = io.StringIO()
    call_command("anonymise", "--today", "2025-01-01", "--dry-run", stdout=out)
    assert "1 件（未修改）" in out.getvalue()
    call_command("anonymise", "--today", "2025-01-01", stdout=out)  # 10 years by default
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.applicant_name, old.id_number, old.phone, old.email) == ("（已匿名化）",) * 2 + (
        "",
        "",
    )
    assert old.outcome == "三（一）"  # the 2014 report's table 三 still adds up
    assert recent.applicant_name == APPLICANT["applicant_name"]
    assert AuditEntry.objects.filter(action="application.anonymised").count() == 1
    call_command("anonymise", "--today", "2025-01-01", stdout=out)  # nothing twice
    assert AuditEntry.objects.filter(action="application.anonymised").count() == 1


def test_a_malformed_data_key_stops_the_command_with_a_sentence(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "GONGKAI_DATA_KEY": "too-short", "GONGKAI_VAR_DIR": str(tmp_path)}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "gongkai"), "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "GONGKAI_DATA_KEY" in done.stderr
    assert "Traceback" not in done.stderr
