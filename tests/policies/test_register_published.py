"""A township's 行政规范性文件 published before the register existed — its old catalogue
imported as published — is registered afterwards through the declared step 补充登记, numbered
as 国办发〔2018〕37号 numbers (统一登记、统一编号: the agency's next serial in the year it is
registered), and then listed in the public 政策文件库."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.catalogue.importer import import_catalogue
from gongkai.catalogue.models import Item
from gongkai.core.transitions import TransitionError
from gongkai.policies import transitions as p
from gongkai.policies.library import in_force_documents
from gongkai.policies.models import NormativeDocument
from gongkai.policies.steps import PolicyItem
from tests.catalogue.files import xlsx
from tests.policies.conftest import draft, registered

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 10)  # a Tuesday
HEADER = ["名称", "分类", "成文日期", "发布日期", "文号", "文件类型"]
LAW = "行政法规、规章和规范性文件"
PLANS = "突发公共事件的应急预案、预警信息及应对情况"
NORMATIVE = "行政规范性文件"
COLLECT = "青石镇一事一议筹资筹劳管理办法"


def old_catalogue(township, reviewer, rows):
    """The township's old catalogue, imported as published by its reviewer (the import does
    not register: the documents predate the register)."""
    import_catalogue(
        township, xlsx([HEADER, *rows]), "原目录.xlsx", by=reviewer, publish=True, today=DAY
    )
    return {item.title: item for item in Item.objects.filter(agency=township)}


@pytest.fixture
def backlog(township, reviewer, travel_to):
    travel_to(DAY, tick=False)
    return old_catalogue(
        township,
        reviewer,
        [
            [COLLECT, LAW, "2024-04-10", "2024-04-15", "青政发〔2024〕2号", NORMATIVE],
            ["青石镇殡葬管理办法", LAW, "2019-06-03", "2019-06-10", "青政发〔2019〕5号", NORMATIVE],
            ["青石镇防汛预案", PLANS, "", "2025-06-01", "", ""],
        ],
    )


def test_an_imported_document_in_force_is_missing_from_the_library_until_registered(
    township, clerk, backlog
):
    document = backlog["青石镇一事一议筹资筹劳管理办法"]
    assert not in_force_documents(township, today=DAY).exists()

    assert "register" in p_steps(document, clerk)
    record = p.register_published(document, by=clerk, on=DAY, effective_on=date(2024, 4, 10))

    # the first number the township gives in 2026 (no earlier registration that year);
    # no 登记编号前缀 is set, so the index prefix stands for the agency (demo: 012345671)
    assert record.registration_number == "012345671-2026-001"
    # 5 years from 2024年4月10日, the province's default cap, end on 2029年4月9日
    assert record.valid_until == date(2029, 4, 9)
    assert list(in_force_documents(township, today=DAY)) == [record]


def p_steps(item, user):
    from gongkai.core.steps import steps_for

    return steps_for(PolicyItem(item), user, today=DAY).names


def test_the_number_follows_the_years_registrations_at_drafting(township, clerk, reviewer, backlog):
    drafted = registered(
        township, clerk, reviewer, "青石镇河道管理办法", effective=date(2026, 2, 2)
    )
    assert drafted.registration_number == "012345671-2026-001"
    record = p.register_published(
        backlog["青石镇一事一议筹资筹劳管理办法"], by=clerk, on=DAY, effective_on=date(2024, 4, 10)
    )
    assert record.registration_number == "012345671-2026-002"


def test_a_document_older_than_the_cap_is_registered_as_expired(township, clerk, backlog):
    """A document of 2019 was in force for at most 5 years (spec: past its 有效期 it is 失效
    unless renewed): registered today it is 已失效 and stays out of the library."""
    record = p.register_published(backlog["青石镇殡葬管理办法"], by=clerk, on=DAY)
    assert record.effective_on == date(2019, 6, 3)  # the 成文日期 when none is given
    assert record.valid_until == date(2024, 6, 2)
    assert record.currency(DAY) == "已失效"
    assert not in_force_documents(township, today=DAY).exists()


def test_the_step_is_refused_where_it_does_not_belong(township, clerk, reviewer, backlog):
    news = backlog["青石镇防汛预案"]
    with pytest.raises(TransitionError, match="行政规范性文件"):
        p.register_published(news, by=clerk, on=DAY)
    document = backlog["青石镇一事一议筹资筹劳管理办法"]
    p.register_published(document, by=clerk, on=DAY)
    with pytest.raises(TransitionError, match="已经登记"):
        p.register_published(document, by=clerk, on=DAY)
    # a draft is registered at drafting, not by this step
    fresh = draft(township, clerk, "青石镇村规民约指导意见")
    with pytest.raises(TransitionError, match="当前为“草稿”，不能补充登记"):
        p.register_published(fresh, by=clerk, on=DAY)
    assert NormativeDocument.objects.filter(agency=township).count() == 1


def test_the_validity_cap_is_held_when_registering_afterwards(township, clerk, backlog):
    with pytest.raises(TransitionError, match="有效期不得超过5年"):
        p.register_published(
            backlog["青石镇一事一议筹资筹劳管理办法"],
            by=clerk,
            on=DAY,
            effective_on=date(2024, 4, 10),
            valid_until=date(2030, 1, 1),
        )


def test_a_reviewer_alone_cannot_register(township, reviewer, backlog):
    with pytest.raises(TransitionError, match="经办人"):
        p.register_published(backlog["青石镇一事一议筹资筹劳管理办法"], by=reviewer, on=DAY)


def test_the_clerk_registers_on_the_item_page_and_the_library_lists_it(
    client, township, clerk, backlog
):
    document = backlog["青石镇一事一议筹资筹劳管理办法"]
    client.force_login(clerk)
    register_page = client.get(reverse("office:policy_register")).content.decode()
    assert "已公开、尚未登记的规范性文件" in register_page and document.title in register_page
    page = client.get(reverse("office:item", args=[document.pk])).content.decode()
    assert "补充登记" in page and "公开于登记制度实行之前" in page
    url = reverse("office:policy_item", args=[document.pk, "register"])
    # without the tick nothing is registered: the number cannot be taken back
    client.post(url, {"register-effective_on": "2024-04-10"})
    assert not NormativeDocument.objects.filter(item=document).exists()
    client.post(url, {"register-effective_on": "2024-04-10", "confirmed": "yes"})
    record = NormativeDocument.objects.get(item=document)
    assert record.registration_number == "012345671-2026-001"
    library = client.get(reverse("portal:policy_library", args=[township.index_prefix]))
    assert document.title in library.content.decode()
