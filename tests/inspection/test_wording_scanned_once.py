"""The wording scan remembers its findings per text (issue 25: the county page scans every item
under it on each visit): the same text found again gives each item its own finding, and what
the scan depends on besides the text — the document's date, for a renamed body — is part of
what it remembers, so a verdict never comes from another item's date."""

from datetime import date

import pytest
from django.urls import reverse

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
