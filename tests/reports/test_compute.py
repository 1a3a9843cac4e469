"""Tables 三 and 四 counted from the records. Expected figures are counted by hand from the
records each test makes; the property test checks I1–I5 on any generated history."""

from datetime import date, timedelta

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications import transitions as t
from gongkai.applications.demo import DEMO_YEAR
from gongkai.applications.models import Appeal, Application
from gongkai.applications.outcomes import OUTCOMES
from gongkai.reports.compute import application_tables, table_three
from gongkai.statute.report_format import FORMAT_2019, FORMAT_2021
from gongkai.statute.report_identities import check_tables
from tests.applications.conftest import APPLICANT
from tests.applications.steps import reply_as_the_law_allows

pytestmark = pytest.mark.django_db


def register(township, clerk, on, **changes):
    application, _ = t.register_application(
        township,
        by=clerk,
        channel=t.Channel.IN_PERSON,
        submitted_on=on,
        today=on,
        **{**APPLICANT, **changes},
    )
    return application


def test_new_carried_concluded_and_carried_on_per_column(township, clerk):
    carried_in = register(township, clerk, date(2023, 12, 20))  # 自然人, open on 1 Jan 2024
    business = register(
        township,
        clerk,
        date(2024, 3, 4),
        applicant_type="business",
        id_type="credit_code",
        id_number="91350100M000100Y43",
    )
    natural = register(township, clerk, date(2024, 12, 23))  # still open on 31 Dec 2024
    t.reply(carried_in, by=clerk, on=date(2024, 1, 10), outcome="三（一）", text="予以公开")
    t.reply(
        business,
        by=clerk,
        on=date(2024, 3, 20),
        outcome="三（四）1",
        text="不掌握",
        not_held_item="四",
    )
    rows = table_three(township, 2024)
    assert rows["一"] == [1, 1, 0, 0, 0, 0, 2]  # business (3/4) and natural (12/23)
    assert rows["二"] == [1, 0, 0, 0, 0, 0, 1]  # received 2023-12-20, open on 1 Jan
    assert rows["三（一）"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["三（四）1"] == [0, 1, 0, 0, 0, 0, 1]
    assert rows["三（七）"] == [1, 1, 0, 0, 0, 0, 2]
    assert rows["四"] == [1, 0, 0, 0, 0, 0, 1]  # natural, received 12/23
    assert table_three(township, 2025)["二"] == rows["四"]  # I6 holds by construction
    assert natural.status == "open"


def test_the_demo_years_tables_match_the_demo_records_and_hold_every_identity(demo_records_now):
    township = demo_records_now  # the demo's applications as of 2026-11-27
    tables = application_tables(township, DEMO_YEAR)
    received = Application.objects.filter(received_on__year=DEMO_YEAR).count()
    concluded = Application.objects.filter(concluded_on__year=DEMO_YEAR).count()
    assert tables["三"]["一"][6] == received
    assert tables["三"]["三（七）"][6] == concluded
    assert tables["三"]["四"][6] == 1  # the December application replied in January
    assert all(tables["三"][key][6] >= 1 for key in OUTCOMES)  # every outcome row is used
    assert tables["四"]["四"][4] == 1 and tables["四"]["四"][9] == 1  # 复议 1, 直诉 1
    assert tables["四"]["四"][0] == 1  # the reconsideration was upheld within the year
    assert check_tables(FORMAT_2021, tables) == []


def test_reports_on_2020_use_the_trial_formats_single_other_handling_row(township, clerk):
    application = register(township, clerk, date(2020, 6, 1))
    t.withdraw(application, by=clerk, on=date(2020, 6, 5))
    rows = table_three(township, 2020)
    assert rows["三（六）"] == [1, 0, 0, 0, 0, 0, 1]
    assert check_tables(FORMAT_2019, {"三": rows, "四": {"四": [0] * 15}}) == []


CLOSINGS = sorted(OUTCOMES - {"三（六）1", "三（六）2"})


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 700),
            st.sampled_from(["natural", "business", "research", "charity", "legal", "other"]),
            st.one_of(st.none(), st.tuples(st.integers(1, 80), st.sampled_from(CLOSINGS))),
            st.one_of(
                st.none(),
                st.tuples(
                    st.sampled_from(["reconsideration", "direct_suit"]),
                    st.integers(5, 200),
                    st.one_of(st.none(), st.integers(10, 300)),
                    st.sampled_from(["upheld", "corrected", "other"]),
                ),
            ),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_any_history_gives_tables_that_satisfy_i1_to_i5(township, clerk, history):
    from gongkai.core.calendar import current_calendar

    Appeal.objects.all().delete()
    Application.objects.all().delete()
    calendar = current_calendar()
    # every step is dated no later than "today": the history is replayed from a later day
    with time_machine.travel("2028-06-30 09:00 +0800", tick=False):
        _replay(township, clerk, calendar, history)
    for year in (2023, 2024, 2025):
        assert check_tables(FORMAT_2021, application_tables(township, year)) == []


def _replay(township, clerk, calendar, history):
    for offset, kind, closing, appeal in history:
        received = calendar.add(date(2023, 1, 3), offset).date
        id_fields = (
            {}
            if kind == "natural"
            else {"id_type": "credit_code", "id_number": "91350100M000100Y43"}
        )
        application = register(township, clerk, received, applicant_type=kind, **id_fields)
        if closing is None:
            continue
        days, outcome = closing
        on = calendar.add(received, days).date
        if outcome == "三（六）3":
            t.withdraw(application, by=clerk, on=on)
        else:
            reply_as_the_law_allows(application, by=clerk, on=on, outcome=outcome)
        # 条例第五十一条: an appeal lies against a reply, or against a failure to reply; a
        # withdrawal is neither unless it came after the 20 working days ran out unanswered
        if appeal is not None and (outcome != "三（六）3" or days > 20):
            appeal_kind, filed_after, decided_after, result = appeal
            case = t.record_appeal(
                application, by=clerk, kind=appeal_kind, filed_on=on + timedelta(days=filed_after)
            )
            if decided_after is not None:
                t.decide_appeal(
                    case,
                    by=clerk,
                    result=result,
                    decided_on=case.filed_on + timedelta(days=decided_after),
                )
