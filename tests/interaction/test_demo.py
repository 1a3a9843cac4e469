"""The demo's messages: each state for the township and the county, made through the real
steps, and none that would fail the demo site (19号 互动回应差)."""

from datetime import date

import pytest

from gongkai.core.calendar import current_calendar
from gongkai.inspection.interaction_checks import late_messages
from gongkai.interaction.demo import load_demo_interaction
from gongkai.interaction.models import Message, Origin, Status

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 27)


def test_the_demo_has_messages_in_each_state_for_the_county_and_the_township(township, county):
    from gongkai.policies.demo import load_demo_policies

    load_demo_policies(county, today=DAY)  # brings the county's clerk and reviewer
    total = load_demo_interaction(township, today=DAY)
    # per agency: new, in hand, drafted, late, 2 published, redirected, 找错, staff 常见问题
    assert total == Message.objects.count() == 2 * 9
    for agency in (township, county):
        states = set(Message.objects.filter(agency=agency).values_list("status", flat=True))
        assert states == set(Status.values)
        mine = Message.objects.filter(agency=agency)
        assert mine.published().filter(origin=Origin.STAFF).count() == 1
        assert mine.published().filter(origin=Origin.PUBLIC).count() == 2
        assert mine.filter(kind="error", status=Status.ANSWERED).exists()
    findings = list(late_messages([township, county], DAY, current_calendar()))
    assert {f.indicator for f in findings} == {"interaction_late"}  # one each, no veto
    assert len(findings) == 2
    assert load_demo_interaction(township, today=DAY) == total  # a second run adds nothing
