"""Two clerks acting on the same application at the same moment: one succeeds, the other
is told plainly why not, and the audit log shows one action."""

import threading
from datetime import date

import pytest
from django.db import connection

from gongkai.applications import transitions as at
from gongkai.core.models import AuditEntry, User
from gongkai.core.transitions import TransitionError
from tests.applications.conftest import APPLICANT


@pytest.mark.django_db(transaction=True)
def test_two_clerks_reply_at_once_and_only_one_reply_counts(township, clerk):
    colleague = User.objects.get(username="guanli")  # the township's administrator
    application, _ = at.register_application(
        township,
        by=clerk,
        channel=at.Channel.IN_PERSON,
        submitted_on=date(2025, 3, 3),
        today=date(2025, 3, 3),
        **APPLICANT,
    )
    barrier = threading.Barrier(2)
    done, refused, other = [], [], []

    def reply(user, outcome):
        try:
            barrier.wait(timeout=10)
            at.reply(application, by=user, on=date(2025, 3, 10), outcome=outcome, text="答复")
            done.append(outcome)
        except TransitionError as error:
            refused.append(str(error))
        except Exception as error:  # reported below; the thread must not die silently
            other.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=reply, args=(clerk, "三（一）")),
        threading.Thread(target=reply, args=(colleague, "三（四）2")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert other == []
    assert len(done) == 1 and len(refused) == 1
    assert "已" in refused[0]  # e.g. 该申请已办结 — a sentence, not a stack trace
    application.refresh_from_db()
    assert application.outcome == done[0]
    assert AuditEntry.objects.filter(action="application.replied").count() == 1


@pytest.mark.django_db(transaction=True)
def test_citizens_applying_at_once_each_get_their_own_tracking_number(township):
    """The year's first applications arrive together: no lost insert, no shared number."""
    from gongkai.applications.models import Application

    submitters = 8
    barrier = threading.Barrier(submitters)
    numbers, errors = [], []

    def apply(n):
        try:
            barrier.wait(timeout=10)
            application, _ = at.submit_online(
                township, today=date(2025, 1, 2), **{**APPLICANT, "applicant_name": f"甲{n}"}
            )
            numbers.append(application.tracking_number)
        except Exception as error:  # reported below; the thread must not die silently
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(n,)) for n in range(submitters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(numbers) == [f"2025-{township.pk}-{n:05d}" for n in range(1, submitters + 1)]
    assert Application.objects.count() == submitters
