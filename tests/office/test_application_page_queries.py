"""The office application page's statement count (issue 25): the declared steps' guards,
the deadline, the pause and the history read the application's events once (prefetched by
the page), so the count neither grows with the events nor with the guards that look at
them. Before: one read of the events per guard, 38 statements for this page."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.applications import transitions as at
from tests.office.test_workbench import received

pytestmark = pytest.mark.django_db

# Measured: 19 (38 before; 21 until the session stopped being written on every request; 18
# until the reply listed the agency's published items to choose from, 条例第三十六条第一项).
# Three are not the page's (session, user, the footer's site identity); four are the audit
# entry for viewing personal data (savepoint, last hash, insert, release); the fee
# proposal's two counts of the applicant's earlier applications are the fee rule's
# (transitions.fee_proposal); the user's roles are read twice (access and the steps).
MAX_STATEMENTS = 19
# On PostgreSQL the audit entry also takes the chain's advisory lock and reads the database's
# clock (core/audit.py): two statements more, the same for any number of events.
AUDIT_ON_POSTGRESQL = 2


def _page(client, application):
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("office:application", args=[application.pk]))
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


@time_machine.travel("2024-12-16 09:00 +0800", tick=False)
def test_the_application_page_reads_the_events_once(client, township, clerk, reviewer):
    application = received(township, clerk, date(2024, 12, 2), "统计表")
    client.force_login(clerk)
    _page(client, application)  # a first visit, as the 工作台 counts take one
    few, _ = _page(client, application)
    # two more events, and guards that now look at them (an extension asked and approved)
    at.request_extension(
        application, by=clerk, on=date(2024, 12, 13), workdays=10, reason="需调取档案"
    )
    at.approve_extension(application, by=reviewer, on=date(2024, 12, 13))
    more, html = _page(client, application)
    assert "延期" in html  # the history shows the new events (or the count proved nothing)
    ceiling = MAX_STATEMENTS + (AUDIT_ON_POSTGRESQL if connection.vendor == "postgresql" else 0)
    assert more == few <= ceiling
