"""《政府网站工作年度报表》 as data: its blocks and fields in the order of the form annexed to
国办函〔2018〕12号 (《国务院办公厅关于做好政府网站年度报表发布工作的通知》, 2018-01-15), which
the national 报送系统 (全国政府网站信息报送系统) enters and the published tables print. One
definition for the generator, the office form, the HTML, DOCX and CSV renderers — nothing
restates a label.

Source. The circular's text (https://www.chinacourt.org/law/detail/2018/01/id/149688.shtml,
as 中国政府网 published it; also https://ceirp.cn/xwzx/gggs/2018-01-25/3374.html) fixes the
blocks and their order: 信息发布、专栏专题、解读回应、办事服务、互动交流、安全防护、移动新媒体、
创新发展, after the site's 基本信息 and its two visit counts. The rows inside each block, their
labels and units (个/次/条/项/件/天/期/篇) transcribe the annexed form (附件《政府网站工作年度
报表》) as sites print it each January. No copy of the annex, nor of a site's printed table,
could be read from the stored sources when this was checked: the rows rest on that
transcription, made from memory of such tables, and on sites' CMS code, which names
概况类信息更新量 / 政务动态信息更新量 / 信息公开目录信息更新量 and 网站总访问量 exactly so. Check
them against the annex when it is at hand.
Where a site's printed table differs from the annexed form (a row left out, a unit moved into
the block's heading), the annexed form wins. tests/sitereport/test_format.py checks the CSV
row by row against this transcription.

The footer. Published tables end with a line of sign-off fields — 单位负责人、审核人、填报人、
联系电话、填报日期 — the officers who sign the table in their official capacity (printed on
the public table like the 发布机构 of any document) and the office's telephone. They are
FOOTER below, kept on the report itself (models.py), not among the counted cells. Their
labels follow the tables sites print; their position in the 报送系统's export — here the
CSV's last lines, after 创新发展 — is not verified either."""

from __future__ import annotations

from dataclasses import dataclass

NUMBER, DECIMAL, TEXT, YES_NO, CHOICES = "number", "decimal", "text", "yes_no", "choices"
DATE = "date"
YES, NO = "是", "否"


@dataclass(frozen=True)
class Field:
    key: str
    block: str
    label: str  # as the table prints it (a sub-group's name first, "收到留言数量" …)
    unit: str = ""
    kind: str = NUMBER
    group: str = ""  # a row heading inside the block (留言办理, 征集调查, 微博 …)
    options: tuple[str, ...] = ()  # the boxes a CHOICES row ticks, in the form's order

    @property
    def full_label(self) -> str:
        return f"{self.label}（单位：{self.unit}）" if self.unit else self.label


BASIC, PUBLISHING, TOPICS, INTERPRETATION = "基本信息", "信息发布", "专栏专题", "解读回应"
SERVICES, INTERACTION, SECURITY, MEDIA, INNOVATION = (
    "办事服务",
    "互动交流",
    "安全防护",
    "移动新媒体",
    "创新发展",
)
BLOCKS = (
    BASIC,
    PUBLISHING,
    TOPICS,
    INTERPRETATION,
    SERVICES,
    INTERACTION,
    SECURITY,
    MEDIA,
    INNOVATION,
)

INNOVATIONS = ("搜索即服务", "多语言版本", "无障碍浏览", "千人千网", "其他")
# how several ticked boxes are written in one cell (and read back)
JOIN = "、"

FIELDS: tuple[Field, ...] = (
    Field("site_name", BASIC, "网站名称", kind=TEXT),
    Field("home_url", BASIC, "首页网址", kind=TEXT),
    Field("sponsor", BASIC, "主办单位", kind=TEXT),
    Field("site_type", BASIC, "网站类型", kind=TEXT),
    Field("site_code", BASIC, "政府网站标识码", kind=TEXT),
    Field("icp", BASIC, "ICP备案号", kind=TEXT),
    Field("police", BASIC, "公安机关备案号", kind=TEXT),
    Field("visitors", BASIC, "独立用户访问总量", "个"),
    Field("page_views", BASIC, "网站总访问量", "次"),
    Field("info_total", PUBLISHING, "总数", "条"),
    Field("info_overview", PUBLISHING, "概况类信息更新量", "条"),
    Field("info_news", PUBLISHING, "政务动态信息更新量", "条"),
    Field("info_catalogue", PUBLISHING, "信息公开目录信息更新量", "条"),
    Field("topics_kept", TOPICS, "维护数量", "个"),
    Field("topics_new", TOPICS, "新开设数量", "个"),
    Field("interpretations", INTERPRETATION, "总数", "条", group="解读信息发布"),
    Field("interp_materials", INTERPRETATION, "解读材料数量", "条", group="解读信息发布"),
    Field("interp_products", INTERPRETATION, "解读产品数量", "个", group="解读信息发布"),
    Field("media_comments", INTERPRETATION, "媒体评论文章数量", "篇", group="解读信息发布"),
    Field("responses", INTERPRETATION, "回应公众关注热点或重大舆情数量", "次"),
    Field("service_catalogue", SERVICES, "是否发布服务事项目录", kind=YES_NO),
    Field("registered_users", SERVICES, "注册用户数", "个"),
    Field("service_items", SERVICES, "政务服务事项数量", "项"),
    Field("online_items", SERVICES, "可全程在线办理政务服务事项数量", "项"),
    Field("cases_total", SERVICES, "总数", "件", group="办件量"),
    Field("cases_natural", SERVICES, "自然人办件量", "件", group="办件量"),
    Field("cases_legal", SERVICES, "法人办件量", "件", group="办件量"),
    Field("unified_platform", INTERACTION, "是否使用统一平台", kind=YES_NO),
    Field("messages_received", INTERACTION, "收到留言数量", "条", group="留言办理"),
    Field("messages_closed", INTERACTION, "办结留言数量", "条", group="留言办理"),
    Field("messages_days", INTERACTION, "平均办理时间", "天", DECIMAL, group="留言办理"),
    Field("messages_public", INTERACTION, "公开答复数量", "条", group="留言办理"),
    Field("surveys", INTERACTION, "征集调查期数", "期", group="征集调查"),
    Field("survey_opinions", INTERACTION, "收到意见数量", "条", group="征集调查"),
    Field("survey_results", INTERACTION, "公布调查结果期数", "期", group="征集调查"),
    Field("interviews", INTERACTION, "访谈期数", "期", group="在线访谈"),
    Field("interview_messages", INTERACTION, "网民留言数量", "条", group="在线访谈"),
    Field("interview_answers", INTERACTION, "答复网民提问数量", "条", group="在线访谈"),
    Field("smart_qa", INTERACTION, "是否提供智能问答", kind=YES_NO),
    Field("security_checks", SECURITY, "安全检测评估次数", "次"),
    Field("problems_found", SECURITY, "发现问题数量", "个"),
    Field("problems_fixed", SECURITY, "问题整改数量", "个"),
    Field("monitoring", SECURITY, "是否建立安全监测预警机制", kind=YES_NO),
    Field("drills", SECURITY, "是否开展应急演练", kind=YES_NO),
    Field("security_owner", SECURITY, "是否明确网站安全责任人", kind=YES_NO),
    Field("has_media", MEDIA, "是否有移动新媒体", kind=YES_NO),
    Field("weibo_name", MEDIA, "名称", kind=TEXT, group="微博"),
    Field("weibo_posts", MEDIA, "信息发布量", "条", group="微博"),
    Field("weibo_followers", MEDIA, "关注量", "个", group="微博"),
    Field("wechat_name", MEDIA, "名称", kind=TEXT, group="微信"),
    Field("wechat_posts", MEDIA, "信息发布量", "条", group="微信"),
    Field("wechat_subscribers", MEDIA, "订阅数", "个", group="微信"),
    Field("other_media", MEDIA, "其他", kind=TEXT),
    # the form's row is a set of boxes to tick, not free text
    Field("innovation", INNOVATION, "创新发展", kind=CHOICES, options=INNOVATIONS),
)

# the sign-off under the table: the keys are SiteReport's fields (models.py); no block of the
# circular's, so the CSV leaves 板块 empty for them
FOOTER: tuple[Field, ...] = (
    Field("head", "", "单位负责人", kind=TEXT),
    Field("reviewer", "", "审核人", kind=TEXT),
    Field("filler", "", "填报人", kind=TEXT),
    Field("phone", "", "联系电话", kind=TEXT),
    Field("filled_on", "", "填报日期", kind=DATE),
)
# who must have signed before publication; 联系电话 and 填报日期 may be left (the date is
# then the day of publication)
SIGNATORIES = ("head", "reviewer", "filler")
BY_KEY = {f.key: f for f in FIELDS + FOOTER}
# cells a site without the thing leaves empty rather than 0 (no 微博 account: no name)
MAY_BE_EMPTY = frozenset({"weibo_name", "wechat_name", "other_media", "innovation"})

# 信息发布 by category, declared once: 概况类 is 条例第二十条第（二）项's subject (机关职能、机构
# 设置、办公地址…); 政务动态 is any column named …动态 (工作动态, 乡镇动态) and every news post
# adopted from a township (报送 → 采用); everything else published is 信息公开目录.
OVERVIEW_ARTICLE20_ITEM = 2
NEWS_COLUMN_SUFFIX = "动态"

# 国办函〔2018〕12号: published on the site's home page by 31 January of the next year
DUE_MONTH, DUE_DAY = 1, 31
TITLE = "政府网站工作年度报表"
CIRCULAR = "国办函〔2018〕12号"
