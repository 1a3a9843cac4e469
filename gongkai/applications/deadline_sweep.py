"""Work on all open applications at once: recompute stored deadlines (after a calendar
import, and each morning), and collect what each clerk must be reminded of."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from gongkai.applications.models import (
    CLOCK_EVENTS,
    Application,
    ApplicationEvent,
    deadline_event,
)
from gongkai.core.dates import chinese_date
from gongkai.statute import deadlines
from gongkai.statute.deadlines import Channel
from gongkai.statute.workdays import WorkdayCalendar

REMIND_WITHIN_WORKDAYS = 3


def after_calendar_import(*, today: date) -> str:
    """What follows an administrator's import of holiday arrangements (core.calendar's
    AFTER_IMPORT): every open deadline counted again in the calendar now in force."""
    from gongkai.core.calendar import current_calendar

    changed = refresh_open_deadlines(calendar=current_calendar(), today=today)
    return f"{changed} 件办理中申请的期限随之更新"


def refresh_open_deadlines(*, calendar: WorkdayCalendar, today: date, batch: int = 5000) -> int:
    """Recompute every open application's stored due date; returns how many changed.

    Keyset pages of plain rows (no model instances: a province has 100,000 open
    applications), their clock events in one query per page; applications with the same
    receipt and events share one computation; the changed ones are written with one UPDATE
    per distinct (state, due date, provisional) — far fewer than one per row."""
    from gongkai.core.calendar import current_calendar

    changed, last_pk = 0, 0
    computed: dict[tuple, tuple] = {}
    # `calendar` is the national one; an agency with its own holidays (放假办法第四条) counts
    # in its region's calendar
    calendars: dict[str, WorkdayCalendar] = {"": calendar}
    rows = (
        Application.objects.open()
        .exclude(received_on=None)
        .order_by("pk")
        .values_list(
            "pk",
            "agency__holiday_region",
            "channel",
            "received_on",
            "clock_state",
            "due_on",
            "due_is_provisional",
        )
    )
    while True:
        page = list(rows.filter(pk__gt=last_pk)[:batch])
        if not page:
            return changed
        last_pk = page[-1][0]
        events = defaultdict(list)
        for pk, *fields in (
            # a range, not a list of 5,000 ids: one index range scan; events of concluded
            # applications in it are read and ignored
            ApplicationEvent.objects.filter(
                application_id__gte=page[0][0], application_id__lte=last_pk, kind__in=CLOCK_EVENTS
            )
            .order_by("on", "pk")
            .values_list("application_id", "kind", "on", "workdays", "pause_kind", "later_due")
        ):
            events[pk].append(deadline_event(*fields))
        groups: dict[tuple, list[int]] = defaultdict(list)
        for pk, region, channel, received, *before in page:
            key = (region, received, channel, *events[pk])
            if key not in computed:
                if region not in calendars:
                    calendars[region] = current_calendar(region)
                steps = [deadlines.Received(received, Channel[channel]), *events[pk]]
                deadline = deadlines.compute(steps, calendars[region], today, explain=False)
                computed[key] = (deadline.state.name, deadline.due, deadline.provisional)
            after = computed[key]
            if after != tuple(before):
                groups[after].append(pk)
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
        due = chinese_date(a.due_on) + ("（暂定）" if a.due_is_provisional else "")
        return f"{a.tracking_number} {a.information_title}：答复期限 {due}，{when}"


def reminders(*, calendar: WorkdayCalendar, today: date) -> dict:
    """{clerk: [Reminder, …]} for applications due within 3 working days or overdue, each
    counted in its agency's calendar (`calendar` the national one; a region with its own
    holidays, 放假办法第四条, counts in its region's, as its deadlines are)."""
    from gongkai.core.calendar import current_calendar

    calendars: dict[str, WorkdayCalendar] = {"": calendar}
    horizons: dict[str, date] = {}

    def horizon(region: str) -> date:
        if region not in horizons:
            if region not in calendars:
                calendars[region] = current_calendar(region)
            horizons[region] = calendars[region].add(today, REMIND_WITHIN_WORKDAYS).date
        return horizons[region]

    running = Application.objects.open().filter(clock_state="RUNNING")
    regions = {""} | set(
        running.exclude(agency__holiday_region="")
        .values_list("agency__holiday_region", flat=True)
        .distinct()
    )
    due = (
        running.filter(due_on__lte=max(horizon(region) for region in regions))
        .select_related("clerk", "agency")
        .order_by("due_on")
    )
    by_clerk: dict = defaultdict(list)
    for application in due:
        region = application.agency.holiday_region
        if application.due_on > horizon(region):
            continue  # a holiday of the region's own puts it further off there
        left = calendars[region].between(today, application.due_on).days
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
