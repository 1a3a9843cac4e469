"""An application open on 31 December is carried into the next year: nothing is lost or
counted twice (table 三's 一 + 二 = 三（七） + 四, for every year)."""

from datetime import date

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications import transitions as t
from gongkai.applications.models import Application

pytestmark = pytest.mark.django_db


def test_a_december_application_is_carried_once(in_person, clerk):
    application = in_person(date(2024, 12, 23))
    t.reply(application, by=clerk, on=date(2025, 1, 10), outcome="三（一）", text="予以公开")
    qs = Application.objects
    assert list(qs.open_at_end_of(2024)) == [application]
    assert list(qs.carried_into(2025)) == [application]
    assert not qs.carried_into(2026).exists()
    assert list(qs.concluded_in(2025)) == [application] and not qs.concluded_in(2024).exists()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.integers(0, 700), st.one_of(st.none(), st.integers(1, 90))),
        min_size=1,
        max_size=12,
    )
)
def test_each_year_balances_new_and_carried_against_concluded_and_carried(township, clerk, spans):
    from gongkai.core.calendar import current_calendar

    Application.objects.all().delete()
    calendar = current_calendar()
    # every step is dated no later than today: the test runs on a day after all of them
    with time_machine.travel("2027-06-30 09:00 +0800", tick=False):
        _handle(township, clerk, calendar, spans)
    qs = Application.objects
    for year in (2024, 2025, 2026):
        assert (
            qs.received_in(year).count() + qs.carried_into(year).count()
            == qs.concluded_in(year).count() + qs.open_at_end_of(year).count()
        )


def _handle(township, clerk, calendar, spans):
    for offset, handling_days in spans:
        received = calendar.add(date(2024, 1, 2), offset).date
        application, _ = t.register_application(
            township,
            by=clerk,
            channel=t.Channel.IN_PERSON,
            submitted_on=received,
            today=received,
            **_applicant(),
        )
        if handling_days is not None:
            t.withdraw(application, by=clerk, on=calendar.add(received, handling_days).date)


def _applicant():
    from .conftest import APPLICANT

    return dict(APPLICANT)


def test_an_application_concluded_on_31_december_is_not_carried(in_person, clerk):
    application = in_person(date(2024, 12, 2))
    t.reply(application, by=clerk, on=date(2024, 12, 31), outcome="三（一）", text="予以公开")
    assert not Application.objects.open_at_end_of(2024).exists()
    assert list(Application.objects.concluded_in(2024)) == [application]
    assert not Application.objects.carried_into(2025).exists()
