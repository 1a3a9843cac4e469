from datetime import date

import pytest

from gongkai.applications.demo import DEMO_YEAR, load_demo_applications
from gongkai.applications.models import (
    Appeal,
    Application,
    EventKind,
    Letter,
    LetterKind,
    Status,
)
from gongkai.applications.outcomes import OUTCOMES

pytestmark = pytest.mark.django_db
# The day the demo's records end: its letters may not be dated after today, so the tests
# that load it live on that day, whatever the suite's clock says.
DEMO_DAY = date(2026, 11, 27)


def test_the_demo_year_covers_every_outcome_and_every_kind_of_step(township, travel_to):
    travel_to(DEMO_DAY)
    count = load_demo_applications(township, today=DEMO_DAY)
    concluded = Application.objects.filter(status=Status.CONCLUDED, concluded_on__year=DEMO_YEAR)
    assert set(concluded.values_list("outcome", flat=True)) == OUTCOMES
    events = {e for e in Application.objects.values_list("events__kind", flat=True)}
    for kind in (
        EventKind.CORRECTED,
        EventKind.EXTENDED,
        EventKind.PAUSE_STARTED,
        EventKind.FEE_PAID,
        EventKind.DELIVERED,
        EventKind.WITHDRAWN,
    ):
        assert kind in events
    assert Appeal.objects.count() == 2
    assert (
        Application.objects.filter(
            received_on__year=DEMO_YEAR, concluded_on__year=DEMO_YEAR + 1
        ).count()
        == 1
    )
    assert Application.objects.open().count() == 4
    assert load_demo_applications(township, today=DEMO_DAY) == count


def test_the_demo_carries_the_letters_an_office_issues_at_each_step(township, travel_to):
    travel_to(DEMO_DAY)
    load_demo_applications(township, today=DEMO_DAY)
    issued = Letter.objects.filter(issued_on__isnull=False)
    assert set(issued.values_list("kind", flat=True)) == set(LetterKind.values) - {
        LetterKind.LATER_DATE
    }
    # every concluded reply has its notice, numbered in the township's sequence
    replied = Application.objects.filter(events__kind=EventKind.REPLIED).distinct()
    for application in replied:
        assert application.letters.filter(kind=LetterKind.REPLY).exists(), application
    numbers = list(issued.filter(issued_on__year=DEMO_YEAR).values_list("number", flat=True))
    assert f"青政依申复〔{DEMO_YEAR}〕1号" in numbers and len(set(numbers)) == len(numbers)
    late = Application.objects.get(late_workdays__isnull=False)
    assert late.late_workdays == 5  # answered on the 25th working day of a 20-day period
