"""Identities I1–I8 on hand-made tables. Consistent figures below are checked by hand:
新收 10 (自然人 8, 商业企业 2) + 上年结转 1 (自然人) = 11 = （七）总计 9 + 结转 2."""

from decimal import Decimal

import pytest

from gongkai.statute.report_format import FORMAT_2021
from gongkai.statute.report_identities import (
    Check,
    carried_over,
    check_tables,
    compare_sums,
    documents_in_force,
    fee_notices_cover_abandoned_for_fees,
)


def row(natural=0, business=0):
    return [natural, business, 0, 0, 0, 0, natural + business]


def consistent():
    three = {key: row() for key in (r.key for r in FORMAT_2021.tables["三"].blocks[0].value_rows)}
    three.update(
        {
            "一": row(8, 2),
            "二": row(1),
            "三（一）": row(5, 1),  # 6
            "三（二）": row(1),  # 1
            "三（四）1": row(1),  # 1
            "三（六）3": row(0, 1),  # 1 → total 9
            "三（七）": row(7, 2),
            "四": row(2),
        }
    )
    four = {"四": [1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]}
    return {"三": three, "四": four}


def rules(findings):
    return sorted((f.rule, f.row, f.column) for f in findings if f.severity == "finding")


def test_consistent_tables_have_no_findings():
    assert check_tables(FORMAT_2021, consistent()) == []


def test_a_wrong_row_total_breaks_i2_and_the_total_columns_i1_and_i3():
    tables = consistent()
    tables["三"]["三（一）"][6] = 7  # should be 6
    assert rules(check_tables(FORMAT_2021, tables)) == [
        ("I2", "（一）予以公开", "总计"),
        ("I3", "（七）总计", "总计"),
    ]


def test_a_wrong_new_applications_cell_breaks_i1_and_i2():
    tables = consistent()
    tables["三"]["一"][0] = 9
    assert rules(check_tables(FORMAT_2021, tables)) == [
        ("I1", "一+二 / （七）+四", "自然人"),
        ("I2", "一、本年新收政府信息公开申请数量", "总计"),
    ]


def test_a_wrong_appeal_total_breaks_i4_and_a_fraction_breaks_i5():
    tables = consistent()
    tables["四"]["四"][4] = 3
    tables["三"]["三（二）"] = [Decimal("0.5"), 0, 0, 0, 0, 0, Decimal("0.5")]
    found = {f.rule for f in check_tables(FORMAT_2021, tables) if f.severity == "finding"}
    assert {"I4", "I5"} <= found


@pytest.mark.parametrize(
    ("left", "right", "verdict"),
    [
        ([1, 2], [3], Check.HOLDS),
        ([1, 2], [4], Check.FAILS),
        ([1, None], [3], Check.UNCHECKABLE),  # the blank may be 2
        ([3, None], [3], Check.HOLDS),  # the blank can only be 0
        ([5, None], [3], Check.FAILS),  # no non-negative blank helps
        ([None], [None], Check.UNCHECKABLE),
        ([3], [None, 1], Check.UNCHECKABLE),
    ],
)
def test_blanks_are_unknown_non_negative_numbers(left, right, verdict):
    assert compare_sums(left, right)[0] is verdict


def test_i6_compares_carried_over_with_next_years_carried_in():
    last_year = consistent()
    this_year = consistent()
    this_year["三"]["二"] = row(1, 1)  # last year carried 2 自然人, 0 商业企业
    columns = [c.label for c in FORMAT_2021.tables["三"].blocks[0].columns]
    assert rules(carried_over(last_year, this_year, columns)) == [
        ("I6", "二、上年结转", "商业企业"),
        ("I6", "二、上年结转", "自然人"),
    ]


def test_i7_warns_when_documents_in_force_do_not_follow():
    before = {"二": {"行政规范性文件": [2, 0, 10]}}
    now = {"二": {"行政规范性文件": [3, 1, 12]}}  # 10 + 3 − 1 = 12: holds
    assert documents_in_force(before, now) == []
    now["二"]["行政规范性文件"][2] = 13
    (warning,) = documents_in_force(before, now)
    assert (warning.rule, warning.severity, warning.expected) == ("I7", "warning", "13")


def test_i8_wants_a_fee_notice_for_each_application_abandoned_for_fees():
    tables = consistent()
    tables["三"]["三（六）2"] = row(2)
    assert fee_notices_cover_abandoned_for_fees(tables, 2) == []
    (warning,) = fee_notices_cover_abandoned_for_fees(tables, 1)
    assert warning.rule == "I8"
