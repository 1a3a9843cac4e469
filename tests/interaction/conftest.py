"""The cast of the interaction tests: a citizen who asks the demo township, its clerk and
reviewer (tests/conftest.py), and a clerk who is also a reviewer (for the four-eyes rule)."""

from datetime import date

import pytest

ASKED_ON = date(2026, 6, 12)  # a Friday; 端午 is off from 19 to 21 June 2026 (State Council notice)


@pytest.fixture(autouse=True)
def _fresh_counts():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ask(township):
    """`ask(kind=..., on=...)`: a citizen's message through the real transition."""
    from gongkai.interaction import transitions as t

    def make(*, agency=None, kind="consult", on=ASKED_ON, subject="低保申请条件", **fields):
        fields.setdefault("body", "请问我家能申请低保吗？需要什么材料？")
        fields.setdefault("name", "张三丰")
        fields.setdefault("contact", "13900001111")
        message, _ = t.submit(agency or township, today=on, kind=kind, subject=subject, **fields)
        return message

    return make


@pytest.fixture
def clerk_reviewer(township, clerk):
    """The demo clerk given the reviewer's role as well: who may not approve their own draft."""
    from gongkai.core.models import Membership, Role

    Membership.objects.create(user=clerk, agency=township, role=Role.REVIEWER)
    return clerk


def answered(message, clerk, reviewer, *, on, text="符合条件的家庭可向户籍所在地申请。"):
    """Drafted by the clerk and approved by the reviewer on `on`."""
    from gongkai.interaction import transitions as t

    t.draft_answer(message, by=clerk, today=on, text=text)
    return t.approve_answer(message, by=reviewer, today=on)
