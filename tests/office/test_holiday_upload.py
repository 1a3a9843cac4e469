"""The holiday-arrangement upload in the office and the 工作台 line that asks for it
(spec/workdays.md: from 1 November, administrators see that next year's arrangement is
missing; the upload reads the CSV `gongkai workdays import` reads)."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.audit import AuditEntry
from gongkai.core.calendar import current_calendar
from gongkai.core.models import CalendarDay, User

pytestmark = pytest.mark.django_db

NOTICE_2027 = "日期,类型,依据\n2027-01-01,放假,测试通知\n2027-02-20,上班,测试通知\n"


@pytest.fixture
def admin(township):
    return User.objects.get(username="guanli")


def _csv(text: str, encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("2027.csv", text.encode(encoding), content_type="text/csv")


@pytest.mark.parametrize(("today", "shown"), [("2026-10-31", False), ("2026-11-01", True)])
def test_the_workbench_asks_administrators_for_next_years_notice_from_1_november(
    client, admin, today, shown
):
    # logged in on the chosen day: a session from the suite's day would have expired
    # (SESSION_IDLE_SECONDS) when the day lies after it
    with time_machine.travel(f"{today} 09:00 +0800", tick=False):
        client.force_login(admin)
        page = client.get(reverse("office:home")).content.decode()
    assert ("尚未导入2027年节假日安排" in page) is shown


def test_clerks_are_not_asked_and_may_not_upload(client, clerk):
    with time_machine.travel("2026-11-02 09:00 +0800", tick=False):
        client.force_login(clerk)
        assert "尚未导入2027年" not in client.get(reverse("office:home")).content.decode()
        assert client.get(reverse("office:holidays")).status_code == 404  # not her page
        # a hand-made POST: refused with the declaration's sentence, on her 工作台
        response = client.post(reverse("office:holidays"), {"file": _csv(NOTICE_2027)}, follow=True)
    assert response.redirect_chain == [(reverse("office:home"), 302)]
    assert "导入：只有本机关的管理员可以办理此事项" in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_a_file_with_a_bad_line_is_refused_whole_in_chinese(client, admin):
    client.force_login(admin)
    bad = NOTICE_2027 + "2027-01-05,上班,测试通知\n2027-13-01,放假,测试通知\n"
    response = client.post(reverse("office:holidays"), {"file": _csv(bad)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "第 4 行：2027-01-05 是星期二，本来就上班" in page
    assert "第 5 行：日期“2027-13-01”无法识别" in page
    assert not CalendarDay.objects.exists()


def test_an_administrator_imports_the_notice_and_it_is_audited(client, admin):
    with time_machine.travel("2026-11-20 09:00 +0800", tick=False):
        client.force_login(admin)
        response = client.post(
            reverse("office:holidays"), {"file": _csv(NOTICE_2027, "gb18030")}, follow=True
        )
        page = response.content.decode()
        assert "已导入2027年节假日安排：新增 2 天" in page
        assert "尚未导入2027年" not in client.get(reverse("office:home")).content.decode()
    assert current_calendar().add(date(2026, 12, 31), 1) == (date(2027, 1, 4), False)
    entry = AuditEntry.objects.get(action="calendar.arrangements.imported")
    assert entry.actor == admin and entry.data["years"] == [2027]


def test_a_regions_own_holidays_count_only_for_its_agencies(client, admin, township, clerk):
    from gongkai.applications.transitions import register_application
    from gongkai.statute.deadlines import Channel

    from ..applications.conftest import APPLICANT

    township.holiday_region = "云岭自治州"
    township.save(update_fields=["holiday_region"])
    client.force_login(admin)
    # a made-up ethnic holiday on Tue 2026-03-17 (放假办法第四条)
    client.post(
        reverse("office:holidays"),
        {"region": "云岭自治州", "file": _csv("2026-03-17,放假,自治州人民政府规定\n")},
    )
    assert CalendarDay.objects.get().region == "云岭自治州"
    assert current_calendar().is_workday(date(2026, 3, 17))
    assert not current_calendar("云岭自治州").is_workday(date(2026, 3, 17))
    # received Mon 3/16: 3/18–3/20 (3) 3/23–27 (8) 3/30–4/3 (13), 清明 4/6 off,
    # 4/7–10 (17) 4/13–15 (20) — one day after the national count's 4/14
    with time_machine.travel("2026-03-16 09:00 +0800", tick=False):
        application, _ = register_application(
            township,
            by=clerk,
            channel=Channel.IN_PERSON,
            submitted_on=date(2026, 3, 16),
            today=date(2026, 3, 16),
            **APPLICANT,
        )
    assert application.due_on == date(2026, 4, 15)
    assert current_calendar().add(date(2026, 3, 16), 20).date == date(2026, 4, 14)


def test_another_regions_holidays_are_refused(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("office:holidays"),
        {"region": "别的自治州", "file": _csv("2026-03-17,放假,规定\n")},
    )
    assert response.status_code == 400
    assert "不能导入该地区的节假日" in response.content.decode()
    assert not CalendarDay.objects.exists()
