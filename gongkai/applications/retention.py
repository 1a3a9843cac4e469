"""Anonymising applications concluded long ago (个人信息保护法第十九条: personal information
is kept no longer than the purpose needs). The application, its events and its outcome stay
— table 三 of every past report still adds up — but who applied is gone: name, ID and phone
numbers, e-mail and address are replaced, and the applicant's uploaded files deleted."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.applications.attachments import private_root
from gongkai.applications.models import Application
from gongkai.core.audit import audit

ANONYMISED = "（已匿名化）"


def due_for_anonymising(today: date, years: int):
    cutoff = today.replace(year=today.year - years)
    return Application.objects.filter(concluded_on__lt=cutoff).exclude(applicant_name=ANONYMISED)


def anonymise(today: date, years: int) -> int:
    """Anonymise every application concluded more than `years` years before `today`."""
    count = 0
    for application in due_for_anonymising(today, years).iterator():
        with transaction.atomic():
            names = [a.storage_name for a in application.attachments.all()]
            application.attachments.all().delete()
            application.applicant_name = ANONYMISED
            application.id_number = ANONYMISED
            application.phone = ""
            application.email = ""
            application.address = ""
            application.contact_person = ""
            application.save(
                update_fields=[
                    "applicant_name",
                    "id_number",
                    "phone",
                    "email",
                    "address",
                    "contact_person",
                ]
            )
            audit(None, "application.anonymised", obj=application, actor_label="保存期限届满")
            transaction.on_commit(
                lambda names=names: [(private_root() / n).unlink(missing_ok=True) for n in names]
            )
        count += 1
    return count
