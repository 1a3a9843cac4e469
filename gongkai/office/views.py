from dataclasses import dataclass
from html import escape

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.catalogue.models import Timeliness, publication_due, timeliness
from gongkai.core.calendar import current_calendar, one_look, seen_state, state_columns
from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency, Role
from gongkai.core.workbench import (
    DUE_SOON_WORKDAYS,
    Urgency,
    at_desk,
    by_calendar,
    due_lines,
    folded,
    membership_columns,
    path_for,
)
from gongkai.office.overview import (
    LIMIT_FIELDS,
    item_dates,
    submission_counts,
    supervised_with_counts,
    surely_in_time,
    township_overview,
    with_titles,
)
from gongkai.statute.disclosure_limits import PublicationLimit

URGENCY_LABELS = {
    Urgency.OVERDUE: "已逾期",
    Urgency.DUE_SOON: "即将到期",
    Urgency.WAITING: "待办理",
    Urgency.NOTICE: "提示",
}
# The 工作台's long lists (a county's lines, a busy agency's late items: hundreds of rows) are
# rendered here, one format string a row, not by the template's loop: its tags and lookups
# per row were a sixth of the page's Python time (issue 25). The markup is the template's.
URGENCY_CELLS = {
    urgency: f"<strong>{label}</strong>" if urgency <= Urgency.DUE_SOON else label
    for urgency, label in URGENCY_LABELS.items()
}
ROW_CLASSES = {Urgency.OVERDUE: "overdue", Urgency.DUE_SOON: "soon"}
LINE_ROW = (
    '<tr class="{}"><td data-label="紧急程度">{}</td><td data-label="类别">{}</td>'
    '<td data-label="事项"><a href="{}">{}</a></td><td data-label="机构">{}</td></tr>'
)
LATE_ROW = (
    '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}（逾期 {} 个工作日）</td></tr>'
)
# the links of each membership row and each overview row, reversed once a page
MEMBER_LINKS = (
    "items", "channels", "monthly", "inbox", "reports", "selfcheck", "policy_register",
    "consultations", "submissions", "site_report", "admin_staff",
)  # fmt: skip


def line_rows(lines) -> SafeString:
    """The 工作台's lines as table rows; every value escaped as the template escapes it."""
    # safe: each value from the lines passes through escape() (html.escape, as Django's)
    return mark_safe(
        "".join(
            LINE_ROW.format(
                ROW_CLASSES.get(line.urgency, ""),
                URGENCY_CELLS[line.urgency],
                escape(line.kind),
                escape(line.url),
                escape(line.text),
                escape(line.agency_name),
            )
            for line in lines
        )
    )


def late_rows(late) -> SafeString:
    """This year's items published late as table rows (values escaped)."""
    item_url = path_for("office:item")
    # safe: each value from the rows passes through escape(); the dates are our own words
    return mark_safe(
        "".join(
            LATE_ROW.format(
                escape(item_url(item["pk"])),
                escape(item["title"]),
                escape(item["index_number"]),
                chinese_date(timeliness.due),
                chinese_date(item["published_on"]),
                timeliness.late_by,
            )
            for item, timeliness in late
        )
    )


# the 工作台 lists the year's most recently published late items; all of them are in each
# agency's 网站自查 (及时性). A county of a 6,000,000-item province had 2,467 in one table
LATE_SHOWN = 20


@dataclass
class PublishedLate:
    shown: list  # (row, Timeliness), the most recently published first
    total: int
    agencies: list  # those with any, for the link to their 网站自查


def _published_late(agencies, today, calendar, rows) -> PublishedLate:
    """Items of this year published after their 20 working days (条例第二十六条), as
    Item.timeliness() times them, each agency in its own calendar (a region's own holidays,
    放假办法第四条): all counted, the LATE_SHOWN most recently published shown. Read as plain
    values, not model instances: a busy agency publishes thousands of items a year. Those
    recorded late at publication (timed in this calendar) come counted per agency, and the
    newest of them as rows with their stored_late (overview.item_dates); the others are
    timed here, each distinct (formed_on, matter limit) once; the days of those shown only.
    `rows`: item_dates(), read with the overview's (those of `agencies` published this
    year)."""
    late = []  # (row, its calendar, Timeliness or None: recorded late, not timed here)
    counted: dict[int, int] = {}  # per agency
    for group, counted_in in by_calendar(dict.fromkeys(agencies), calendar):
        wanted = {agency.pk for agency in group}
        mine = [r for r in rows if r["agency_id"] in wanted]
        for row in mine:
            if row["recorded_late"] is not None:
                counted[row["agency_id"]] = counted.get(row["agency_id"], 0) + row["recorded_late"]
        published = [r for r in mine if r["published_on"] is not None]
        for row, timed in _late_in(published, counted_in):
            late.append((row, counted_in, timed))
            if timed is not None:  # timed here: not among the counted
                counted[row["agency_id"]] = counted.get(row["agency_id"], 0) + 1
    # the newest first, and the same twenty on every visit (ties by the item's number)
    late.sort(key=lambda each: (each[0]["published_on"], each[0]["pk"]), reverse=True)
    shown = [
        (row, timed or _timeliness(row, counted_in)) for row, counted_in, timed in late[:LATE_SHOWN]
    ]
    with_titles([row for row, _ in shown])
    return PublishedLate(
        shown, sum(counted.values()), [a for a in agencies if counted.get(a.pk, 0)]
    )


def _timeliness(row, calendar) -> Timeliness:
    """Item.timeliness() of a published row of item_dates()."""
    kind, days, on, law = (row[f] for f in LIMIT_FIELDS)
    limit = None if kind is None else PublicationLimit.of(kind, days, on, law)
    return timeliness(
        row["formed_on"], row["published_on"], limit, calendar, today=row["published_on"]
    )


def _late_in(published, calendar):
    """(row, Timeliness) of the late ones among `published`; the Timeliness is None for a
    row recorded late at publication (stored_late): it is timed only if shown."""
    # a province's busy agency publishes thousands of items a year over a few matter limits:
    # each limit is built once, each (formed_on, limit) timed once
    limits: dict[tuple, PublicationLimit | None] = {}
    dues: dict[tuple, object] = {}
    floors: dict[tuple, int] = {}
    late = []
    for item in published:
        if item["stored_late"] is not None:
            if item["stored_late"] > 0:
                late.append((item, None))
            continue
        limit_key = tuple(item[f] for f in LIMIT_FIELDS)
        floor = floors.get(limit_key)
        if floor is None:
            floor = floors[limit_key] = surely_in_time(*limit_key[:2])
        if (item["published_on"] - item["formed_on"]).days <= floor:
            continue  # in time on any calendar: no working days counted
        key = (item["formed_on"], limit_key)
        due = dues.get(key)
        if due is None:  # Matter.limit, then Item.publication_due()
            if limit_key not in limits:
                kind, days, on, law = limit_key
                limits[limit_key] = (
                    None if kind is None else PublicationLimit.of(kind, days, on, law)
                )
            due = dues[key] = publication_due(item["formed_on"], limits[limit_key], calendar)
        if item["published_on"] > due.date:
            late_by = calendar.between(due.date, item["published_on"]).days
            if late_by > 0:
                late.append((item, Timeliness(due.date, due.provisional, late_by, True)))
    return late


@login_required
def home(request):
    """Where a member of staff lands: everything due from them across their agencies and
    roles, most urgent first (core/workbench.py gathers it from every domain app), and — for
    a county administrator, first — the agencies under them."""
    with one_look():  # the calendar table checked once for the page, not once per period
        return _home(request)


def _home(request):
    # the calendar table's state and whether an administrator's agency has any below it the
    # user holds no role in (access.supervised_agencies) come with the memberships: one
    # statement for what every provider and the overview start from, with the values the
    # providers read per agency (core.workbench.COLUMNS)
    today = timezone.localdate()
    columns = membership_columns(today)
    memberships = (
        request.user.memberships.select_related("agency")
        .annotate(
            **state_columns(),
            **columns,
            supervises=Exists(
                Agency.objects.filter(parent=OuterRef("agency")).exclude(
                    memberships__user=request.user
                )
            ),
        )
        .order_by("agency__name", "role")
    )
    agencies: dict = {}
    for membership in memberships:
        seen_state(membership)
        agencies.setdefault(membership.agency, set()).add(membership.role)
    calendar = current_calendar()
    # only an administrator of an agency with agencies below supervises: no query for anyone
    # else; the parent and their applications' counts are read with them (the overview)
    administers = any(m.role == Role.ADMIN and m.supervises for m in memberships)
    supervised = (
        supervised_with_counts(request.user, today=today, calendar=calendar) if administers else []
    )
    # the late-publication list's items and the overview's in one read
    items = item_dates(list(agencies), supervised, today.year, newest=LATE_SHOWN)
    with at_desk(
        user=request.user,
        agencies=agencies,
        today=today,
        calendar=calendar,
        supervised=supervised,
        columns={name: {m.agency_id: getattr(m, name) for m in memberships} for name in columns},
    ):
        lines = due_lines(user=request.user, agencies=agencies, today=today, calendar=calendar)
        # within the desk: the overview's reports on last year come with the reports provider's
        overview = (
            township_overview(supervised, today=today, calendar=calendar, items=items)
            if supervised
            else None
        )
    return render(
        request,
        "office/home.html",
        {
            "memberships": memberships,
            # many lines to one page: the most urgent and a count (core.workbench.folded)
            "lines": line_rows(folded(lines)),
            "due_soon_workdays": DUE_SOON_WORKDAYS,
            "late": (late := _published_late(agencies, today, calendar, items)),
            "late_rows": late_rows(late.shown),
            "urls": {name: reverse(f"office:{name}") for name in MEMBER_LINKS},
            "supervised": supervised,
            "overview": overview,
            "overview_parent": supervised[0].parent if supervised else None,
            # 报送 → 采用 at the county's site, per source agency and month (counts only)
            "submission_counts": submission_counts(supervised[0].parent, today.year)
            if supervised
            else None,
            "today": today,
        },
    )
