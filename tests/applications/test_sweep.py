"""The morning sweep: stored deadlines recomputed, clerks reminded of what is due."""

from datetime import date

import pytest
from django.core.management import call_command

from gongkai.applications import transitions as t
from gongkai.applications.models import Application
from gongkai.statute.deadlines import PauseKind

pytestmark = pytest.mark.django_db


def test_remind_mails_the_clerk_about_due_and_overdue_applications(
    in_person, clerk, mailoutbox, capsys
):
    clerk.email = "jingban@example.cn"
    clerk.save()
    due_soon = in_person(date(2024, 3, 4))  # due Mon 4/1
    later = in_person(date(2024, 3, 25))  # due 4/23: not yet
    call_command("remind", "--today", "2024-03-28")  # Thu: 3/29 (1), 4/1 (2)
    (mail,) = mailoutbox
    assert due_soon.tracking_number in mail.body and "剩余 2 个工作日" in mail.body
    assert later.tracking_number not in mail.body
    call_command("remind", "--today", "2024-04-03")
    assert "已超期 2 个工作日" in mailoutbox[-1].body  # 4/2, 4/3


def test_the_sweep_ends_an_expired_consultation_in_the_stored_due_date(in_person, clerk):
    application = in_person(date(2024, 9, 27))
    t.start_consultation(application, by=clerk, on=date(2024, 10, 8), kind=PauseKind.THIRD_PARTY)
    assert Application.objects.get().clock_state == "PAUSED"
    call_command("remind", "--today", "2024-11-01")
    stored = Application.objects.get()
    # paused 10/8 → 10/28 (15 working days): 10/30 + 15 → 11/20 (tests/statute)
    assert (stored.clock_state, stored.due_on) == ("RUNNING", date(2024, 11, 20))


def test_importing_next_years_arrangement_firms_up_provisional_deadlines(
    in_person, tmp_path, capsys, travel_to
):
    travel_to(date(2026, 12, 15))  # the import recomputes open deadlines as of the day it runs
    application = in_person(date(2026, 11, 27))
    late = in_person(date(2026, 12, 14))
    assert Application.objects.get(pk=late.pk).due_is_provisional
    csv = tmp_path / "2027.csv"
    csv.write_text("date,kind,source\n2027-01-01,放假,测试通知\n", encoding="utf-8")
    call_command("workdays", "import", str(csv))
    stored = Application.objects.get(pk=late.pk)
    # 1/1 now off: the 14th working day moves to 1/4 and the 20th to 1/12
    assert (stored.due_on, stored.due_is_provisional) == (date(2027, 1, 12), False)
    assert "1 件办理中申请的期限随之更新" in capsys.readouterr().out
    assert Application.objects.get(pk=application.pk).due_on == date(2026, 12, 25)


def test_a_bad_date_for_remind_is_explained():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="无法识别"):
        call_command("remind", "--today", "2024-13-01")
