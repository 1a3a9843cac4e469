"""Applications of a synthetic province, with the events that moved their clocks and the
appeals against their replies.

Proportions are those township and county reports show: mostly natural persons; online and
registered post the usual channels; about a third 予以公开, many 本机关不掌握; one in sixteen
asked to correct (a quarter never do), one in twelve extended, one in thirty consulting a
third party; one reply in thirty-five appealed. Due dates come from the statute's engine, so
open applications carry exactly the deadline the office would compute."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import accumulate

from gongkai.statute import deadlines as d
from gongkai.statute.codes import resident_id_check_char
from gongkai.statute.workdays import WorkdayCalendar

from .catalogue_rows import stamp
from .province import PlannedAgency

APPLICATION_COLUMNS = (
    "id", "agency_id", "tracking_number", "query_code_digest", "channel", "submitted_on",
    "signed_on", "confirmed_on", "received_on", "applicant_type", "applicant_name", "id_type",
    "id_number", "id_number_digest", "phone", "email", "address", "information_title",
    "document_number", "description", "provision_form", "delivery_way", "status",
    "clock_state", "due_on", "due_is_provisional", "outcome", "concluded_on", "clerk_id",
    "created_at", "updated_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "application_id", "kind", "on", "workdays", "pause_kind", "later_due", "amount", "note",
    "by_id", "approved_by_id", "created_at",
)  # fmt: skip
APPEAL_COLUMNS = (
    "application_id",
    "kind",
    "case_number",
    "filed_on",
    "decided_on",
    "result",
    "body",
)


def _pool(weighted: list[tuple[object, int]]) -> list:
    """A list with each value repeated by its weight: one randrange picks by weight."""
    return [value for value, weight in weighted for _ in range(weight)]


APPLICANT_TYPES = _pool(
    [
        ("natural", 880),
        ("business", 50),
        ("research", 5),
        ("charity", 5),
        ("legal", 30),
        ("other", 30),
    ]
)
CHANNELS = _pool(
    [
        ("ONLINE", 45), ("REGISTERED_POST", 35), ("IN_PERSON", 14), ("EMAIL", 3), ("FAX", 1),
        ("ORDINARY_LETTER", 2),
    ]
)  # fmt: skip
OUTCOMES = _pool(
    [
        ("三（一）", 320), ("三（二）", 90), ("三（三）1", 2), ("三（三）2", 5),
        ("三（三）3", 8), ("三（三）4", 20), ("三（三）5", 15), ("三（三）6", 25),
        ("三（三）7", 10), ("三（三）8", 15), ("三（四）1", 220), ("三（四）2", 40),
        ("三（四）3", 15), ("三（五）1", 30), ("三（五）2", 35), ("三（五）3", 5),
        ("三（五）4", 10), ("三（五）5", 10), ("三（六）3", 40),
    ]
)  # fmt: skip
APPEAL_KINDS = _pool(
    [("reconsideration", 6), ("direct_suit", 3), ("suit_after_reconsideration", 1)]
)
APPEAL_RESULTS = _pool([("upheld", 75), ("corrected", 10), ("other", 15)])
SUBJECTS = [
    "征地补偿安置",
    "房屋征收补偿",
    "低保审批",
    "项目审批",
    "拆迁安置",
    "财政资金使用",
    "执法检查",
    "规划许可",
]
ORGANISATIONS = ("公司", "律师事务所", "研究所")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"


class ApplicationRows:
    def __init__(self, agencies, calendar: WorkdayCalendar, rng: random.Random, *, first_day,
                 as_of, first_id, identities, user_id, digest_key: bytes):  # fmt: skip
        self.agencies, self.calendar, self.rng = agencies, calendar, rng
        self.first_day, self.as_of = first_day, as_of
        self.span = (as_of - first_day).days + 1
        self.next_id = first_id
        self.identities = identities  # [(encrypted id number, its lookup digest)]
        self.user_id, self.digest_key = user_id, digest_key
        self.cumulative = list(accumulate(a.application_weight for a in agencies))
        self.serials: dict[tuple[int, int], int] = {}
        self.events: list[tuple] = []
        self.appeals: list[tuple] = []

    def batch(self, start: int, size: int, total: int) -> Iterator[tuple]:
        for index in range(start, start + size):
            yield self._row(index, total)

    def take_events(self) -> list[tuple]:
        events, self.events = self.events, []
        return events

    def take_appeals(self) -> list[tuple]:
        appeals, self.appeals = self.appeals, []
        return appeals

    def _agency(self) -> PlannedAgency:
        """An agency, each as likely as its share of the province's work."""
        return self.rng.choices(self.agencies, cum_weights=self.cumulative)[0]

    def _row(self, index: int, total: int) -> tuple:
        rng, calendar = self.rng, self.calendar
        agency = self._agency()
        pk, self.next_id = self.next_id, self.next_id + 1
        submitted = self.first_day + timedelta(days=int(self.span * (index / total) ** 0.9))
        channel = CHANNELS[rng.randrange(len(CHANNELS))]
        # received on the next working day for what must be signed for or confirmed
        received = submitted if channel == "IN_PERSON" else calendar.add(submitted, 1).date
        if received > self.as_of:
            received = submitted
        steps: list = [d.Received(received, d.Channel[channel])]
        roll = rng.random()
        outcome = OUTCOMES[rng.randrange(len(OUTCOMES))]
        if roll < 0.0625:
            asked = calendar.add(received, rng.randrange(2, 7)).date
            steps.append(d.CorrectionRequested(asked, 15))
            if rng.random() < 0.25:
                outcome = "三（六）1"  # never corrected: concluded when the period ran out
                end = calendar.add(asked, 16).date
            else:
                steps.append(d.Corrected(calendar.add(asked, rng.randrange(1, 15)).date))
                end = None
        elif roll < 0.0625 + 0.03:
            start = calendar.add(received, rng.randrange(2, 8)).date
            steps.append(d.PauseStarted(start, d.PauseKind.THIRD_PARTY))
            steps.append(
                d.PauseEnded(
                    calendar.add(start, rng.randrange(3, 15)).date, d.PauseKind.THIRD_PARTY
                )
            )
            end = None
        else:
            end = None
        if rng.random() < 0.08 and outcome != "三（六）1":
            # extended near the end of the period, before it runs out (第三十三条第二款)
            reference = d.compute(steps, calendar, received, explain=False).due or received
            steps.append(d.Extended(max(steps[-1].on, reference - timedelta(days=3)), 20))
        if end is None:
            due = d.compute(steps, calendar, steps[-1].on, explain=False).due
            late = rng.random() < 0.02
            room = max(calendar.between(steps[-1].on, due).days, 1)
            end = (
                calendar.add(due, rng.randrange(1, 10)).date
                if late
                else calendar.add(steps[-1].on, rng.randrange(1, room + 1)).date
            )
        happened = [s for s in steps if s.on <= self.as_of]
        status, concluded, state, due_on, provisional = "concluded", end, "", None, False
        if end > self.as_of:
            deadline = d.compute(happened, calendar, self.as_of, explain=False)
            status, concluded, outcome = "open", None, ""
            state, due_on, provisional = deadline.state.name, deadline.due, deadline.provisional
        self._events(pk, happened[1:], concluded, outcome)
        if concluded and rng.random() < 1 / 35 and outcome not in ("三（六）1",):
            self._appeal(pk, concluded)
        year = received.year
        key = (agency.pk, year)
        self.serials[key] = self.serials.get(key, 0) + 1
        identity, digest = self.identities[index % len(self.identities)]
        kind = APPLICANT_TYPES[rng.randrange(len(APPLICANT_TYPES))]
        if kind == "natural":
            name = SURNAMES[rng.randrange(len(SURNAMES))] + GIVEN[rng.randrange(len(GIVEN))]
        else:
            name = f"{agency.place}某{ORGANISATIONS[index % len(ORGANISATIONS)]}"
        online = channel in ("ONLINE", "EMAIL")
        code = hashlib.blake2b(str(pk).encode(), key=self.digest_key, digest_size=32)
        at = stamp(received)
        return (
            pk, agency.pk, f"{year}-{agency.pk}-{self.serials[key]:05d}", code.hexdigest(),
            channel, submitted, received if channel == "REGISTERED_POST" else None,
            received if channel not in ("IN_PERSON", "REGISTERED_POST") else None, received,
            kind, name, "resident_id" if kind == "natural" else "credit_code", identity, digest,
            "", "", "", f"关于{agency.place}{SUBJECTS[index % len(SUBJECTS)]}的相关信息", "", "",
            "electronic" if online else "paper", "email" if online else "post", status, state,
            due_on, provisional, outcome, concluded, None, at, at,
        )  # fmt: skip

    def _events(self, pk: int, steps: list, concluded: date | None, outcome: str) -> None:
        at = stamp(steps[0].on) if steps else None
        for step in steps:
            at = stamp(step.on)
            if isinstance(step, d.CorrectionRequested):
                row = ("correction_requested", step.on, step.period_workdays, "", "补正告知")
            elif isinstance(step, d.Corrected):
                row = ("corrected", step.on, None, "", "收到补正后的申请")
            elif isinstance(step, d.Extended):
                row = ("extended", step.on, step.workdays, "", "经负责人批准延期")
            elif isinstance(step, d.PauseStarted):
                row = ("pause_started", step.on, None, step.kind.name, "征求第三方意见")
            else:
                row = ("pause_ended", step.on, None, step.kind.name, "收到第三方意见")
            kind, on, workdays, pause, note = row
            approver = self.user_id if kind == "extended" else None
            self.events.append(
                (pk, kind, on, workdays, pause, None, None, note, self.user_id, approver, at)
            )
        if concluded:
            kind = "abandoned" if outcome == "三（六）1" else "replied"
            self.events.append(
                (
                    pk,
                    kind,
                    concluded,
                    None,
                    "",
                    None,
                    None,
                    "",
                    self.user_id,
                    None,
                    stamp(concluded),
                )
            )

    def _appeal(self, pk: int, concluded: date) -> None:
        rng = self.rng
        filed = concluded + timedelta(days=rng.randrange(10, 60))
        if filed > self.as_of:
            return
        decided = filed + timedelta(days=rng.randrange(60, 180))
        kind = APPEAL_KINDS[rng.randrange(len(APPEAL_KINDS))]
        done = decided <= self.as_of
        body = "人民政府" if kind == "reconsideration" else "人民法院"
        self.appeals.append(
            (pk, kind, f"（{filed.year}）模{pk}号", filed, decided if done else None,
             APPEAL_RESULTS[rng.randrange(len(APPEAL_RESULTS))] if done else "pending", body)
        )  # fmt: skip


def synthetic_identities(count: int, rng: random.Random) -> list[str]:
    """Valid-looking (check digit right) but fictitious resident ID numbers."""
    numbers = []
    for _ in range(count):
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(20_000))
        body = f"999999{born:%Y%m%d}{rng.randrange(1000):03d}"  # 999999: no such region
        numbers.append(body + resident_id_check_char(body))
    return numbers
