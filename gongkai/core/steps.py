"""What may happen next, declared once (DESIGN.md: "Steps are declared once, beside their
transition"; pretix's and Oscar's available_statuses(), Wagtail's permissions_for_user()).

Each domain app declares its steps in its own `steps.py`, beside the transitions: the step's
name and Chinese label, the states (and clock states) it starts from, the roles that may take
it, its guards — each a predicate with the sentence that refuses it, citing the article — its
form (returning domain types), whether it is irreversible, and how it calls the transition.

Three readers ask the same declarations:
- a transition, under its row lock: `check(obj, "reply", user=by, today=on)` raises the
  refusal, so a page's offer and the domain's refusal cannot drift apart;
- the office: `steps_for(obj, user, today=...)` gives the steps offered and those refused
  with their sentences; one POST handler takes any offered step;
- the 工作台: `waiting_for(obj, user, today=...)` tells whether a step waits for this person.

Core knows no domain app: each app registers its `StepSet` when its steps module is imported
(from its AppConfig.ready()).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from gongkai.core.models import Membership, Role
from gongkai.core.roles import role_names
from gongkai.core.transitions import TransitionError

# The server-side half of the tick a page shows before an irreversible step (issue 24 point 9).
CONFIRM_FIELD = "confirmed"
CONFIRM_VALUE = "yes"


@dataclass(frozen=True)
class Refusal:
    """Why a step is not open: one sentence for the user; `article` is the provision it
    rests on, named inside the sentence as well (empty for a refusal of role or state)."""

    step: str
    label: str
    sentence: str
    article: str = ""
    by: str = "guard"  # "state", "role", "guard" or "shown" (a guard the page states)

    def __str__(self) -> str:
        return self.sentence


@dataclass(frozen=True)
class Situation:
    """What the guards may read besides the object: who asks, in which roles, on which day."""

    user: object
    roles: frozenset[str]
    today: date


@dataclass(frozen=True)
class Guard:
    """A condition of the law or of the workflow: `holds(obj, situation)` is true when the
    step may be taken; otherwise `sentence` (a string, or a function of obj and situation)
    refuses it. When an article is given the sentence must cite it."""

    holds: Callable[[object, Situation], bool]
    sentence: str | Callable[[object, Situation], str]
    article: str = ""
    shown: bool = False  # say the refusal on the page (else the step is simply not offered)

    def __post_init__(self):
        if self.article and isinstance(self.sentence, str) and self.article not in self.sentence:
            raise ValueError(f"the refusal must cite {self.article}: {self.sentence}")

    def refusal(self, obj, situation: Situation, step: Step) -> Refusal | None:
        if self.holds(obj, situation):
            return None
        text = self.sentence(obj, situation) if callable(self.sentence) else self.sentence
        return Refusal(
            step.name, step.label, text, self.article, by="shown" if self.shown else "guard"
        )


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    # run(obj, *, by, today, data) -> result: calls the transition with the form's data
    run: Callable[..., object]
    roles: tuple[str, ...]
    states: frozenset[str] | None = None  # None: any state
    clock_states: frozenset[str] | None = None  # for kinds with a clock (applications)
    guards: tuple[Guard, ...] = ()
    form: type | None = None  # a Django form class whose cleaned_data the run reads
    irreversible: str = ""  # the consequence the tick states; empty: the step can be undone
    explain: str = ""  # a line shown above the form (what will happen)
    summary: str = ""  # the page's heading of the step when not its label ("审核通过并公开…")
    waits: bool = True  # whether the 工作台 counts this step as "waiting for this person"
    form_kwargs: Callable[[object], dict] | None = None  # what the form needs of the object
    notice: Callable[[object], str] | None = None  # a warning after success, from the result
    done: Callable[[object], str] | None = None  # what success says, from the result

    @property
    def heading(self) -> str:
        return self.summary or self.label

    def make_form(self, obj, data=None, files=None):
        if self.form is None:
            return None
        # the step's name prefixes its fields unless the form says otherwise (a page with one
        # long form keeps its plain field names)
        kwargs = {"prefix": self.name, **(self.form_kwargs(obj) if self.form_kwargs else {})}
        return self.form(data, files, **kwargs)


@dataclass(frozen=True)
class StepSet:
    """The steps of one kind of object, with how to read its state and agency."""

    model: type
    noun: str  # "申请", "信息", … — the refusal of state says "申请当前为“已办结”，不能答复"
    steps: tuple[Step, ...]
    state: Callable[[object], str] = lambda obj: obj.status
    state_label: Callable[[object], str] = lambda obj: obj.get_status_display()
    clock_state: Callable[[object], str] = lambda obj: ""
    clock_label: Callable[[object], str] = lambda obj: ""
    agency: Callable[[object], object] = lambda obj: obj.agency
    _by_name: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self._by_name.update({step.name: step for step in self.steps})

    def get(self, name: str) -> Step | None:
        return self._by_name.get(name)


def _no_state(target) -> str:
    return ""


class AgencyPage:
    """An agency as the place of a page-level step: where something new is made for it (an
    item to draft, a consultation to open) or where a page with no state of its own is kept
    (its settings, its staff). Each app subclasses it once per page, with a docstring saying
    which, and declares that subclass's steps with page_steps(); two of one kind for the same
    agency are the same place."""

    def __init__(self, agency):
        self.agency = agency
        self.pk = agency.pk

    def __eq__(self, other):
        return type(other) is type(self) and other.pk == self.pk

    def __hash__(self):
        return hash((type(self).__name__, self.pk))


def page_steps(*, model: type, noun: str, steps: tuple[Step, ...], **more) -> StepSet:
    """The steps of a page-level object (an agency's register, its settings, a year to report
    on): it has no state of its own, so every step is open from "" and the page names none."""
    return StepSet(
        model=model, noun=noun, steps=steps, state=_no_state, state_label=_no_state, **more
    )


_registry: dict[type, StepSet] = {}


def register(step_set: StepSet) -> StepSet:
    _registry[step_set.model] = step_set
    return step_set


def step_set_of(obj_or_model) -> StepSet:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    raise LookupError(f"no steps declared for {model.__name__}")


def roles_of(user, agency) -> frozenset[str]:
    if user is None or agency is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(
        Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True)
    )


def _refusal(step_set: StepSet, step: Step, obj, situation: Situation) -> Refusal | None:
    if step.states is not None and step_set.state(obj) not in step.states:
        sentence = f"{step_set.noun}当前为“{step_set.state_label(obj)}”，不能{step.label}"
        return Refusal(step.name, step.label, sentence, by="state")
    if step.clock_states is not None and step_set.clock_state(obj) not in step.clock_states:
        sentence = f"{step_set.noun}当前{step_set.clock_label(obj)}，不能{step.label}"
        return Refusal(step.name, step.label, sentence, by="state")
    if not situation.roles & set(step.roles):
        sentence = f"只有本机关的{role_names(step.roles)}可以办理此事项"
        return Refusal(step.name, step.label, sentence, by="role")
    for guard in step.guards:
        refusal = guard.refusal(obj, situation, step)
        if refusal is not None:
            return refusal
    return None


@dataclass
class Offer:
    """The answer for one object and one person: the steps open to them, in declaration
    order, and the others with their refusals."""

    obj: object
    step_set: StepSet
    situation: Situation
    offered: list[Step]
    refused: list[Refusal]

    def __contains__(self, name: str) -> bool:
        return any(step.name == name for step in self.offered)

    @property
    def names(self) -> list[str]:
        return [step.name for step in self.offered]

    def refusal(self, name: str) -> Refusal | None:
        return next((r for r in self.refused if r.step == name), None)

    def visible_refusals(self) -> list[Refusal]:
        """The refusals the page states: guards declared `shown` (a four-eyes rule, a period
        that has passed); other steps are simply not offered."""
        return [r for r in self.refused if r.by == "shown"]


def steps_for(obj, user, *, today: date, roles: frozenset[str] | None = None) -> Offer:
    """The steps open to `user` on `obj` today and, for the others, why not."""
    step_set = step_set_of(obj)
    if roles is None:
        roles = roles_of(user, step_set.agency(obj))
    situation = Situation(user=user, roles=frozenset(roles), today=today)
    offered, refused = [], []
    for step in step_set.steps:
        refusal = _refusal(step_set, step, obj, situation)
        if refusal is None:
            offered.append(step)
        else:
            refused.append(refusal)
    return Offer(obj, step_set, situation, offered, refused)


def check(obj, name: str, *, user, today: date) -> Step:
    """Called by a transition under its row lock (obj is the locked row): the declaration's
    refusal, if any, is raised as the transition's own."""
    step_set = step_set_of(obj)
    step = step_set.get(name)
    if step is None:
        raise LookupError(f"{type(obj).__name__} declares no step {name!r}")
    situation = Situation(user=user, roles=roles_of(user, step_set.agency(obj)), today=today)
    refusal = _refusal(step_set, step, obj, situation)
    if refusal is not None:
        raise TransitionError(refusal.sentence)
    return step


def refusal_of(obj, name: str, *, user, today: date, roles=None) -> Refusal | None:
    """Why step `name` is not open to `user` on `obj` today; None when it is (one step
    only, for lists that ask about many objects, such as the 工作台)."""
    step_set = step_set_of(obj)
    if roles is None:
        roles = roles_of(user, step_set.agency(obj))
    situation = Situation(user=user, roles=frozenset(roles), today=today)
    return _refusal(step_set, step_set.get(name), obj, situation)


def waiting_for(obj, user, *, today: date, roles: frozenset[str] | None = None) -> list[Step]:
    """The steps that wait for this person on this object (for the 工作台)."""
    return [s for s in steps_for(obj, user, today=today, roles=roles).offered if s.waits]


def confirmation_refusal(step: Step, data) -> str:
    """The server's check of the tick before an irreversible step: '' when ticked."""
    if step.irreversible and data.get(CONFIRM_FIELD) != CONFIRM_VALUE:
        return f"{step.label}不能撤销：请先勾选“{step.irreversible}”，再提交"
    return ""


class HasSteps:
    """Mixed into a model: `obj.steps_for(user, today=...)` asks its declared steps."""

    def steps_for(self, user, *, today: date, roles: Iterable[str] | None = None) -> Offer:
        return steps_for(self, user, today=today, roles=None if roles is None else frozenset(roles))


__all__ = [
    "CONFIRM_FIELD",
    "CONFIRM_VALUE",
    "Guard",
    "HasSteps",
    "Offer",
    "Refusal",
    "Role",
    "Situation",
    "Step",
    "StepSet",
    "check",
    "confirmation_refusal",
    "refusal_of",
    "register",
    "step_set_of",
    "steps_for",
    "waiting_for",
]
