"""The agency 管理员 sets its answer periods on an office page (a declared step, audited);
a county administrator reads a township's, read only; a period of 0, or one that would let a
message fall due after 国办秘函〔2019〕19号's 3 months, is refused with the reason."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.core.audit import AuditEntry
from gongkai.core.models import User
from gongkai.interaction import transitions as t
from gongkai.interaction.models import AnswerPeriods, periods_for

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 18)  # a Thursday
# Worked by hand from TODAY: 3 months later is 18 September 2026 (a Friday); a message
# arriving today and answered on 19 September would have waited more than 3 months. The
# working days from 19 June to 18 September: 19 June is 端午 (off 19–21 June 2026, State
# Council notice), then 22–30 June 7, July 23, August 21, 1–18 September 14 — 65.
LONGEST = 65
PERIODS = {"save-consult": "5", "save-suggest": "15", "save-complain": "15", "save-error": "5"}


@pytest.fixture(autouse=True)
def _on_a_day(travel_to):
    travel_to(TODAY, tick=False)


@pytest.fixture
def admin(township):
    return User.objects.get(username="guanli")  # the demo township's 管理员


def save(client, **changes):
    return client.post(
        reverse("office:answer_periods_action", args=["save"]), {**PERIODS, **changes}
    )


def test_the_administrator_sets_the_periods_and_new_messages_follow_them(
    client, admin, township, ask
):
    client.force_login(admin)
    page = client.get(reverse("office:answer_periods")).content.decode()
    assert "本机关尚未设置，目前使用平台的默认期限" in page
    assert f"不能超过 {LONGEST} 个工作日" in page
    response = save(client)
    assert response.status_code == 302
    own = AnswerPeriods.objects.get(agency=township)
    assert (own.consult, own.suggest, own.complain, own.error) == (5, 15, 15, 5)
    entry = AuditEntry.objects.filter(action="message.periods_changed").get()
    assert entry.actor == admin
    # the defaults it had (3/10/10/3, interaction/models.py) and what it has now
    assert entry.data["before"] == {"consult": 3, "suggest": 10, "complain": 10, "error": 3}
    assert entry.data["after"]["suggest"] == 15
    # a consultation arriving today: 5 working days from 19 June (端午) → 26 June
    assert ask(on=TODAY).due_on == date(2026, 6, 26)


def test_the_longest_period_that_ends_within_three_months_is_accepted(client, admin, township):
    client.force_login(admin)
    save(client, **{"save-suggest": str(LONGEST)})
    assert periods_for(township).suggest == LONGEST


def test_a_period_past_three_months_is_refused_with_the_reason(client, admin, township):
    client.force_login(admin)
    response = save(client, **{"save-complain": str(LONGEST + 1)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "投诉的答复期限66个工作日超过国办秘函〔2019〕19号的3个月期限" in page
    assert "2026年9月18日" in page
    assert 'value="66"' in page  # what was typed is kept
    assert not AnswerPeriods.objects.filter(agency=township).exists()


@pytest.mark.parametrize("value", ["0", "-2"])
def test_a_period_below_one_working_day_is_refused(client, admin, township, value):
    client.force_login(admin)
    page = save(client, **{"save-consult": value}).content.decode()
    assert f"咨询（工作日）不能为{value}：至少为1个工作日" in page
    assert not AnswerPeriods.objects.filter(agency=township).exists()


def test_a_clerk_neither_sees_nor_sets_the_periods(client, clerk, township):
    client.force_login(clerk)
    assert client.get(reverse("office:answer_periods")).status_code == 404
    save(client)
    assert not AnswerPeriods.objects.filter(agency=township).exists()


def test_the_county_administrator_reads_a_townships_periods_without_a_form(
    client, township, county
):
    AnswerPeriods.objects.create(agency=county, consult=4, suggest=12, complain=12, error=4)
    client.force_login(User.objects.get(username="xian"))
    page = client.get(reverse("office:answer_periods"), {"agency": township.pk}).content.decode()
    assert f"目前沿用{county.name}的设置" in page
    assert "<td>12</td>" in page and "data-step=" not in page
    # the action sets only the administrator's own agency: the county's
    save(client)
    assert not AnswerPeriods.objects.filter(agency=township).exists()
    assert AnswerPeriods.objects.get(agency=county).suggest == 15


def test_the_transition_itself_refuses_whoever_is_not_the_administrator(township, clerk):
    from gongkai.interaction.periods import set_periods

    with pytest.raises(t.TransitionError):
        set_periods(township, by=clerk, today=TODAY, consult=3, suggest=10, complain=10, error=3)
