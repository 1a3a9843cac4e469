"""The 留言 row of the 政府网站工作年度报表's 互动交流 block, every cell traced to the messages it
counts. Expected values worked by hand from the messages made here."""

from datetime import date

import pytest

from gongkai.interaction import transitions as t
from gongkai.interaction.figures import year_figures
from tests.interaction.conftest import answered

pytestmark = pytest.mark.django_db


def test_each_cell_counts_the_messages_it_names(ask, township, clerk, reviewer):
    late_2025 = ask(on=date(2025, 12, 30))  # asked in 2025, answered in 2026
    a = ask(on=date(2026, 3, 2))
    b = ask(on=date(2026, 3, 2), kind="complain")
    c = ask(on=date(2026, 11, 30))  # still open at the year's end
    redirected = ask(on=date(2026, 4, 1))
    error = ask(on=date(2026, 5, 4), kind="error", page_url="/agency/x/")
    faq = t.write_faq(township, by=clerk, today=date(2026, 5, 1), question="问", answer="答")
    t.approve_answer(faq, by=reviewer, today=date(2026, 5, 1))

    answered(late_2025, clerk, reviewer, on=date(2026, 1, 5))  # 6 days
    answered(a, clerk, reviewer, on=date(2026, 3, 4))  # 2 days
    answered(b, clerk, reviewer, on=date(2026, 3, 12))  # 10 days
    t.publish_answer(a, by=reviewer, today=date(2026, 3, 5), question="低保怎么申请？")
    t.answer_elsewhere(redirected, by=clerk, today=date(2026, 4, 2), elsewhere="application")
    answered(error, clerk, reviewer, on=date(2026, 5, 5))

    figures = year_figures(township, 2026)
    # 收到: asked in 2026; not staff's 常见问题, another channel's matter or a 找错
    assert figures["留言_收到"].ids == sorted([a.pk, b.pk, c.pk])
    assert figures["留言_收到"].value == 3
    # 办结: answered in 2026, whenever asked
    assert figures["留言_办结"].ids == sorted([late_2025.pk, a.pk, b.pk])
    assert figures["留言_办结"].value == 3
    # (6 + 2 + 10) / 3 = 6.0 calendar days
    assert figures["留言_平均办理天数"].value == 6.0
    assert figures["留言_平均办理天数"].ids == figures["留言_办结"].ids
    assert figures["留言_公开答复"].ids == [a.pk] and figures["留言_公开答复"].value == 1
    assert figures["留言_转其他渠道"].ids == [redirected.pk]
    assert figures["网站找错_收到"].ids == figures["网站找错_办结"].ids == [error.pk]

    assert year_figures(township, 2025)["留言_收到"].ids == [late_2025.pk]
    assert year_figures(township, 2025)["留言_办结"].value == 0
    assert year_figures(township, 2025)["留言_平均办理天数"].value == 0
