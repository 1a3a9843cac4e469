"""The 年度报表's CSV, row by row, against the form annexed to 国办函〔2018〕12号 — written out
here by hand, not read from format.py. The circular's text fixes the blocks and their order
(https://www.chinacourt.org/law/detail/2018/01/id/149688.shtml: 信息发布、专栏专题、解读回应、
办事服务、互动交流、安全防护、移动新媒体、创新发展, after the site's 基本信息); the rows, labels and
units are the annexed form's as sites print it each January, transcribed without a stored copy
of the annex to read (format.py says what the transcription rests on). The sign-off fields
(单位负责人、审核人、填报人、联系电话、填报日期) follow as the last lines."""

import csv
import io
from datetime import date

import pytest

pytestmark = pytest.mark.django_db

# (板块, 分项, 指标) in the form's order; units full-width, as 个/次/条/项/件/天/期/篇
FORM = [
    ("基本信息", "", "网站名称"),
    ("基本信息", "", "首页网址"),
    ("基本信息", "", "主办单位"),
    ("基本信息", "", "网站类型"),
    ("基本信息", "", "政府网站标识码"),
    ("基本信息", "", "ICP备案号"),
    ("基本信息", "", "公安机关备案号"),
    ("基本信息", "", "独立用户访问总量（单位：个）"),
    ("基本信息", "", "网站总访问量（单位：次）"),
    ("信息发布", "", "总数（单位：条）"),
    ("信息发布", "", "概况类信息更新量（单位：条）"),
    ("信息发布", "", "政务动态信息更新量（单位：条）"),
    ("信息发布", "", "信息公开目录信息更新量（单位：条）"),
    ("专栏专题", "", "维护数量（单位：个）"),
    ("专栏专题", "", "新开设数量（单位：个）"),
    ("解读回应", "解读信息发布", "总数（单位：条）"),
    ("解读回应", "解读信息发布", "解读材料数量（单位：条）"),
    ("解读回应", "解读信息发布", "解读产品数量（单位：个）"),
    ("解读回应", "解读信息发布", "媒体评论文章数量（单位：篇）"),
    ("解读回应", "", "回应公众关注热点或重大舆情数量（单位：次）"),
    ("办事服务", "", "是否发布服务事项目录"),
    ("办事服务", "", "注册用户数（单位：个）"),
    ("办事服务", "", "政务服务事项数量（单位：项）"),
    ("办事服务", "", "可全程在线办理政务服务事项数量（单位：项）"),
    ("办事服务", "办件量", "总数（单位：件）"),
    ("办事服务", "办件量", "自然人办件量（单位：件）"),
    ("办事服务", "办件量", "法人办件量（单位：件）"),
    ("互动交流", "", "是否使用统一平台"),
    ("互动交流", "留言办理", "收到留言数量（单位：条）"),
    ("互动交流", "留言办理", "办结留言数量（单位：条）"),
    ("互动交流", "留言办理", "平均办理时间（单位：天）"),
    ("互动交流", "留言办理", "公开答复数量（单位：条）"),
    ("互动交流", "征集调查", "征集调查期数（单位：期）"),
    ("互动交流", "征集调查", "收到意见数量（单位：条）"),
    ("互动交流", "征集调查", "公布调查结果期数（单位：期）"),
    ("互动交流", "在线访谈", "访谈期数（单位：期）"),
    ("互动交流", "在线访谈", "网民留言数量（单位：条）"),
    ("互动交流", "在线访谈", "答复网民提问数量（单位：条）"),
    ("互动交流", "", "是否提供智能问答"),
    ("安全防护", "", "安全检测评估次数（单位：次）"),
    ("安全防护", "", "发现问题数量（单位：个）"),
    ("安全防护", "", "问题整改数量（单位：个）"),
    ("安全防护", "", "是否建立安全监测预警机制"),
    ("安全防护", "", "是否开展应急演练"),
    ("安全防护", "", "是否明确网站安全责任人"),
    ("移动新媒体", "", "是否有移动新媒体"),
    ("移动新媒体", "微博", "名称"),
    ("移动新媒体", "微博", "信息发布量（单位：条）"),
    ("移动新媒体", "微博", "关注量（单位：个）"),
    ("移动新媒体", "微信", "名称"),
    ("移动新媒体", "微信", "信息发布量（单位：条）"),
    ("移动新媒体", "微信", "订阅数（单位：个）"),
    ("移动新媒体", "", "其他"),
    ("创新发展", "", "创新发展"),
    # the sign-off under the table, last (its place in the 报送系统's export is not verified)
    ("", "", "单位负责人"),
    ("", "", "审核人"),
    ("", "", "填报人"),
    ("", "", "联系电话"),
    ("", "", "填报日期"),
]


def test_the_csv_follows_the_annexed_form_row_by_row(county, travel_to):
    from gongkai.core.models import User
    from gongkai.sitereport import transitions as t
    from gongkai.sitereport.render import render_csv

    travel_to(date(2027, 1, 12), tick=False)
    report = t.start_report(
        county, 2026, by=User.objects.get(username="xian"), today=date(2027, 1, 12)
    )
    _name, content_type, data = render_csv(report)
    assert content_type == "text/csv; charset=utf-8" and data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["板块", "分项", "指标", "数值", "填报方式"]
    assert [tuple(r[:3]) for r in rows[1:]] == FORM


def test_the_innovation_row_ticks_the_forms_boxes_only(county, travel_to):
    from gongkai.core.models import User
    from gongkai.core.transitions import TransitionError
    from gongkai.sitereport import transitions as t

    travel_to(date(2027, 1, 12), tick=False)
    xian = User.objects.get(username="xian")
    report = t.start_report(county, 2026, by=xian, today=date(2027, 1, 12))
    # the annexed form's boxes: 搜索即服务 / 多语言版本 / 无障碍浏览 / 千人千网 / 其他
    with pytest.raises(TransitionError, match="“创新发展”只能勾选：搜索即服务、多语言版本、"):
        t.fill_cells(report, by=xian, values={"innovation": ["智能客服"]})
    report = t.fill_cells(report, by=xian, values={"innovation": ["其他", "多语言版本"]})
    assert report.staff_values["innovation"] == "多语言版本、其他"
