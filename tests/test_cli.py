"""The `gongkai` console command, run as a user runs it."""

from tests.test_env import run_gongkai


def test_workdays_add_prints_the_due_date(tmp_path):
    # spec/workdays.md: Fri 2024-09-27 + 20 working days = Wed 2024-10-30
    result = run_gongkai(tmp_path, "workdays", "add", "2024-09-27", "20")
    assert result.stdout == "2024-10-30\n"


def test_workdays_add_marks_a_date_in_an_unarranged_year_provisional(tmp_path):
    result = run_gongkai(tmp_path, "workdays", "add", "2026-12-31", "1")
    # 2027 is not arranged: 元旦 Fri 1/1 is off by 放假办法第二条, 1/2–1/3 a weekend
    assert result.stdout == "2027-01-04 provisional\n"


def test_workdays_between_counts_after_a_up_to_b(tmp_path):
    result = run_gongkai(tmp_path, "workdays", "between", "2024-09-30", "2024-10-12")
    assert result.stdout == "5\n"  # 10/8–10/11 and the make-up Saturday 10/12


def test_a_malformed_date_gets_a_chinese_message_and_no_traceback(tmp_path):
    result = run_gongkai(tmp_path, "workdays", "add", "2024-02-30", "5")
    assert result.returncode != 0
    assert "日期“2024-02-30”无法识别" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_the_projects_commands_and_djangos(tmp_path):
    result = run_gongkai(tmp_path, "--help")
    assert result.returncode == 0
    for command in ("demo", "serve", "workdays", "migrate", "createsuperuser"):
        assert command in result.stdout
    assert "工作日计算" in result.stdout
