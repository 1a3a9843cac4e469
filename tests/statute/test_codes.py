"""Check characters of agency codes. Known-good codes: the seed report's index prefix
000014349 (棋盘井镇, ../shared/seeds) and GB 32100-2015's own example 91350100M000100Y43."""

import pytest

from gongkai.statute.codes import (
    credit_code_check_char,
    index_prefix_problem,
    org_code_check_char,
)


def test_check_characters_of_published_codes():
    # 000014349: 1×5 + 4×8 + 3×4 + 4×2 = 57; 57 mod 11 = 2; 11 − 2 = 9
    assert org_code_check_char("00001434") == "9"
    assert credit_code_check_char("91350100M000100Y4") == "3"


@pytest.mark.parametrize("prefix", ["000014349", "91350100M000100Y43"])
def test_valid_prefixes_have_no_problem(prefix):
    assert index_prefix_problem(prefix) == ""


@pytest.mark.parametrize(
    ("prefix", "says"),
    [
        ("000014348", "GB 11714"),
        ("91350100M000100Y44", "GB 32100"),
        ("91350100I000100Y43", "不含 I"),
        ("00001434", "9 位"),
        ("0000-4349", "前 8 位"),
        ("", "9 位"),
    ],
)
def test_invalid_prefixes_are_explained(prefix, says):
    assert says in index_prefix_problem(prefix)


def test_org_code_check_can_be_x_or_zero():
    # 11 − (sum mod 11) = 10 → X; = 11 → 0. Find one of each by brute force over a serial.
    checks = {org_code_check_char(f"{n:08d}") for n in range(200)}
    assert {"X", "0"} <= checks


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("11010519491231002X", ""),  # GB 11643's own example
        ("110105194912310021", "校验码"),
        ("11010519491331002X", "出生日期"),
        ("1101051949123100", "18 位"),
    ],
)
def test_resident_id_numbers(number, says):
    from gongkai.statute.codes import resident_id_problem

    problem = resident_id_problem(number)
    assert (says in problem) if says else problem == ""
