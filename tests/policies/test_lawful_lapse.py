"""A registered 规范性文件 leaves force by one of three legal events, each held to its own
rule in the catalogue's one transition (issue 23): its 有效期 ends (失效 only after the last
valid day, 国办发〔2018〕37号及本省规定), a 清理 decides 宣布失效 or 废止, or a later document
废止/替代 it from its own date. The item page's 变更时效性 is no fourth way round them: it is
not offered for a registered document at all, and refused with the sentence that sends the
clerk to the register (issue 22)."""

from datetime import date

import pytest

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Validity
from gongkai.core.transitions import TransitionError
from gongkai.policies import transitions as p
from gongkai.policies.models import CleanupResult, RelationKind
from tests.policies.conftest import draft, publish, registered

EFFECTIVE, LAST_DAY = date(2026, 4, 1), date(2027, 3, 31)
EARLY = r"有效期至2027年3月31日，尚在有效期内，不能宣布失效（国办发〔2018〕37号及本省规定"
# the item page's refusal (policies/transitions.KEPT_IN_REGISTER), its beginning and its basis
IN_THE_REGISTER = r"^已登记的规范性文件的时效性在规范性文件登记簿中变更：.*（国办发〔2018〕37号）$"


@pytest.fixture
def record(township, clerk, reviewer):
    return registered(
        township, clerk, reviewer, "乙办法", effective=EFFECTIVE, valid_until=LAST_DAY
    )


def validity(record):
    record.item.refresh_from_db()
    return record.item.validity, record.item.validity_changed_on


@pytest.mark.parametrize(
    ("on", "change"),
    [
        (LAST_DAY, Validity.EXPIRED),  # 失效 inside its 有效期
        (date(2026, 6, 1), Validity.REPEALED),  # 废止 with no decision behind it
    ],
    ids=["expired-inside-validity", "repealed-without-decision"],
)
def test_the_item_page_cannot_change_a_registered_documents_validity(record, clerk, on, change):
    # the step the office offers on an unregistered published item, as a hand-made POST
    # would call it
    with pytest.raises(TransitionError, match=IN_THE_REGISTER):
        t.change_validity(record.item, by=clerk, on=on, validity=change, because=t.BY_DECISION)
    assert validity(record) == (Validity.VALID, None)


def test_an_expiry_named_as_such_is_refused_before_the_end_and_taken_after(record, clerk):
    with pytest.raises(TransitionError, match=EARLY):
        t.change_validity(
            record.item, by=clerk, on=LAST_DAY, validity=Validity.EXPIRED, because=t.BY_EXPIRY
        )
    # 宣布失效 on the register, the day after the last valid day
    p.declare_expired(record, by=clerk, today=date(2027, 4, 1))
    assert validity(record) == (Validity.EXPIRED, date(2027, 4, 1))
    assert record.currency(date(2027, 3, 31)) == "现行有效"
    assert record.currency(date(2027, 4, 1)) == "已失效"


def test_even_a_due_expiry_is_the_registers_and_dated_the_day_after_the_end(record, clerk):
    # after the 有效期 too, the item page's own decision is refused: the register declares it
    with pytest.raises(TransitionError, match=IN_THE_REGISTER):
        t.change_validity(
            record.item,
            by=clerk,
            on=date(2027, 4, 1),
            validity=Validity.EXPIRED,
            because=t.BY_DECISION,
        )
    # 失效 is a fact of the 有效期: from the day after its last day, not the day it is declared
    p.declare_expired(record, by=clerk, today=date(2027, 6, 1))
    assert validity(record) == (Validity.EXPIRED, date(2027, 4, 1))


def test_a_cleanup_may_declare_it_expired_early_but_only_a_cleanup(township, record, clerk, admin):
    # naming a 清理 is not enough: the 清理 being published must have decided it
    with pytest.raises(TransitionError, match="没有正在公布的清理结果“宣布失效”"):
        t.change_validity(
            record.item,
            by=clerk,
            on=date(2026, 11, 30),
            validity=Validity.EXPIRED,
            because=t.BY_CLEANUP,
        )
    batch = p.start_cleanup(township, by=clerk, title="2026年度清理", on=date(2026, 11, 2))
    p.record_cleanup_result(batch, record, by=clerk, result=CleanupResult.EXPIRE, note="对象消失")
    p.publish_cleanup(batch, by=admin, on=date(2026, 11, 30))
    # four months before its 有效期 ends, by the 清理's decision
    assert validity(record) == (Validity.EXPIRED, date(2026, 11, 30))
    assert record.currency(date(2026, 11, 30)) == "已失效"


def test_a_later_document_repeals_it_from_its_own_date_and_nothing_else_claims_to(
    township, record, clerk, reviewer
):
    with pytest.raises(TransitionError, match="没有自2026年9月1日起废止或替代它的新文件"):
        t.change_validity(
            record.item,
            by=clerk,
            on=date(2026, 9, 1),
            validity=Validity.REPEALED,
            because=t.BY_LATER_DOCUMENT,
        )
    newer = registered(township, clerk, reviewer, "关于废止乙办法的决定", effective=EFFECTIVE)
    p.relate(newer.item, record.item, by=clerk, kind=RelationKind.REPEALS, on=date(2026, 9, 1))
    assert validity(record) == (Validity.REPEALED, date(2026, 9, 1))
    assert record.currency(date(2026, 8, 31)) == "现行有效"


def test_information_without_a_register_follows_the_agencys_decision(township, clerk, reviewer):
    notice = publish(draft(township, clerk, "关于冬季防火的通告", normative=False), clerk, reviewer)
    t.change_validity(
        notice, by=clerk, on=date(2026, 4, 1), validity=Validity.EXPIRED, because=t.BY_DECISION
    )
    notice.refresh_from_db()
    assert (notice.validity, notice.validity_changed_on) == (Validity.EXPIRED, date(2026, 4, 1))


def test_a_change_of_validity_must_name_its_event(township, clerk, reviewer):
    notice = publish(draft(township, clerk, "关于冬季防火的通告", normative=False), clerk, reviewer)
    with pytest.raises(TransitionError, match="请说明时效性变更的依据"):
        t.change_validity(
            notice, by=clerk, on=date(2026, 4, 1), validity=Validity.EXPIRED, because="随便"
        )
