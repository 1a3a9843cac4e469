"""What the county asks for each year and what the annual report then says: the
政务公开工作要点 as tasks with due dates, each agency's record of carrying them out, the
county's progress per agency, trainings, and the counts section 一 quotes (保密审查 from the
review workflow, updates of the 目录 and 指南 from their history)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone

from gongkai.catalogue.models import InfoType, Item
from gongkai.core.audit import audit
from gongkai.core.dates import chinese_date
from gongkai.core.models import Agency, AuditEntry, Role, User
from gongkai.core.transitions import TransitionError, require_role
from gongkai.standards.models import TaskRecord, Training, WorkPlan, WorkTask
from gongkai.standards.transitions import EDITORS

CATALOGUE_CHANGES = (
    "standards.adopted",
    "standards.adoption.hidden",
    "standards.adoption.restored",
    "standards.matter.local_added",
    "standards.matters.imported",
)


def ancestors(agency: Agency, *, include_self: bool = True) -> list[Agency]:
    chain, current = [], agency if include_self else agency.parent
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.parent
    return chain


def issue_plan(issuer: Agency, *, by: User, year: int, title: str, issued_on: date) -> WorkPlan:
    require_role(by, issuer, (Role.ADMIN,))
    if not title.strip():
        raise TransitionError("请填写工作要点名称")
    with transaction.atomic():
        from gongkai.standards.steps import AgencyWorkpoints, check_page

        check_page(AgencyWorkpoints(issuer, year), "plan", by=by, today=issued_on)
        plan = WorkPlan.objects.create(
            issuer=issuer, year=year, title=title.strip(), issued_on=issued_on
        )
        audit(by, "standards.plan.issued", agency=issuer, obj=plan)
    return plan


def add_task(plan: WorkPlan, *, by: User, text: str, due_on: date | None = None) -> WorkTask:
    require_role(by, plan.issuer, (Role.ADMIN,))
    if not text.strip():
        raise TransitionError("请填写任务内容")
    with transaction.atomic():
        plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        from gongkai.core.steps import check as check_declared

        check_declared(plan, "task", user=by, today=timezone.localdate())
        task = WorkTask.objects.create(
            plan=plan, text=text.strip(), due_on=due_on, order=plan.tasks.count() + 1
        )
        audit(by, "standards.plan.task_added", agency=plan.issuer, obj=task)
    return task


def plans_for(agency: Agency, year: int):
    """The plans of `year` issued by the agency or any agency above it."""
    return WorkPlan.objects.filter(issuer__in=ancestors(agency), year=year).prefetch_related(
        "tasks"
    )


def record_task(
    task: WorkTask,
    agency: Agency,
    *,
    by: User,
    text: str,
    done_on: date | None,
    items=(),
    today: date | None = None,
) -> TaskRecord:
    """The agency's record of how it carried out a task (replaces its earlier record)."""
    require_role(by, agency, EDITORS)
    if task.plan.issuer not in ancestors(agency):
        raise TransitionError("该工作要点不是本机关的上级下发的")
    if not text.strip():
        raise TransitionError("请写明落实情况")
    items = list(items)
    if any(item.agency_id != agency.pk for item in items):
        raise TransitionError("只能关联本机关的信息")
    with transaction.atomic():
        from gongkai.standards.steps import AgencyTask, check_page

        check_page(AgencyTask(task, agency), "record", by=by, today=today)
        record, _ = TaskRecord.objects.update_or_create(
            task=task, agency=agency, defaults={"text": text.strip(), "done_on": done_on}
        )
        record.items.set(items)
        audit(by, "standards.plan.task_recorded", agency=agency, obj=record, task=task.pk)
    return record


def progress(plan: WorkPlan, *, today: date) -> list[tuple[Agency, int, int, int]]:
    """Per agency directly under the issuer: (agency, tasks recorded, tasks, overdue — due
    before today without a record)."""
    tasks = list(plan.tasks.all())
    agencies = list(Agency.objects.filter(parent=plan.issuer).order_by("name"))
    done: dict[int, set[int]] = {}
    for agency_id, task_id in TaskRecord.objects.filter(task__plan=plan).values_list(
        "agency_id", "task_id"
    ):
        done.setdefault(agency_id, set()).add(task_id)
    rows = []
    for agency in agencies:
        mine = done.get(agency.pk, set())
        overdue = sum(1 for t in tasks if t.pk not in mine and t.due_on and t.due_on < today)
        rows.append((agency, len(mine), len(tasks), overdue))
    return rows


def record_training(
    agency: Agency, *, by: User, held_on: date, topic: str, participants: int
) -> Training:
    require_role(by, agency, EDITORS)
    if not topic.strip():
        raise TransitionError("请填写培训主题")
    if not 1 <= participants <= 100_000:
        raise TransitionError("参训人次应为正整数")
    with transaction.atomic():
        from gongkai.standards.steps import AgencyWorkpoints, check_page

        check_page(AgencyWorkpoints(agency, held_on.year), "training", by=by)
        training = Training.objects.create(
            agency=agency, held_on=held_on, topic=topic.strip(), participants=participants
        )
        audit(by, "standards.training.recorded", agency=agency, obj=training)
    return training


def reviewed_count(agency: Agency, year: int) -> int:
    """Items of the year that went through the confidentiality review (保密审查): published
    by a reviewer's approval — not imported, not generated by the system."""
    approved = AuditEntry.objects.filter(
        action="item.published",
        object_type="catalogue.item",
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).exclude(data__has_key="generated")  # the annual report's own item
    return (
        Item.objects.published_in(year)
        .filter(
            agency=agency,
            info_type=InfoType.GOVERNMENT,
        )
        .filter(Exists(approved))
        .count()
    )


def history_counts(agency: Agency, year: int) -> tuple[int, int]:
    """How many times the 目录 and the 指南 were updated in the year (from the audit log)."""
    entries = AuditEntry.objects.filter(agency=agency, at__year=year)
    return (
        entries.filter(action__in=CATALOGUE_CHANGES).count(),
        entries.filter(action="standards.guide.saved").count(),
    )


def proposals_sentence(agency: Agency, year: int) -> str:
    """人大代表建议和政协提案办理结果公开, as entered for the year ("" when nothing is)."""
    from gongkai.standards.models import ProposalFigures

    figures = ProposalFigures.objects.filter(agency=agency, year=year).first()
    if figures is None:
        return ""
    return (
        f"办理人大代表建议{figures.suggestions}件、政协提案{figures.proposals}件，"
        f"公开办理结果{figures.results_published}件"
    )


def section_one_paragraph(agency: Agency, year: int, *, proposals: bool = True) -> str:
    """The sentence section 一 quotes from the records: trainings, reviews, updates (and, for
    an agency that is not a 人民政府, its 建议提案 — a government reports them in 六)."""
    trainings = list(Training.objects.filter(agency=agency, held_on__year=year).order_by("held_on"))
    reviewed = reviewed_count(agency, year)
    catalogue_updates, guide_updates = history_counts(agency, year)
    parts = []
    if trainings:
        people = sum(t.participants for t in trainings)
        topics = "、".join(f"“{t.topic}”" for t in trainings[:5])
        parts.append(f"组织政务公开培训{len(trainings)}次（{topics}），参训{people}人次")
    if reviewed:
        parts.append(f"对{reviewed}条拟公开信息进行保密审查")
    if catalogue_updates:
        parts.append(f"更新基层政务公开标准目录{catalogue_updates}次")
    if guide_updates:
        parts.append(f"更新政府信息公开指南{guide_updates}次")
    if proposals and (sentence := proposals_sentence(agency, year)):
        parts.append(sentence)
    return f"本年{'；'.join(parts)}。" if parts else ""


def section_six_paragraph(
    agency: Agency, year: int, *, heading: str = "落实上级主管部门政务公开工作要点情况"
) -> str:
    """落实上级主管部门政务公开工作要点情况, task by task."""
    plans = list(plans_for(agency, year).exclude(issuer=agency))
    if not plans:
        return ""
    records = {r.task_id: r for r in TaskRecord.objects.filter(agency=agency, task__plan__in=plans)}
    lines = [f"{heading}："]
    number = 0
    for plan in plans:
        for task in plan.tasks.all():
            number += 1
            record = records.get(task.pk)
            if record is None:
                lines.append(f"{number}. {task.text}：尚未记录落实情况。")
            else:
                when = f"（{chinese_date(record.done_on)}完成）" if record.done_on else ""
                lines.append(f"{number}. {task.text}：{record.text.rstrip('。')}{when}。")
    return "\n".join(lines)


def enter_proposal_figures(
    agency: Agency,
    year: int,
    *,
    by: User,
    suggestions: int,
    proposals: int,
    results_published: int,
    source: str,
):
    """人大代表建议和政协提案办理结果公开 for the year (replaces what was entered before)."""
    from gongkai.standards.models import ProposalFigures

    require_role(by, agency, EDITORS)
    if min(suggestions, proposals, results_published) < 0:
        raise TransitionError("件数不能为负数")
    if results_published > suggestions + proposals:
        raise TransitionError("公开办理结果件数不能多于办理的建议和提案件数")
    if not source.strip():
        raise TransitionError("请写明数据来源")
    with transaction.atomic():
        from gongkai.standards.steps import AgencyWorkpoints, check_page

        check_page(AgencyWorkpoints(agency, year), "proposals", by=by)
        figures, _ = ProposalFigures.objects.update_or_create(
            agency=agency,
            year=year,
            defaults={
                "suggestions": suggestions,
                "proposals": proposals,
                "results_published": results_published,
                "source": source.strip(),
            },
        )
        audit(by, "standards.proposals.entered", agency=agency, obj=figures, year=year)
    return figures
