"""The county's 政务公开工作要点, each agency's record of carrying them out, the county's
progress view, trainings, and what the report's sections 一 and 六 then say."""

from datetime import date

import pytest

from gongkai.catalogue import transitions as t
from gongkai.catalogue.importer import import_catalogue
from gongkai.core.transitions import TransitionError
from gongkai.reports.drafts import section_one, section_six
from gongkai.standards import guide as g
from gongkai.standards import transitions as s
from gongkai.standards import workpoints as w

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(county, county_admin):
    plan = w.issue_plan(
        county,
        by=county_admin,
        year=2025,
        title="云岭县2025年政务公开工作要点",
        issued_on=date(2025, 3, 1),
    )
    w.add_task(
        plan, by=county_admin, text="完成基层政务公开标准目录的编制和发布", due_on=date(2025, 6, 30)
    )
    w.add_task(plan, by=county_admin, text="开展政务公开业务培训", due_on=date(2025, 9, 30))
    return plan


def test_the_township_records_a_task_and_the_county_sees_its_progress(plan, township, clerk):
    first, _ = plan.tasks.all()
    w.record_task(
        first,
        township,
        by=clerk,
        text="编制并在门户网站发布本镇标准目录",
        done_on=date(2025, 5, 20),
    )
    # 7/1: the first is recorded, the second not yet due
    assert w.progress(plan, today=date(2025, 7, 1)) == [(township, 1, 2, 0)]
    # 10/8: the second's due date has passed without a record
    assert w.progress(plan, today=date(2025, 10, 8)) == [(township, 1, 2, 1)]


def test_a_task_from_another_county_cannot_be_recorded(plan, outsider):
    from gongkai.core.models import Agency

    other = Agency.objects.get(name="外县白沙乡人民政府")
    with pytest.raises(TransitionError, match="上级下发"):
        w.record_task(plan.tasks.first(), other, by=outsider, text="x", done_on=None)


def test_only_the_countys_administrator_issues_tasks(plan, clerk):
    with pytest.raises(TransitionError):
        w.add_task(plan, by=clerk, text="x")


def test_section_six_lists_each_task_with_how_it_was_carried_out(plan, township, clerk):
    first, _ = plan.tasks.all()
    w.record_task(
        first,
        township,
        by=clerk,
        text="编制并在门户网站发布本镇标准目录。",
        done_on=date(2025, 5, 20),
    )
    assert w.section_six_paragraph(township, 2025) == (
        "落实上级主管部门政务公开工作要点情况：\n"
        "1. 完成基层政务公开标准目录的编制和发布：编制并在门户网站发布本镇标准目录"
        "（2025年5月20日完成）。\n"
        "2. 开展政务公开业务培训：尚未记录落实情况。"
    )

    class Fee:
        def sentence(self):
            return "本年未收取信息处理费。"

    assert section_six(township, 2025, Fee()).startswith("本年未收取信息处理费。\n落实上级")


def test_section_one_quotes_trainings_reviews_and_updates_but_not_imported_items(
    model, township, clerk, reviewer, relief
):
    w.record_training(
        township, by=clerk, held_on=date(2025, 4, 10), topic="政府信息公开条例", participants=25
    )
    w.record_training(
        township, by=clerk, held_on=date(2025, 8, 5), topic="保密审查", participants=18
    )
    for n in range(2):
        item = t.create_draft(
            township, by=clerk, category=relief, title=f"公示{n}", formed_on=date(2025, 5, 6)
        )
        t.approve_and_publish(t.submit(item, by=clerk), by=reviewer, on=date(2025, 5, 8))
    import_catalogue(
        township,
        "名称,分类,发布日期\n旧公示,社会救助,2025-05-09\n".encode(),
        "旧目录.csv",
        by=clerk,
    )
    catalogue, _ = model
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    g.save_guide(township, by=clerk, text="指南")
    assert w.reviewed_count(township, 2025) == 2  # the imported item had no review here
    # the 目录 and 指南 updates are counted from the audit log, dated when they were made
    assert w.history_counts(township, date.today().year) == (1, 1)
    assert w.section_one_paragraph(township, 2025).startswith(
        "本年组织政务公开培训2次（“政府信息公开条例”、“保密审查”），参训43人次；"
        "对2条拟公开信息进行保密审查"
    )


def test_the_annual_reports_section_one_carries_the_paragraph(township, clerk):
    w.record_training(
        township, by=clerk, held_on=date(2025, 4, 10), topic="政府信息公开条例", participants=25
    )
    from gongkai.reports.compute import report_tables

    tables = report_tables([township.pk], 2025)[township.pk]
    assert "本年组织政务公开培训1次（“政府信息公开条例”），参训25人次。" in section_one(
        township, 2025, tables
    )


def test_the_workpoints_page_records_a_task(plan, township, clerk, client):
    client.force_login(clerk)
    task = plan.tasks.first()
    page = client.get("/office/standards/workpoints/?year=2025").content.decode()
    record = f"/office/standards/workpoints/task/{task.pk}/record/?agency={township.pk}"
    assert f'action="{record.replace("&", "&amp;")}"' in page
    client.post(record, {"record-text": "已发布", "record-done_on": "2025-05-20"})
    page = client.get("/office/standards/workpoints/?year=2025").content.decode()
    assert "云岭县2025年政务公开工作要点" in page and "已发布（2025年5月20日完成）" in page


def test_proposal_figures_are_quoted_in_section_one(county, county_admin, client):
    w.enter_proposal_figures(
        county,
        2025,
        by=county_admin,
        suggestions=12,
        proposals=8,
        results_published=20,
        source="县政府督查室办理台账",
    )
    assert "办理人大代表建议12件、政协提案8件，公开办理结果20件" in w.section_one_paragraph(
        county, 2025
    )
    with pytest.raises(TransitionError, match="不能多于"):
        w.enter_proposal_figures(
            county,
            2025,
            by=county_admin,
            suggestions=1,
            proposals=1,
            results_published=3,
            source="台账",
        )
    client.force_login(county_admin)
    page = client.post(
        f"/office/standards/workpoints/step/proposals/?agency={county.pk}&year=2025",
        {
            "proposals-suggestions": "x",
            "proposals-proposals": "1",
            "proposals-results_published": "1",
            "proposals-source": "台账",
        },
        follow=True,
    )
    assert "件数应为非负整数" in page.content.decode()


def test_the_workpoints_page_refuses_what_it_would_have_cut_or_zeroed(township, clerk, client):
    from gongkai.standards.models import Training

    client.force_login(clerk)
    url = f"/office/standards/workpoints/step/training/?agency={township.pk}&year=2025"
    too_long = client.post(
        url,
        {
            "training-topic": "条" * 201,
            "training-participants": "30",
            "training-held_on": "2025-04-08",
        },
        follow=True,
    ).content.decode()
    assert "培训主题不能超过 200 字" in too_long
    bad_date = client.post(
        url,
        {
            "training-topic": "条例解读",
            "training-participants": "30",
            "training-held_on": "4月8日",
        },
        follow=True,
    ).content.decode()
    assert "日期格式应为 2025-03-01" in bad_date
    assert not Training.objects.exists()  # nothing saved from either
    client.post(
        url,
        {
            "training-topic": "条例解读\x07",
            "training-participants": "30",
            "training-held_on": "2025-04-08",
        },
    )
    (training,) = Training.objects.all()
    assert (training.topic, training.participants) == ("条例解读", 30)
    assert str(training.held_on) == "2025-04-08"
