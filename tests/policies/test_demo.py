"""The demo county government: 规范性文件 with 解读, one replaced, one expired (宣布失效 in the
清理), one expiring soon, a published 清理, a closed consultation with its 反馈 linked from
the final document, and one open for comment."""

from datetime import date

from gongkai.catalogue.models import Item
from gongkai.core.calendar import current_calendar
from gongkai.core.models import User
from gongkai.core.workbench import due_lines
from gongkai.policies.demo import load_demo_policies
from gongkai.policies.models import CleanupBatch, Consultation, NormativeDocument

TODAY = date(2026, 11, 27)


def test_the_demo_county_has_its_policy_documents_through_their_life(county):
    load_demo_policies(county, today=TODAY)
    states = {
        r.item.title: r.currency(TODAY)
        for r in NormativeDocument.objects.filter(agency=county).select_related("item")
    }
    assert states == {
        "云岭县城乡居民临时救助实施办法": "已废止",
        "云岭县秸秆综合利用奖补办法（试行）": "已失效",
        "云岭县城乡居民临时救助办法": "现行有效",
        "云岭县农村人居环境整治办法": "现行有效",
        "云岭县城区临时占道经营管理规定": "现行有效",
    }
    # each went out with its 解读, approved and published the same day (国办发〔2016〕80号)
    for record in NormativeDocument.objects.filter(agency=county).select_related("item"):
        readings = Item.objects.filter(interprets__document=record.item)
        assert readings and {r.published_on for r in readings} == {record.item.published_on}
    relief = NormativeDocument.objects.get(item__title="云岭县城乡居民临时救助办法")
    assert relief.item.interpreted_by.count() == 2
    assert relief.registration_number == "YLXZF-2026-001"  # the first registered in 2026
    assert CleanupBatch.objects.get(agency=county).item.status == "published"
    closed, open_now = sorted(Consultation.objects.filter(agency=county), key=lambda c: c.ends_on)
    assert closed.feedback_item is not None and closed.final_document == relief.item
    assert open_now.is_open(TODAY) and open_now.feedback_item is None
    clerk = User.objects.get(username="xianjingban")
    texts = [
        line.text
        for line in due_lines(
            user=clerk, agencies={county: {"clerk"}}, today=TODAY, calendar=current_calendar()
        )
    ]
    assert any("云岭县城区临时占道经营管理规定" in text for text in texts)
    assert any("有1条意见待审核" in text for text in texts)
    assert load_demo_policies(county, today=TODAY).startswith("政策文件：")  # runs once
    assert NormativeDocument.objects.filter(agency=county).count() == 5
