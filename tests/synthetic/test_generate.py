"""`gongkai generate`: a synthetic province that the rest of the system accepts as real —
deadlines as the engine computes them, reports whose tables add up, search that finds — and
the same province again for the same seed."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from gongkai.applications.models import Appeal, Application, ApplicationEvent
from gongkai.catalogue.models import ChannelPost, Item
from gongkai.catalogue.search import search
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Agency
from gongkai.reports.document import live_document
from gongkai.statute.report_identities import Severity

pytestmark = pytest.mark.django_db(transaction=False)
AS_OF = date(2026, 11, 27)


def generate(**options):
    out = StringIO()
    arguments = {"agencies": 40, "items": 1500, "applications": 2500, "seed": 7}
    call_command("generate", **{**arguments, **options}, as_of="2026-11-27", quiet=True, stdout=out)
    return out.getvalue()


def snapshot() -> list:
    """The province (the only agencies in the test database) as a visitor or an auditor
    sees it, database ids left out (sequences differ between runs)."""
    province = Agency.objects.all()
    names = dict(province.values_list("pk", "name"))
    items = Item.objects.filter(agency__in=province).order_by("index_number", "title")
    applications = Application.objects.filter(agency__in=province).order_by("received_on", "pk")
    return [
        sorted((n, level) for n, level in province.values_list("name", "level")),
        [(names[i.agency_id], i.title, i.published_on, i.index_number, i.status) for i in items],
        [
            (names[a.agency_id], a.tracking_number.rsplit("-", 1)[1], a.received_on, a.id_number,
             a.applicant_type, a.outcome, a.concluded_on, a.due_on, a.clock_state)
            for a in applications
        ],
    ]  # fmt: skip


def test_the_same_seed_makes_the_same_province_and_another_seed_another():
    runs = []
    for seed in (7, 7, 8):
        with transaction.atomic():
            generate(seed=seed)
            runs.append(snapshot())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert runs[0][1] != runs[2][1] and runs[0][2] != runs[2][2]
    assert runs[0][0] == runs[2][0]  # the tree's shape depends only on the number asked


def test_a_province_of_the_size_asked_with_every_kind_of_agency():
    message = generate()
    province = Agency.objects.all()
    assert province.count() == 40
    levels = Counter(province.values_list("level", flat=True))
    assert levels["province_gov"] == 1 and levels["township"] > 10 and len(levels) == 7
    assert Item.objects.filter(agency__in=province).count() == 1500
    assert Application.objects.filter(agency__in=province).count() == 2500
    assert "40 个机构、1,500 条政府信息、2,500 件申请" in message
    # every agency's parent is a government one level up (a roll-up walks this tree)
    for agency in province.exclude(level="province_gov").select_related("parent"):
        assert agency.parent.level.endswith("_gov"), agency.name
    # 2021–2026, each year present
    years = set(Application.objects.values_list("received_on__year", flat=True))
    assert years == {2021, 2022, 2023, 2024, 2025, 2026}


def test_open_applications_carry_the_deadline_the_engine_computes():
    generate()
    calendar = current_calendar()
    open_ones = Application.objects.open().prefetch_related("events")
    assert open_ones.count() > 0
    states = Counter()
    for application in open_ones:
        deadline = application.deadline(calendar=calendar, today=AS_OF)
        assert (deadline.state.name, deadline.due) == (application.clock_state, application.due_on)
        states[application.clock_state] += 1
    assert states["RUNNING"] > 0
    concluded = Application.objects.filter(status="concluded")
    assert not concluded.filter(outcome="").exists()
    assert not concluded.filter(concluded_on__gt=AS_OF).exists()
    # corrections, extensions, consultations and appeals all occur
    kinds = set(ApplicationEvent.objects.values_list("kind", flat=True))
    assert {"correction_requested", "corrected", "extended", "pause_started", "replied"} <= kinds
    assert Appeal.objects.exists()


def test_every_generated_report_adds_up():
    """Only the figures a clerk types in (table 二（五）（六）（八）) are missing; every identity of
    the national format (I1–I5) holds for every agency and year."""
    generate()
    for agency in Agency.objects.all()[:15]:
        for year in (2022, 2025):
            document = live_document(agency, year, sections={})
            blocking = {f.rule for f in document.findings if f.severity == Severity.FINDING}
            assert blocking <= {"T2"}, (agency.name, year, document.findings)


def test_published_items_are_found_and_posted_to_channels():
    generate()
    found = search("低保")
    assert found and all("低保" in item.title + item.keywords for item in found)
    published = Item.objects.filter(status="published")
    assert published.filter(index_number__isnull=True).count() == 0
    assert ChannelPost.objects.filter(channel="wechat").exists()
    total = Item.objects.count()
    # a clerk and a reviewer publish the next item: it takes the next id and the next
    # index number after the generated ones
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.transitions import approve_and_publish, create_draft, submit
    from gongkai.core.models import Membership, Role, User

    newest = published.filter(published_on__year=2026).order_by("-index_number").first()
    agency = newest.agency
    clerk, reviewer = User.objects.create(username="clerk"), User.objects.create(username="rev")
    Membership.objects.create(user=clerk, agency=agency, role=Role.CLERK)
    Membership.objects.create(user=reviewer, agency=agency, role=Role.REVIEWER)
    draft = create_draft(
        agency, by=clerk, category=Category.objects.get(agency=agency, name="工作动态"),
        title="新增", formed_on=AS_OF,
    )  # fmt: skip
    item = approve_and_publish(submit(draft, by=clerk), by=reviewer, on=AS_OF)
    assert item.pk > published.exclude(pk=item.pk).order_by("-pk").first().pk
    last = max(
        i.index_number for i in published.filter(agency=agency, published_on__year=2026)
        if i.pk != item.pk
    )  # fmt: skip
    assert item.index_number == f"{last[:-5]}{int(last[-5:]) + 1:05d}"
    assert Item.objects.count() == total + 1


def test_a_second_run_for_the_same_province_is_refused_and_writes_nothing():
    generate(agencies=5, items=10, applications=10)
    before = (Agency.objects.count(), Item.objects.count(), Application.objects.count())
    with pytest.raises(CommandError, match="已有“模拟省人民政府”"):
        generate(agencies=5, items=10, applications=10)
    assert (Agency.objects.count(), Item.objects.count(), Application.objects.count()) == before
    generate(agencies=5, items=10, applications=10, province="另一省")
    assert Agency.objects.filter(name="另一省人民政府").exists()


@pytest.mark.parametrize(
    "options, message",
    [({"agencies": 0}, "机构数须在 1 到 20,000 之间"), ({"items": -1}, "不能为负数")],
)
def test_impossible_sizes_are_refused_in_chinese(options, message):
    with pytest.raises(CommandError, match=message):
        generate(**options)
    assert not Agency.objects.exists()


def test_the_sweep_s_quick_engine_gives_the_explained_engine_s_dates():
    """compute(explain=False), used by the morning sweep and the generator, differs from the
    clerk's explained deadline only in leaving out the explanation."""
    from dataclasses import replace

    from gongkai.statute.deadlines import compute

    generate()
    calendar = current_calendar()
    checked = 0
    for application in Application.objects.prefetch_related("events")[:800]:
        events = application.deadline_events()
        explained = compute(events, calendar, AS_OF)
        quick = compute(events, calendar, AS_OF, explain=False)
        assert explained.explanation and not quick.explanation
        assert replace(explained, explanation=()) == quick
        checked += 1
    assert checked == 800


def test_a_province_rolls_up_its_whole_tree_or_its_direct_agencies(tmp_path):
    """`gongkai report rollup --tree`: every agency below the province, and table 三's
    新收 total equal to the applications those agencies received in the year, counted
    straight from the rows."""
    from openpyxl import load_workbook

    from gongkai.reports.rollup import roll_up

    generate()
    province = Agency.objects.get(level="province_gov")
    out = StringIO()
    target = tmp_path / "全省.xlsx"
    call_command(
        "report", "rollup", agency=province.index_prefix, year=2025, tree=True,
        output=str(target), stdout=out,
    )  # fmt: skip
    assert "39 个机构" in out.getvalue()
    sheet = load_workbook(target).active
    listed = {row[0] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    assert listed >= set(Agency.objects.exclude(pk=province.pk).values_list("name", flat=True))
    whole = roll_up(province, 2025, AS_OF, whole_tree=True)
    received = Application.objects.exclude(agency=province).filter(received_on__year=2025)
    assert whole.tables["三"]["一"][-1] == received.count()
    direct = roll_up(province, 2025, AS_OF)
    assert len(direct.states) == province.children.count() < len(whole.states) == 39


def test_a_rollup_of_an_agency_without_agencies_under_it_is_refused(tmp_path):
    generate(agencies=5, items=10, applications=10)
    township = Agency.objects.filter(level="township").first()
    with pytest.raises(CommandError, match="没有下级机构"):
        call_command(
            "report", "rollup", agency=township.index_prefix, year=2025,
            output=str(tmp_path / "x.xlsx"),
        )  # fmt: skip
    assert not (tmp_path / "x.xlsx").exists()
