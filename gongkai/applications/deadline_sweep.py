"""Work on all open applications at once: recompute stored deadlines (after a calendar
import, and each morning), and collect what each clerk must be reminded of."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from gongkai.applications.models import CLOCK_EVENTS, Application, ApplicationEvent
from gongkai.statute.workdays import WorkdayCalendar

REMIND_WITHIN_WORKDAYS = 3


def refresh_open_deadlines(*, calendar: WorkdayCalendar, today: date, batch: int = 5000) -> int:
    """Recompute every open application's stored due date; returns how many changed.

    Keyset pages of applications with their events; the changed ones are written with one
    UPDATE per distinct (state, due date, provisional) — far fewer than one per row."""
    changed, last_pk = 0, 0
    queryset = (
        Application.objects.open()
        .exclude(received_on=None)
        .order_by("pk")
        .only(
            "pk", "channel", "received_on", "status", "clock_state", "due_on", "due_is_provisional"
        )
    )
    while True:
        page = list(queryset.filter(pk__gt=last_pk)[:batch])
        if not page:
            return changed
        last_pk = page[-1].pk
        events = defaultdict(list)  # one query per page, not one per application
        for event in ApplicationEvent.objects.filter(
            application_id__in=[a.pk for a in page], kind__in=CLOCK_EVENTS
        ).only("pk", "application_id", "kind", "on", "workdays", "pause_kind", "later_due"):
            events[event.application_id].append(event)
        groups: dict[tuple, list[int]] = defaultdict(list)
        for application in page:
            before = (application.clock_state, application.due_on, application.due_is_provisional)
            application.refresh_deadline(
                calendar=calendar, today=today, events=events[application.pk]
            )
            after = (application.clock_state, application.due_on, application.due_is_provisional)
            if after != before:
                groups[after].append(application.pk)
        with transaction.atomic():
            for (state, due, provisional), pks in groups.items():
                Application.objects.filter(pk__in=pks).update(
                    clock_state=state, due_on=due, due_is_provisional=provisional
                )
                changed += len(pks)


@dataclass(frozen=True)
class Reminder:
    application: Application
    workdays_left: int

    @property
    def line(self) -> str:
        a = self.application
        when = (
            f"已超期 {-self.workdays_left} 个工作日"
            if self.workdays_left < 0
            else f"剩余 {self.workdays_left} 个工作日"
        )
        return f"{a.tracking_number} {a.information_title}：答复期限 {a.due_on:%Y-%m-%d}，{when}"


def reminders(*, calendar: WorkdayCalendar, today: date) -> dict:
    """{clerk: [Reminder, …]} for applications due within 3 working days or overdue."""
    horizon = calendar.add(today, REMIND_WITHIN_WORKDAYS).date
    due = (
        Application.objects.open()
        .filter(due_on__lte=horizon, clock_state="RUNNING")
        .select_related("clerk", "agency")
        .order_by("due_on")
    )
    by_clerk: dict = defaultdict(list)
    for application in due:
        left = calendar.between(today, application.due_on).days
        recipients = (
            [application.clerk]
            if application.clerk
            else [
                m.user for m in application.agency.memberships.filter(role__in=["clerk", "admin"])
            ]
        )
        for clerk in recipients:
            by_clerk[clerk].append(Reminder(application, left))
    return by_clerk
