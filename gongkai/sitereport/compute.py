"""The 年度报表's cells from the records for a site and a year, each with what it was counted
from: the records' model and keys, and a sentence saying how (the office page shows it; the
test follows it back to the records). A cell no record holds is the staff's (人工填报)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from urllib.parse import urlparse

from django.db.models import Q

from gongkai.core.models import Agency, AgencyLevel
from gongkai.sitereport.format import (
    BY_KEY,
    FIELDS,
    NEWS_COLUMN_SUFFIX,
    OVERVIEW_ARTICLE20_ITEM,
)

GOVERNMENTS = {
    AgencyLevel.PROVINCE_GOVERNMENT,
    AgencyLevel.CITY_GOVERNMENT,
    AgencyLevel.COUNTY_GOVERNMENT,
}
DEPARTMENTS = {
    AgencyLevel.PROVINCE_DEPARTMENT,
    AgencyLevel.CITY_DEPARTMENT,
    AgencyLevel.COUNTY_DEPARTMENT,
}


def runs_a_site(agency) -> bool:
    """A government at county level or above runs a site; so does a department whose site
    identity carries a 政府网站标识码 of its own. A township's pages (and a row of its own
    for their foot) live on the county's site: no 标识码, no site."""
    if agency.level in GOVERNMENTS:
        return True
    return (
        agency.level in DEPARTMENTS
        and _site_identities().filter(agency=agency).exclude(site_code="").exists()
    )


def _site_identities():
    from gongkai.inspection.models import SiteIdentity

    return SiteIdentity.objects


# 留言办理 comes from the 互动交流 app when it is installed (issue 28, built alongside)
INTERACTION_FIGURES = "gongkai.interaction.figures"
INTERACTION_KEYS = {
    "messages_received": "留言_收到",
    "messages_closed": "留言_办结",
    "messages_days": "留言_平均办理天数",
    "messages_public": "留言_公开答复",
}


@dataclass
class Cell:
    key: str
    value: object  # int, str, or None while a staff cell is empty
    staff: bool  # 人工填报
    basis: str = ""  # how a computed cell was counted, for the reader of the office page
    records: list[tuple[str, int]] = field(default_factory=list)  # (model label, pk)

    @property
    def field(self):
        return BY_KEY[self.key]


def site_agencies(site: Agency) -> list[Agency]:
    """The site's agency and every agency whose pages live on it (its townships and
    departments, and theirs)."""
    found, frontier = [site], [site.pk]
    while frontier:
        children = list(Agency.objects.filter(parent_id__in=frontier))
        found += children
        frontier = [a.pk for a in children]
    return found


def _interaction():
    """The 互动交流 app's figures, or None while it is not installed."""
    try:
        return importlib.import_module(INTERACTION_FIGURES)
    except ModuleNotFoundError:
        return None


def _labelled(model, pks) -> list[tuple[str, int]]:
    return [(model._meta.label_lower, pk) for pk in sorted(pks)]


def compute(site: Agency, year: int, staff_values: dict | None = None) -> dict[str, Cell]:
    from gongkai.catalogue.models import Item
    from gongkai.inspection.models import SiteIdentity, identity_for
    from gongkai.policies.models import (
        Comment,
        CommentStatus,
        Consultation,
        Interpretation,
        InterpretationForm,
    )
    from gongkai.submissions.models import Kind, Status, Submission
    from gongkai.visits.counting import year_totals
    from gongkai.visits.models import DailyVisits

    staff_values = staff_values or {}
    agencies = site_agencies(site)
    cells: dict[str, Cell] = {}

    def computed(key, value, basis, records=()):
        cells[key] = Cell(key, value, False, basis, list(records))

    # 基本信息: the site identity (政府网站发展指引) the foot of every page shows
    identity = identity_for(site)
    rows = SiteIdentity.objects.filter(Q(agency=None) | Q(agency=site)).values_list("pk", flat=True)
    id_records = _labelled(SiteIdentity, rows)
    for key, name in (
        ("sponsor", "sponsor"),
        ("site_code", "site_code"),
        ("icp", "icp_number"),
        ("police", "police_record"),
    ):
        computed(
            key,
            identity[name],
            f"网站标识信息“{SiteIdentity._meta.get_field(name).verbose_name}”",
            id_records,
        )
    site_type = "政府门户网站" if site.level in GOVERNMENTS else "部门网站"
    computed(
        "site_type", site_type, f"机构层级：{site.get_level_display()}", [("core.agency", site.pk)]
    )

    # 访问量: gongkai.visits' daily counts from nginx's log, for the host of 首页网址
    host = urlparse(staff_values.get("home_url") or "").hostname
    totals = year_totals(year, host=host)
    visit_rows = DailyVisits.objects.filter(day__year=year, column="", agency=None)
    if host:
        visit_rows = visit_rows.filter(host=host.lower())
    where = f"域名 {host}" if host else "全部域名"
    visit_records = _labelled(DailyVisits, visit_rows.values_list("pk", flat=True))
    computed("visitors", totals.visitors, f"{year}年每日独立用户之和（{where}）", visit_records)
    computed("page_views", totals.page_views, f"{year}年每日访问量之和（{where}）", visit_records)

    # 信息发布: what was published in the year, by the category mapping of format.py
    published = Item.objects.published_in(year).filter(agency__in=agencies)
    overview, news, catalogue = [], [], []
    for pk, article20, name in published.values_list(
        "pk", "category__article20_item", "category__name"
    ):
        if article20 == OVERVIEW_ARTICLE20_ITEM:
            overview.append(pk)
        elif (name or "").endswith(NEWS_COLUMN_SUFFIX):
            news.append(pk)
        else:
            catalogue.append(pk)
    adopted_news = Submission.objects.filter(
        target__in=agencies, kind=Kind.NEWS, status=Status.ADOPTED, adopted_on__year=year
    ).values_list("pk", flat=True)
    news_records = _labelled(Item, news) + _labelled(Submission, adopted_news)
    computed(
        "info_overview",
        len(overview),
        "概况类：条例第二十条第（二）项分类下公开的信息",
        _labelled(Item, overview),
    )
    computed(
        "info_news",
        len(news_records),
        "政务动态：名称以“动态”结尾的栏目中的信息，及采用的乡镇（部门）稿件",
        news_records,
    )
    computed(
        "info_catalogue",
        len(catalogue),
        "信息公开目录：其余本年公开的信息",
        _labelled(Item, catalogue),
    )
    all_records = cells["info_overview"].records + news_records + _labelled(Item, catalogue)
    computed("info_total", len(all_records), "以上三类之和", all_records)
    # 解读回应: 解读 items published in the year, each counted once under its first form
    forms: dict[int, str] = {}
    for item_pk, form in (
        Interpretation.objects.filter(
            interpretation__agency__in=agencies,
            interpretation__status__in=("published", "withdrawn"),
            interpretation__published_on__year=year,
        )
        .order_by("pk")
        .values_list("interpretation_id", "form")
    ):
        forms.setdefault(item_pk, form)
    materials = [
        pk for pk, f in forms.items() if f in (InterpretationForm.TEXT, InterpretationForm.QA)
    ]
    products = [
        pk
        for pk, f in forms.items()
        if f in (InterpretationForm.GRAPHIC, InterpretationForm.AUDIO_VIDEO)
    ]
    media = [pk for pk, f in forms.items() if f == InterpretationForm.MEDIA]
    computed(
        "interpretations",
        len(forms),
        "本年公开的解读信息（每条按其解读形式计一次）",
        _labelled(Item, forms),
    )
    computed(
        "interp_materials", len(materials), "解读形式为文字解读、问答", _labelled(Item, materials)
    )
    computed("interp_products", len(products), "解读形式为图解、音视频", _labelled(Item, products))
    computed("media_comments", len(media), "解读形式为媒体/专家解读", _labelled(Item, media))

    # 征集调查: consultations opened in the year, their comments, their published feedback
    consultations = Consultation.objects.filter(agency__in=agencies, starts_on__year=year)
    c_pks = list(consultations.values_list("pk", flat=True))
    comments = Comment.objects.filter(consultation__in=c_pks).exclude(status=CommentStatus.PENDING)
    fed_back = consultations.filter(feedback_item__isnull=False).values_list("pk", flat=True)
    computed("surveys", len(c_pks), "本年开始征集的意见征集", _labelled(Consultation, c_pks))
    computed(
        "survey_opinions",
        comments.count(),
        "其收到并已审核的公众意见",
        _labelled(Comment, comments.values_list("pk", flat=True)),
    )
    computed(
        "survey_results",
        len(fed_back),
        "已公布意见采纳情况反馈的意见征集",
        _labelled(Consultation, fed_back),
    )

    # 留言办理: from the 互动交流 app once installed; staff-filled until then
    figures = _interaction()
    if figures is not None:
        from gongkai.interaction.models import Message

        counted: dict[str, list] = {}
        for agency in agencies:
            for key, figure in figures.year_figures(agency, year).items():
                counted.setdefault(key, []).append((agency, figure))

        def total(key):
            return sum(figure.value for _a, figure in counted.get(key, []))

        def records(key):
            ids = [pk for _a, figure in counted.get(key, []) for pk in figure.ids]
            return _labelled(Message, ids)

        received, closed = total("留言_收到"), total("留言_办结")
        # the site's average: each agency's average weighted by the messages it closed
        by_agency_closed = {a.pk: figure.value for a, figure in counted.get("留言_办结", [])}
        weighted = sum(
            float(figure.value) * by_agency_closed.get(a.pk, 0)
            for a, figure in counted.get("留言_平均办理天数", [])
        )
        days = round(weighted / closed, 1) if closed else 0
        basis = "互动交流留言记录（gongkai.interaction）"
        computed("messages_received", received, basis, records("留言_收到"))
        computed("messages_closed", closed, basis, records("留言_办结"))
        computed("messages_days", days, basis + "，按各机构办结数加权", records("留言_办结"))
        computed("messages_public", total("留言_公开答复"), basis, records("留言_公开答复"))

    for f in FIELDS:
        if f.key not in cells:
            cells[f.key] = Cell(f.key, staff_values.get(f.key), True)
    return {f.key: cells[f.key] for f in FIELDS}


def missing(cells: dict[str, Cell]) -> list[str]:
    """What must still be filled before publication (the 报送系统 takes no empty cell); a
    counted cell left empty says where its record is kept."""
    from gongkai.sitereport.format import MAY_BE_EMPTY

    out = []
    for c in cells.values():
        if c.key in MAY_BE_EMPTY or (c.value is not None and c.value != ""):
            continue
        label = f"{c.field.group}·{c.field.full_label}" if c.field.group else c.field.full_label
        out.append(label if c.staff else f"{label}（请在“网站标识信息”中填写）")
    return out
