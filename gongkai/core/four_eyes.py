"""The two-person rule by what each person did (issue 24): what reaches the public — an
item, an annual report, a 清理's results, a consultation's 反馈 — is approved by someone who
changed none of its content since the last approval. Checking only who created the record
let a clerk who is also a reviewer rewrite another clerk's item and publish it.

Each transition that changes the content calls changed(); the approving transition calls
require_other_approver() under its row lock, then approved()."""

from __future__ import annotations

from django.db import models

from gongkai.core.models import ChangeKind, ContentChange, User
from gongkai.core.transitions import TransitionError


def _key(obj: models.Model) -> dict:
    return {"object_type": obj._meta.label_lower, "object_id": str(obj.pk)}


def changed(obj: models.Model, *, by: User) -> None:
    ContentChange.objects.create(**_key(obj), user=by, kind=ChangeKind.CHANGED)


def approved(obj: models.Model, *, by: User) -> None:
    ContentChange.objects.create(**_key(obj), user=by, kind=ChangeKind.APPROVED)


def changers(*objs: models.Model) -> set[int]:
    """The users who changed any of `objs` since its last approval."""
    found: set[int] = set()
    for obj in objs:
        rows = ContentChange.objects.filter(**_key(obj)).order_by("-id")
        for kind, user_id in rows.values_list("kind", "user_id").iterator():
            if kind == ChangeKind.APPROVED:
                break
            found.add(user_id)
    return found


def require_other_approver(*objs: models.Model, by: User, refusal: str) -> None:
    """Refuse `by` as the approver when they changed any of `objs` since its last approval."""
    if by.pk in changers(*objs):
        raise TransitionError(refusal)
