"""Replies say what happened and offer the remedy the law gives (issue 23), taken through the
real transitions:

- 复议前置 only for refusals under 条例第十四–十六条 (法释〔2025〕8号第一条 with
  行政复议法第二十三条第一款第四项); 三（三）8 (第三十六条第七项) and every other
  outcome: 复议 within 60 days (复议法第二十条) or suit within 6 months (行政诉讼法第四十六条);
- 三（二）: each withheld part with its ground and article (第三十七条), the remedy by ground;
- 三（三）4: the third party's answer (第三十二条) — after 同意 no refusal (第十五条);
- 三（一）: 第三十六条第一项 (where and how) or 第二项 (方式、途径和时间 from the record);
- letters delivered online name the 复议机关's online channel (复议法第二十二条第二款);
- the 复议机关 from the agency tree (第二十四条), vertical agencies (第二十七条), 司法行政部门
  (第二十八条);
- no bare "…日前", no doubled "经审查", a 平常信函 received on its arrival day."""

import re
from datetime import date as D

import pytest

from gongkai.applications import transitions as t
from gongkai.applications.letters import DEFAULT_TEMPLATES, draft_letter
from gongkai.applications.models import LetterKind
from gongkai.applications.wording import reconsideration_body
from gongkai.core.models import Agency, AgencyLevel
from gongkai.statute.deadlines import Channel, PauseKind

pytestmark = pytest.mark.django_db

FIRST = "应当自收到本告知书之日起六十日内向云岭县人民政府申请行政复议"
EITHER = "也可以自收到本告知书之日起六个月内依法向人民法院提起行政诉讼"


def _reply_letter(application, clerk, on=D(2024, 3, 20)) -> str:
    return draft_letter(application, kind=LetterKind.REPLY, by=clerk, on=on).body


def _partial(in_person, clerk, withheld):
    application = in_person(D(2024, 3, 4))
    t.reply(
        application,
        by=clerk,
        on=D(2024, 3, 20),
        outcome="三（二）",
        text="其余部分予以提供",
        withheld=withheld,
    )
    return _reply_letter(application, clerk)


def test_a_part_withheld_under_article_16_goes_to_reconsideration_first(in_person, clerk):
    body = _partial(in_person, clerk, [{"what": "党委会讨论记录", "ground": "三（三）6"}])
    assert "“党委会讨论记录”属于行政机关在履行行政管理职能过程中形成的讨论记录" in body
    assert "（《中华人民共和国政府信息公开条例》第十六条第二款）" in body
    assert "第三十七条、第十六条第二款、第三十六条第三项" in body
    assert "依据条例第十四、十五、十六条不予公开的部分不服的，" + FIRST in body
    assert "对其他内容不服的，可以自收到本告知书之日起六十日内" in body


def test_a_part_that_is_not_government_information_gives_the_ordinary_remedy(in_person, clerk):
    body = _partial(in_person, clerk, [{"what": "村民个人日记", "ground": "非政府信息"}])
    assert "“村民个人日记”不属于本机关在履行行政管理职能过程中制作或者获取的政府信息" in body
    assert "第二条" in body
    assert FIRST not in body and EITHER in body


def test_a_partial_disclosure_needs_every_part_and_its_ground(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    for withheld, message in (
        (None, "逐项写明不予公开的部分及其理由"),
        ([{"what": "讨论记录", "ground": ""}], "请为“讨论记录”选择不予公开的理由"),
        ([{"what": "讨论记录", "ground": "三（三）8"}], "请为“讨论记录”选择"),
        ([{"what": "", "ground": "三（三）6"}], "请写明不予公开的是哪一部分"),
    ):
        with pytest.raises(t.TransitionError, match=message):
            t.reply(
                application,
                by=clerk,
                on=D(2024, 3, 20),
                outcome="三（二）",
                text="部分公开",
                withheld=withheld,
            )


def test_a_query_under_other_laws_is_not_a_refusal(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.reply(
        application, by=clerk, on=D(2024, 3, 20), outcome="三（三）8", text="请到不动产登记中心"
    )
    body = _reply_letter(application, clerk)
    assert "第三十六条第七项" in body and EITHER in body
    assert "应当自收到" not in body and "第二十三条第一款第四项" not in body


def _consulted(in_person, clerk, received=D(2024, 3, 4), asked=D(2024, 3, 5)):
    application = in_person(received)
    t.start_consultation(
        application, by=clerk, on=asked, kind=PauseKind.THIRD_PARTY, note="青石建材有限公司"
    )
    return application


def test_after_the_third_party_agrees_there_is_no_refusal_to_protect_it(in_person, clerk):
    application = _consulted(in_person, clerk)
    t.end_consultation(application, by=clerk, on=D(2024, 3, 8), answer="同意")
    with pytest.raises(t.TransitionError, match="条例第十五条：第三方同意公开的，予以公开"):
        t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（三）4", text="不予公开")
    t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（一）", text="予以公开")
    body = _reply_letter(application, clerk)
    assert "不同意" not in body and "不予公开" not in body


def test_the_letter_gives_the_third_partys_reasons(in_person, clerk):
    application = _consulted(in_person, clerk)
    with pytest.raises(t.TransitionError, match="第三方不同意公开的，请登记其理由"):
        t.end_consultation(application, by=clerk, on=D(2024, 3, 8), answer="不同意")
    t.end_consultation(
        application, by=clerk, on=D(2024, 3, 8), answer="不同意", reasons="报价明细属于商业秘密。"
    )
    t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（三）4", text="不予公开")
    body = _reply_letter(application, clerk)
    assert (
        "经书面征求第三方意见，第三方不同意公开，理由是：报价明细属于商业秘密，本机关决定不予公开"
        in body
    )
    assert FIRST in body


def test_after_silence_the_letter_gives_the_agencys_own_reasons(in_person, clerk):
    # asked Tue 3/5: 3/6–8 (3) 3/11–15 (8) 3/18–22 (13) 3/25–26 (15): silent after 3/26
    application = _consulted(in_person, clerk)
    with pytest.raises(t.TransitionError, match="到2024年3月26日才届满"):
        t.end_consultation(application, by=clerk, on=D(2024, 3, 26), answer="逾期未答复")
    with pytest.raises(t.TransitionError, match="第三十二条"):
        t.reply(application, by=clerk, on=D(2024, 3, 26), outcome="三（三）4", text="x")
    t.reply(
        application,
        by=clerk,
        on=D(2024, 3, 27),
        outcome="三（三）4",
        text="所申请的合同含该公司的成本构成，公开将损害其竞争地位",
    )
    body = _reply_letter(application, clerk, on=D(2024, 3, 27))
    assert "第三方逾期未提出意见，本机关经审查认为公开会损害第三方合法权益" in body
    assert "所申请的合同含该公司的成本构成，公开将损害其竞争地位。" in body
    assert "第三方不同意" not in body


def test_a_third_party_answer_must_be_one_of_the_three(in_person, clerk):
    application = _consulted(in_person, clerk)
    with pytest.raises(t.TransitionError, match="请登记第三方的意见"):
        t.end_consultation(application, by=clerk, on=D(2024, 3, 8))
    with pytest.raises(t.TransitionError, match="第三方意见请选择"):
        t.end_consultation(application, by=clerk, on=D(2024, 3, 8), answer="没意见")


def test_already_published_information_names_the_item_under_item_1(in_person, clerk, publish):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)
    item = publish("2024年青石镇低保资金发放明细", D(2024, 2, 1))
    application = in_person(D(2024, 3, 4))
    # issue 28: the clerk chooses the published item; a place typed alone is not enough
    with pytest.raises(t.TransitionError, match="第三十六条第一项：请选择"):
        t.reply(
            application,
            by=clerk,
            on=D(2024, 3, 20),
            outcome="三（一）",
            text="已公开",
            disclosed_item="一",
            published_where="青石镇人民政府门户网站“政府信息公开—财政资金”栏目",
        )
    t.reply(
        application,
        by=clerk,
        on=D(2024, 3, 20),
        outcome="三（一）",
        text="已公开",
        disclosed_item="一",
        published_items=[item],
        published_where="镇便民服务中心政务公开栏",
    )
    body = _reply_letter(application, clerk)
    assert (
        "已经主动公开，您可以在本机关政府信息公开专栏查看："
        f"《2024年青石镇低保资金发放明细》（索引号：{item.index_number}），网址：" in body
    )
    assert "；也可以通过镇便民服务中心政务公开栏获取" in body
    assert "第三十六条第一项" in body and "第三十六条第二项" not in body


def test_item_2_states_how_when_and_by_what_way_from_the_record(in_person, clerk):
    application = in_person(D(2024, 3, 4))  # electronic, by e-mail (tests/applications/conftest)
    t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（一）", text="予以公开")
    body = _reply_letter(application, clerk)
    assert "本机关决定予以公开，本机关以电子形式通过电子邮件于2024年3月20日向您提供" in body
    assert "第三十六条第二项" in body


def test_a_letter_delivered_online_names_the_online_channel(in_person, clerk, township):
    township.reconsideration_online = "云岭县人民政府行政复议网上申请平台（fuyi.example.cn）"
    township.save(update_fields=["reconsideration_online"])
    emailed = in_person(D(2024, 3, 4))
    posted = in_person(D(2024, 3, 4), delivery_way="post")
    for application in (emailed, posted):
        t.reply(application, by=clerk, on=D(2024, 3, 20), outcome="三（四）2", text="需加工")
    sentence = (
        "申请行政复议的，也可以通过云岭县人民政府行政复议网上申请平台（fuyi.example.cn）在网上提出"
        "（《中华人民共和国行政复议法》第二十二条第二款）。"
    )
    assert sentence in _reply_letter(emailed, clerk)
    assert "网上提出" not in _reply_letter(posted, clerk)


def _agency(name, level, parent=None, prefix="", **fields):
    return Agency.objects.create(
        name=name, level=level, parent=parent, index_prefix=prefix, **fields
    )


def test_the_reconsideration_body_is_found_in_the_agency_tree(db):
    city = _agency("云岭州人民政府", AgencyLevel.CITY_GOVERNMENT, prefix="000014301")
    county = _agency("云岭县人民政府", AgencyLevel.COUNTY_GOVERNMENT, city, "000014302")
    office = _agency("云岭县人民政府办公室", AgencyLevel.COUNTY_DEPARTMENT, county, "000014303")
    township = _agency("青石镇人民政府", AgencyLevel.TOWNSHIP, county, "000014304")
    tax = _agency(
        "国家税务总局云岭县税务局",
        AgencyLevel.COUNTY_DEPARTMENT,
        _agency("国家税务总局云岭州税务局", AgencyLevel.CITY_DEPARTMENT, None, "000014305"),
        "000014306",
        reconsideration_rule="vertical",
    )
    justice = _agency(
        "云岭县司法局",
        AgencyLevel.COUNTY_DEPARTMENT,
        county,
        "000014307",
        reconsideration_rule="justice",
    )
    lone = _agency("孤县人民政府", AgencyLevel.COUNTY_GOVERNMENT, prefix="000014308")
    assert reconsideration_body(office) == "云岭县人民政府"  # 第二十四条: 本级人民政府
    assert reconsideration_body(township) == "云岭县人民政府"  # the government one level up
    assert reconsideration_body(county) == "云岭州人民政府"
    assert reconsideration_body(lone) == "上一级人民政府"
    assert reconsideration_body(tax) == "国家税务总局云岭州税务局"  # 第二十七条
    assert reconsideration_body(justice) == "云岭县人民政府或者上一级司法行政部门"  # 第二十八条


def test_no_letter_has_a_bare_deadline_before_a_day(in_person, clerk):
    # "…之前（含当日）" or "…内", never "…日前" (spec/applications.md)
    assert not [k for k, text in DEFAULT_TEMPLATES.items() if re.search(r"(日|\})前", text)]
    application = in_person(D(2024, 3, 4))
    t.request_correction(application, by=clerk, on=D(2024, 3, 5), period_workdays=5, what="x")
    t.abandon_for_no_correction(application, by=clerk, on=D(2024, 3, 13))
    for kind in (LetterKind.RECEIPT, LetterKind.CORRECTION, LetterKind.REPLY):
        body = draft_letter(application, kind=kind, by=clerk, on=D(2024, 3, 13)).body
        assert not re.search(r"\d日前", body), body
        assert "之前（含当日）" in body


def test_a_decision_opening_with_its_own_finding_is_not_preceded_by_another(in_person, clerk):
    application = in_person(D(2024, 3, 4))
    t.reply(
        application,
        by=clerk,
        on=D(2024, 3, 20),
        outcome="三（四）1",
        text="经审查，经检索未找到",
        not_held_item="四",
    )
    body = _reply_letter(application, clerk)
    assert "。经检索，本机关没有制作或者获取" in body
    assert "经审查，经" not in body


def test_an_ordinary_letter_is_received_on_the_day_it_arrives(township, clerk):
    from tests.applications.conftest import APPLICANT

    arrived, _ = t.register_application(
        township,
        by=clerk,
        channel=Channel.ORDINARY_LETTER,
        submitted_on=D(2024, 3, 1),
        signed_on=D(2024, 3, 4),
        today=D(2024, 3, 4),
        **APPLICANT,
    )
    assert arrived.received_on == D(2024, 3, 4)
    with pytest.raises(t.TransitionError, match="因无法与申请人取得联系而晚于当日确认的"):
        t.register_application(
            township,
            by=clerk,
            channel=Channel.ORDINARY_LETTER,
            submitted_on=D(2024, 3, 1),
            signed_on=D(2024, 3, 4),
            confirmed_on=D(2024, 3, 6),
            today=D(2024, 3, 6),
            **APPLICANT,
        )
    unreachable, _ = t.register_application(
        township,
        by=clerk,
        channel=Channel.ORDINARY_LETTER,
        submitted_on=D(2024, 3, 1),
        signed_on=D(2024, 3, 4),
        confirmed_on=D(2024, 3, 6),
        late_confirmation_reason="信函未留电话，3月6日方联系上申请人",
        today=D(2024, 3, 6),
        **APPLICANT,
    )
    assert unreachable.received_on == D(2024, 3, 6)
