"""The clock of a message: due by its agency's period (AnswerPeriods), and 19号's line —
a message unanswered for more than 3 months fails the site (互动回应差, 单项否决)."""

from __future__ import annotations

import calendar as months
from datetime import date

from gongkai.interaction.models import Message

VETO_MONTHS = 3  # 国办秘函〔2019〕19号 单项否决：互动回应差 — 超过3个月未回应


def months_before(day: date, count: int) -> date:
    """The same day `count` months earlier (the month's last day when it has none)."""
    month = day.month - count
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def veto_cutoff(today: date) -> date:
    """A message submitted before this day and still open has waited more than 3 months."""
    return months_before(today, VETO_MONTHS)


def unanswered_too_long(messages, today: date):
    """Open messages of `messages` (a queryset) waiting more than 3 months on `today`."""
    return messages.open().asked().filter(submitted_on__lt=veto_cutoff(today))


def past_due(messages, today: date):
    """Open messages past their own period (and not yet 3 months old)."""
    return messages.open().asked().filter(due_on__lt=today, submitted_on__gte=veto_cutoff(today))


def workdays_late(message: Message, today: date, calendar) -> int:
    return calendar.between(message.due_on, today).days
