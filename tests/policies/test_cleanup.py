"""A 清理 batch records each 现行有效 document's result (继续有效 / 修改 / 废止 / 宣布失效) and
publishes the three lists as one item; 废止 and 宣布失效 take effect in the register and the
catalogue."""

from datetime import date

import pytest

from gongkai.catalogue.models import ItemStatus, Validity
from gongkai.core.transitions import TransitionError
from gongkai.policies import transitions as p
from gongkai.policies.models import CleanupResult, NormativeDocument
from tests.policies.conftest import registered


@pytest.fixture
def three(township, clerk, reviewer):
    return [
        registered(township, clerk, reviewer, title, effective=date(2026, 1, 5))
        for title in ("甲办法", "乙办法", "丙办法")
    ]


def test_every_document_in_force_needs_a_result_before_publication(township, clerk, admin, three):
    batch = p.start_cleanup(
        township, by=clerk, title="2026年度规范性文件清理", on=date(2026, 11, 2)
    )
    p.record_cleanup_result(batch, three[0], by=clerk, result=CleanupResult.CONTINUE)
    with pytest.raises(TransitionError, match="《乙办法》、《丙办法》"):
        p.publish_cleanup(batch, by=admin, on=date(2026, 11, 30))


def test_the_results_take_effect_and_are_published_as_three_lists(township, clerk, admin, three):
    batch = p.start_cleanup(
        township, by=clerk, title="2026年度规范性文件清理", on=date(2026, 11, 2)
    )
    p.record_cleanup_result(batch, three[0], by=clerk, result=CleanupResult.CONTINUE)
    p.record_cleanup_result(batch, three[1], by=clerk, result=CleanupResult.REPEAL)
    p.record_cleanup_result(
        batch, three[2], by=clerk, result=CleanupResult.EXPIRE, note="调整对象已消失"
    )
    batch = p.publish_cleanup(batch, by=admin, on=date(2026, 11, 30))
    today = date(2026, 12, 1)
    states = {
        d.item.title: d.currency(today) for d in NormativeDocument.objects.select_related("item")
    }
    assert states == {"甲办法": "现行有效", "乙办法": "已废止", "丙办法": "已失效"}
    assert batch.item.status == ItemStatus.PUBLISHED
    body = batch.item.body
    for heading in (
        "继续有效的规范性文件目录（1件）",
        "废止的规范性文件目录（1件）",
        "宣布失效的规范性文件目录（1件）",
    ):
        assert heading in body
    assert "调整对象已消失" in body
    expired = NormativeDocument.objects.get(pk=three[2].pk).item
    assert (expired.validity, expired.validity_changed_on) == (Validity.EXPIRED, date(2026, 11, 30))


def test_a_published_batch_cannot_change(township, clerk, admin, three):
    batch = p.start_cleanup(
        township, by=clerk, title="2026年度规范性文件清理", on=date(2026, 11, 2)
    )
    for record in three:
        p.record_cleanup_result(batch, record, by=clerk, result=CleanupResult.CONTINUE)
    p.publish_cleanup(batch, by=admin, on=date(2026, 11, 30))
    batch.refresh_from_db()
    with pytest.raises(TransitionError, match="已经公布"):
        p.record_cleanup_result(batch, three[0], by=clerk, result=CleanupResult.REPEAL)


def test_only_the_administrator_publishes_the_results(township, clerk, reviewer, three):
    batch = p.start_cleanup(
        township, by=clerk, title="2026年度规范性文件清理", on=date(2026, 11, 2)
    )
    with pytest.raises(TransitionError, match="管理员"):
        p.publish_cleanup(batch, by=reviewer, on=date(2026, 11, 30))


def test_whoever_compiled_the_results_does_not_publish_them_alone(township, admin, three):
    # issue 14: nothing reaches the public on one person's word
    batch = p.start_cleanup(
        township, by=admin, title="2026年度规范性文件清理", on=date(2026, 11, 2)
    )
    for record in three:
        p.record_cleanup_result(batch, record, by=admin, result=CleanupResult.CONTINUE)
    with pytest.raises(TransitionError, match="整理人以外"):
        p.publish_cleanup(batch, by=admin, on=date(2026, 11, 30))
