"""Who may publish the annual report: the page says what the rule (core.roles.PUBLISHERS)
enforces — the 审核人, not the 管理员 (issue 25)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.core.models import User
from gongkai.core.transitions import TransitionError
from gongkai.reports import transitions as rt

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-01-20 09:00 +0800", tick=False)
def test_the_report_page_names_the_publishers_the_rule_allows(client, township, clerk):
    report = rt.start_report(township, 2025, by=clerk, today=date(2026, 1, 20))
    admin = User.objects.get(username="guanli")
    client.force_login(admin)
    page = client.get(reverse("office:report", args=[report.pk])).content.decode()
    assert "由本机关的审核人（起草人以外）审核发布" in page
    assert "审核人或管理员" not in page
    with pytest.raises(TransitionError):  # and the rule: the 管理员 may not publish
        rt.publish_report(report, by=admin, on=date(2026, 1, 20))
