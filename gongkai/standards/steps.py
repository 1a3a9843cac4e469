"""The steps of the standard catalogue's objects, declared once beside their transitions
(core/steps.py): a row of the agency's 标准目录 is marked 不适用 (with its reason) or restored;
the agency adopts a model catalogue or adds its own row; an item is given its matter, 信息类型,
公示期 and 公开属性; the register takes a new entry and a 不予公开 entry is reviewed (条例第十八条);
the 公开指南 is edited, reset or issued as a template; the 工作要点 are issued, given tasks and
recorded, with trainings and the 建议提案 figures. The office offers them from here, one handler
takes them, and each transition checks its declaration under its lock.

Several steps belong to an agency's page rather than to a row (the 目录 as a whole, the
register, the 指南, the year's 工作要点): each such page is its own kind of object here, a small
wrapper around the agency, so its steps are declared like any other."""

from __future__ import annotations

from django import forms

from gongkai.catalogue.models import Category, DisclosureAttribute, Item, ItemStatus
from gongkai.core import roles
from gongkai.core.forms import ControlCharactersStripped
from gongkai.core.models import Role
from gongkai.core.steps import AgencyPage, Guard, Step, StepSet, register
from gongkai.standards import forms as sf
from gongkai.standards import register as r
from gongkai.standards import transitions as s
from gongkai.standards.models import (
    Adoption,
    RegisterEntry,
    ReviewDecision,
    TaskRecord,
    WorkPlan,
    WorkTask,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HideForm(ControlCharactersStripped, forms.Form):
    reason = forms.CharField(label="不适用理由", max_length=300)

    def __init__(self, *args, adoption=None, **kwargs):
        super().__init__(*args, **kwargs)
        # one form per row on the page
        self.auto_id = f"row-{adoption.pk}-%s" if adoption is not None else self.auto_id


ADOPTION_STEPS = register(
    StepSet(
        model=Adoption,
        noun="该事项",
        state=lambda adoption: "hidden" if adoption.hidden else "shown",
        state_label=lambda adoption: "不适用" if adoption.hidden else "适用",
        steps=(
            Step(
                "hide",
                "标记不适用",
                lambda adoption, *, by, today, data: s.hide(adoption, by=by, reason=data["reason"]),
                roles.EDITORS,
                states=frozenset({"shown"}),
                form=HideForm,
                form_kwargs=lambda adoption: {"adoption": adoption},
                summary="标记不适用…",
                waits=False,
            ),
            Step(
                "restore",
                "恢复",
                lambda adoption, *, by, today, data: s.restore(adoption, by=by),
                roles.EDITORS,
                states=frozenset({"hidden"}),
                waits=False,
            ),
        ),
    )
)


class ReviewForm(ControlCharactersStripped, forms.Form):
    decision = forms.TypedChoiceField(
        label="审查结论", choices=ReviewDecision.choices, coerce=ReviewDecision
    )
    note = forms.CharField(label="说明", max_length=500, required=False)
    next_review_on = forms.DateField(label="下次审查日期", widget=DATE, required=False)
    category = forms.ModelChoiceField(
        label="转为主动公开时的分类",
        queryset=Category.objects.filter(parent__isnull=False, agency__isnull=True),
        required=False,
    )

    def __init__(self, *args, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        if entry is not None:
            self.auto_id = f"entry-{entry.pk}-%s"  # one form per entry due on the page


def entry_state(entry: RegisterEntry) -> str:
    return "released" if entry.released_item_id else entry.attribute


ENTRY_STATES = {
    "released": "已转为主动公开",
    **{value: label for value, label in DisclosureAttribute.choices},
}

ENTRY_STEPS = register(
    StepSet(
        model=RegisterEntry,
        noun="该信息",
        state=entry_state,
        state_label=lambda entry: ENTRY_STATES[entry_state(entry)],
        steps=(
            Step(
                "review",
                "记录审查结论",
                lambda entry, *, by, today, data: r.review_entry(entry, by=by, on=today, **data),
                roles.EDITORS,
                # 条例第十八条: only what is withheld is reviewed; 依申请公开 needs no review
                states=frozenset({DisclosureAttribute.WITHHELD}),
                form=ReviewForm,
                form_kwargs=lambda entry: {"entry": entry},
                summary="审查（条例第十八条）…",
                explain="仍不予公开的，写明理由并定下次审查日期；转为主动公开的，生成一份草稿，"
                "按主动公开的审查程序公开。",
                irreversible="我已核对审查结论：记录后不能修改，转为主动公开的不能改回",
            ),
        ),
    )
)


# ---------------------------------------------------------------- the pages of an agency


class AgencyCatalogue(AgencyPage):
    """The agency's 标准目录 as a whole: adopt a model catalogue, add a row of its own."""


class AgencyRegister(AgencyPage):
    """The agency's register of 依申请公开 and 不予公开 information."""


class AgencyGuide(AgencyPage):
    """The agency's 政府信息公开指南 (条例第十二条)."""


class AgencyWorkpoints(AgencyPage):
    """The agency's 政务公开工作要点 page for one year."""

    def __init__(self, agency, year: int):
        super().__init__(agency)
        self.year = year


class AgencyTask:
    """One task of a plan issued from above, as the agency records how it carried it out."""

    def __init__(self, task: WorkTask, agency):
        self.task = task
        self.agency = agency
        self.pk = task.pk

    def __eq__(self, other):
        return isinstance(other, AgencyTask) and (other.pk, other.agency.pk) == (
            self.pk,
            self.agency.pk,
        )

    def __hash__(self):
        return hash(("AgencyTask", self.pk, self.agency.pk))


class ItemStandards:
    """An item as the standards app acts on it (its matter, 信息类型, 公示期, 公开属性): its own
    kind of object, so the catalogue's item steps stay the catalogue's."""

    def __init__(self, item: Item):
        self.item = item
        self.pk = item.pk
        self.agency = item.agency

    def __eq__(self, other):
        return isinstance(other, ItemStandards) and other.pk == self.pk

    def __hash__(self):
        return hash(("ItemStandards", self.pk))


def check_page(target, name: str, *, by, today=None) -> None:
    """A transition on an agency's page checks its declaration under the agency's row lock
    (called inside the transition's transaction)."""
    from django.utils import timezone

    from gongkai.core.models import Agency
    from gongkai.core.steps import check

    Agency.objects.select_for_update().filter(pk=target.agency.pk).exists()
    check(target, name, user=by, today=today or timezone.localdate())


def _any_state(noun: str) -> dict:
    """A page with no state of its own: every step starts from anywhere."""
    return {"noun": noun, "state": lambda obj: "", "state_label": lambda obj: ""}


HAS_MODEL = Guard(
    lambda target, _: sf.model_catalogues_for(target.agency).exists(),
    "上级机关尚未下发标准目录模板",
    shown=True,
)

CATALOGUE_STEPS = register(
    StepSet(
        model=AgencyCatalogue,
        **_any_state("本机关标准目录"),
        steps=(
            Step(
                "adopt",
                "采用全部事项",
                lambda target, *, by, today, data: s.adopt_catalogue(
                    target.agency, data["catalogue"], by=by, on=today
                ),
                roles.EDITORS,
                guards=(HAS_MODEL,),
                form=sf.AdoptForm,
                form_kwargs=lambda target: {"agency": target.agency},
                summary="采用标准目录模板…",
                done=lambda added: f"已采用{len(added)}个事项",
                waits=False,
            ),
            Step(
                "local",
                "增加本机关事项",
                lambda target, *, by, today, data: s.add_local_matter(
                    target.agency, by=by, on=today, **data
                ),
                roles.EDITORS,
                form=sf.MatterForm,
                summary="增加本机关事项…",
                waits=False,
            ),
        ),
    )
)

REGISTER_STEPS = register(
    StepSet(
        model=AgencyRegister,
        **_any_state("本机关登记"),
        steps=(
            Step(
                "entry",
                "登记",
                lambda target, *, by, today, data: r.record_entry(target.agency, by=by, **data),
                roles.EDITORS,
                form=sf.EntryForm,
                summary="登记依申请公开或不予公开的信息…",
                explain="只登记名称、文号、日期、理由和依据，不公开正文；不予公开的须定下次审查日期"
                "（条例第十八条）。",
                waits=False,
            ),
        ),
    )
)


NOT_WITHDRAWN = Guard(
    lambda target, _: target.item.status != ItemStatus.WITHDRAWN,
    "该信息已撤回，不能再修改其标准目录事项",
)
HAS_SUGGESTION = Guard(
    lambda target, _: bool(suggestions_for(target.item)),
    "按分类和标题没有可推荐的标准目录事项，请在下方选择",
)


def suggestions_for(item: Item):
    return s.suggest_matters(item.agency, category=item.category, title=item.title)


def _item_initial(target: ItemStandards) -> dict:
    item = target.item
    return {
        "item": item,
        "initial": {
            "matter": item.matter_id,
            "info_type": item.info_type,
            "notice_from": item.notice_from,
            "notice_days": item.notice_days,
        },
    }


ITEM_STANDARDS_STEPS = register(
    StepSet(
        model=ItemStandards,
        noun="该信息",
        state=lambda target: target.item.status,
        state_label=lambda target: target.item.get_status_display(),
        steps=(
            Step(
                "apply_suggestion",
                "采用推荐事项",
                lambda target, *, by, today, data: s.apply_suggestion(
                    target.item, data["matter"], by=by, today=today
                ),
                roles.EDITORS,
                guards=(NOT_WITHDRAWN, HAS_SUGGESTION),
                form=sf.SuggestionForm,
                done=lambda item: f"已采用推荐事项：{item.matter.domain}／{item.matter.level2}",
                form_kwargs=lambda target: {"suggested": suggestions_for(target.item)},
                waits=False,
            ),
            Step(
                "standards",
                "保存事项、信息类型和公示期",
                lambda target, *, by, today, data: s.describe_item(
                    target.item, by=by, today=today, **data
                ),
                roles.EDITORS,
                guards=(NOT_WITHDRAWN,),
                form=sf.ItemStandardsForm,
                form_kwargs=_item_initial,
                summary="标准目录事项、信息类型和公示期…",
                waits=False,
            ),
            Step(
                "attribute",
                "认定公开属性",
                lambda target, *, by, today, data: r.decide_attribute(
                    target.item, by=by, today=today, **data
                ),
                roles.EDITORS,
                # 源头认定: decided while the item is a draft, before anyone reviews it
                states=frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED}),
                form=sf.AttributeForm,
                form_kwargs=lambda target: {
                    "initial": {"attribute": target.item.disclosure_attribute}
                },
                summary="公开属性认定…",
                explain="依申请公开和不予公开的信息不主动公开，登记名称、文号、日期和理由，"
                "不公开正文；不予公开的定期审查（条例第十八条）。",
                waits=False,
            ),
        ),
    )
)


def _edited(target: AgencyGuide, _) -> bool:
    from gongkai.standards.models import Guide

    return Guide.objects.filter(agency=target.agency).exists()


def _guide_text(target: AgencyGuide) -> dict:
    from gongkai.standards import guide as g
    from gongkai.standards.models import Guide

    edited = Guide.objects.filter(agency=target.agency).first()
    return {"initial": {"text": edited.text if edited else g.generated_guide(target.agency)}}


def _template_text(target: AgencyGuide) -> dict:
    from gongkai.standards import guide as g
    from gongkai.standards.models import GuideTemplate

    template = GuideTemplate.objects.filter(issuer=target.agency).first()
    return {"initial": {"text": template.text if template else g.DEFAULT_TEMPLATE}}


HAS_SUBORDINATES = Guard(
    lambda target, _: target.agency.children.exists(),
    "本机关没有下级机关，无需下发",
)


def _guide():
    from gongkai.standards import guide as g

    return (
        Step(
            "save",
            "保存修改",
            lambda target, *, by, today, data: g.save_guide(
                target.agency, by=by, text=data["text"]
            ),
            roles.EDITORS,
            form=sf.GuideForm,
            form_kwargs=_guide_text,
            summary="修改指南…",
            done=lambda guide: "指南已保存，门户网站即显示修改后的指南",
            explain="保存后门户网站即显示修改后的指南。",
            waits=False,
        ),
        Step(
            "reset",
            "恢复为自动生成",
            lambda target, *, by, today, data: g.reset_guide(target.agency, by=by),
            roles.EDITORS,
            guards=(Guard(_edited, "指南没有修改过，本来就是按本机关数据自动生成的"),),
            waits=False,
        ),
        Step(
            "template",
            "下发指南模板",
            lambda target, *, by, today, data: g.issue_guide_template(
                target.agency, by=by, text=data["text"]
            ),
            (Role.ADMIN,),
            guards=(HAS_SUBORDINATES,),
            form=sf.GuideTemplateForm,
            form_kwargs=_template_text,
            summary="下发指南模板…",
            explain="下级机关的指南按此模板生成。",
            waits=False,
        ),
    )


GUIDE_STEPS = register(StepSet(model=AgencyGuide, **_any_state("本机关指南"), steps=_guide()))


def _proposals_initial(target: AgencyWorkpoints) -> dict:
    from gongkai.standards.models import ProposalFigures

    figures = ProposalFigures.objects.filter(agency=target.agency, year=target.year).first()
    if figures is None:
        return {}
    names = ("suggestions", "proposals", "results_published", "source")
    return {"initial": {name: getattr(figures, name) for name in names}}


def _workpoints():
    from gongkai.standards import workpoints as w

    return (
        Step(
            "plan",
            "印发工作要点",
            lambda target, *, by, today, data: w.issue_plan(
                target.agency,
                by=by,
                year=target.year,
                title=data["title"],
                issued_on=data["issued_on"] or today,
            ),
            (Role.ADMIN,),
            guards=(HAS_SUBORDINATES,),
            form=sf.PlanForm,
            summary="印发本年度工作要点…",
            waits=False,
        ),
        Step(
            "proposals",
            "保存建议提案办理结果公开情况",
            lambda target, *, by, today, data: w.enter_proposal_figures(
                target.agency, target.year, by=by, **data
            ),
            roles.EDITORS,
            form=sf.ProposalsForm,
            form_kwargs=_proposals_initial,
            summary="人大代表建议和政协提案办理结果公开…",
            waits=False,
        ),
        Step(
            "training",
            "登记培训",
            lambda target, *, by, today, data: w.record_training(
                target.agency,
                by=by,
                held_on=data["held_on"] or today,
                topic=data["topic"],
                participants=data["participants"] or 0,
            ),
            roles.EDITORS,
            form=sf.TrainingForm,
            summary="登记政务公开培训…",
            waits=False,
        ),
    )


WORKPOINTS_STEPS = register(
    StepSet(model=AgencyWorkpoints, **_any_state("本机关工作要点"), steps=_workpoints())
)


def _plan_steps():
    from gongkai.standards import workpoints as w

    return (
        Step(
            "task",
            "增加任务",
            lambda plan, *, by, today, data: w.add_task(plan, by=by, **data),
            (Role.ADMIN,),
            form=sf.PlanTaskForm,
            form_kwargs=lambda plan: {"auto_id": f"plan-{plan.pk}-%s"},
            summary="增加任务…",
            waits=False,
        ),
    )


PLAN_STEPS = register(
    StepSet(
        model=WorkPlan,
        **_any_state("该工作要点"),
        agency=lambda plan: plan.issuer,
        steps=_plan_steps(),
    )
)


def _issued_above(target: AgencyTask, _) -> bool:
    from gongkai.standards.workpoints import ancestors

    return target.task.plan.issuer in ancestors(target.agency)


def _record_initial(target: AgencyTask) -> dict:
    record = TaskRecord.objects.filter(task=target.task, agency=target.agency).first()
    initial = {"text": record.text, "done_on": record.done_on} if record else {}
    return {"initial": initial, "auto_id": f"task-{target.pk}-%s"}


def _task_steps():
    from gongkai.standards import workpoints as w

    return (
        Step(
            "record",
            "保存落实情况",
            lambda target, *, by, today, data: w.record_task(
                target.task, target.agency, by=by, today=today, **data
            ),
            roles.EDITORS,
            guards=(Guard(_issued_above, "该工作要点不是本机关的上级下发的"),),
            form=sf.TaskRecordForm,
            form_kwargs=_record_initial,
            summary="记录落实情况…",
            waits=False,
        ),
    )


TASK_STEPS = register(StepSet(model=AgencyTask, **_any_state("该任务"), steps=_task_steps()))


# ---------------------------------------------------------------- 条例第四十四条


class ApplicationRelease:
    """An application as the standards app acts on it: information given to an applicant
    (予以公开) drafted as a proactive item (条例第四十四条)."""

    def __init__(self, application):
        self.application = application
        self.agency = application.agency
        self.pk = application.pk

    def __eq__(self, other):
        return isinstance(other, ApplicationRelease) and other.pk == self.pk

    def __hash__(self):
        return hash(("ApplicationRelease", self.pk))


class DraftCategoryForm(forms.Form):
    """The 信息分类 of the proactive draft made from an application."""

    category = forms.ModelChoiceField(
        label="信息分类",
        queryset=Category.objects.filter(parent__isnull=False, agency__isnull=True),
        empty_label=None,
        error_messages={"required": "请选择信息分类", "invalid_choice": "请选择信息分类"},
    )


RELEASE_STEPS = register(
    StepSet(
        model=ApplicationRelease,
        **_any_state("该申请"),
        steps=(
            Step(
                "release",
                "生成主动公开草稿",
                lambda target, *, by, today, data: r.draft_from_application(
                    target.application, by=by, category=data["category"], on=today
                ),
                roles.EDITORS,
                guards=(
                    Guard(
                        lambda target, _: target.application.outcome == r.GRANTED_OUTCOME,
                        "只有答复“予以公开”的申请可以转为主动公开",
                        shown=True,
                    ),
                ),
                form=DraftCategoryForm,
                summary="纳入主动公开范围（条例第四十四条）…",
                explain="生成一份主动公开草稿（标题和文号取自申请），按主动公开的审查程序公开。",
                waits=False,
            ),
        ),
    )
)
