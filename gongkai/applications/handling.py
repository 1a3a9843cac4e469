"""How an agency handled its applications in a year, month by month: received, answered,
the median working days to answer and the share answered by the due date (条例第三十三条).
Public: the 办理情况 page shows it; counted from the same rows as the annual report."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from gongkai.applications.models import Application, Status
from gongkai.statute.deadlines import ClockState


@dataclass
class Month:
    month: int
    received: int = 0
    answered: int = 0
    on_time: int = 0
    # open, the clock running, the due date passed (counted in the month it fell due): the
    # share answered on time is of these and the answered together, so an overdue case
    # lowers it before it is answered
    overdue_open: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def on_time_share(self) -> float | None:
        due = self.answered + self.overdue_open
        return self.on_time / due if due else None

    @property
    def on_time_percent(self) -> int | None:
        share = self.on_time_share
        return None if share is None else round(share * 100)


@dataclass
class Handling:
    months: list[Month]
    total: Month


def handling_by_month(agency, year: int, *, calendar, today: date) -> Handling:
    months = [Month(m) for m in range(1, 13)]
    total = Month(0)
    received = Application.objects.filter(agency=agency, received_on__year=year)
    for received_on in received.values_list("received_on", flat=True).iterator():
        months[received_on.month - 1].received += 1
        total.received += 1
    concluded = Application.objects.filter(
        agency=agency, concluded_on__year=year, concluded_on__lte=today
    ).values_list("received_on", "concluded_on", "late_workdays")
    for received_on, concluded_on, late_workdays in concluded.iterator():
        month = months[concluded_on.month - 1]
        for bucket in (month, total):
            bucket.answered += 1
            if received_on is not None:
                bucket.days.append(calendar.between(received_on, concluded_on).days)
            if not late_workdays:  # recorded when the reply was given (条例第三十三条)
                bucket.on_time += 1
    overdue = Application.objects.filter(
        agency=agency,
        status=Status.OPEN,
        clock_state=ClockState.RUNNING.name,
        due_on__year=year,
        due_on__lt=today,
    ).values_list("due_on", flat=True)
    for due_on in overdue.iterator():
        months[due_on.month - 1].overdue_open += 1
        total.overdue_open += 1
    return Handling(months, total)
