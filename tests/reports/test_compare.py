"""`gongkai compare-reports` (issue 16): last year's 结转下年度 against this year's 上年结转
(I6), every figure's change, and section 五 copied from last year with its share."""

import copy
import json
import subprocess

from tests.test_env import GONGKAI

from . import layouts

PROBLEMS = (
    "一是信息公开的及时性还需提高，部分信息发布滞后。二是政策解读的形式较为单一，图解和视频解读偏少。"
    "三是依申请公开答复的规范化水平有待提升。"
)
NEW_PROBLEMS = (
    "一是基层政务公开专区建设不平衡，个别村居更新不及时。二是公开平台之间的数据共享不够顺畅。"
    "三是依申请公开答复的规范化水平有待提升。"
)


def report_text(tables, year: int, five: str) -> str:
    text = layouts.pipes(tables, year=year)
    return text.replace(
        "五、存在的主要问题及改进情况\n无。", f"五、存在的主要问题及改进情况\n{five}"
    )


def run(*args):
    return subprocess.run(
        [GONGKAI, "compare-reports", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def before_in_force(tables, kind: str) -> int:
    return tables["二"][kind][2]


def following_year(tables, extra: int = 0):
    """Next year's tables, carrying over last year's 结转 (plus `extra` 自然人 applications)."""
    after = copy.deepcopy(tables)
    after["三"]["二"] = list(tables["三"]["四"])
    after["三"]["二"][0] += extra
    after["三"]["二"][6] += extra
    for kind in ("规章", "行政规范性文件"):  # I7: last year's 现行有效 + 制发 − 废止
        made, repealed, _ = after["二"][kind]
        after["二"][kind][2] = before_in_force(tables, kind) + made - repealed
    after["三"]["一"] = [
        after["三"]["三（七）"][c] + after["三"]["四"][c] - after["三"]["二"][c] for c in range(7)
    ]
    return after


def test_a_copied_section_five_and_a_wrong_carry_over_are_findings(tmp_path):
    before = layouts.seeded_tables(1)
    after = following_year(before, extra=1)
    (tmp_path / "2022.txt").write_text(report_text(before, 2022, PROBLEMS), "utf-8")
    (tmp_path / "2023.txt").write_text(report_text(after, 2023, PROBLEMS), "utf-8")
    result = run(tmp_path / "2022.txt", tmp_path / "2023.txt", "--format", "json")
    assert result.returncode == 1
    (comparison,) = json.loads(result.stdout)
    rules = sorted((f["rule"], f["column"]) for f in comparison["findings"])
    assert rules == [("C1", ""), ("I6", "总计"), ("I6", "自然人")]
    assert comparison["section_five_copied_share"] == 1.0
    new_received = next(
        c
        for c in comparison["changes"]
        if c["row"].startswith("二、上年结转") and c["column"] == "总计"
    )
    assert new_received["new"] - new_received["old"] == new_received["change"]


def test_a_rewritten_section_five_and_a_right_carry_over_pass_and_say_the_share(tmp_path):
    before = layouts.seeded_tables(2)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "2022.txt").write_text(report_text(before, 2022, PROBLEMS), "utf-8")
    (tmp_path / "a" / "2023.txt").write_text(
        report_text(following_year(before), 2023, NEW_PROBLEMS), "utf-8"
    )
    result = run(tmp_path / "a")
    assert result.returncode == 0, result.stdout
    assert "第五部分与上年相同的句子：33%" in result.stdout  # one sentence of three
    assert "未发现问题" in result.stdout


def test_the_comparison_is_written_as_a_docx_a_supervisor_can_send(tmp_path):
    import docx

    before = layouts.seeded_tables(3)
    (tmp_path / "2022.txt").write_text(report_text(before, 2022, PROBLEMS), "utf-8")
    (tmp_path / "2023.txt").write_text(
        report_text(following_year(before, 2), 2023, PROBLEMS), "utf-8"
    )
    out = tmp_path / "对照.docx"
    result = run(tmp_path, "--format", "docx", "--output", out)
    assert result.returncode == 1
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "照搬照抄上年内容" in text
    assert "上年结转" in text
