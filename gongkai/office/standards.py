"""Staff pages of the standard catalogue: the agency's 标准目录 (adopt, hide, local rows),
what is due and missing, the county's per-agency overview, and the register of 依申请公开 and
不予公开 information with its 条例第十八条 review."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.catalogue.models import Category, DisclosureAttribute, InfoType
from gongkai.core.calendar import calendar_for
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.transitions import TransitionError
from gongkai.office.access import (
    acting_on,
    roles_in,
    staff_agency,
    supervised_agencies,
    viewed_agency,
)
from gongkai.office.steps import step_context, take_step
from gongkai.standards import forms as sf
from gongkai.standards import register as r
from gongkai.standards import transitions as s
from gongkai.standards.due import county_overview, standings
from gongkai.standards.models import (
    Adoption,
    Audience,
    Manner,
    ModelCatalogue,
    NoticeEnd,
    RegisterEntry,
    TaskRecord,
)
from gongkai.statute.disclosure_limits import LimitError, parse_limit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MatterForm(ControlCharactersStripped, forms.Form):
    domain = forms.CharField(label="领域", max_length=50)
    level1 = forms.CharField(label="一级事项", max_length=100)
    level2 = forms.CharField(label="二级事项", max_length=200)
    content = forms.CharField(label="公开内容（要素）", max_length=2000, required=False)
    basis = forms.CharField(label="公开依据", max_length=2000, required=False)
    limit = forms.CharField(
        label="公开时限",
        max_length=100,
        required=False,
        help_text="如“信息形成或变更之日起20个工作日内”“实时”“每季度结束后10个工作日内”",
    )
    subject = forms.CharField(label="公开主体", max_length=200, required=False)
    channels = forms.CharField(label="公开渠道和载体", max_length=300, required=False)
    audience = forms.ChoiceField(label="公开对象", choices=Audience.choices)
    manner = forms.ChoiceField(label="公开方式", choices=Manner.choices)
    county_level = forms.BooleanField(label="县级", required=False)
    township_level = forms.BooleanField(label="乡级", required=False, initial=True)
    notice_end = forms.ChoiceField(label="公示期结束后", choices=NoticeEnd.choices)

    def clean_limit(self):
        try:
            return parse_limit(self.cleaned_data["limit"])
        except LimitError as error:
            raise forms.ValidationError(str(error)) from None

    def matter_fields(self) -> dict:
        data = dict(self.cleaned_data)
        limit = data.pop("limit")
        return {**data, "limit_kind": limit.kind.value, "limit_days": limit.days}


def model_catalogues_for(agency):
    """Model catalogues issued by the agency or any agency above it."""
    issuers, current = [], agency
    while current is not None and len(issuers) < 10:
        issuers.append(current)
        current = current.parent
    return ModelCatalogue.objects.filter(issuer__in=issuers)


class AdoptForm(forms.Form):
    """The model catalogue to adopt: one issued by the agency or an agency above it."""

    catalogue = forms.ModelChoiceField(
        queryset=ModelCatalogue.objects.none(),
        error_messages={
            "invalid_choice": "只能采用本机关或上级机关下发的标准目录模板",
            "required": "请选择要采用的标准目录模板",
        },
    )

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].queryset = model_catalogues_for(agency)


@login_required
def catalogue_page(request):
    agency, read_only = viewed_agency(request)
    today = timezone.localdate()
    local_form = MatterForm(request.POST if request.POST.get("action") == "local" else None)
    if request.method == "POST" and not read_only:
        action = request.POST.get("action")
        try:
            if action == "adopt":
                adopt_form = AdoptForm(request.POST, agency=agency)
                if not adopt_form.is_valid():
                    raise TransitionError(sf.errors_of(adopt_form))
                catalogue = adopt_form.cleaned_data["catalogue"]
                added = s.adopt_catalogue(agency, catalogue, by=request.user, on=today)
                messages.success(request, f"已采用{len(added)}个事项")
                return redirect(f"{request.path}?agency={agency.pk}")
            if action == "local" and local_form.is_valid():
                s.add_local_matter(agency, by=request.user, on=today, **local_form.matter_fields())
                messages.success(request, "已增加本机关事项")
                return redirect(f"{request.path}?agency={agency.pk}")
        except TransitionError as error:
            messages.error(request, str(error))
    calendar = calendar_for(agency)  # its region's holidays too (放假办法第四条)
    standing = standings([agency.pk], today=today, calendar=calendar)[agency.pk]
    adoptions = list(
        Adoption.objects.filter(agency=agency)
        .select_related("matter", "agency")
        .order_by("hidden", "matter__order", "matter__pk")
    )
    roles = roles_in(request.user, agency)
    for adoption in adoptions:  # 标记不适用 / 恢复: declared in standards/steps.py
        adoption.step_rows = step_context(
            adoption, request.user, today=today, read_only=read_only, roles=roles
        )["step_rows"]
    supervised = list(supervised_agencies(request.user)) if not read_only else []
    return render(
        request,
        "office/standards.html",
        {
            "agency": agency,
            "read_only": read_only,
            "adoptions": adoptions,
            "standing": standing,
            "catalogues": model_catalogues_for(agency),
            "local_form": local_form,
            "overview": county_overview(supervised, today=today, calendar=calendar)
            if supervised
            else [],
            "year": today.year,
        },
    )


class EntryForm(ControlCharactersStripped, forms.Form):
    attribute = forms.ChoiceField(
        label="公开属性",
        choices=[c for c in DisclosureAttribute.choices if c[0] != DisclosureAttribute.PROACTIVE],
    )
    title = forms.CharField(label="信息名称", max_length=300)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    dated_on = forms.DateField(label="成文日期", widget=DATE)
    reason = forms.CharField(label="理由", max_length=500)
    basis = forms.CharField(label="依据条款", max_length=200, help_text="如：条例第十四条")
    review_on = forms.DateField(label="下次审查日期（不予公开必填）", widget=DATE, required=False)


@login_required
def register_page(request):
    agency = staff_agency(request)
    today = timezone.localdate()
    entry_form = EntryForm(request.POST if request.POST.get("action") == "entry" else None)
    try:
        if entry_form.is_bound and entry_form.is_valid():
            r.record_entry(agency, by=request.user, **entry_form.cleaned_data)
            messages.success(request, "已登记")
            return redirect(f"{request.path}?agency={agency.pk}")
    except TransitionError as error:
        messages.error(request, str(error))
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
            "entry_form": entry_form,
        },
    )


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
    if request.method == "POST":
        upload = request.FILES.get("file")
        target = request.POST.get("target", "local")
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
                                name=request.POST.get("name", "").strip()[:200],
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


class ItemStandardsForm(forms.Form):
    matter = forms.ModelChoiceField(label="标准目录事项", queryset=None, required=False)
    info_type = forms.ChoiceField(label="信息类型", choices=InfoType.choices)
    notice_from = forms.DateField(label="公示开始日期", widget=DATE, required=False)
    notice_days = forms.IntegerField(
        label="公示期（天）", min_value=1, max_value=366, required=False
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = s.adopted_matters(agency)

    def clean(self):
        data = super().clean()
        if bool(data.get("notice_from")) != bool(data.get("notice_days")):
            raise forms.ValidationError("公示期须同时填写开始日期和天数")
        return data


class AttributeForm(forms.Form):
    attribute = forms.ChoiceField(label="公开属性", choices=DisclosureAttribute.choices)
    reason = forms.CharField(
        label="理由（依申请公开、不予公开必填）", max_length=500, required=False
    )
    basis = forms.CharField(label="依据条款", max_length=200, required=False)
    review_on = forms.DateField(label="下次审查日期（不予公开必填）", widget=DATE, required=False)


@login_required
def item_page(request, pk: int):
    """Which matter an item publishes (suggested from its category and title), its
    information type and 公示期, and — on a draft — its 公开属性 (源头认定)."""
    from gongkai.office.catalogue import staff_item

    item = staff_item(request, pk)
    agency = item.agency
    initial = {
        "matter": item.matter_id,
        "info_type": item.info_type,
        "notice_from": item.notice_from,
        "notice_days": item.notice_days,
    }
    action = request.POST.get("action")
    form = ItemStandardsForm(
        request.POST if action == "standards" else None, agency=agency, initial=initial
    )
    attribute_form = AttributeForm(
        request.POST if action == "attribute" else None,
        initial={"attribute": item.disclosure_attribute},
    )
    suggested = s.suggest_matters(agency, category=item.category, title=item.title)
    try:
        if action == "apply_suggestion":
            # a suggested matter applied with one button (the same transition as the form)
            chosen = next((m for m in suggested if str(m.pk) == request.POST.get("matter")), None)
            if chosen is None:
                messages.error(request, "所选事项不在推荐之列，请在下方选择标准目录事项")
            else:
                if chosen != item.matter:
                    s.link_item(item, chosen, by=request.user)
                messages.success(request, f"已采用推荐事项：{chosen.domain}／{chosen.level2}")
                return redirect(request.path)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                if data["matter"] != item.matter:
                    s.link_item(item, data["matter"], by=request.user)
                if data["info_type"] != item.info_type:
                    s.set_info_type(item, by=request.user, info_type=data["info_type"])
                if data["notice_from"] and (data["notice_from"], data["notice_days"]) != (
                    item.notice_from,
                    item.notice_days,
                ):
                    s.set_notice_period(
                        item,
                        by=request.user,
                        starts_on=data["notice_from"],
                        days=data["notice_days"],
                    )
            messages.success(request, "已保存")
            return redirect(request.path)
        if attribute_form.is_bound and attribute_form.is_valid():
            r.decide_attribute(item, by=request.user, **attribute_form.cleaned_data)
            messages.success(request, "已认定公开属性")
            return redirect(request.path)
    except TransitionError as error:
        messages.error(request, str(error))
    return render(
        request,
        "office/standards_item.html",
        {
            "item": item,
            "form": form,
            "attribute_form": attribute_form,
            "suggested": suggested,
            "entries": item.register_entries.all(),
        },
    )


@login_required
def application_page(request, pk: int):
    """条例第四十四条: an application answered 予以公开 drafted as a proactive item in one
    step; other applications for the same information pointed out."""
    from gongkai.applications.models import Application

    application = acting_on(
        request, get_object_or_404(Application.objects.select_related("agency"), pk=pk)
    )
    categories = Category.objects.filter(parent__isnull=False, agency__isnull=True)
    if request.method == "POST":
        form = DraftCategoryForm(request.POST)
        form.fields["category"].queryset = categories
        try:
            if not form.is_valid():  # missing, unknown or not a number: one sentence, no 500
                raise TransitionError("请选择信息分类")
            item = r.draft_from_application(
                application,
                by=request.user,
                category=form.cleaned_data["category"],
                on=timezone.localdate(),
            )
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "已生成主动公开草稿")
            return redirect("office:item", pk=item.pk)
    return render(
        request,
        "office/standards_application.html",
        {
            "application": application,
            "others": r.same_information(application),
            "categories": categories,
            "granted": application.outcome == r.GRANTED_OUTCOME,
        },
    )


class DraftCategoryForm(forms.Form):
    """The 信息分类 of the proactive draft made from an application (条例第四十四条)."""

    category = forms.ModelChoiceField(queryset=Category.objects.none())


class GuideForm(ControlCharactersStripped, forms.Form):
    """The 公开指南 page's three buttons and its text; the transitions judge the text (empty,
    too long) and the role, so their sentences are the page's."""

    action = forms.ChoiceField(
        choices=[("save", "保存"), ("reset", "恢复"), ("template", "下发模板")]
    )
    text = forms.CharField(required=False, strip=False, max_length=50_000)  # the 指南's column


@login_required
def guide_page(request):
    """Edit the 公开指南 generated from the agency's data; a county issues the template."""
    from gongkai.core.models import Role
    from gongkai.standards import guide as g
    from gongkai.standards.models import Guide, GuideTemplate

    agency = staff_agency(request)
    form = GuideForm(request.POST or None)
    try:
        if form.is_bound and not form.is_valid():
            raise TransitionError("无法识别的操作：请刷新页面后重试")
        action = form.cleaned_data["action"] if form.is_bound else ""
        if action == "save":
            g.save_guide(agency, by=request.user, text=form.cleaned_data["text"])
            messages.success(request, "指南已保存，门户网站即显示修改后的指南")
            return redirect(f"{request.path}?agency={agency.pk}")
        if action == "reset":
            g.reset_guide(agency, by=request.user)
            messages.success(request, "已恢复为按本机关数据自动生成的指南")
            return redirect(f"{request.path}?agency={agency.pk}")
        if action == "template":
            g.issue_guide_template(agency, by=request.user, text=form.cleaned_data["text"])
            messages.success(request, "已下发指南模板")
            return redirect(f"{request.path}?agency={agency.pk}")
    except TransitionError as error:
        messages.error(request, str(error))
    edited = Guide.objects.filter(agency=agency).first()
    is_admin = request.user.memberships.filter(agency=agency, role=Role.ADMIN).exists()
    template = GuideTemplate.objects.filter(issuer=agency).first()
    return render(
        request,
        "office/standards_guide.html",
        {
            "agency": agency,
            "edited": edited,
            "updated_on": timezone.localdate(edited.updated_at) if edited else None,
            "text": edited.text if edited else g.generated_guide(agency),
            "can_issue": is_admin and agency.children.exists(),
            "template_text": template.text if template else g.DEFAULT_TEMPLATE,
            "placeholders": g.PLACEHOLDERS,
        },
    )


def _workpoints():
    from gongkai.standards import workpoints as w

    def plan(agency, year, by, today, d):
        w.issue_plan(agency, by=by, year=year, title=d["title"], issued_on=d["issued_on"] or today)

    def task(agency, year, by, today, d):
        w.add_task(d["plan"], by=by, text=d["text"], due_on=d["due_on"])

    def record(agency, year, by, today, d):
        w.record_task(d["task"], agency, by=by, text=d["text"], done_on=d["done_on"])

    def proposals(agency, year, by, today, d):
        w.enter_proposal_figures(agency, year, by=by, **d)

    def training(agency, year, by, today, d):
        w.record_training(
            agency,
            by=by,
            held_on=d["held_on"] or today,
            topic=d["topic"],
            participants=d["participants"] or 0,
        )

    # what the 工作要点 page creates or records: form, transition, what it says when done
    return {
        "plan": (sf.PlanForm, plan, "已印发工作要点"),
        "task": (sf.TaskForm, task, "已增加任务"),
        "record": (sf.RecordForm, record, "已记录落实情况"),
        "proposals": (sf.ProposalsForm, proposals, "已保存建议提案办理结果公开情况"),
        "training": (sf.TrainingForm, training, "已登记培训"),
    }


WORKPOINT_ACTIONS = _workpoints()


@login_required
def workpoints_page(request):
    """政务公开工作要点: a county issues the year's tasks and sees each agency's progress;
    an agency records how it carried out each task; trainings are recorded here too."""
    from gongkai.core.models import Role
    from gongkai.standards import workpoints as w
    from gongkai.standards.models import ProposalFigures, Training, WorkPlan

    agency = staff_agency(request)
    today = timezone.localdate()
    year = today.year
    if request.GET.get("year", "").isdigit() and 2008 <= int(request.GET["year"]) <= year + 1:
        year = int(request.GET["year"])
    back = f"{request.path}?agency={agency.pk}&year={year}"
    action = request.POST.get("action")
    try:
        if request.method == "POST" and action in WORKPOINT_ACTIONS:
            form_class, run, done = WORKPOINT_ACTIONS[action]
            form = form_class(request.POST, **({"agency": agency} if action == "task" else {}))
            if not form.is_valid():
                raise TransitionError(sf.errors_of(form))
            run(agency, year, request.user, today, form.cleaned_data)
            messages.success(request, done)
            return redirect(back)
    except TransitionError as error:
        messages.error(request, str(error))
    plans = list(w.plans_for(agency, year).exclude(issuer=agency))
    records = {r.task_id: r for r in TaskRecord.objects.filter(agency=agency, task__plan__in=plans)}
    issued = list(WorkPlan.objects.filter(issuer=agency, year=year).prefetch_related("tasks"))
    is_admin = request.user.memberships.filter(agency=agency, role=Role.ADMIN).exists()
    return render(
        request,
        "office/standards_workpoints.html",
        {
            "agency": agency,
            "year": year,
            "plans": [
                (plan, [(task, records.get(task.pk)) for task in plan.tasks.all()])
                for plan in plans
            ],
            "issued": [(plan, w.progress(plan, today=today)) for plan in issued],
            "can_issue": is_admin and agency.children.exists(),
            "trainings": Training.objects.filter(agency=agency, held_on__year=year),
            "reviewed": w.reviewed_count(agency, year),
            "proposals": ProposalFigures.objects.filter(agency=agency, year=year).first(),
        },
    )


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
