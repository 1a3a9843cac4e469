"""`gongkai check-report` as an auditor runs it: exit codes, formats, folders, years."""

import csv
import io
import json
import subprocess

from tests.test_env import GONGKAI

from . import layouts
from .conftest import SAMPLES, requires_samples


def run(*args, cwd=None):
    return subprocess.run(
        [GONGKAI, "check-report", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


@requires_samples
def test_a_clean_report_exits_0_and_a_broken_one_1():
    assert run(SAMPLES / "shuyang-fgj-2023.html").returncode == 0
    result = run(SAMPLES / "pingtan-2020.txt")
    assert result.returncode == 1
    assert "应为 27，实为 21" in result.stdout


@requires_samples
def test_an_unreadable_input_exits_2_and_the_others_are_still_checked(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip file")
    result = run(broken, tmp_path / "absent.html", SAMPLES / "pingtan-2020.txt")
    assert result.returncode == 2
    assert "无法作为 DOCX 文件打开" in result.stdout
    assert "文件或文件夹不存在" in result.stdout
    assert "平潭综合实验区" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_folder_is_searched_recursively_and_json_has_the_report_shape(tmp_path):
    (tmp_path / "2023" / "county").mkdir(parents=True)
    tables = layouts.seeded_tables(1)
    (tmp_path / "2023" / "county" / "a.html").write_text(layouts.html(tables), encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not a report")
    result = run(tmp_path, "--format", "json")
    assert result.returncode == 0, result.stdout
    (report,) = json.loads(result.stdout)
    assert report["agency"] == "测试市人民政府" and report["year"] == 2023
    assert report["format"] == "2021"
    three = report["tables"]["三"]
    assert three["columns"] == layouts.COLUMNS
    assert three["rows"][0] == {
        "label": "一、本年新收政府信息公开申请数量",
        "values": tables["三"]["一"],
    }
    assert len(three["rows"]) == 25
    assert report["findings"] == []


@requires_samples
def test_csv_has_one_row_per_finding():
    result = run(SAMPLES / "pingtan-2020.txt", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    problems = [r for r in rows if r["severity"] == "finding"]
    assert [(r["rule"], r["column"], r["expected"], r["found"]) for r in problems] == [
        ("I3", "自然人", "26", "20"),
        ("I3", "总计", "27", "21"),
    ]


def test_consecutive_years_of_one_agency_are_compared_for_i6(tmp_path):
    import copy

    tables = layouts.seeded_tables(1)
    following = copy.deepcopy(tables)
    following["三"]["二"] = list(tables["三"]["四"])  # carried over exactly …
    following["三"]["二"][0] += 1  # … but one 自然人 application more
    following["三"]["二"][6] += 1
    for row in ("一", "四"):  # keep the year consistent on its own (I1, I2)
        following["三"][row] = list(following["三"][row])
    following["三"]["四"][0] += 1
    following["三"]["四"][6] += 1
    following["三"]["一"] = [
        following["三"]["三（七）"][c] + following["三"]["四"][c] - following["三"]["二"][c]
        for c in range(7)
    ]
    (tmp_path / "a.txt").write_text(layouts.pipes(tables, year=2022), encoding="utf-8")
    (tmp_path / "b.txt").write_text(layouts.pipes(following, year=2023), encoding="utf-8")
    result = run(tmp_path, "--format", "csv")
    rows = csv.DictReader(io.StringIO(result.stdout))
    i6 = sorted((r["file"].rsplit("/", 1)[-1], r["column"]) for r in rows if r["rule"] == "I6")
    assert i6 == [("b.txt", "总计"), ("b.txt", "自然人")]


def test_year_can_be_given_when_the_title_has_none(tmp_path):
    tables = layouts.seeded_tables(1)
    text = layouts.pipes(tables).replace("测试市人民政府2023年政府信息公开工作年度报告", "年度报告")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (report,) = json.loads(run(tmp_path / "r.txt", "--format", "json", "--year", "2022").stdout)
    assert report["year"] == 2022
