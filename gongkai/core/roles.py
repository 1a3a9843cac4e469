"""The role groups every app uses, defined once (issue 22, consolidation 5).

A role is held in one agency (core.Membership). The groups say who does what there:
经办人 and 管理员 draft and handle; 审核人 review, approve and publish."""

from __future__ import annotations

from gongkai.core.models import Role

EDITORS = (Role.CLERK, Role.ADMIN)  # draft items, handle applications, edit reports
HANDLERS = EDITORS  # the applications app's word for the same people
REVIEWERS = (Role.REVIEWER,)  # 保密审查, approve an extension, publish a report
PUBLISHERS = REVIEWERS
STAFF = (Role.CLERK, Role.REVIEWER, Role.ADMIN)  # anyone on the agency's staff


def role_names(roles) -> str:
    """ "经办人、管理员": the roles as a refusal names them."""
    return "、".join(Role(role).label for role in roles)
