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


def vetoes(result):
    return [f.indicator for f in result.findings if f.severity is Severity.VETO]


def test_one_news_column_older_than_two_weeks_is_a_deduction_not_a_veto(publish, own_column, check):
    news = own_column("工作动态")
    publish("青石镇召开秋收工作部署会", date(2026, 11, 2), category=news)
    publish("低保政策问答", date(2026, 11, 25))  # the home page itself is up to date
    # 2 November → 30 November is 28 days: more than the 2 weeks of 19号
    result = check(date(2026, 11, 30))
    stale = codes(result, "column_stale")
    assert [f.subject for f in stale] == ["工作动态"]
    assert stale[0].severity is Severity.DEDUCT and "28 天未更新" in stale[0].detail
    # 19号 (correction, December 2026): a veto only when 5 or more such columns are stale
    assert vetoes(result) == []
    # 16 November → 30 November is 14 days: exactly two weeks is still in time
    publish("青石镇开展冬季防火检查", date(2026, 11, 16), category=news)
    assert codes(check(date(2026, 11, 30)), "column_stale") == []


def test_five_stale_news_and_notice_columns_in_total_fail_the_site(publish, own_column, check):
    # 19号: "动态、要闻类栏目 … 通知公告、政策文件类一级栏目，累计超过（含）5个未更新"
    for name in ("工作动态", "镇村要闻", "通知公告", "政策文件"):
        publish(f"{name}一则", date(2026, 5, 4), category=own_column(name))
    publish("低保政策问答", date(2026, 11, 25))
    result = check(date(2026, 11, 30))  # 210 days: all four stale
    assert len(codes(result, "column_stale")) == 4
    assert codes(result, "columns_not_updated") == []  # four are not five
    publish("部门动态一则", date(2026, 11, 2), category=own_column("部门动态"))  # 28 days
    result = check(date(2026, 11, 30))
    [veto] = codes(result, "columns_not_updated")
    assert veto.severity is Severity.VETO and "共有 5 个" in veto.detail


def test_ten_long_unupdated_columns_fail_the_site_and_nine_do_not(publish, own_column, check):
    # 19号: "应更新但长期未更新的栏目数量超过（含）10个" — 长期 is a year here (a setting)
    for n in range(9):
        publish(f"专栏信息{n}", date(2025, 10, 1), category=own_column(f"专题{n}"))
    publish("低保政策问答", date(2026, 11, 25))
    result = check(date(2026, 11, 30))  # 425 days
    assert len(codes(result, "column_long_unupdated")) == 9
    assert codes(result, "columns_long_unupdated") == []
    publish("专栏信息9", date(2025, 10, 1), category=own_column("专题9"))
    [veto] = codes(check(date(2026, 11, 30)), "columns_long_unupdated")
    assert "共有 10 个" in veto.detail


def test_a_home_page_without_anything_new_for_two_weeks_fails_the_site(publish, check):
    # 19号 首页不更新: nothing new in the 2 weeks before the check
    publish("低保政策问答", date(2026, 11, 16))
    assert codes(check(date(2026, 11, 30)), "home_not_updated") == []  # 14 days
    [veto] = codes(check(date(2026, 12, 1)), "home_not_updated")  # 15 days
    assert veto.severity is Severity.VETO and "2026年11月16日" in veto.detail


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


def test_a_common_misspelling_is_a_deduction_found_in_context_not_inside_a_longer_word(
    publish, check
):
    item = publish(
        "关于表彰先进的通报",
        date(2026, 11, 20),
        body="<p>希望受表彰的同志再接再励，再创佳绩。会议由县环境保护局长主持。</p>",
    )
    result = check(date(2026, 11, 30))
    assert codes(result, "serious_wording") == []
    found = codes(result, "wording_misspelling")
    assert len(found) == 1 and found[0].severity is Severity.DEDUCT
    assert "“再接再励”应为“再接再厉”" in found[0].detail
    assert "同志再接再励，再创佳绩" in found[0].context
    assert found[0].url.endswith(f"/items/{item.pk}/?step=correct#correct")  # 更正


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


def test_a_renamed_body_is_serious_only_in_a_document_dated_after_the_renaming(publish, check):
    # 国土资源局 → 自然资源局: local 机构改革 complete by the end of March 2019
    publish(
        "关于土地整治项目验收的通知",
        date(2026, 11, 20),
        written_on=date(2018, 9, 3),
        body="<p>请各村配合县国土资源局做好验收工作。</p>",
    )
    assert codes(check(date(2026, 11, 30)), "serious_wording") == []
    publish(
        "关于宅基地审批的通知",
        date(2026, 11, 21),
        written_on=date(2026, 11, 21),
        body="<p>请各村配合县国土资源局做好审批工作。</p>",
    )
    [found] = codes(check(date(2026, 11, 30)), "serious_wording")
    assert found.subject == "关于宅基地审批的通知" and found.severity is Severity.VETO


def test_titles_citations_and_generic_departments_are_not_serious_errors(publish, check):
    publish(
        "关于转发土地政策的通知",
        date(2026, 11, 20),
        written_on=date(2026, 11, 20),
        body=(
            "<p>根据《国土资源部关于加强农村宅基地管理的意见》，原国土资源局的档案移交"
            "县自然资源局；县环境保护部门和乡镇配合。</p>"
        ),
    )
    result = check(date(2026, 11, 30))
    assert codes(result, "serious_wording") == []


def test_the_punctuation_of_a_fixed_phrase_is_a_hint(publish, check):
    publish("深化放管服改革工作动态", date(2026, 11, 20))
    result = check(date(2026, 11, 30))
    [hint] = codes(result, "wording_punctuation")
    assert hint.severity is Severity.HINT and "“放管服”改革" in hint.detail
    assert codes(result, "serious_wording") == []


def test_a_renamed_bodys_old_name_is_wrong_only_after_the_rename():
    """国土资源局 became 自然资源局 in the 2018 reform, locally by the end of March 2019: a
    2012 guide naming it is right, a 2020 notice naming it is wrong."""
    from datetime import date

    from gongkai.inspection import wording

    (match,) = wording.find("请向平潭县国土资源局申请。")
    assert match.rule.since == date(2019, 4, 1)
    (national,) = wording.find("环境保护部印发的规定")
    assert national.rule.since == date(2018, 4, 1)
