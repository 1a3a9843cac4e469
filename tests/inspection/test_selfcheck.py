"""The self-check finds what the inspectors of 国办秘函〔2019〕19号 would, and each finding
disappears once its cause is fixed. State is set up through the real transitions."""

from datetime import date

import pytest

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import DocumentKind
from gongkai.inspection.findings import Severity

pytestmark = pytest.mark.django_db


def codes(result, code):
    return [f for f in result.findings if f.indicator == code]


def test_a_news_column_older_than_two_weeks_fails_the_site_until_it_is_updated(
    publish, own_column, check
):
    news = own_column("工作动态")
    publish("青石镇召开秋收工作部署会", date(2026, 11, 2), category=news)
    # 2 November → 30 November is 28 days: more than the 2 weeks of 19号
    stale = codes(check(date(2026, 11, 30)), "not_updated")
    assert [f.subject for f in stale] == ["工作动态"]
    assert stale[0].severity is Severity.VETO and "28 天未更新" in stale[0].detail
    # 16 November → 30 November is 14 days: exactly two weeks is still in time
    publish("青石镇开展冬季防火检查", date(2026, 11, 16), category=news)
    assert codes(check(date(2026, 11, 30)), "not_updated") == []


def test_a_notice_column_is_stale_only_after_six_months(publish, own_column, check):
    notices = own_column("通知公告")
    publish("关于做好冬季供暖工作的通知", date(2026, 5, 4), category=notices)
    assert codes(check(date(2026, 11, 1)), "column_stale") == []  # 181 days
    stale = codes(check(date(2026, 11, 30)), "column_stale")  # 210 days
    assert [f.subject for f in stale] == ["通知公告"]


def test_five_empty_columns_are_a_single_veto_and_four_are_not(own_column, publish, check):
    for name in ("党建工作", "乡村振兴", "人居环境"):
        own_column(name)
    # with the three required sub-columns (指南, 制度, 年报) that is six empty columns
    result = check(date(2026, 11, 30))
    empty = codes(result, "empty_column")
    assert len(empty) == 6
    assert len(codes(result, "empty_columns")) == 1
    own_column("党建")
    # filling two of them leaves four: deductions remain, the veto goes
    from gongkai.catalogue.models import Category

    for name in ("党建工作", "乡村振兴"):
        publish(f"{name}信息", date(2026, 11, 20), category=Category.objects.get(name=name))
    result = check(date(2026, 11, 30))
    assert len(codes(result, "empty_column")) == 5  # 人居环境, 党建, 指南, 制度, 年报
    publish("人居环境整治", date(2026, 11, 20), category=Category.objects.get(name="人居环境"))
    result = check(date(2026, 11, 30))
    assert len(codes(result, "empty_column")) == 4
    assert codes(result, "empty_columns") == []


def test_a_link_to_a_withdrawn_item_or_a_missing_page_is_broken_until_fixed(publish, check, clerk):
    target = publish("2026年低保标准", date(2026, 11, 2))
    source = publish(
        "低保政策问答",
        date(2026, 11, 3),
        body=(
            f'<p>标准见<a href="/item/{target.pk}/">此处</a>，'
            '表格见<a href="/nowhere/">这里</a>。</p>'
        ),
    )
    broken = codes(check(date(2026, 11, 30)), "broken_link")
    assert [(f.subject, "本站页面不存在" in f.detail) for f in broken] == [("低保政策问答", True)]
    t.withdraw(target, by=source.created_by, on=date(2026, 11, 20), reason="标准已调整")
    broken = codes(check(date(2026, 11, 30)), "broken_link")
    assert sorted("已撤回" in f.detail for f in broken) == [False, True]


def test_a_serious_wording_error_is_found_in_context_but_not_inside_a_longer_word(publish, check):
    item = publish(
        "关于表彰先进的通报",
        date(2026, 11, 20),
        body="<p>希望受表彰的同志再接再励，再创佳绩。会议由县环境保护局长主持。</p>",
    )
    found = codes(check(date(2026, 11, 30)), "serious_wording")
    assert len(found) == 1
    assert "“再接再励”应为“再接再厉”" in found[0].detail
    assert "同志再接再励，再创佳绩" in found[0].context
    assert found[0].url.endswith(f"/items/{item.pk}/")


def test_a_normative_document_without_its_number_is_found(publish, check):
    publish(
        "青石镇村规民约管理办法",
        date(2026, 11, 20),
        document_kind=DocumentKind.NORMATIVE,
    )
    found = codes(check(date(2026, 11, 30)), "missing_document_number")
    assert [f.subject for f in found] == ["青石镇村规民约管理办法"]


def test_an_item_published_after_twenty_working_days_is_late(publish, check):
    # formed Monday 2 November 2026; the 20th working day after is Monday 30 November
    # (4 full weeks, no holiday in November) — published 2 December: 2 working days late
    publish("冬季救助物资发放公示", date(2026, 12, 2), formed_on=date(2026, 11, 2))
    publish("按时公开的公示", date(2026, 11, 30), formed_on=date(2026, 11, 2))
    late = codes(check(date(2026, 12, 3)), "late_publication")
    assert [f.subject for f in late] == ["冬季救助物资发放公示"]
    assert "逾期 2 个工作日" in late[0].detail


def test_a_reply_past_its_due_date_is_late_before_and_after_it_is_given(in_person, clerk, check):
    application = in_person(date(2026, 10, 12))
    # received Monday 12 October 2026: 20 working days → Monday 9 November 2026
    assert application.due_on == date(2026, 11, 9)
    late = codes(check(date(2026, 11, 12)), "late_reply")
    assert len(late) == 1 and "逾期 3 个工作日" in late[0].detail  # 10, 11, 12 November
    # answered on 13 November: the lateness stays a fact after the reply (4 working days)
    from gongkai.applications import transitions as at

    at.reply(application, by=clerk, on=date(2026, 11, 13), outcome="三（一）", text="予以公开。")
    late = codes(check(date(2026, 11, 30)), "late_reply")
    assert len(late) == 1 and "2026年11月13日 才答复，逾期 4 个工作日" in late[0].detail


def test_the_score_lists_the_veto_and_caps_each_deduction(publish, own_column, check):
    news = own_column("工作动态")
    publish("旧动态", date(2026, 10, 1), category=news)
    body = "".join(f'<a href="/missing-{n}/">{n}</a>' for n in range(30))
    publish("很多坏链接", date(2026, 11, 20), category=news, body=f"<p>{body}</p>")
    result = check(date(2026, 12, 20))
    from gongkai.core.models import Agency

    score = result.scores[Agency.objects.get(name__contains="青石镇").pk]
    assert score.verdict == "不合格（触发单项否决）"
    # 30 broken links at 0.5 points each would be 15; the indicator is capped at 10
    assert score.deductions["broken_link"] == 10


def test_a_renamed_bodys_old_name_is_wrong_only_after_the_rename():
    """国土资源局 became 自然资源局 in the 2018 reform, locally by the end of March 2019: a
    2012 guide naming it is right, a 2020 notice naming it is wrong."""
    from datetime import date

    from gongkai.inspection import wording

    (match,) = wording.find("请向平潭县国土资源局申请。")
    assert match.rule.since == date(2019, 4, 1)
    (national,) = wording.find("环境保护部印发的规定")
    assert national.rule.since == date(2018, 4, 1)
