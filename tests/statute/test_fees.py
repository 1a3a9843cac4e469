"""信息处理费, 国办函〔2020〕109号, hand-computed band by band.

按件: 1–10 free; 11–30 at 100; 31–40 at 200; 41–50 at 300 (each band's rate only on its part).
按量: 1–30 free; 31–100 at 10; 101–200 at 20; 201+ at 40."""

import pytest

from gongkai.statute.fees import per_item_fee, per_item_rate, per_page_fee
from tests.test_env import run_gongkai


@pytest.mark.parametrize(
    ("applications", "yuan"),
    [
        (0, 0),
        (10, 0),
        (11, 100),  # the 11th at 100
        (30, 2000),  # 20 × 100
        (31, 2200),  # 2000 + 1 × 200
        (40, 4000),  # 2000 + 10 × 200
        (41, 4300),  # 4000 + 1 × 300
        (50, 7000),  # 4000 + 10 × 300
        (55, 9000),  # 7000 + 5 × 400
    ],
)
def test_per_item_fee(applications, yuan):
    assert per_item_fee(applications) == yuan


@pytest.mark.parametrize(("nth", "rate"), [(10, 0), (11, 100), (30, 100), (31, 200), (51, 400)])
def test_per_item_rate_of_the_nth_application(nth, rate):
    assert per_item_rate(nth) == rate


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),  # 70 × 10
        (101, 720),  # 700 + 1 × 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 2700 + 1 × 40
        (250, 4700),  # spec example: 70 × 10 + 100 × 20 + 50 × 40
    ],
)
def test_per_page_fee(pages, yuan):
    assert per_page_fee(pages) == yuan


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        per_page_fee(-1)
    with pytest.raises(ValueError):
        per_item_fee(-1)


def test_the_fee_command_prints_yuan(tmp_path):
    assert run_gongkai(tmp_path, "fee", "per-page", "250").stdout == "4700\n"
    assert run_gongkai(tmp_path, "fee", "per-item", "31").stdout == "2200\n"
    refused = run_gongkai(tmp_path, "fee", "per-item", "-3")
    assert refused.returncode != 0 and "不能为负数" in refused.stderr
