"""The cast of the policy tests: the demo township's clerk, reviewer and administrator, and
documents made through the real catalogue steps."""

from datetime import date

import pytest


@pytest.fixture(autouse=True)
def statutory_subjects(db):
    from gongkai.catalogue.models import Category
    from gongkai.catalogue.subjects import seed_statutory_subjects

    seed_statutory_subjects(Category)


@pytest.fixture
def admin(township):
    from gongkai.core.models import User

    return User.objects.get(username="guanli")


def draft(agency, clerk, title, *, written=date(2026, 3, 2), normative=True, number=""):
    from gongkai.catalogue import transitions as t
    from gongkai.catalogue.models import Category, DocumentKind

    return t.create_draft(
        agency,
        by=clerk,
        category=Category.objects.get(
            agency=None, name="行政法规、规章和规范性文件", parent__source="article20"
        ),
        title=title,
        document_number=number,
        document_kind=DocumentKind.NORMATIVE if normative else DocumentKind.OTHER,
        formed_on=written,
        written_on=written,
        body=f"<p>{title}</p>",
    )


def publish(item, clerk, reviewer, on=date(2026, 3, 5)):
    """The suite's publish_item with the policy tests' day; a 规范性文件 not yet registered is
    registered on its 成文日期, as drafted."""
    from tests.conftest import publish_item

    return publish_item(item, clerk=clerk, reviewer=reviewer, on=on, registered_on=item.written_on)


def publish_alone(item, clerk, reviewer, on=date(2026, 3, 5)):
    """Submitted and approved by itself, without a 解读: refused for a 规范性文件 while the
    agency keeps 同步 on (the tests of that refusal use it)."""
    from gongkai.catalogue import transitions as t

    register_if_normative(item, clerk)
    t.submit(item, by=clerk)
    return t.approve_and_publish(item, by=reviewer, on=on)


def register_if_normative(item, clerk):
    """The clerk registers a 规范性文件 before it goes for review (国办发〔2018〕37号); one
    registered already by the test keeps its own dates."""
    from gongkai.policies.models import NormativeDocument
    from gongkai.policies.transitions import register_at_drafting

    if item.document_kind == "normative" and not NormativeDocument.objects.filter(item=item):
        register_at_drafting(item, by=clerk, on=item.written_on)


def registered(agency, clerk, reviewer, title, *, effective, valid_until=None, on=None, number=""):
    """A 规范性文件 registered at drafting and then published."""
    from gongkai.policies.transitions import register_normative

    item = draft(agency, clerk, title, written=effective, number=number)
    record = register_normative(
        item, by=clerk, on=on or effective, effective_on=effective, valid_until=valid_until
    )
    publish(item, clerk, reviewer, on=effective)
    record.refresh_from_db()
    return record
