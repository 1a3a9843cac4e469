"""Staff pages of the standard catalogue: the agency's 标准目录 (adopt, hide, local rows),
what is due and missing, the county's per-agency overview, the register of 依申请公开 and
不予公开 information with its 条例第十八条 review, an item's matter and 公开属性, the 公开指南 and
the 工作要点. Every change is a step declared in standards/steps.py: the pages render them with
the one include and post them to the one handler (office/steps.py)."""

from __future__ import annotations

import html
from dataclasses import replace

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from gongkai.core.calendar import calendar_for
from gongkai.core.dates import chinese_date
from gongkai.core.steps import steps_for
from gongkai.core.transitions import TransitionError
from gongkai.core.workbench import path_for
from gongkai.office.access import (
    acting_on,
    roles_in,
    staff_agency,
    supervised_agencies,
    viewed_agency,
)
from gongkai.office.steps import offered_steps, step_context, take_step
from gongkai.standards import register as r
from gongkai.standards import transitions as s
from gongkai.standards.due import county_overview, standings
from gongkai.standards.models import (
    Adoption,
    Manner,
    Matter,
    ModelCatalogue,
    RegisterEntry,
    TaskRecord,
)
from gongkai.standards.steps import (
    ADOPTION_STEPS,
    AgencyCatalogue,
    AgencyGuide,
    AgencyRegister,
    AgencyTask,
    AgencyWorkpoints,
    ApplicationRelease,
    ItemStandards,
    suggestions_for,
)
from gongkai.statute.disclosure_limits import PublicationLimit


def _agency_of(request):
    """The user's own agency named by ?agency= (a page that acts), else 404."""
    return staff_agency(request)


@login_required
def catalogue_page(request):
    agency, read_only = viewed_agency(request)
    today = timezone.localdate()
    # its region's holidays too (放假办法第四条); the townships it supervises are in its region
    calendar = calendar_for(agency)
    supervised = list(supervised_agencies(request.user)) if not read_only else []
    # the agency's standing and the county overview's counts in one pass (issue 25: the page
    # computed them twice); only the agency's own lines are kept
    counts = standings(
        [agency.pk, *(a.pk for a in supervised)],
        today=today,
        calendar=calendar,
        keep_lines={agency.pk},
    )
    # the rows' columns only, no Adoption or Matter made per row (issue 27: making 300 of
    # each was a tenth of the page's time at 6,000,000 items)
    adoptions = list(
        Adoption.objects.filter(agency=agency)
        .order_by("hidden", "matter__order", "matter__pk")
        .values_list(*ROW_COLUMNS)
    )
    roles = roles_in(request.user, agency)
    return render(
        request,
        "office/standards.html",
        {
            "agency": agency,
            "read_only": read_only,
            "rows": _catalogue_rows(
                request, agency, adoptions, today=today, read_only=read_only, roles=roles
            ),
            "standing": counts[agency.pk],
            **_standing_html(counts[agency.pk]),
            # 采用标准目录模板 / 增加本机关事项 (standards/steps.py)
            **step_context(
                AgencyCatalogue(agency), request.user, today=today, read_only=read_only, roles=roles
            ),
            "overview_rows": _overview_html(
                county_overview(supervised, today=today, calendar=calendar, counts=counts)
            )
            if supervised
            else "",
            "year": today.year,
        },
    )


def _standing_html(standing) -> dict[str, SafeString]:
    """The lines of what is due and the matters with nothing this year, written here rather
    than by a template loop (like the 目录's rows below: issue 27, the loops were a fifth of
    the page's Python at 6,000,000 items). Every value is escaped."""
    item_url = path_for("office:item")
    lines = []
    for line in standing.lines:
        text = html.escape(line.text)
        if line.item_id:
            text = f'<a href="{escape(item_url(line.item_id))}">{text}</a>'
        lines.append(
            f'<tr><td data-label="事项">{html.escape(line.matter.domain)}／'
            f"{html.escape(line.matter.level2)}</td>"
            f'<td data-label="情况">{text}</td>'
            f'<td data-label="期限">{chinese_date(line.due)}</td></tr>'
        )
    missing = [
        f"<li>{html.escape(m.domain)}／{html.escape(m.level1)}／{html.escape(m.level2)}</li>"
        for m in standing.missing
    ]
    # every value escaped above
    return {
        "standing_lines": mark_safe("".join(lines)),
        "missing_items": mark_safe("".join(missing)),
    }


def _overview_html(overview) -> SafeString:
    """The county overview's rows (one per agency under it), written as the lines above."""
    page = escape(reverse("office:standards"))
    return mark_safe(  # every value escaped
        "".join(
            f'<tr><td><a href="{page}?agency={a.pk}">{html.escape(a.name)}</a></td>'
            f"<td>{matters}</td><td>{due}</td><td>{overdue}</td><td>{missing}</td></tr>"
            for a, matters, due, overdue, missing in overview
        )
    )


MANNERS = {value: html.escape(str(label)) for value, label in Manner.choices}
# what a row of the 标准目录 table shows, read as values
ROW_COLUMNS = (
    "pk",
    "hidden",
    "hidden_reason",
    "matter__agency_id",
    "matter__domain",
    "matter__level1",
    "matter__level2",
    *(f"matter__{name}" for name in Matter.LIMIT_FIELDS),  # the limit, in its order
    "matter__manner",
)


def _catalogue_rows(request, agency, adoptions, *, today, read_only, roles) -> SafeString:
    """The rows of the agency's 标准目录 table, written here rather than by a template loop:
    300 rows of eight cells cost the template engine most of the page's time (issue 27,
    like the portal's 标准目录, portal/standards.py). Every value is escaped; the 公开时限
    labels are worked out once per distinct limit, the steps once per state of a row."""
    limits: dict[tuple, str] = {}
    offers: dict[object, object] = {}
    rendered: dict[tuple, str] = {}
    parts = []
    for pk, hidden, reason, local, domain, level1, level2, *limit, manner in adoptions:
        limit = tuple(limit)
        if limit not in limits:
            # the label Matter.limit gives (statute/disclosure_limits.py)
            limits[limit] = html.escape(PublicationLimit.of(*limit).label)
        state = f"不适用：{html.escape(reason)}" if hidden else "适用"
        # 标记不适用 / 恢复: declared in standards/steps.py on the row's state (its hidden
        # flag) and the user's roles, so asked once per state; a step with a guard would read
        # the row itself, and every row is asked then
        steps = ""
        if not read_only:
            key = pk if ROW_GUARDED else hidden
            offer = offers.get(key)
            if offer is None:
                if ROW_GUARDED:  # the guard is given the row as it is stored
                    row = Adoption.objects.select_related("agency", "matter").get(pk=pk)
                else:
                    row = Adoption(pk=pk, agency=agency, hidden=hidden, hidden_reason=reason)
                offer = offers[key] = steps_for(row, request.user, today=today, roles=roles)
            steps = _row_steps_html(request, pk, offer, rendered)
        parts.append(
            f'<tr><td data-label="领域">{html.escape(domain)}</td>'
            f'<td data-label="一级事项">{html.escape(level1)}</td>'
            f'<td data-label="二级事项">{html.escape(level2)}</td>'
            f'<td data-label="公开时限">{limits[limit]}</td>'
            f'<td data-label="公开方式">{MANNERS.get(manner) or html.escape(manner)}'
            "</td>"
            f'<td data-label="来源">{"本机关增设" if local else "模板"}</td>\n'
            f'<td data-label="状态">{state}\n{steps}</td></tr>\n'
        )
    if not parts:
        parts.append('<tr><td colspan="7">尚未采用任何事项。</td></tr>')
    return mark_safe("".join(parts))  # every value escaped above; the steps' own output


ROW_GUARDED = any(step.guards for step in ADOPTION_STEPS.steps)
_ROW = "row-__gongkai_row__-"  # stands for the adoption's "row-<pk>-" in the ids of its form


def _row_steps_html(request, pk: int, offer, rendered: dict) -> str:
    """One row's 标记不适用 / 恢复 forms. The rows differ only in the URL they post to and the
    ids of their fields, so each kind of row (the steps offered on it) is rendered once —
    its forms made and its URLs reversed once — and copied with its own URLs and ids
    (issue 25: rendering 300 forms' widgets was most of the page's time; issue 27: making
    them and reversing 300 URLs was most of what remained)."""
    key = tuple(offer.names)
    if key not in rendered:
        placeholders, urls = [], []
        for row in offered_steps(offer):
            form = row.form
            if form is not None:
                form.auto_id = f"{_ROW}%s"
            placeholder = f"/__gongkai_{row.step.name}__/"
            placeholders.append(replace(row, form=form, url=placeholder))
            # the row's URL is this one with its own pk in place of the first row's
            before, _, after = row.url.rpartition(f"/{offer.obj.pk}/")
            urls.append((placeholder, escape(before) + "/", "/" + escape(after)))
        rendered[key] = (
            render_to_string(
                "office/steps.html",
                {"step_rows": placeholders, "step_refusals": None},
                request=request,
            ),
            urls,
        )
    text, urls = rendered[key]
    text = text.replace(_ROW, f"row-{pk}-")
    for placeholder, before, after in urls:
        text = text.replace(placeholder, f"{before}{pk}{after}")
    return text


@login_required
@require_POST
def catalogue_action(request, action: str):
    """采用标准目录模板 / 增加本机关事项, taken by the one handler (standards/steps.py)."""
    return take_step(request, AgencyCatalogue(_agency_of(request)), action)


@login_required
def register_page(request):
    agency = staff_agency(request)
    today = timezone.localdate()
    query = request.GET.get("q", "")[:100]
    roles = roles_in(request.user, agency)
    return render(
        request,
        "office/standards_register.html",
        {
            "agency": agency,
            "query": query,
            "entries": r.search_register(agency, query)[:200],
            "due": [
                (entry, step_context(entry, request.user, today=today, roles=roles))
                for entry in r.reviews_due([agency], today=today)
            ],
            # 登记 a new entry (standards/steps.py)
            **step_context(AgencyRegister(agency), request.user, today=today, roles=roles),
        },
    )


@login_required
@require_POST
def register_action(request, action: str):
    """登记 a new entry in the register (standards/steps.py)."""
    return take_step(request, AgencyRegister(_agency_of(request)), action)


_own = acting_on  # a standards object of the user's own agency (to act on); else 404


@login_required
@require_POST
def adoption_action(request, pk: int, action: str):
    """标记不适用 / 恢复 a row of the agency's 标准目录 (standards/steps.py)."""
    adoption = _own(request, get_object_or_404(Adoption.objects.select_related("agency"), pk=pk))
    return take_step(request, adoption, action)


@login_required
@require_POST
def entry_action(request, pk: int, action: str):
    """The 条例第十八条 review of a 不予公开 entry (standards/steps.py)."""
    entry = _own(request, get_object_or_404(RegisterEntry.objects.select_related("agency"), pk=pk))
    return take_step(request, entry, action)


class ImportForm(forms.Form):
    """Where the imported rows go: the agency's own rows ("local"), a new model catalogue
    ("new", named), or one the agency issued (its number); the file is read whole."""

    file = forms.FileField(required=False)
    target = forms.CharField(max_length=20, required=False)
    name = forms.CharField(max_length=200, required=False)


@login_required
def import_page(request):
    """Import rows into a model catalogue the agency issued (or a new one), or as the
    agency's local rows; export the agency's 目录 in the same layout."""
    from gongkai.catalogue.importer import MAX_BYTES, ImportRefused
    from gongkai.core.http import download_response
    from gongkai.standards import xlsx

    agency = staff_agency(request)
    if request.GET.get("format") == "xlsx":
        return download_response(
            f"{agency.name}基层政务公开标准目录.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            xlsx.export_agency(agency),
        )
    today = timezone.localdate()
    problems: list[str] = []
    issued = ModelCatalogue.objects.filter(issuer=agency)
    form = ImportForm(request.POST or None, request.FILES or None)
    if form.is_bound and not form.is_valid():
        problems = [e for field in form.errors.values() for e in field]
    elif form.is_bound:
        upload, target = form.cleaned_data["file"], form.cleaned_data["target"] or "local"
        if upload is None:
            problems = ["请选择要导入的 Excel（.xlsx）或 CSV 文件"]
        elif upload.size > MAX_BYTES:
            problems = ["文件超过 20 MB，请分批导入"]
        else:
            try:
                data = upload.read()
                if target == "local":
                    matters = xlsx.import_matters(
                        data, upload.name, by=request.user, agency=agency, on=today
                    )
                else:
                    with transaction.atomic():
                        if target == "new":
                            catalogue = s.issue_catalogue(
                                agency,
                                by=request.user,
                                name=form.cleaned_data["name"],
                                issued_on=today,
                            )
                        else:
                            catalogue = get_object_or_404(issued, pk=target)
                        matters = xlsx.import_matters(
                            data, upload.name, by=request.user, catalogue=catalogue
                        )
            except ImportRefused as error:
                problems = [str(p) for p in error.problems]
            except TransitionError as error:
                problems = [str(error)]
            else:
                messages.success(request, f"已导入 {len(matters)} 个事项")
                for note in matters.notes[:20]:
                    messages.info(request, note)
                return redirect(f"{request.path}?agency={agency.pk}")
    return render(
        request,
        "office/standards_import.html",
        {"agency": agency, "problems": problems, "issued": issued, "header": xlsx.HEADER},
    )


@login_required
def item_page(request, pk: int):
    """Which matter an item publishes (suggested from its category and title), its
    information type and 公示期, and — on a draft — its 公开属性 (源头认定); each a step
    declared in standards/steps.py."""
    from gongkai.office.catalogue import staff_item

    item = staff_item(request, pk)
    target = ItemStandards(item)
    context = step_context(target, request.user, today=timezone.localdate())
    suggestion = next(
        (row for row in context["step_rows"] if row.step.name == "apply_suggestion"), None
    )
    return render(
        request,
        "office/standards_item.html",
        {
            "item": item,
            **context,
            "step_rows": [row for row in context["step_rows"] if row is not suggestion],
            "suggestion": suggestion,
            "suggested": suggestions_for(item),
            "entries": item.register_entries.all(),
        },
    )


@login_required
@require_POST
def item_action(request, pk: int, action: str):
    """A step on an item's standards page (standards/steps.py)."""
    from gongkai.office.catalogue import staff_item

    item = acting_on(request, staff_item(request, pk))
    return take_step(request, ItemStandards(item), action)


def _application(request, pk: int):
    from gongkai.applications.models import Application

    return acting_on(
        request, get_object_or_404(Application.objects.select_related("agency"), pk=pk)
    )


@login_required
def application_page(request, pk: int):
    """条例第四十四条: an application answered 予以公开 drafted as a proactive item in one
    step (standards/steps.py); other applications for the same information pointed out."""
    application = _application(request, pk)
    return render(
        request,
        "office/standards_application.html",
        {
            "application": application,
            "others": r.same_information(application),
            **step_context(
                ApplicationRelease(application), request.user, today=timezone.localdate()
            ),
        },
    )


@login_required
@require_POST
def application_action(request, pk: int, action: str):
    return take_step(request, ApplicationRelease(_application(request, pk)), action)


@login_required
def guide_page(request):
    """Edit the 公开指南 generated from the agency's data; a county issues the template."""
    from gongkai.standards import guide as g
    from gongkai.standards.models import Guide

    agency = staff_agency(request)
    edited = Guide.objects.filter(agency=agency).first()
    return render(
        request,
        "office/standards_guide.html",
        {
            "agency": agency,
            "edited": edited,
            "updated_on": timezone.localdate(edited.updated_at) if edited else None,
            "placeholders": g.PLACEHOLDERS,
            # 保存修改 / 恢复为自动生成 / 下发指南模板 (standards/steps.py)
            **step_context(AgencyGuide(agency), request.user, today=timezone.localdate()),
        },
    )


@login_required
@require_POST
def guide_action(request, action: str):
    return take_step(request, AgencyGuide(_agency_of(request)), action)


def _year(request, today) -> int:
    year = request.GET.get("year", "")
    if year.isdigit() and 2008 <= int(year) <= today.year + 1:
        return int(year)
    return today.year


@login_required
def workpoints_page(request):
    """政务公开工作要点: a county issues the year's tasks and sees each agency's progress;
    an agency records how it carried out each task; trainings are recorded here too."""
    from gongkai.standards import workpoints as w
    from gongkai.standards.models import Training, WorkPlan

    agency = staff_agency(request)
    today = timezone.localdate()
    year = _year(request, today)
    roles = roles_in(request.user, agency)

    def steps(obj):
        return step_context(obj, request.user, today=today, roles=roles)

    plans = list(w.plans_for(agency, year).exclude(issuer=agency))
    records = {r.task_id: r for r in TaskRecord.objects.filter(agency=agency, task__plan__in=plans)}
    issued = list(WorkPlan.objects.filter(issuer=agency, year=year).prefetch_related("tasks"))
    return render(
        request,
        "office/standards_workpoints.html",
        {
            "agency": agency,
            "year": year,
            "plans": [
                (
                    plan,
                    [
                        (task, records.get(task.pk), steps(AgencyTask(task, agency)))
                        for task in plan.tasks.all()
                    ],
                )
                for plan in plans
            ],
            "issued": [(plan, w.progress(plan, today=today), steps(plan)) for plan in issued],
            "trainings": Training.objects.filter(agency=agency, held_on__year=year),
            "reviewed": w.reviewed_count(agency, year),
            # 印发工作要点 / 建议提案 / 登记培训 (standards/steps.py)
            **steps(AgencyWorkpoints(agency, year)),
        },
    )


@login_required
@require_POST
def workpoints_action(request, action: str):
    agency = _agency_of(request)
    return take_step(
        request, AgencyWorkpoints(agency, _year(request, timezone.localdate())), action
    )


@login_required
@require_POST
def plan_action(request, pk: int, action: str):
    """增加任务 to a plan the agency issued (standards/steps.py)."""
    from gongkai.standards.models import WorkPlan

    plan = get_object_or_404(WorkPlan.objects.select_related("issuer"), pk=pk)
    acting_on(request, plan, agency=plan.issuer)
    return take_step(request, plan, action)


@login_required
@require_POST
def task_action(request, pk: int, action: str):
    """The agency's record of a task issued from above (standards/steps.py)."""
    from gongkai.standards.models import WorkTask

    task = get_object_or_404(WorkTask.objects.select_related("plan__issuer"), pk=pk)
    return take_step(request, AgencyTask(task, _agency_of(request)), action)


@login_required
def channel_import_page(request):
    """Channel posts (微信, 微博, 公开栏…) from a spreadsheet: all rows or none."""
    from gongkai.catalogue.channel_import import TEMPLATE_HEADER, import_channel_posts
    from gongkai.catalogue.importer import MAX_BYTES, ImportRefused

    agency = staff_agency(request)
    problems: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problems = ["请选择要导入的 Excel（.xlsx）或 CSV 文件"]
        elif upload.size > MAX_BYTES:
            problems = ["文件超过 20 MB，请分批导入"]
        else:
            try:
                count = import_channel_posts(
                    agency,
                    upload.read(),
                    upload.name,
                    by=request.user,
                    today=timezone.localdate(),
                )
            except ImportRefused as error:
                problems = [str(p) for p in error.problems]
            except TransitionError as error:
                problems = [str(error)]
            else:
                messages.success(request, f"已导入 {count} 条渠道发布记录")
                return redirect(f"{request.path}?agency={agency.pk}")
    return render(
        request,
        "office/channel_import.html",
        {"agency": agency, "problems": problems, "header": TEMPLATE_HEADER},
    )
