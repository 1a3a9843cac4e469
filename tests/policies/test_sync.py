"""同步组织、同步审签、同步部署 (国办发〔2016〕80号): unless the agency turns it off, a 规范性文件
and its 解读 are approved together; one without the other is refused, or — with a grace
period the agency sets — the 解读 is owed within N working days, on the 工作台."""

from datetime import date

import pytest
import time_machine

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import ItemStatus
from gongkai.core.calendar import current_calendar
from gongkai.core.transitions import TransitionError
from gongkai.core.workbench import Urgency, due_lines
from gongkai.policies import transitions as p
from gongkai.policies.models import InterpretationForm
from tests.policies.conftest import draft, publish_alone, register_if_normative


@pytest.fixture
def pair(township, clerk):
    document = draft(township, clerk, "青石镇农村人居环境整治办法")
    register_if_normative(document, clerk)
    interpretation = draft(township, clerk, "《青石镇农村人居环境整治办法》解读", normative=False)
    p.link_interpretation(interpretation, document, by=clerk, form=InterpretationForm.TEXT)
    return document, interpretation


def test_only_an_agency_that_turned_it_off_publishes_a_document_alone(
    township, clerk, reviewer, admin
):
    p.configure(township, by=admin, require_sync=False)
    document = publish_alone(draft(township, clerk, "甲办法"), clerk, reviewer)
    assert document.status == ItemStatus.PUBLISHED


def test_sync_is_on_for_an_agency_that_never_chose(township):
    from gongkai.policies.models import PolicySettings, settings_for

    assert not PolicySettings.objects.filter(agency=township).exists()
    assert settings_for(township).require_sync is True


def test_the_document_alone_is_refused_by_default_saying_the_article_and_what_to_do(
    township, clerk, reviewer, pair
):
    document, _ = pair  # the agency has chosen nothing: 同步 is on
    t.submit(document, by=clerk)
    with pytest.raises(
        TransitionError,
        match=r"同步审签、同步公开（国办发〔2016〕80号）：请先起草解读.*文件与解读一并审核公开",
    ):
        t.approve_and_publish(document, by=reviewer, on=date(2026, 3, 5))
    document.refresh_from_db()
    assert document.status == ItemStatus.SUBMITTED


def test_a_document_without_a_linked_interpretation_is_refused_too(township, clerk, reviewer):
    document = draft(township, clerk, "乙办法")
    with pytest.raises(TransitionError, match="国办发〔2016〕80号"):
        publish_alone(document, clerk, reviewer)
    document.refresh_from_db()
    assert document.status == ItemStatus.SUBMITTED and not document.index_number


def test_the_interpretation_alone_is_refused_before_its_document(
    township, clerk, reviewer, admin, pair
):
    _, interpretation = pair
    t.submit(interpretation, by=clerk)
    with pytest.raises(TransitionError, match="解读不能先于其文件公开"):
        t.approve_and_publish(interpretation, by=reviewer, on=date(2026, 3, 5))


def test_approved_together_both_are_published(township, clerk, reviewer, admin, pair):
    p.configure(township, by=admin, require_sync=True)
    document, interpretation = pair
    t.submit(document, by=clerk)
    t.submit(interpretation, by=clerk)
    published = p.approve_together(document, by=reviewer, on=date(2026, 3, 5))
    assert [i.status for i in published] == [ItemStatus.PUBLISHED, ItemStatus.PUBLISHED]
    assert {i.pk for i in published} == {document.pk, interpretation.pk}


def test_a_document_without_any_interpretation_is_refused_even_together(
    township, clerk, reviewer, admin
):
    p.configure(township, by=admin, require_sync=True)
    document = draft(township, clerk, "甲办法")
    register_if_normative(document, clerk)
    t.submit(document, by=clerk)
    with pytest.raises(TransitionError, match="请先关联解读"):
        p.approve_together(document, by=reviewer, on=date(2026, 3, 5))


def test_with_a_grace_period_the_owed_interpretation_is_on_the_workbench(
    township, clerk, reviewer, admin, pair
):
    p.configure(township, by=admin, require_sync=True, sync_grace_workdays=5)
    document, interpretation = pair
    t.submit(document, by=clerk)
    t.approve_and_publish(document, by=reviewer, on=date(2026, 9, 29))  # a Tuesday
    calendar = current_calendar()

    def lines(today):
        return [
            line
            for line in due_lines(
                user=clerk, agencies={township: {"clerk"}}, today=today, calendar=calendar
            )
            if line.kind == "政策解读"
        ]

    # 5 working days after 2026-09-29 across the National Day holiday (10-1..10-7 off,
    # 9-30 and 10-8, 10-9 and the 调休 Saturday 10-10 worked): 9-30, 10-8, 10-9, 10-10, 10-12
    assert lines(date(2026, 10, 9))[0].due_on == date(2026, 10, 12)
    assert lines(date(2026, 10, 9))[0].urgency == Urgency.DUE_SOON
    assert lines(date(2026, 10, 13))[0].urgency == Urgency.OVERDUE
    t.submit(interpretation, by=clerk)
    t.approve_and_publish(interpretation, by=reviewer, on=date(2026, 10, 13))
    assert lines(date(2026, 10, 13)) == []


def test_an_audio_video_interpretation_needs_its_link(township, clerk):
    document = draft(township, clerk, "甲办法")
    video = draft(township, clerk, "甲办法视频解读", normative=False)
    with pytest.raises(TransitionError, match="https://"):
        p.link_interpretation(video, document, by=clerk, form=InterpretationForm.AUDIO_VIDEO)


def test_one_interpretation_may_explain_several_documents(township, clerk):
    first, second = draft(township, clerk, "甲办法"), draft(township, clerk, "乙办法")
    qa = draft(township, clerk, "甲乙两办法问答", normative=False)
    p.link_interpretation(qa, first, by=clerk, form=InterpretationForm.QA)
    p.link_interpretation(qa, second, by=clerk, form=InterpretationForm.QA)
    assert qa.interprets.count() == 2
    with pytest.raises(TransitionError, match="已经关联"):
        p.link_interpretation(qa, first, by=clerk, form=InterpretationForm.QA)


def test_a_page_migrated_from_the_old_site_is_released_without_a_new_interpretation(
    township, clerk, reviewer
):
    from django.utils import timezone

    from gongkai.catalogue.models import Item

    # published on the old site, held by the migration for review (a personal number was
    # found): releasing it after review does not publish it anew, so 同步 does not apply
    document = draft(township, clerk, "青石镇老办法")
    register_if_normative(document, clerk)
    t.submit(document, by=clerk)
    Item.objects.filter(pk=document.pk).update(migrated_at=timezone.now())  # as the run marks it
    published = t.approve_and_publish(document, by=reviewer, on=date(2026, 3, 5))
    assert published.status == ItemStatus.PUBLISHED


@time_machine.travel("2026-10-09 09:00 +0800", tick=False)  # logged in that day too
def test_the_workbench_page_reads_the_documents_only_while_a_line_is_owed(
    client, township, clerk, reviewer, admin, pair
):
    """The 工作台 asks with its memberships whether an agency has a 规范性文件 owing its 解读
    (or near its 有效期's end), and reads the documents only then: a county department of a
    6,000,000-item province had 4,608 valid ones and nothing owed (bench/RESULTS.md)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    p.configure(township, by=admin, require_sync=True, sync_grace_workdays=5)
    document, interpretation = pair
    t.submit(document, by=clerk)
    t.approve_and_publish(document, by=reviewer, on=date(2026, 9, 29))
    client.force_login(clerk)

    def page() -> tuple[str, bool]:
        with CaptureQueriesContext(connection) as context:
            html = client.get(reverse("office:home")).content.decode()
        documents_read = any(
            # the catalogue provider's read of items, with the documents' columns
            q["sql"].startswith('SELECT "catalogue_item"."id"')
            and "sync_grace_workdays" in q["sql"]
            for q in context.captured_queries
        )
        return html, documents_read

    html, documents_read = page()
    assert "的解读应于2026年10月12日前公开" in html and documents_read
    t.submit(interpretation, by=clerk)
    t.approve_and_publish(interpretation, by=reviewer, on=date(2026, 10, 9))
    html, documents_read = page()
    assert "的解读应于" not in html and not documents_read
