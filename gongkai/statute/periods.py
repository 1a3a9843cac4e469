"""Statutory periods, each with its citation (spec/applications.md). Working days throughout."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    workdays: int
    basis: str


CORRECTION_NOTICE = Period(7, "条例第三十条")  # ask for a correction within 7 of receipt
REPLY = Period(20, "条例第三十三条第二款")  # reply within 20 of receipt (or of the correction)
EXTENSION_MAX = Period(20, "条例第三十三条第二款")  # at most 20 more, approved, applicant told
THIRD_PARTY_OPINION = Period(15, "条例第三十二条")  # third party's opinion
OTHER_AGENCY_OPINION = Period(15, "条例第三十四条")  # silence is consent
FEE_PAYMENT = Period(20, "国办函〔2020〕109号")  # from the day after the notice is received
PROACTIVE_PUBLICATION = Period(20, "条例第二十六条")  # publish within 20 of forming/changing
