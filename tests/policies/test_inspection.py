"""The self-check marks down a registered 现行有效 规范性文件 without a published 解读
(国办秘函〔2019〕19号 信息发布·解读回应), and nothing once its 解读 is out."""

from datetime import date

from gongkai.core.calendar import current_calendar
from gongkai.inspection.checks import extra_checks
from gongkai.inspection.policies_checks import missing_interpretations
from gongkai.policies import transitions as p
from gongkai.policies.models import InterpretationForm
from tests.policies.conftest import draft, publish, publish_alone, registered

TODAY = date(2026, 6, 1)


def findings(agency):
    return [
        (f.indicator, f.subject)
        for f in missing_interpretations([agency], TODAY, current_calendar())
    ]


def test_a_document_in_force_without_interpretation_is_found_until_its_interpretation_is_out(
    township, clerk, reviewer, admin
):
    assert missing_interpretations in extra_checks()
    # an agency that turned 同步 off (国办发〔2016〕80号 asks it on) publishes the document alone
    p.configure(township, by=admin, require_sync=False)
    item = draft(township, clerk, "甲办法", written=date(2026, 1, 5))
    record = p.register_normative(
        item, by=clerk, on=date(2026, 1, 5), effective_on=date(2026, 1, 5)
    )
    publish_alone(item, clerk, reviewer, on=date(2026, 1, 5))
    assert findings(township) == [("missing_interpretation", "甲办法")]
    reading = draft(township, clerk, "甲办法解读", normative=False)
    p.link_interpretation(reading, record.item, by=clerk, form=InterpretationForm.TEXT)
    assert findings(township) == [("missing_interpretation", "甲办法")]  # not yet published
    publish(reading, clerk, reviewer, on=date(2026, 1, 6))
    assert findings(township) == []


def test_documents_no_longer_in_force_are_not_marked_down(township, clerk, reviewer):
    registered(
        township,
        clerk,
        reviewer,
        "已过期办法",
        effective=date(2025, 1, 6),
        valid_until=date(2026, 5, 31),
    )
    assert findings(township) == []
