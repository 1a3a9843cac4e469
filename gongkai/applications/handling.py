"""How an agency handled its applications in a year, month by month: received, answered,
the median working days to answer and the share answered by the due date (条例第三十三条).
Public: the 办理情况 page shows it; counted from the same rows as the annual report."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from gongkai.applications.models import Application


@dataclass
class Month:
    month: int
    received: int = 0
    answered: int = 0
    on_time: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.answered if self.answered else None


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
    return Handling(months, total)
