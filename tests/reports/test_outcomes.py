"""Three outcomes per report — checked, partly checked, not checked — distinct in the text,
the JSON and the exit status (issue 16); tables missing or empty are a finding under 条例第五十条;
a folder run takes report files only and says how many it skipped."""

import json
import subprocess

from gongkai.reports.checker.check import Outcome, check_source, looks_like_report
from gongkai.reports.checker.sources import Source, html_text, normalise, plain_text
from tests.test_env import GONGKAI

from . import layouts
from .conftest import SAMPLES, SEED_REPORT, requires_samples, requires_seed


def run(*args):
    return subprocess.run(
        [GONGKAI, "check-report", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def read(text: str, reader=plain_text):
    return check_source(Source("generated", "text", normalise(reader(text))))


@requires_seed
def test_the_seed_report_with_empty_table_headings_is_not_checked_and_exits_non_zero():
    result = run(SEED_REPORT)
    assert result.returncode == 1
    assert "结论：未核对：缺少统计表格" in result.stdout
    assert "未发现问题" not in result.stdout
    assert "条例第五十条" in result.stdout
    (report,) = json.loads(run(SEED_REPORT, "--format", "json").stdout)
    assert report["outcome"] == "not_checked"
    assert set(report["unread"]) == {"二", "三", "四"}
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("T0", "finding")]


def test_a_whole_report_that_reads_cleanly_is_checked_and_exits_0(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(layouts.html(layouts.seeded_tables(3)), encoding="utf-8")
    result = run(path)
    assert result.returncode == 0
    assert "结论：已核对\n" in result.stdout
    (report,) = json.loads(run(path, "--format", "json").stdout)
    assert (report["outcome"], report["unread"]) == ("checked", {})


@requires_samples
def test_a_cut_off_excerpt_is_partly_checked_names_the_missing_tables_and_exits_3():
    result = run(SAMPLES / "excerpt-bali-town-2023.txt")
    assert result.returncode == 3  # nothing wrong was found, but not everything was checked
    assert "结论：部分核对（未能核对——表三：文本截断，缺少此表；表四：文本截断，缺少此表）" in (
        result.stdout
    )


def test_a_whole_report_without_table_four_is_a_finding_not_a_note():
    tables = layouts.seeded_tables(4)
    text = layouts.pipes(tables)
    start = text.index("四、政府信息公开行政复议")
    text = text[:start] + text[text.index("五、存在的主要问题") :]
    report = read(text)
    assert report.outcome is Outcome.PARTLY_CHECKED
    assert [(f.rule, f.table) for f in report.problems] == [("T1", "四")]
    assert report.unread == {"四": "缺少此表"}


def test_tables_with_labels_and_no_figures_are_empty_and_a_finding():
    tables = layouts.seeded_tables(5)
    for number in ("三", "四"):
        for key, values in tables[number].items():
            tables[number][key] = ["&nbsp;"] * len(values)
    report = read(layouts.html(tables, with_narrative=False), html_text)
    assert {(f.rule, f.table) for f in report.problems} >= {("T3", "三"), ("T3", "四")}
    assert report.unread == {"三": "表格为空", "四": "表格为空"}
    assert report.outcome is Outcome.PARTLY_CHECKED


def test_a_folder_run_skips_a_readme_of_labels_and_says_how_many_it_skipped(tmp_path):
    (tmp_path / "report.txt").write_text(layouts.pipes(layouts.seeded_tables(1)), "utf-8")
    labels = "# Labels\n\nThe rows of table 三 are listed below for reference.\n" + "\n".join(
        f"- `{row.label}` is the row called {row.key} in the format"
        for row in layouts.BLOCK_THREE.rows
    )
    (tmp_path / "labels.md").write_text("政府信息公开 annual report notes\n" + labels, "utf-8")
    (tmp_path / "README.txt").write_text("一、总体情况 政府信息公开工作年度报告", "utf-8")
    (tmp_path / "data.csv").write_text("a,b\n", "utf-8")
    result = run(tmp_path)
    assert result.stdout.count("== ") == 1
    assert "report.txt" in result.stdout
    assert "跳过 3 个不是报告的文件" in result.stderr
    assert result.returncode == 0


def test_report_text_is_told_from_notes_about_reports():
    assert looks_like_report(layouts.pipes(layouts.seeded_tables(1)))
    assert not looks_like_report("Notes on the 政府信息公开 report format " * 40)
    assert not looks_like_report("会议纪要：讨论了食堂的菜单。" * 40)
