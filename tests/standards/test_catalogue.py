"""A county issues a model catalogue; a township adopts it row by row, hides what does not
apply with a reason, adds its own rows, and links its items to them."""

from datetime import date

import pytest

from gongkai.catalogue import transitions as t
from gongkai.core.models import AuditEntry
from gongkai.core.transitions import TransitionError
from gongkai.standards import transitions as s
from gongkai.standards.models import Adoption

pytestmark = pytest.mark.django_db


def test_a_township_adopts_the_county_model_and_its_catalogue_is_those_rows(model, township, clerk):
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    assert list(s.adopted_matters(township)) == sorted(rows.values(), key=lambda m: m.order)
    # adopting again changes nothing
    assert s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 11)) == []
    assert Adoption.objects.filter(agency=township).count() == 3


def test_a_row_that_does_not_apply_is_hidden_with_its_reason_and_can_come_back(
    model, township, clerk
):
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    adoption = Adoption.objects.get(agency=township, matter=rows["补贴"])
    with pytest.raises(TransitionError, match="理由"):
        s.hide(adoption, by=clerk, reason=" ")
    s.hide(adoption, by=clerk, reason="本镇无耕地地力保护补贴发放任务")
    assert rows["补贴"] not in s.adopted_matters(township)
    adoption.refresh_from_db()
    assert adoption.hidden_reason == "本镇无耕地地力保护补贴发放任务"
    assert AuditEntry.objects.filter(action="standards.adoption.hidden").exists()
    s.restore(adoption, by=clerk)
    assert rows["补贴"] in s.adopted_matters(township)


def test_a_local_row_joins_only_its_own_agencys_catalogue(model, township, county, clerk):
    adoption = s.add_local_matter(
        township,
        by=clerk,
        on=date(2025, 4, 1),
        domain="村级事务",
        level1="一事一议",
        level2="一事一议筹资筹劳方案",
        limit_kind="default",
        limit_days=20,
    )
    assert adoption.matter.agency == township and adoption.matter.catalogue is None
    assert adoption.matter in s.adopted_matters(township)
    assert adoption.matter not in s.adopted_matters(county)


def test_a_local_row_with_an_impossible_limit_is_refused(township, clerk):
    with pytest.raises(TransitionError, match="公开时限"):
        s.add_local_matter(
            township,
            by=clerk,
            on=date(2025, 4, 1),
            domain="就业",
            level1="招聘",
            level2="公益性岗位",
            limit_kind="workdays",
            limit_days=0,
        )


def test_only_the_countys_staff_maintain_its_model(model, clerk):
    catalogue, _ = model
    with pytest.raises(TransitionError):
        s.add_matter(catalogue, by=clerk, domain="就业", level1="招聘", level2="岗位")


def test_an_outsider_cannot_adopt_for_the_township(model, township, outsider):
    catalogue, _ = model
    with pytest.raises(TransitionError):
        s.adopt_catalogue(township, catalogue, by=outsider, on=date(2025, 3, 10))


def test_an_item_is_linked_to_a_matter_suggested_from_its_category_and_title(
    model, township, clerk, relief
):
    catalogue, rows = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    item = t.create_draft(
        township,
        by=clerk,
        category=relief,
        title="2025年第二季度低保对象认定结果公示",
        formed_on=date(2025, 7, 1),
    )
    assert s.suggest_matters(township, category=relief, title=item.title)[0] == rows["低保"]
    s.link_item(item, rows["低保"], by=clerk)
    item.refresh_from_db()
    assert item.matter == rows["低保"]


def test_an_item_cannot_be_linked_to_a_matter_outside_the_agencys_catalogue(
    model, township, clerk, relief
):
    _, rows = model  # not adopted
    item = t.create_draft(
        township, by=clerk, category=relief, title="低保公示", formed_on=date(2025, 7, 1)
    )
    with pytest.raises(TransitionError, match="不在本机关的标准目录"):
        s.link_item(item, rows["低保"], by=clerk)
