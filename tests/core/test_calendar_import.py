"""Importing the State Council's arrangement: all or nothing, audited, in force at once."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.calendar import current_calendar
from gongkai.core.models import AuditEntry, CalendarDay

pytestmark = pytest.mark.django_db

# A plausible 2027 arrangement for tests (not the official one): 元旦 Fri 1/1 off.
GOOD_2027 = "date,kind,source\n2027-01-01,放假,测试通知\n2027-02-20,上班,测试通知\n"


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "arrangement.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_import_makes_a_provisional_deadline_firm(tmp_path, capsys):
    # before the notice: 元旦 (放假办法第二条) already off, but the answer is provisional
    assert current_calendar().add(date(2026, 12, 31), 1) == (date(2027, 1, 4), True)
    call_command("workdays", "import", str(write(tmp_path, GOOD_2027)))
    assert "新增 2 天" in capsys.readouterr().out
    # 1/1 off, 1/2–1/3 weekend: the next working day is Mon 1/4, and 2027 is now known
    assert current_calendar().add(date(2026, 12, 31), 1) == (date(2027, 1, 4), False)
    entry = AuditEntry.objects.get(action="calendar.arrangements.imported")
    assert entry.actor_label == "命令行"
    assert entry.data["added"] == 2
    assert entry.data["years"] == [2027]


def test_a_file_with_one_bad_line_imports_nothing(tmp_path):
    text = GOOD_2027 + "2027-01-05,上班,测试通知\n"  # a Tuesday
    with pytest.raises(CommandError) as raised:
        call_command("workdays", "import", str(write(tmp_path, text)))
    assert "第 4 行" in str(raised.value)
    assert "未导入任何内容" in str(raised.value)
    assert CalendarDay.objects.count() == 0
    assert not AuditEntry.objects.filter(action="calendar.arrangements.imported").exists()


def test_reimporting_reports_unchanged_and_a_corrected_source_as_changed(tmp_path, capsys):
    call_command("workdays", "import", str(write(tmp_path, GOOD_2027)))
    call_command("workdays", "import", str(write(tmp_path, GOOD_2027)))
    assert "未变 2 天" in capsys.readouterr().out
    call_command(
        "workdays", "import", str(write(tmp_path, GOOD_2027.replace("测试通知", "正式通知", 1)))
    )
    assert "修改 1 天，未变 1 天" in capsys.readouterr().out
    assert CalendarDay.objects.get(day=date(2027, 1, 1)).source == "正式通知"


def test_an_administrators_row_overrides_the_builtin_data():
    CalendarDay.objects.create(day=date(2024, 10, 8), kind="放假", source="测试更正")
    assert not current_calendar().is_workday(date(2024, 10, 8))


def test_a_gbk_file_from_excel_imports(tmp_path):
    call_command("workdays", "import", str(write(tmp_path, GOOD_2027, encoding="gbk")))
    assert CalendarDay.objects.count() == 2


def test_a_missing_file_is_explained(tmp_path):
    with pytest.raises(CommandError, match="无法读取文件"):
        call_command("workdays", "import", str(tmp_path / "none.csv"))


def test_the_admin_screen_refuses_a_makeup_day_on_a_weekday():
    from django.core.exceptions import ValidationError

    day = CalendarDay(day=date(2027, 1, 5), kind="上班", source="测试")
    with pytest.raises(ValidationError, match="本来就上班"):
        day.full_clean()


def test_a_regions_own_holidays_are_imported_for_that_region_only(tmp_path, capsys):
    # 放假办法第四条: a made-up ethnic holiday on Tue 2026-03-17 for one region
    path = write(tmp_path, "2026-03-17,放假,自治州人民政府规定\n")
    call_command("workdays", "import", str(path), "--region", "云岭自治州")
    assert "已导入云岭自治州的 2026 年节假日安排：新增 1 天" in capsys.readouterr().out
    assert current_calendar().is_workday(date(2026, 3, 17))
    assert not current_calendar("云岭自治州").is_workday(date(2026, 3, 17))
    # the region's rows arrange no year: 2027 is still counted with the law's days
    assert not current_calendar("云岭自治州").is_arranged(2027)
