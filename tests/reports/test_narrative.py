"""Every figure the tables hold, stated in the narrative, is compared with its table (issue
16); the year and the agency's level are read from the body when the title lacks them."""

from decimal import Decimal

import pytest

from gongkai.reports.checker.check import check_source
from gongkai.reports.checker.sources import Source, normalise, plain_text

from . import layouts


def read(text: str):
    return check_source(Source("report.txt", "text", normalise(plain_text(text))))


def total(tables, *rows):
    return sum(tables["三"][row][6] for row in rows)


def two(tables, row, column):
    return tables["二"][row][column]


# (claim, sentence with {n}, the figure the tables hold) — from spec/annual-report.md's rows
CLAIMS = [
    ("收到申请", "本年度共收到政府信息公开申请{n}件", lambda t: total(t, "一")),
    ("上年结转", "上年结转政府信息公开申请{n}件", lambda t: total(t, "二")),
    ("结转下年度", "结转下年度继续办理的申请{n}件", lambda t: total(t, "四")),
    ("予以公开", "其中予以公开{n}件", lambda t: total(t, "三（一）")),
    ("部分公开", "部分公开{n}件", lambda t: total(t, "三（二）")),
    ("不予公开", "不予公开{n}件", lambda t: total(t, *(f"三（三）{i}" for i in range(1, 9)))),
    ("无法提供", "无法提供{n}件", lambda t: total(t, "三（四）1", "三（四）2", "三（四）3")),
    ("不予处理", "不予处理{n}件", lambda t: total(t, *(f"三（五）{i}" for i in range(1, 6)))),
    ("其他处理", "其他处理{n}件", lambda t: total(t, "三（六）1", "三（六）2", "三（六）3")),
    ("办结", "全年办结政府信息公开申请{n}件", lambda t: total(t, "三（七）")),
    ("行政复议", "因政府信息公开被申请行政复议{n}件", lambda t: t["四"]["四"][4]),
    ("行政诉讼", "被提起行政诉讼{n}件", lambda t: t["四"]["四"][9] + t["四"]["四"][14]),
    ("规章", "本年制定规章{n}件", lambda t: two(t, "规章", 0)),
    ("规范性文件", "印发行政规范性文件{n}件", lambda t: two(t, "行政规范性文件", 0)),
    ("废止规范性文件", "废止规范性文件{n}件", lambda t: two(t, "行政规范性文件", 1)),
    ("现行有效规范性文件", "现行有效规范性文件{n}件", lambda t: two(t, "行政规范性文件", 2)),
    ("行政许可", "作出行政许可决定{n}件", lambda t: two(t, "行政许可", 0)),
    ("行政处罚", "作出行政处罚决定{n}宗", lambda t: two(t, "行政处罚", 0)),
]


def with_sentence(tables, sentence: str) -> str:
    return layouts.pipes(tables).replace(layouts.narrative(tables), sentence + "。")


@pytest.mark.parametrize(("claim", "sentence", "figure"), CLAIMS, ids=[c[0] for c in CLAIMS])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_narrative_figure_that_agrees_passes_and_one_off_by_one_is_found(
    claim, sentence, figure, seed
):
    tables = layouts.seeded_tables(seed)
    right = figure(tables)
    assert read(with_sentence(tables, sentence.format(n=right))).problems == []
    report = read(with_sentence(tables, sentence.format(n=right + 1)))
    (finding,) = report.problems
    assert (finding.rule, finding.row) == ("X1", claim)
    assert (finding.expected, finding.found) == (str(right), str(right + 1))


def test_a_fee_stated_in_yuan_is_compared_in_wan_yuan():
    tables = layouts.seeded_tables(4)
    tables["二"]["行政事业性收费"] = [Decimal("1.5")]  # 万元
    assert read(with_sentence(tables, "收取行政事业性收费15000元")).problems == []
    (finding,) = read(with_sentence(tables, "收取行政事业性收费1.6万元")).problems
    assert (finding.rule, finding.row, finding.expected) == ("X1", "行政事业性收费", "1.5")


def test_the_2019_layout_in_a_report_whose_year_only_the_body_names_is_flagged():
    # the 2019 trial format's table 二, in a report whose title has no year and whose body
    # says "2022年以来"
    text = "\n".join(
        [
            "某县某局政府信息公开工作年度报告",
            "一、总体情况",
            "2022年以来，我局认真贯彻条例。2022年度共主动公开信息120条。",
            "二、主动公开政府信息情况",
            "| 第二十条第（一）项 |",
            "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
            "| 规章 | 0 | 0 | 0 |",
            "| 规范性文件 | 2 | 2 | 9 |",
            "| 第二十条第（五）项 |",
            "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
            "| 行政许可 | 3 | 0 | 15 |",
            "| 其他对外管理服务事项 | 0 | 0 | 0 |",
        ]
    )
    report = read(text)
    assert (report.year, report.fmt.name) == (2022, "2019")
    assert ("F1", "二") in {(f.rule, f.table) for f in report.problems}


def test_rules_at_a_township_the_body_names_as_itself_are_flagged():
    tables = layouts.seeded_tables(6)
    tables["二"]["规章"] = [0, 0, 2]
    text = layouts.pipes(tables, agency="某某")
    text = text.replace(
        layouts.narrative(tables), "2023年，我镇高度重视政务公开。我镇共主动公开信息100条。"
    )
    report = read(text)
    assert ("R1", "规章", "现行有效件数") in {(f.rule, f.row, f.column) for f in report.problems}


def test_a_city_that_writes_about_towns_is_not_taken_for_a_township():
    tables = layouts.seeded_tables(6)
    tables["二"]["规章"] = [1, 0, 2]
    text = layouts.pipes(tables, agency="测试市人民政府")
    text = text.replace(layouts.narrative(tables), "我镇我镇")  # not a township by its name
    assert "R1" not in {f.rule for f in read(text).problems}
