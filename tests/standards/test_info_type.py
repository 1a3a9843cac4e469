"""党务公开 and 村务（居务）公开 items share the portal with 政府信息, but only 政府信息 is in
the annual report's figures; the others are counted and shown apart (the seed counts 311
党务 items among its 371)."""

from datetime import date

import pytest

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import DocumentKind, InfoType
from gongkai.catalogue.statistics import monthly_statistics
from gongkai.reports.compute import documents_rows
from gongkai.reports.drafts import _other_types
from tests.conftest import publish_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(township, clerk, reviewer, relief):
    def make(title, info_type, on, **fields):
        item = t.create_draft(
            township,
            by=clerk,
            category=relief,
            title=title,
            formed_on=on,
            info_type=info_type,
            **fields,
        )
        # a 行政规范性文件 registered as drafted, on its 成文日期 (国办发〔2018〕37号)
        return publish_item(
            item, clerk=clerk, reviewer=reviewer, on=on, registered_on=item.written_on
        )

    make("青石镇低保资金发放公示", InfoType.GOVERNMENT, date(2025, 3, 3))
    make(
        "青石镇临时救助管理办法",
        InfoType.GOVERNMENT,
        date(2025, 3, 4),
        document_kind=DocumentKind.NORMATIVE,
        written_on=date(2025, 3, 1),
    )
    make("镇党委理论学习中心组学习安排", InfoType.PARTY, date(2025, 3, 5))
    make(
        "镇党委关于党费收缴的规定",
        InfoType.PARTY,
        date(2025, 4, 7),
        document_kind=DocumentKind.NORMATIVE,
        written_on=date(2025, 4, 1),
    )
    make("青石村2025年第一季度财务收支公开", InfoType.VILLAGE, date(2025, 4, 8))


def test_only_government_information_is_in_the_monthly_and_report_figures(published, township):
    stats = monthly_statistics(township, 2025)
    # the 低保 notice, the 临时救助 办法 and its 解读 published with it (国办发〔2016〕80号)
    assert stats.portal_total == 3
    assert [(row.label, row.total) for row in stats.other_types] == [
        ("党务公开", 2),
        ("村务（居务）公开", 1),
    ]
    assert stats.other_types[0].months[2:4] == (1, 1)  # March and April


def test_a_party_document_is_not_a_normative_document_of_table_two(published, township):
    # 本年制发, 本年废止, 现行有效: the 党委 rule is not the government's 规范性文件
    assert documents_rows([township.pk], 2025, DocumentKind.NORMATIVE)[township.pk] == [1, 0, 1]


def test_section_one_states_the_other_items_apart(published, township):
    sentence = _other_types(monthly_statistics(township, 2025))
    assert sentence == (
        "另在同一平台发布党务公开信息2条、村务（居务）公开信息1条，不计入上述政府信息数量。"
    )
