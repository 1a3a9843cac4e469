"""The agency 管理员 sets how many working days the agency gives itself to answer each kind of
message (AnswerPeriods). No period may end after 国办秘函〔2019〕19号's line: a message
unanswered for more than 3 months fails the site (互动回应差, 单项否决), so a period that
would let one message arriving today fall due after that line is refused with the dates."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core.audit import audit
from gongkai.core.calendar import calendar_for
from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency, User
from gongkai.core.steps import check
from gongkai.core.transitions import TransitionError
from gongkai.interaction.clock import VETO_MONTHS, months_before
from gongkai.interaction.models import AnswerPeriods, Kind, periods_for

FIELDS = ("consult", "suggest", "complain", "error")


def longest_allowed(agency: Agency, today: date) -> tuple[int, date]:
    """(working days, the last day): the most working days a message arriving today may be
    given, in the agency's calendar, before waiting more than 3 months."""
    calendar = calendar_for(agency)
    days = 0
    while True:
        due = calendar.add(today, days + 1).date
        if months_before(due, VETO_MONTHS) > today:
            return days, calendar.add(today, days).date
        days += 1


def refusal(agency: Agency, today: date, values: dict[str, int]) -> str:
    """Why these periods may not be set, or "" when they may."""
    problems = []
    limit, last = longest_allowed(agency, today)
    for name in FIELDS:
        value = values[name]
        label = Kind(name).label
        if value < 1:
            problems.append(f"{label}的答复期限不能为{value}个工作日：至少为1个工作日")
        elif value > limit:
            problems.append(
                f"{label}的答复期限{value}个工作日超过国办秘函〔2019〕19号的3个月期限："
                f"今天收到的留言最迟须在{chinese_date(last)}前答复（{limit}个工作日）"
            )
    return "；".join(problems)


def set_periods(
    agency: Agency, *, by: User, today: date, consult: int, suggest: int, complain: int, error: int
) -> AnswerPeriods:
    """The agency's own periods (a county's hold for the agencies under it without their own);
    audited with what they were."""
    from gongkai.interaction.steps import AgencyAnswerPeriods

    values = {"consult": consult, "suggest": suggest, "complain": complain, "error": error}
    reason = refusal(agency, today, values)
    if reason:
        raise TransitionError(reason)
    with transaction.atomic():
        Agency.objects.select_for_update().get(pk=agency.pk)
        check(AgencyAnswerPeriods(agency), "save", user=by, today=today)
        before = periods_for(agency)
        was = {name: getattr(before, name) for name in FIELDS}
        periods, _ = AnswerPeriods.objects.update_or_create(agency=agency, defaults=values)
        audit(
            by,
            "message.periods_changed",
            obj=agency,
            before=was,
            after=values,
            inherited=before.agency_id != agency.pk,
        )
    return periods
