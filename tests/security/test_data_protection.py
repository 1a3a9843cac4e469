"""Issue 14, nothing left behind and nothing unreadable: anonymising reaches every copy of
the applicant's data, uploads are stored through Django's storage API with owner-only
modes and no orphans, and an instance restored without its data key says so instead of
answering 500."""

import io
import os
import stat
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from gongkai.applications import letters
from gongkai.applications import transitions as at
from gongkai.applications.models import Application, LetterKind
from gongkai.applications.retention import anonymise, sweep_orphaned_files, years_before
from gongkai.core import uploads
from tests.applications.conftest import APPLICANT
from tests.catalogue.files import pdf_with_text

pytestmark = pytest.mark.django_db
NAME, PHONE = APPLICANT["applicant_name"], APPLICANT["phone"]


@pytest.fixture(autouse=True)
def private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def concluded_with_everything_written(township, clerk, on=date(2014, 3, 3)):
    """An application with the applicant's name and numbers in an event note, the
    description, an issued letter (text and DOCX) and an uploaded proof."""
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=at.Channel.IN_PERSON,
        submitted_on=on,
        today=on,
        description=f"{NAME}本人的低保档案，电话{PHONE}",
        **APPLICANT,
    )
    at.reply(
        application,
        by=clerk,
        on=on + timedelta(days=7),
        outcome="三（一）",
        text=f"{NAME}：予以公开。已电话 {PHONE} 告知，身份证 {APPLICANT['id_number']}。",
    )
    letter = letters.draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=on)
    letters.issue_letter(letter, by=clerk, on=on + timedelta(days=7))
    name = uploads.write(pdf_with_text("ID copy"), "attachments", ".pdf")
    application.attachments.create(
        kind="identity",
        original_name="身份证.pdf",
        storage_name=name,
        content_type="application/pdf",
        size=1,
    )
    return Application.objects.get(pk=application.pk)


def every_text(application) -> str:
    import docx

    parts = [application.description]
    parts += list(application.events.values_list("note", flat=True))
    for letter in application.letters.all():
        parts.append(letter.body)
        if letter.document is not None:
            document = docx.Document(io.BytesIO(bytes(letter.document)))
            parts += [p.text for p in document.paragraphs]
    return "\n".join(parts)


def test_anonymising_reaches_letters_their_docx_event_notes_and_files(
    township, clerk, private_var, django_capture_on_commit_callbacks
):
    application = concluded_with_everything_written(township, clerk)
    before = every_text(application)
    assert NAME in before and PHONE in before  # written in each place, as it happens
    assert list((private_var / "private" / "attachments").iterdir())
    with django_capture_on_commit_callbacks(execute=True):
        assert anonymise(date(2025, 1, 1), 10) == 1
    application.refresh_from_db()
    after = every_text(application)
    assert NAME not in after and PHONE not in after and APPLICANT["id_number"] not in after
    assert "（已匿名化）" in after
    assert application.letters.get().document is not None  # regenerated, still a DOCX
    assert application.outcome == "三（一）"
    assert not application.attachments.exists()
    assert not list((private_var / "private" / "attachments").iterdir())


@pytest.mark.parametrize(
    ("today", "cutoff"),
    [(date(2024, 2, 29), date(2014, 2, 28)), (date(2025, 3, 1), date(2015, 3, 1))],
)
def test_the_cutoff_of_29_february_is_28_february(today, cutoff):
    assert years_before(today, 10) == cutoff


def test_anonymise_runs_on_29_february(township, clerk):
    """Line 20 raised ValueError: day is out of range for month."""
    concluded_with_everything_written(township, clerk, on=date(2014, 2, 3))
    out = io.StringIO()
    call_command("anonymise", "--today", "2024-02-29", stdout=out)
    assert "1 件" in out.getvalue()


def test_a_file_left_by_a_killed_upload_is_swept_and_others_are_kept(township, clerk, private_var):
    kept = concluded_with_everything_written(township, clerk).attachments.get().storage_name
    orphan = uploads.write(b"%PDF-1.4 half", "attachments", ".pdf")  # no row: killed mid-way
    in_flight = uploads.write(b"%PDF-1.4 now", "attachments", ".pdf")  # being submitted now
    folder = private_var / "private" / "attachments"
    # Files carry the real clock's times, the sweep reads the test's clock: set all three.
    now = time.time()
    two_hours_ago = now - 7200
    for name, moment in ((kept, two_hours_ago), (orphan, two_hours_ago), (in_flight, now)):
        os.utime(folder / name, (moment, moment))
    assert sweep_orphaned_files() == 1
    assert sorted(p.name for p in folder.iterdir()) == sorted([kept, in_flight])


def test_uploads_are_owner_only_files_in_owner_only_folders(township, private_var):
    t = at.submit_online(
        township,
        today=date(2026, 11, 2),
        attachments=[("identity", SimpleUploadedFile("id.pdf", pdf_with_text("proof")))],
        **{**APPLICANT, "id_type": "resident_id"},
    )
    stored = t[0].attachments.get().storage_name
    path = private_var / "private" / "attachments" / stored
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((private_var / "private").stat().st_mode) == 0o700


def test_the_storage_switches_to_an_s3_compatible_store_by_settings(settings):
    """No network: the backend is only built, as each server would at start-up."""
    from django.core.files.storage import FileSystemStorage

    assert isinstance(uploads.storage(), FileSystemStorage)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "gongkai-uploads",
                "endpoint_url": "http://127.0.0.1:9000",
                "access_key": "minio",
                "secret_key": "minio-secret",
                "location": "private",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    from storages.backends.s3 import S3Storage

    store = uploads.storage()
    assert isinstance(store, S3Storage)
    assert (store.bucket_name, store.location, store.endpoint_url) == (
        "gongkai-uploads",
        "private",
        "http://127.0.0.1:9000",
    )


def test_settings_read_the_s3_store_from_the_environment(tmp_path):
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(tmp_path),
        "GONGKAI_S3_BUCKET": "uploads",
        "GONGKAI_S3_ENDPOINT": "http://127.0.0.1:9000",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    env.pop("DATABASE_URL", None)
    code = (
        "import django; django.setup();"
        "from gongkai.core import uploads; s = uploads.storage();"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["S3Storage", "uploads", "http://127.0.0.1:9000"]


def test_the_sqlite_database_is_created_owner_only(tmp_path):
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env, check=True)
    assert stat.S_IMODE((tmp_path / "gongkai.sqlite3").stat().st_mode) == 0o600


# --- a number the data key cannot read --------------------------------------------------


def test_a_page_shows_the_sentence_not_a_500_without_the_data_key(
    client, township, clerk, settings
):
    from cryptography.fernet import Fernet

    application, _ = at.register_application(
        township,
        by=clerk,
        channel=at.Channel.IN_PERSON,
        submitted_on=date(2026, 11, 2),
        today=date(2026, 11, 2),
        **APPLICANT,
    )
    settings.DATA_KEY = Fernet.generate_key().decode()  # as after a restore without the key
    client.force_login(clerk)
    response = client.get(reverse("office:application", args=[application.pk]))
    assert response.status_code == 200
    assert "证件号码无法解密（缺少数据密钥）" in response.content.decode()
    # saving the record again keeps what was stored, not the sentence
    fresh = Application.objects.get(pk=application.pk)
    fresh.save()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM applications_application WHERE id = %s", [fresh.pk])
        assert cursor.fetchone()[0].startswith("fernet:")


# --- what staff pages and exports hand on ---------------------------------------------------


def test_office_pages_with_id_numbers_are_never_stored_by_a_browser(client, township, clerk):
    application = concluded_with_everything_written(township, clerk, on=date(2026, 3, 3))
    client.force_login(clerk)
    letter = application.letters.get()
    for url in (
        reverse("office:application", args=[application.pk]),
        reverse("office:letter_download", args=[application.pk, letter.pk]),
        reverse(
            "office:attachment_download", args=[application.pk, application.attachments.get().pk]
        ),
    ):
        response = client.get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"], url


def test_check_report_csv_cannot_carry_a_formula():
    from types import SimpleNamespace

    from gongkai.reports.checker.output import write_csv

    report = SimpleNamespace(
        path='=HYPERLINK("http://x","点击").html',
        agency="@SUM(A1)",
        year=2024,
        fmt=None,
        error="",
        findings=[
            SimpleNamespace(
                severity=SimpleNamespace(value="error"),
                rule="I3",
                table="三",
                row="+1",
                column="自然人",
                expected=-3,
                found=5,
                message="-2+3=1",
            )
        ],
    )
    out = io.StringIO()
    write_csv([report], out)
    row = out.getvalue().splitlines()[1]
    assert row.startswith("\"'=HYPERLINK") and ",'@SUM(A1)," in row and ",'+1," in row
    assert ",-3,5," in row  # a negative number stays a number
    assert row.endswith(",'-2+3=1")
