"""Reading the yearly arrangement file: everything checked, every problem with its line."""

from datetime import date

import pytest

from gongkai.statute.arrangement_file import (
    ArrangementFileError,
    decode_text,
    parse_arrangements,
)
from gongkai.statute.workdays import DayKind

NOTICE = "国办发明电〔2026〕X号（测试）"


def test_reads_a_file_with_a_header_and_spreadsheet_dates():
    rows = parse_arrangements(
        "date,kind,source\n"
        f"2027-01-01,放假,{NOTICE}\n"
        f"2027/2/6,上班,{NOTICE}\n"  # a Saturday, as Excel writes dates
        "\n"
        "# comments and blank lines are skipped\n"
    )
    assert [(r.day, r.kind) for r in rows] == [
        (date(2027, 1, 1), DayKind.HOLIDAY),
        (date(2027, 2, 6), DayKind.WORKDAY),
    ]
    assert rows[0].source == NOTICE


def test_reads_a_chinese_header_and_gbk_encoding_from_excel():
    data = f"日期,类型,依据\n2027-01-01,放假,{NOTICE}\n".encode("gb18030")
    rows = parse_arrangements(decode_text(data))
    assert rows[0].day == date(2027, 1, 1)


def test_the_same_date_twice_with_the_same_kind_is_kept_once():
    rows = parse_arrangements(f"2027-01-01,放假,{NOTICE}\n2027-01-01,放假,{NOTICE}\n")
    assert len(rows) == 1


def test_reports_every_problem_with_its_line_number():
    text = (
        "date,kind,source\n"  # 1
        f"2027-13-01,放假,{NOTICE}\n"  # 2 month 13
        f"2027-01-04,休息日,{NOTICE}\n"  # 3 unknown kind
        f"2027-01-01,放假,{NOTICE}\n"  # 4 fine
        f"2027-01-01,上班,{NOTICE}\n"  # 5 same date, other kind
        f"2027-01-05,上班,{NOTICE}\n"  # 6 a Tuesday cannot be a make-up day
        f"2027-01-02,放假,{NOTICE}\n"  # 7 a Saturday is off anyway
        "2027-01-06,放假,\n"  # 8 no source
        "2027-01-07,放假\n"  # 9 two columns
        "二〇二七年一月八日,放假,x\n"  # 10 not a date
    )
    with pytest.raises(ArrangementFileError) as raised:
        parse_arrangements(text)
    by_line = {p.line: p.message for p in raised.value.problems}
    assert sorted(by_line) == [2, 3, 5, 6, 7, 8, 9, 10]
    assert "2027-13-01" in by_line[2]
    assert "休息日" in by_line[3]
    assert "第 4 行" in by_line[5]
    assert "星期二" in by_line[6]
    assert "星期六" in by_line[7]
    assert "依据" in by_line[8]
    assert "3 列" in by_line[9]
    assert "无法识别" in by_line[10]
    assert str(raised.value).startswith("第 2 行：")


def test_an_empty_file_is_refused():
    with pytest.raises(ArrangementFileError, match="没有任何日期行"):
        parse_arrangements("date,kind,source\n")


def test_undecodable_bytes_are_refused_in_chinese():
    with pytest.raises(ArrangementFileError, match="编码"):
        decode_text(b"\xff\xfe\x00\xd8\x00")
