"""The self-check's look at 互动交流 (国办秘函〔2019〕19号): a message citizens wrote and
nobody answered for more than 3 months fails the site (互动回应差, 单项否决); one past its
agency's own period (interaction.AnswerPeriods) is a deduction. The clock is the
interaction app's (interaction/clock.py); only the finding's wording lives here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from gongkai.core.dates import chinese_date
from gongkai.interaction.clock import past_due, unanswered_too_long
from gongkai.interaction.models import Message


def late_messages(agencies, today: date, calendar) -> Iterator:
    from gongkai.inspection.findings import Finding

    by_pk = {a.pk: a for a in agencies}
    mine = Message.objects.filter(agency_id__in=by_pk)
    fields = ("pk", "agency_id", "tracking_number", "subject", "submitted_on", "due_on")
    for pk, agency_id, number, subject, submitted_on, _ in (
        unanswered_too_long(mine, today).order_by("submitted_on", "pk").values_list(*fields)
    ):
        yield Finding(
            "interaction_unanswered",
            agency_id,
            by_pk[agency_id].name,
            f"留言 {number}",
            f"“{subject}”于{chinese_date(submitted_on)}收到，至今超过3个月未答复。",
            reverse("office:message", args=[pk]),
        )
    for pk, agency_id, number, subject, _, due_on in (
        past_due(mine, today).order_by("due_on", "pk").values_list(*fields)
    ):
        yield Finding(
            "interaction_late",
            agency_id,
            by_pk[agency_id].name,
            f"留言 {number}",
            f"“{subject}”的答复期限为{chinese_date(due_on)}，至今未答复。",
            reverse("office:message", args=[pk]),
        )
