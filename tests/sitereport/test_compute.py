"""Every computed cell of the demo county's 年度报表 — the one the demo publishes on the last
finished year (sitereport/demo.py) — followed back to its records: each record the cell names
is opened and shown to meet the cell's rule, and an independent walk over all the records finds
the same ones (nothing left out, nothing counted twice); the published cells are those."""

from datetime import date

import pytest
from django.apps import apps

from gongkai.sitereport.compute import compute, site_agencies
from tests.sitereport.conftest import DEMO_DAY, HOST, YEAR

pytestmark = pytest.mark.django_db

COMPUTED = {
    "sponsor",
    "site_type",
    "site_code",
    "icp",
    "police",
    "visitors",
    "page_views",
    "info_total",
    "info_overview",
    "info_news",
    "info_catalogue",
    "interpretations",
    "interp_materials",
    "interp_products",
    "media_comments",
    "surveys",
    "survey_opinions",
    "survey_results",
    "messages_received",
    "messages_closed",
    "messages_days",
    "messages_public",
}


def opened(cell):
    return [apps.get_model(label).objects.get(pk=pk) for label, pk in cell.records]


def pks(cell, label):
    return {pk for model, pk in cell.records if model == label}


def test_every_computed_cell_is_traced_to_its_records(demo_site):
    from gongkai.catalogue.models import Item
    from gongkai.inspection.models import SiteIdentity
    from gongkai.policies.models import Comment, Consultation, Interpretation
    from gongkai.sitereport.demo import STAFF_VALUES
    from gongkai.sitereport.models import ReportStatus, SiteReport

    county, post = demo_site
    agencies = {a.pk for a in site_agencies(county)}
    assert agencies == {county.pk, county.children.get().pk}
    report = SiteReport.objects.get(agency=county)  # the demo's, published in January
    assert (report.year, report.status) == (YEAR, ReportStatus.PUBLISHED)
    assert report.published_on == date(DEMO_DAY.year, 1, 20)
    assert report.staff_values["home_url"] == f"https://{HOST}/"
    cells = compute(county, YEAR, report.staff_values)
    # as published: every cell frozen as the records count it now (nothing changed since)
    assert report.published_cells == {
        k: {"value": c.value, "staff": c.staff} for k, c in cells.items()
    }
    computed = {k for k, c in cells.items() if not c.staff}
    # 留言办理 comes from gongkai.interaction (figures.year_figures)
    assert computed == COMPUTED
    # what the staff filled is marked theirs, and no computed cell was typed
    assert {k for k in STAFF_VALUES} <= {k for k, c in cells.items() if c.staff}
    for key in computed:  # a count of nothing names nothing; anything else names its records
        assert cells[key].records or cells[key].value == 0, f"{key} names no record"

    # 基本信息: the platform's identity row (the county has none of its own)
    identity = opened(cells["site_code"])
    assert identity == list(SiteIdentity.objects.filter(agency=None))
    assert cells["site_code"].value == identity[0].site_code == "5300000001"
    assert cells["icp"].value == identity[0].icp_number
    assert cells["police"].value == identity[0].police_record
    assert cells["sponsor"].value == "云岭县人民政府办公室"
    assert opened(cells["site_type"]) == [county] and cells["site_type"].value == "政府门户网站"

    # 访问量: the daily rows of this host, summed; 3 and 4 counted by hand (conftest.py)
    days = opened(cells["visitors"])
    assert {d.host for d in days} == {HOST} and all(d.agency_id is None for d in days)
    assert cells["visitors"].value == sum(d.visitors for d in days) == 3
    assert cells["page_views"].value == sum(d.page_views for d in days) == 4

    # 信息发布: an independent walk over every item, classified by the declared mapping
    expected = {"overview": set(), "news": set(), "catalogue": set()}
    for item in Item.objects.select_related("category"):
        if not (
            item.agency_id in agencies
            and item.status in ("published", "withdrawn")
            and item.published_on.year == YEAR
        ):
            continue
        category = item.category
        if category is not None and category.article20_item == 2:
            expected["overview"].add(item.pk)
        elif category is not None and category.name.endswith("动态"):
            expected["news"].add(item.pk)
        else:
            expected["catalogue"].add(item.pk)
    assert pks(cells["info_overview"], "catalogue.item") == expected["overview"]
    assert pks(cells["info_news"], "catalogue.item") == expected["news"]
    assert pks(cells["info_news"], "submissions.submission") == {post.pk}  # the adopted post
    assert pks(cells["info_catalogue"], "catalogue.item") == expected["catalogue"]
    assert expected["news"] and expected["catalogue"]  # the demo publishes both
    for key in ("info_overview", "info_news", "info_catalogue"):
        assert cells[key].value == len(cells[key].records)
    assert cells["info_total"].value == sum(
        cells[k].value for k in ("info_overview", "info_news", "info_catalogue")
    )

    # 解读回应: each 解读 item of the year once, under the form of its first link
    first_form = {}
    for link in Interpretation.objects.order_by("pk"):
        item = link.interpretation
        if item.agency_id in agencies and item.published_on and item.published_on.year == YEAR:
            first_form.setdefault(item.pk, link.form)
    assert first_form  # the demo interprets its documents
    assert pks(cells["interpretations"], "catalogue.item") == set(first_form)
    groups = {
        "interp_materials": {"text", "qa"},
        "interp_products": {"graphic", "av"},
        "media_comments": {"media"},
    }
    for key, forms in groups.items():
        assert pks(cells[key], "catalogue.item") == {p for p, f in first_form.items() if f in forms}
    assert cells["interpretations"].value == sum(cells[k].value for k in groups)

    # 征集调查: consultations begun in the year, their moderated comments, their feedback
    consultations = [c for c in Consultation.objects.all() if c.starts_on.year == YEAR]
    assert consultations
    assert opened(cells["surveys"]) == sorted(consultations, key=lambda c: c.pk)
    assert all(c.agency_id in agencies for c in consultations)
    comments = [
        c
        for c in Comment.objects.all()
        if c.consultation in consultations and c.status != "pending"
    ]
    assert pks(cells["survey_opinions"], "policies.comment") == {c.pk for c in comments}
    assert pks(cells["survey_results"], "policies.consultation") == {
        c.pk for c in consultations if c.feedback_item_id
    }
    for key in ("surveys", "survey_opinions", "survey_results"):
        assert cells[key].value == len(cells[key].records)


def test_without_a_home_address_every_host_is_counted(demo_site):
    county, _post = demo_site
    cells = compute(county, YEAR, {})
    assert (cells["visitors"].value, cells["page_views"].value) == (4, 5)  # the other host's 1


def test_another_year_counts_nothing_of_this_one(demo_site):
    county, _post = demo_site
    cells = compute(county, YEAR - 2, {"home_url": f"https://{HOST}/"})
    assert cells["visitors"].value == 0 and cells["info_news"].value == 0
    assert cells["surveys"].value == 0


def test_the_message_cells_add_each_agencys_figures_and_weight_the_average(demo_site, monkeypatch):
    """gongkai.interaction.figures.year_figures(agency, year) per agency of the site; the
    site's average is weighted by the messages each closed. Hand-set figures: county 10
    received, 8 closed in 2.5 days on average, 6 public; township 4, 2 in 4.0 days, 1 →
    14, 10, (8×2.5+2×4.0)/10 = 2.8, 7."""
    from gongkai.interaction import figures as interaction_figures
    from gongkai.interaction.figures import Figure
    from gongkai.interaction.models import Message

    county, _post = demo_site
    township = county.children.get()
    none = Message.objects.none()
    figures = {
        county.pk: {"留言_收到": 10, "留言_办结": 8, "留言_平均办理天数": 2.5, "留言_公开答复": 6},
        township.pk: {"留言_收到": 4, "留言_办结": 2, "留言_平均办理天数": 4.0, "留言_公开答复": 1},
    }
    monkeypatch.setattr(
        interaction_figures,
        "year_figures",
        lambda agency, year: (
            {k: Figure(v, none) for k, v in figures[agency.pk].items()} if year == YEAR else {}
        ),
    )
    cells = compute(county, YEAR, {})
    values = [cells[k].value for k in ("messages_received", "messages_closed", "messages_days")]
    assert [*values, cells["messages_public"].value] == [14, 10, 2.8, 7]
    assert not cells["messages_received"].staff
    assert compute(county, YEAR - 2, {})["messages_received"].value == 0


def test_the_demo_countys_next_report_is_due_on_its_workbench_from_january(demo_site):
    """The demo published the report on its last finished year: nothing is due for it on the
    county's 工作台; the next one is, from 1 January, by 31 January (国办函〔2018〕12号)."""
    from gongkai.core.calendar import current_calendar
    from gongkai.core.models import User
    from gongkai.sitereport.workbench import site_report_lines

    county, _post = demo_site
    clerk = User.objects.get(username="xianjingban")
    calendar = current_calendar()

    def lines(day):
        found = site_report_lines(
            user=clerk, agencies={county: {"clerk"}}, today=day, calendar=calendar
        )
        return [(line.urgency.name, line.due_on, line.text) for line in found]

    assert lines(DEMO_DAY) == []  # the report on YEAR is published
    january = date(DEMO_DAY.year + 1, 1, 4)
    assert lines(january) == [
        (
            "NOTICE",
            date(DEMO_DAY.year + 1, 1, 31),
            f"{DEMO_DAY.year}年度政府网站工作年度报表尚未编制，"
            f"应于{DEMO_DAY.year + 1}年1月31日前在网站首页发布（国办函〔2018〕12号）",
        )
    ]


def test_the_demos_published_table_is_signed(demo_site, client):
    """The demo's 年度报表 carries the sign-off its 经办人 typed — fictitious officers and an
    office line — dated the day it was published, on the portal page and in the CSV."""
    import csv
    import io

    from django.urls import reverse

    from gongkai.sitereport.demo import SIGN_OFF
    from gongkai.sitereport.models import SiteReport

    county, _post = demo_site
    report = SiteReport.objects.get(agency=county)
    assert {k: getattr(report, k) for k in SIGN_OFF} == SIGN_OFF
    assert all(SIGN_OFF.values())
    assert report.filled_on == report.published_on == date(DEMO_DAY.year, 1, 20)
    page = client.get(reverse("portal:site_report", args=[county.index_prefix, YEAR]))
    text = page.content.decode()
    for value in [*SIGN_OFF.values(), f"{DEMO_DAY.year}年1月20日"]:
        assert value in text.split('id="sign-off"')[1]
    data = client.get(reverse("portal:site_report_csv", args=[county.index_prefix, YEAR]))
    rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    assert [r[2:4] for r in rows[-5:]] == [
        ["单位负责人", SIGN_OFF["head"]],
        ["审核人", SIGN_OFF["reviewer"]],
        ["填报人", SIGN_OFF["filler"]],
        ["联系电话", SIGN_OFF["phone"]],
        ["填报日期", f"{DEMO_DAY.year}年1月20日"],
    ]
