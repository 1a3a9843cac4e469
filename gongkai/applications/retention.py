"""Anonymising applications concluded long ago (个人信息保护法第十九条: personal information
is kept no longer than the purpose needs). The application, its events and its outcome stay
— table 三 of every past report still adds up — but who applied is gone everywhere it was
written: name, ID and phone numbers, e-mail and address are replaced on the application;
the letters' stored text is cleaned and their DOCX regenerated from it; event notes and the
description are cleaned; the applicant's uploaded files are deleted. (E-mails are sent, not
kept: gongkai stores no copy of them.) Files no row refers to — left by an upload killed
half-way — are swept at the same time."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from gongkai.applications.attachments import FOLDER
from gongkai.applications.models import Application, Attachment
from gongkai.core import uploads
from gongkai.core.audit import audit
from gongkai.core.crypto import Unreadable
from gongkai.statute.personal_data import redact, scan

ANONYMISED = "（已匿名化）"
# an upload still being written is younger than this; an orphan left by a killed one older
ORPHAN_AGE = timedelta(hours=1)


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def due_for_anonymising(today: date, years: int):
    cutoff = years_before(today, years)
    return Application.objects.filter(concluded_on__lt=cutoff).exclude(applicant_name=ANONYMISED)


def scrub(text: str, secrets: list[str]) -> str:
    """`text` without the applicant's own words (name, numbers, e-mail, address) and with
    every other personal number masked."""
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= 2:
            text = text.replace(secret, ANONYMISED)
    return redact(text, scan(text))


def anonymise_one(application: Application) -> None:
    from gongkai.applications.letters import render_docx

    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        secrets = [
            value
            for value in (
                application.applicant_name,
                application.id_number,
                application.phone,
                application.email,
                application.address,
                application.contact_person,
            )
            if value and not isinstance(value, Unreadable)
        ]
        names = [a.storage_name for a in application.attachments.all()]
        application.attachments.all().delete()
        for event in application.events.exclude(note=""):
            cleaned = scrub(event.note, secrets)
            if cleaned != event.note:
                event.note = cleaned
                event.save(update_fields=["note"])
        application.applicant_name = ANONYMISED
        application.id_number = ANONYMISED
        application.phone = ""
        application.email = ""
        application.address = ""
        application.contact_person = ""
        application.description = scrub(application.description, secrets)
        application.save(
            update_fields=[
                "applicant_name",
                "id_number",
                "phone",
                "email",
                "address",
                "contact_person",
                "description",
            ]
        )
        for letter in application.letters.all():
            letter.application = application
            letter.body = scrub(letter.body, secrets)
            # an issued letter's DOCX is made again from the cleaned text, the same way
            letter.document = render_docx(letter) if letter.document is not None else None
            letter.save(update_fields=["body", "document"])
        audit(None, "application.anonymised", obj=application, actor_label="保存期限届满")
        transaction.on_commit(lambda names=names: uploads.delete(FOLDER, *names))


def anonymise(today: date, years: int) -> int:
    """Anonymise every application concluded more than `years` years before `today`."""
    count = 0
    for application in due_for_anonymising(today, years).iterator():
        anonymise_one(application)
        count += 1
    return count


def sweep_orphaned_files(*, older_than: timedelta = ORPHAN_AGE) -> int:
    """Delete stored applicants' files that no attachment row names and that are older than
    an upload in progress could be (an online submission killed mid-upload)."""
    referenced = set(Attachment.objects.values_list("storage_name", flat=True))
    return uploads.sweep(FOLDER, referenced, older_than)
