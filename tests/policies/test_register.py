"""行政规范性文件 registered at drafting (统一登记、统一编号, 国办发〔2018〕37号), their 有效期
bounded by the province's maximum, and 时效性 kept current through 修订, 废止 and 替代."""

from datetime import date

import pytest
import time_machine

from gongkai.catalogue.models import Validity
from gongkai.core.transitions import TransitionError
from gongkai.policies import transitions as p
from gongkai.policies.models import DocumentRelation, NormativeDocument, RelationKind
from tests.policies.conftest import draft, publish, registered


def test_registration_numbers_run_per_agency_and_year(township, county, clerk):
    first = p.register_normative(
        draft(township, clerk, "甲办法"),
        by=clerk,
        on=date(2026, 3, 2),
        effective_on=date(2026, 4, 1),
    )
    second = p.register_normative(
        draft(township, clerk, "乙办法"),
        by=clerk,
        on=date(2026, 5, 6),
        effective_on=date(2026, 6, 1),
    )
    next_year = p.register_normative(
        draft(township, clerk, "丙办法", written=date(2027, 1, 5)),
        by=clerk,
        on=date(2027, 1, 5),
        effective_on=date(2027, 2, 1),
    )
    assert [first.registration_number, second.registration_number] == [
        "012345671-2026-001",
        "012345671-2026-002",
    ]
    assert next_year.registration_number == "012345671-2027-001"


def test_the_agency_may_set_its_own_registration_code(township, clerk, admin):
    p.configure(township, by=admin, require_sync=False, registration_code="QSZ")
    record = p.register_normative(
        draft(township, clerk, "甲办法"),
        by=clerk,
        on=date(2026, 3, 2),
        effective_on=date(2026, 4, 1),
    )
    assert record.registration_number == "QSZ-2026-001"


def test_validity_defaults_to_five_years_ending_the_day_before(township, clerk):
    record = p.register_normative(
        draft(township, clerk, "甲办法", written=date(2025, 12, 20)),
        by=clerk,
        on=date(2025, 12, 22),
        effective_on=date(2026, 1, 1),
    )
    assert record.valid_until == date(2030, 12, 31)  # 5 years from 2026-01-01, by hand


def test_a_longer_validity_than_the_province_allows_is_refused(township, county, clerk):
    with pytest.raises(TransitionError, match="有效期不得超过5年"):
        p.register_normative(
            draft(township, clerk, "甲办法"),
            by=clerk,
            on=date(2026, 3, 2),
            effective_on=date(2026, 4, 1),
            valid_until=date(2031, 4, 1),
        )


def test_a_maximum_set_higher_up_the_tree_applies_below(township, county, clerk):
    from gongkai.core.models import Membership, Role, User

    county_admin = User.objects.get(username="xian")
    assert Membership.objects.filter(user=county_admin, agency=county, role=Role.ADMIN).exists()
    p.configure(county, by=county_admin, require_sync=False, max_validity_years=2)
    record = p.register_normative(
        draft(township, clerk, "暂行办法"),
        by=clerk,
        on=date(2026, 3, 2),
        effective_on=date(2026, 4, 1),
    )
    assert record.valid_until == date(2028, 3, 31)


def test_a_published_item_cannot_be_registered_afterwards(township, clerk, reviewer):
    # (a 规范性文件 cannot be published unregistered at all: filed as 其他 and published)
    item = publish(draft(township, clerk, "甲办法", normative=False), clerk, reviewer)
    with pytest.raises(TransitionError, match="起草时登记"):
        p.register_normative(item, by=clerk, on=date(2026, 3, 6), effective_on=date(2026, 4, 1))


def test_currency_follows_the_dates(township, clerk, reviewer):
    record = registered(
        township,
        clerk,
        reviewer,
        "甲办法",
        effective=date(2026, 4, 1),
        valid_until=date(2027, 3, 31),
    )
    assert record.currency(date(2027, 3, 31)) == "现行有效"
    assert record.currency(date(2027, 4, 1)) == "已失效"
    assert NormativeDocument.objects.in_force(date(2027, 3, 31)).count() == 1
    assert NormativeDocument.objects.in_force(date(2027, 4, 1)).count() == 0


def test_a_repeal_links_both_ways_and_updates_the_older_document(township, clerk, reviewer):
    old = registered(township, clerk, reviewer, "旧办法", effective=date(2026, 1, 5))
    new = registered(township, clerk, reviewer, "新办法", effective=date(2026, 6, 1))
    p.relate(new.item, old.item, by=clerk, kind=RelationKind.REPEALS, on=date(2026, 6, 1))
    old.refresh_from_db()
    old.item.refresh_from_db()
    assert old.currency(date(2026, 6, 2)) == "已废止"
    assert old.item.validity == Validity.REPEALED  # the catalogue, which table 二 counts
    assert old.item.validity_changed_on == date(2026, 6, 1)
    assert list(old.item.acted_on.values_list("newer", flat=True)) == [new.item.pk]
    assert list(new.item.acts_on.values_list("older", flat=True)) == [old.item.pk]
    assert new.currency(date(2026, 6, 2)) == "现行有效"


def test_a_replacement_repeals_the_older_document(township, clerk, reviewer):
    old = registered(township, clerk, reviewer, "旧办法", effective=date(2026, 1, 5))
    new = registered(township, clerk, reviewer, "新办法", effective=date(2026, 6, 1))
    p.relate(new.item, old.item, by=clerk, kind=RelationKind.REPLACES, on=date(2026, 6, 1))
    old.refresh_from_db()
    assert old.currency(date(2026, 6, 2)) == "已废止"


def test_an_amendment_marks_the_older_document_amended_not_repealed(township, clerk, reviewer):
    old = registered(township, clerk, reviewer, "旧办法", effective=date(2026, 1, 5))
    new = registered(township, clerk, reviewer, "关于修改旧办法的决定", effective=date(2026, 6, 1))
    p.relate(new.item, old.item, by=clerk, kind=RelationKind.AMENDS, on=date(2026, 6, 1))
    old.refresh_from_db()
    old.item.refresh_from_db()
    assert old.currency(date(2026, 6, 2)) == "已修改"
    assert old.item.validity == Validity.VALID
    assert NormativeDocument.objects.in_force(date(2026, 6, 2)).get() == new


def test_a_repealed_document_cannot_be_repealed_again(township, clerk, reviewer):
    old = registered(township, clerk, reviewer, "旧办法", effective=date(2026, 1, 5))
    new = registered(township, clerk, reviewer, "新办法", effective=date(2026, 6, 1))
    newest = registered(township, clerk, reviewer, "最新办法", effective=date(2026, 7, 1))
    p.relate(new.item, old.item, by=clerk, kind=RelationKind.REPEALS, on=date(2026, 6, 1))
    with pytest.raises(TransitionError, match="已经废止或失效"):
        p.relate(newest.item, old.item, by=clerk, kind=RelationKind.REPEALS, on=date(2026, 7, 1))
    assert DocumentRelation.objects.count() == 1


def test_an_outsider_cannot_repeal_the_townships_document(township, clerk, reviewer, outsider):
    old = registered(township, clerk, reviewer, "旧办法", effective=date(2026, 1, 5))
    new = registered(township, clerk, reviewer, "新办法", effective=date(2026, 6, 1))
    with pytest.raises(TransitionError, match="只有本机关"):
        p.relate(new.item, old.item, by=outsider, kind=RelationKind.REPEALS, on=date(2026, 6, 1))


@time_machine.travel("2027-04-02 09:00 +0800", tick=False)  # the 有效期 has ended
def test_declaring_an_expired_document_marks_the_catalogue_from_the_next_day(
    township, clerk, reviewer
):
    record = registered(
        township,
        clerk,
        reviewer,
        "甲办法",
        effective=date(2026, 4, 1),
        valid_until=date(2027, 3, 31),
    )
    p.declare_expired(record, by=clerk, today=date(2027, 4, 1))
    assert record.item.validity == Validity.EXPIRED
    assert record.item.validity_changed_on == date(2027, 4, 1)


def test_a_relation_waits_until_both_documents_are_published(township, clerk, reviewer):
    old = registered(township, clerk, reviewer, "旧办法", effective=date(2026, 1, 5))
    newer = draft(township, clerk, "新办法（草稿）")
    with pytest.raises(TransitionError, match="两份文件都公开后"):
        p.relate(newer, old.item, by=clerk, kind=RelationKind.REPEALS, on=date(2026, 6, 1))
    old.refresh_from_db()
    assert old.currency(date(2026, 6, 2)) == "现行有效"


# ---- 时效性 on a given day (spec/policy-and-inspection.md, correction December 2026)


def test_a_document_is_not_yet_in_force_before_its_effective_date(township, clerk, reviewer):
    from tests.policies.conftest import draft, publish

    # written and published in March, 施行 from 1 May: published, but not yet 现行有效
    item = draft(township, clerk, "丙办法", written=date(2026, 3, 2))
    record = p.register_normative(
        item, by=clerk, on=date(2026, 3, 2), effective_on=date(2026, 5, 1)
    )
    publish(item, clerk, reviewer, on=date(2026, 3, 5))
    record.refresh_from_db()
    assert record.currency(date(2026, 4, 30)) == "尚未生效"
    assert record.currency(date(2026, 5, 1)) == "现行有效"
    assert not NormativeDocument.objects.in_force(date(2026, 4, 30)).exists()
    assert NormativeDocument.objects.in_force(date(2026, 5, 1)).get() == record


def test_a_repeal_recorded_ahead_takes_effect_on_its_own_date(township, clerk, reviewer):
    old = registered(township, clerk, reviewer, "旧办法", effective=date(2026, 1, 5))
    new = registered(township, clerk, reviewer, "新办法", effective=date(2026, 3, 2))
    # recorded on 2 March, the repeal takes effect on 1 July (the new rules' own date)
    p.relate(new.item, old.item, by=clerk, kind=RelationKind.REPEALS, on=date(2026, 7, 1))
    old.refresh_from_db()
    old.item.refresh_from_db()
    assert old.currency(date(2026, 6, 30)) == "现行有效"
    assert old.currency(date(2026, 7, 1)) == "已废止"
    in_force = NormativeDocument.objects.in_force
    assert set(in_force(date(2026, 6, 30))) == {old, new}
    assert set(in_force(date(2026, 7, 1))) == {new}


def test_an_amendment_recorded_ahead_takes_effect_on_its_own_date(township, clerk, reviewer):
    old = registered(township, clerk, reviewer, "旧办法", effective=date(2026, 1, 5))
    new = registered(township, clerk, reviewer, "关于修改旧办法的决定", effective=date(2026, 3, 2))
    p.relate(new.item, old.item, by=clerk, kind=RelationKind.AMENDS, on=date(2026, 9, 1))
    old.refresh_from_db()
    assert old.currency(date(2026, 8, 31)) == "现行有效"
    assert old.currency(date(2026, 9, 1)) == "已修改"


def test_expiry_before_the_validity_ends_is_refused_in_the_transition(township, clerk, reviewer):
    record = registered(
        township,
        clerk,
        reviewer,
        "甲办法",
        effective=date(2026, 4, 1),
        valid_until=date(2027, 3, 31),
    )
    # the last valid day is still in force: 失效 only once the 有效期 has ended
    with pytest.raises(TransitionError, match=r"有效期至2027年3月31日.*不能宣布失效.*废止"):
        p.declare_expired(record, by=clerk, today=date(2027, 3, 31))
    record.item.refresh_from_db()
    assert record.item.validity == Validity.VALID
    assert record.currency(date(2027, 3, 31)) == "现行有效"


def test_a_provisional_title_has_the_shorter_cap(township, clerk):
    # 暂行/试行: 2 years unless the province sets otherwise (山东: 试行/暂行 1年或2年)
    item = draft(township, clerk, "青石镇农村人居环境整治奖补暂行办法", written=date(2026, 3, 2))
    with pytest.raises(TransitionError, match=r"暂行.*不得超过2年.*最迟至2028年3月1日"):
        p.register_normative(
            item,
            by=clerk,
            on=date(2026, 3, 2),
            effective_on=date(2026, 3, 2),
            valid_until=date(2029, 3, 1),
        )
    record = p.register_normative(
        item, by=clerk, on=date(2026, 3, 2), effective_on=date(2026, 3, 2)
    )
    assert record.valid_until == date(2028, 3, 1)  # two years ending the day before


def test_the_provisional_cap_is_set_by_the_province_for_every_agency_below(township, county, clerk):
    from gongkai.core.models import User

    province = county
    while province.parent is not None:
        province = province.parent
    admin = User.objects.get(username="xian")
    from gongkai.core.models import Membership, Role

    Membership.objects.get_or_create(user=admin, agency=province, role=Role.ADMIN)
    p.configure(province, by=admin, require_sync=False, max_provisional_validity_years=1)
    item = draft(township, clerk, "青石镇护林防火试行规定", written=date(2026, 3, 2))
    record = p.register_normative(
        item, by=clerk, on=date(2026, 3, 2), effective_on=date(2026, 3, 2)
    )
    assert record.valid_until == date(2027, 3, 1)
    # a title without 暂行/试行 keeps the general cap of 5 years
    other = draft(township, clerk, "青石镇护林防火规定", written=date(2026, 3, 2))
    record = p.register_normative(
        other, by=clerk, on=date(2026, 3, 2), effective_on=date(2026, 3, 2)
    )
    assert record.valid_until == date(2031, 3, 1)


def test_a_normative_document_is_published_only_once_registered(township, clerk, reviewer):
    from gongkai.catalogue import transitions as t
    from gongkai.catalogue.models import ItemStatus

    # 国办发〔2018〕37号: 统一登记、统一编号、统一印发 — the register comes before publication
    item = draft(township, clerk, "青石镇村级公益事业一事一议筹资筹劳办法")
    t.submit(item, by=clerk)
    with pytest.raises(
        TransitionError, match=r"统一登记、统一编号后才能公开（国办发〔2018〕37号）"
    ):
        t.approve_and_publish(item, by=reviewer, on=date(2026, 3, 5))
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED and not item.index_number
    p.register_normative(item, by=clerk, on=date(2026, 3, 5), effective_on=date(2026, 3, 5))
    # registered, it goes out with its 解读 (国办发〔2016〕80号)
    published = p.publish_with_interpretation(
        item, by=clerk, reviewer=reviewer, on=date(2026, 3, 5)
    )
    assert published.index_number
