"""Limits on what one visitor may do in a window of time (the public application form, the
status look-up), counted in the shared cache so every worker and every server sees one count.

A window opens with the visitor's first counted use and lasts its full length: the counter
is created with an explicit timeout (cache.add) and incremented atomically without touching
that timeout (gongkai/core/cache.py). A use is counted before it is allowed, so visitors
racing each other cannot together get past the limit: the 11th of 11 simultaneous
submissions under a limit of 10 is refused.

Who the visitor is comes from gongkai.core.client.client_address, as for django-axes and the
audit log.
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from dataclasses import dataclass

from django.core.cache import cache
from django.forms import Form

from gongkai.core.client import client_address


@dataclass(frozen=True)
class Limit:
    name: str
    seconds: int
    message: str  # what the visitor reads when refused, in Chinese

    def _key(self, request, subject: str | None) -> str:
        if subject is None:
            return f"limit:{self.name}:{client_address(request)}"
        # a thing rather than a visitor (a tracking number): hashed, so any text makes a key
        return f"limit:{self.name}:of:{hashlib.sha256(subject.encode()).hexdigest()[:32]}"

    def reached(self, request, allowed: int, *, subject: str | None = None) -> bool:
        """True when this visitor (or `subject`, counted whoever asks) has used up the
        window, without counting a use."""
        return cache.get(self._key(request, subject), 0) >= allowed

    def take(self, request, allowed: int, *, subject: str | None = None) -> bool:
        """Count one use by this visitor (or of `subject`); False when that use is beyond
        `allowed` (refuse it)."""
        key = self._key(request, subject)
        for _ in range(2):
            cache.add(key, 0, self.seconds)
            try:
                return cache.incr(key) <= allowed
            except ValueError:  # the window ended between add and incr: open the next one
                continue
        return False

    def give_back(self, request, *, subject: str | None = None) -> None:
        """Uncount a use that turned out not to count (a look-up that succeeded)."""
        with suppress(ValueError):  # the window has ended meanwhile: nothing to give back
            cache.decr(self._key(request, subject))

    def refuse(self, form: Form, *, only: bool = False) -> None:
        """Add the message to `form`, posted or not (a GET while blocked must not fail); with
        `only`, as its one error (the form's own checks are not the point then)."""
        if form.is_bound:
            form.is_valid()
        else:
            form.full_clean()
            form.cleaned_data = {}  # add_error expects it; an unbound form never has one
        if only:
            form.errors.clear()
        form.add_error(None, self.message)


def limited(limit: Limit):
    """Mark a public view that accepts a POST as counted by `limit` (the view takes the count
    before it acts, with take()). tests/security/test_form_limits.py walks the portal's URLs:
    every view there either refuses POST (405) or carries a limit through this decorator, so
    a form added later without one fails the suite."""

    def mark(view):
        view.limit = limit
        return view

    return mark
