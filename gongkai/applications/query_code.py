"""找回查询码: a new query code for an application, sent to the e-mail address given with it.

The code is kept only as a digest, so it cannot be sent again as it was: a new one replaces
it. Whoever asks must name the application and the e-mail address or phone number written
on it; the caller answers the same whether or not that matched, so the page never tells
whether an application exists."""

from __future__ import annotations

import re

from django.core.mail import send_mail
from django.db import transaction

from gongkai.applications.models import Application
from gongkai.core.audit import audit


def _same_phone(given: str, on_record: str) -> bool:
    digits = re.sub(r"\D", "", given)
    return bool(digits) and digits == re.sub(r"\D", "", on_record)


def contact_matches(application: Application, contact: str) -> bool:
    """Whether `contact` is the application's e-mail address or phone number."""
    contact = contact.strip()
    if not contact:
        return False
    if "@" in contact:
        return bool(application.email) and contact.lower() == application.email.lower()
    return bool(application.phone) and _same_phone(contact, application.phone)


def reissue_query_code(tracking_number: str, *, contact: str) -> bool:
    """Replace the query code and e-mail the new one, when the application exists, has an
    e-mail address, and `contact` is its e-mail address or phone number. Returns whether a
    code was sent (for tests and the audit log; never for the visitor)."""
    application = Application.objects.filter(tracking_number=tracking_number.strip()).first()
    if application is None or not application.email or not contact_matches(application, contact):
        return False
    code = Application.new_query_code()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        locked.query_code_digest = Application.digest(code)
        locked.save(update_fields=["query_code_digest", "updated_at"])
        audit(None, "application.query_code_reissued", obj=locked, actor_label="申请人")
        agency = application.agency
        office = agency.office_name or agency.name
        body = (
            f"您向{agency.name}提交的政府信息公开申请（申请编号 {locked.tracking_number}）"
            f"的新查询码是：{code}\n\n原查询码已经失效。如果不是您本人操作，"
            f"请联系{office}"
            + (f"（电话 {agency.office_phone}）" if agency.office_phone else "")
            + "。"
        )
        email = locked.email
        transaction.on_commit(
            lambda: send_mail("政府信息公开申请的新查询码", body, None, [email], fail_silently=True)
        )
    return True
