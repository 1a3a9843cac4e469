"""The system administrator's screens: calendar rows and role grants end up in the audit log."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry, CalendarDay, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def sysadmin_client(client, township):
    from gongkai.core.models import User

    client.force_login(User.objects.get(username="xitong"))
    return client


def test_adding_a_calendar_row_is_validated_and_audited(sysadmin_client):
    url = reverse("admin:core_calendarday_add")
    refused = sysadmin_client.post(url, {"day": "2027-01-05", "kind": "上班", "source": "测试"})
    assert "本来就上班" in refused.content.decode()
    assert not CalendarDay.objects.exists()

    sysadmin_client.post(url, {"day": "2027-01-01", "kind": "放假", "source": "测试通知"})
    day = CalendarDay.objects.get()
    entry = AuditEntry.objects.get(action="calendarday.added")
    assert (entry.actor_label, entry.object_id) == ("xitong", str(day.pk))


def test_revoking_a_role_is_audited(sysadmin_client, clerk):
    membership = Membership.objects.get(user=clerk)
    url = reverse("admin:core_user_change", args=[clerk.pk])
    page = sysadmin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "username": clerk.username,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(membership.pk),
            "memberships-0-user": str(clerk.pk),
            "memberships-0-agency": str(membership.agency_id),
            "memberships-0-role": membership.role,
            "memberships-0-DELETE": "on",
        }
    )
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("last_login", None)
    response = sysadmin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(action="user.changed", object_id=str(clerk.pk))
    assert "岗位" in str(entry.data["changes"])


def test_agencies_and_accounts_are_never_deleted_only_deactivated(sysadmin_client, clerk):
    for url in (
        reverse("admin:core_agency_delete", args=[clerk.memberships.get().agency_id]),
        reverse("admin:core_user_delete", args=[clerk.pk]),
    ):
        assert sysadmin_client.post(url, {"post": "yes"}).status_code == 403
    clerk.refresh_from_db()
    assert clerk.memberships.exists()
