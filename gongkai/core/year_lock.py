"""Which years of an agency's records are closed because their annual report is published.

A domain app that publishes something counted from the records (the annual report) registers
a check here in its AppConfig.ready(); the apps that record events (applications) ask before
they write an event dated in such a year. The layers stay as they are: core knows no domain
app, the applications app knows no report.

A check is `check(agency, year) -> str` returning the refusal sentence, or "" when the year
is open (no published report, or a correction version has been started)."""

from __future__ import annotations

from gongkai.core.registry import Registry

CHECKS = Registry("years closed by a published annual report")
register = CHECKS.register


def locked_year_reason(agency, year: int) -> str:
    for check in CHECKS:
        reason = check(agency, year)
        if reason:
            return reason
    return ""
