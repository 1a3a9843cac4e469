from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.core.models import Agency, AgencyLevel

pytestmark = pytest.mark.django_db


def test_the_demo_agencies_are_valid_and_linked(township, county):
    assert township.parent == county
    assert township.level == AgencyLevel.TOWNSHIP
    township.full_clean()
    county.full_clean()


def test_an_index_prefix_with_a_wrong_check_character_is_refused(township):
    township.index_prefix = "012345670"
    with pytest.raises(ValidationError) as raised:
        township.full_clean()
    assert "校验码" in str(raised.value.message_dict["index_prefix"])


@pytest.mark.parametrize(
    ("level", "deadline"),
    [
        # 条例 Art. 49: departments by 31 January; the government's own report by 31 March.
        (AgencyLevel.COUNTY_DEPARTMENT, date(2025, 1, 31)),
        (AgencyLevel.COUNTY_GOVERNMENT, date(2025, 3, 31)),
        (AgencyLevel.TOWNSHIP, date(2025, 1, 31)),
    ],
)
def test_report_deadline_defaults_by_level(level, deadline):
    assert Agency(level=level).report_deadline(2024) == deadline


def test_a_county_office_may_set_its_townships_deadline(township):
    township.report_due_month, township.report_due_day = 2, 15
    township.full_clean()
    assert township.report_deadline(2024) == date(2025, 2, 15)


def test_a_deadline_that_does_not_exist_every_year_is_refused(township):
    township.report_due_month, township.report_due_day = 2, 29
    with pytest.raises(ValidationError, match="不是每年都有"):
        township.full_clean()


def test_an_agency_cannot_be_its_own_ancestor(township, county):
    county.parent = township
    with pytest.raises(ValidationError, match="上级机构"):
        county.full_clean()


def test_only_provincial_and_city_governments_make_rules(township, county):
    assert not township.may_make_rules
    assert not county.may_make_rules
    assert Agency(level=AgencyLevel.CITY_GOVERNMENT).may_make_rules


def test_staffed_by_lists_only_the_users_own_agencies(clerk, township, outsider):
    assert list(Agency.objects.staffed_by(clerk)) == [township]
    assert township not in Agency.objects.staffed_by(outsider)


def test_loading_the_demo_twice_changes_nothing(township):
    from gongkai.core.demo import load_demo
    from gongkai.core.models import AuditEntry, Membership, User

    counts = (Agency.objects.count(), User.objects.count(), Membership.objects.count())
    audits = AuditEntry.objects.count()
    load_demo()
    assert (Agency.objects.count(), User.objects.count(), Membership.objects.count()) == counts
    assert AuditEntry.objects.count() == audits
