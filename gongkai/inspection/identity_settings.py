"""The agency's own row of the site identity (主办、承办、标识码、备案号 …) kept by its
管理员 (issue 25); the platform's row stays the system administrator's."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit
from gongkai.core.models import Role
from gongkai.core.steps import AgencyPage, check
from gongkai.core.transitions import TransitionError, require_role
from gongkai.inspection.models import FIELDS, SiteIdentity


class AgencyIdentity(AgencyPage):
    """The agency's own row of the site identity, as its administrator keeps it (its steps
    are declared in inspection/steps.py)."""


def save_identity(agency, *, by, **fields) -> SiteIdentity:
    require_role(by, agency, (Role.ADMIN,))
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TransitionError("不能修改的字段：" + "、".join(sorted(unknown)))
    with transaction.atomic():
        row, _ = SiteIdentity.objects.select_for_update().get_or_create(agency=agency)
        check(AgencyIdentity(agency), "save", user=by, today=timezone.localdate())
        changed = [name for name, value in fields.items() if getattr(row, name) != value]
        if not changed:
            return row
        for name in changed:
            setattr(row, name, fields[name])
        try:
            row.full_clean()
        except ValidationError as error:
            raise TransitionError(
                "；".join(m for ms in error.message_dict.values() for m in ms)
            ) from None
        row.save(update_fields=changed)
        audit(by, "site_identity.changed", obj=agency, fields=changed)
    return row
