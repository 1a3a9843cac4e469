"""Short fuzz runs of the three doors hostile input comes through (the long run, over
100,000 examples, is bench/fuzz.py)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security import fuzz_targets as targets

pytestmark = pytest.mark.django_db
SHORT = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SHORT
@given(kind=st.sampled_from(["html", "text"]), body=targets.text)
def test_the_report_checker_survives_anything(kind, body):
    targets.check_report_text(kind, body)


@SHORT
@given(data=targets.raw_bytes)
def test_the_catalogue_import_refuses_or_imports_never_crashes(township, clerk, data):
    targets.import_bytes(township, clerk, data)


@SHORT
@given(data=targets.form_data)
def test_the_application_form_never_answers_500(client, township, settings, data):
    settings.APPLICATIONS_PER_HOUR = 10**9
    targets.post_application(client, township.index_prefix, data)
