"""Table 二's 行政规范性文件 row beside the register: a difference is a warning shown before
publication (the catalogue's own marks are what the clerk typed)."""

from datetime import date

import time_machine

from gongkai.policies import transitions as p
from gongkai.policies.figures import register_difference, register_row
from gongkai.reports.compute import table_two
from gongkai.reports.document import live_document
from tests.policies.conftest import registered


def test_an_agency_without_a_register_gets_no_warning(township):
    assert register_row(township, 2026) is None
    assert register_difference(township, 2026, [0, 0, 0]) == ""


def test_a_document_past_its_validity_but_still_marked_valid_shows_as_a_difference(
    township, clerk, reviewer
):
    registered(
        township,
        clerk,
        reviewer,
        "甲办法",
        effective=date(2026, 1, 5),
        valid_until=date(2026, 6, 30),
    )
    registered(township, clerk, reviewer, "乙办法", effective=date(2026, 2, 2))
    # by hand: two made in 2026, none repealed; at 31 December only 乙办法 is in force, but
    # the catalogue still marks 甲办法 有效, so table 二 says 2
    row = table_two(township, 2026)["行政规范性文件"]
    assert row == [2, 0, 2]
    assert register_row(township, 2026) == [2, 0, 1]
    document = live_document(township, 2026, sections={})
    [warning] = [f for f in document.findings if f.rule == "T4"]
    assert "现行有效件数表中为2、登记簿为1" in warning.message
    assert warning not in document.blocking


@time_machine.travel("2026-07-02 09:00 +0800", tick=False)  # the 有效期 has ended
def test_declaring_the_expiry_brings_table_two_in_line(township, clerk, reviewer):
    record = registered(
        township,
        clerk,
        reviewer,
        "甲办法",
        effective=date(2026, 1, 5),
        valid_until=date(2026, 6, 30),
    )
    p.declare_expired(record, by=clerk, today=date(2026, 7, 1))
    assert table_two(township, 2026)["行政规范性文件"] == register_row(township, 2026) == [1, 0, 0]


def test_a_repeal_through_a_newer_document_counts_in_both(township, clerk, reviewer):
    old = registered(township, clerk, reviewer, "旧办法", effective=date(2026, 1, 5))
    new = registered(township, clerk, reviewer, "新办法", effective=date(2026, 6, 1))
    p.relate(new.item, old.item, by=clerk, kind="repeals", on=date(2026, 6, 1))
    assert table_two(township, 2026)["行政规范性文件"] == register_row(township, 2026) == [2, 1, 1]


def test_section_one_quotes_the_interpretations_and_consultations_of_the_year(
    township, clerk, reviewer
):
    from gongkai.policies.models import Adoption
    from gongkai.reports.drafts import section_one

    # published with its one 解读 (国办发〔2016〕80号)
    record = registered(township, clerk, reviewer, "甲办法", effective=date(2026, 1, 5))
    consultation = p.open_consultation(
        record.item,
        by=clerk,
        title="甲办法修订征求意见",
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 4, 1),
        today=date(2026, 3, 2),
    )
    comment = p.submit_comment(
        consultation, name="", contact="13900000000", text="建议", today=date(2026, 3, 3)
    )
    p.moderate_comment(comment, by=clerk, show=True)
    p.decide_comment(comment, by=clerk, adoption=Adoption.ADOPTED)
    p.publish_feedback(consultation, by=reviewer, on=date(2026, 4, 2))
    document = live_document(township, 2026, sections={})
    text = section_one(township, 2026, document.tables)
    assert (
        "本年发布政策解读1篇；开展意见征集1次，收到公众意见1条，采纳（含部分采纳）1条，"
        "公布意见采纳情况反馈1次。"
    ) in text


def test_section_one_says_nothing_of_policies_without_records(township):
    from gongkai.reports.drafts import section_one

    document = live_document(township, 2026, sections={})
    assert "政策解读" not in section_one(township, 2026, document.tables)
