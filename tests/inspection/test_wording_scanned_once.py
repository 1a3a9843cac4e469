"""The wording scan is kept per text (issue 25, and issue 27: a county site of 72,000 documents
cannot have every text read on each visit — inspection/text_scans.py): the same text found
again gives each item its own finding, and what the scan depends on besides the text — the
document's date, for a renamed body, and the rule files — is part of what it keeps, so a
verdict never comes from another item's date, an older text or an older rule list."""

from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from gongkai.catalogue.models import Item

pytestmark = pytest.mark.django_db
# 国土资源局 was renamed 自然资源局 in the 2018 reform (local bodies by April 2019): wrong in a
# document dated after, right in one dated before (inspection/wording.py Rule.since)
WRONG = "<p>请各村配合县国土资源局做好宅基地审批工作。</p>"


def serious(result):
    return [f for f in result.findings if f.indicator == "serious_wording"]


def test_the_same_text_is_judged_by_each_items_own_date(publish, check):
    later = publish("通知一", date(2026, 11, 20), written_on=date(2026, 11, 20), body=WRONG)
    again = publish("通知二", date(2026, 11, 21), written_on=date(2026, 11, 21), body=WRONG)
    # the same text written before the renaming named the body rightly
    earlier = publish("通知三", date(2026, 11, 23), written_on=date(2017, 3, 1), body=WRONG)
    for _ in range(2):  # scanned, then remembered: the same verdicts
        found = {f.url for f in serious(check(date(2026, 11, 30)))}
        assert found == {
            reverse("office:item", args=[item.pk]) + "?step=correct#correct"
            for item in (later, again)
        }
    assert reverse("office:item", args=[earlier.pk]) + "?step=correct#correct" not in found


def test_a_text_changed_behind_the_forms_back_is_judged_anew(publish, check):
    """Scanned clean, then changed by a raw UPDATE (a migrated site's fix-up writes so; no
    save() sees it): the database's own digest of the text no longer matches the kept scan."""
    item = publish("通知", date(2026, 11, 20), written_on=date(2026, 11, 20), body="<p>无误。</p>")
    assert not serious(check(date(2026, 11, 30)))
    Item.objects.filter(pk=item.pk).update(body=WRONG)
    [finding] = serious(check(date(2026, 11, 30)))
    assert finding.url.startswith(reverse("office:item", args=[item.pk]))
    Item.objects.filter(pk=item.pk).update(title="县国土资源局通知", body="<p>无误。</p>")
    assert len(serious(check(date(2026, 11, 30)))) == 1  # the title is read as well


def test_a_changed_document_date_is_judged_anew(publish, check):
    item = publish("通知", date(2026, 11, 23), written_on=date(2017, 3, 1), body=WRONG)
    assert not serious(check(date(2026, 11, 30)))  # before the renaming: rightly named
    Item.objects.filter(pk=item.pk).update(written_on=date(2026, 11, 20))
    assert len(serious(check(date(2026, 11, 30)))) == 1


def test_a_provinces_own_rule_file_judges_texts_scanned_before_it(publish, check, tmp_path):
    item = publish("通知", date(2026, 11, 20), body="<p>请按照测试错词办理。</p>")
    assert not serious(check(date(2026, 11, 30)))
    extra = tmp_path / "province.tsv"
    extra.write_text("测试错词\t测试正词\t固定表述\t本省规定\n", encoding="utf-8")
    with override_settings(GONGKAI_WORDING_FILES=[str(extra)]):
        [finding] = serious(check(date(2026, 11, 30)))
    assert "“测试错词”应为“测试正词”" in finding.detail
    assert finding.url.startswith(reverse("office:item", args=[item.pk]))
    assert not serious(check(date(2026, 11, 30)))  # the default rules again


def test_later_checks_bring_back_only_the_texts_that_hold_something(publish, check, township):
    """Issue 27: once scanned, a clean text stays in the database on later checks; the read
    brings back the texts with wrong wording or links, and any text changed since."""
    from gongkai.inspection import live_items

    clean = [publish(f"通知{n}", date(2026, 11, 20), body="<p>无误。</p>") for n in range(3)]
    wrong = publish("通知", date(2026, 11, 20), written_on=date(2026, 11, 20), body=WRONG)
    linked = publish("链接", date(2026, 11, 20), body='<p><a href="/item/1/">见此</a></p>')

    def read() -> set[int]:
        return {item.pk for item in live_items.read([township.pk], date(2026, 11, 30))}

    assert read() >= {item.pk for item in (*clean, wrong, linked)}  # never scanned: all read
    assert read() == {wrong.pk, linked.pk}
    Item.objects.filter(pk=clean[0].pk).update(body="<p>改过，仍无误。</p>")
    assert read() == {wrong.pk, linked.pk, clean[0].pk}  # changed: read and scanned again
    assert read() == {wrong.pk, linked.pk}
