"""Removing an asker's identity once it is no longer needed.

《个人信息保护法》第十九条: personal information is kept no longer than the purpose needs
(除法律、行政法规另有规定外，保存期限应当为实现处理目的所必要的最短时间). An asker gives a
name and a phone number or e-mail address for one purpose: to be answered. After the answer
the identity may still be needed while what follows from it can happen — the asker writes
again about it, or challenges how a 投诉 was handled: 行政复议 within 60 days (《行政复议法》
第二十条) and 行政诉讼 within 6 months of knowing (《行政诉讼法》第四十六条), with the next
year's 政府网站工作年度报表 (国办函〔2018〕12号, due 31 January) and inspections in between.
So the default is 12 months after the message closed, and no county may set less than those
6 months (settings.MESSAGE_ASKER_MONTHS).

What stays is the record 《政府网站发展指引》（国办发〔2017〕47号）'s 互动交流 asks a site to
keep and publish — the question, the answer, the dates, the kind and the channel — so every
count (the 年度报表's 留言 row, the self-check) is the same after as before. An agency that
files its messages as records (《机关文件材料归档范围和文书档案保管期限规定》) files them
when they close, through its archive, not by keeping them here. Who wrote is gone: the name
and contact are emptied, and the same words, with any personal number (ID card, phone, bank
card), are masked in the subject, the message and the answer."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core.audit import audit
from gongkai.interaction.clock import months_before
from gongkai.interaction.models import CLOSED, Message, Origin
from gongkai.interaction.search import index_message, terms_of
from gongkai.statute.personal_data import redact, scan

REMOVED = "（已删除）"
# the shortest period a county may set: 《行政诉讼法》第四十六条's six months
SHORTEST_MONTHS = 6


def due_for_removal(today: date, months: int):
    """Closed messages from citizens, closed more than `months` months before `today`, whose
    asker is still on record."""
    return Message.objects.filter(
        status__in=list(CLOSED),
        asker_removed_on__isnull=True,
        answered_on__lt=months_before(today, months),
        origin=Origin.PUBLIC,
    )


def scrub(text: str, secrets: list[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= 2:
            text = text.replace(secret, REMOVED)
    return redact(text, scan(text))


def remove_asker(message: Message, *, today: date) -> None:
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.asker_removed_on is not None:
            return
        secrets = [value.strip() for value in (locked.name, locked.contact) if value.strip()]
        for field in ("subject", "body", "draft", "answer"):
            setattr(locked, field, scrub(getattr(locked, field), secrets))
        locked.subject = locked.subject[: Message._meta.get_field("subject").max_length]
        locked.name = ""
        locked.contact = ""
        locked.asker_removed_on = today
        if locked.search_terms:  # a published answer that named the asker is searched as shown
            locked.search_terms = terms_of(locked.public_question, locked.answer)
        locked.save(
            update_fields=[
                "subject",
                "body",
                "draft",
                "answer",
                "name",
                "contact",
                "asker_removed_on",
                "search_terms",
                "updated_at",
            ]
        )
        index_message(locked)
        audit(None, "message.asker_removed", obj=locked, actor_label="保存期限届满")


def remove_askers(today: date, months: int) -> int:
    count = 0
    for message in due_for_removal(today, months).only("pk").iterator():
        remove_asker(message, today=today)
        count += 1
    return count
