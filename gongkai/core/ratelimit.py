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

    def _key(self, request) -> str:
        return f"limit:{self.name}:{client_address(request)}"

    def reached(self, request, allowed: int) -> bool:
        """True when this visitor has used up the window, without counting a use."""
        return cache.get(self._key(request), 0) >= allowed

    def take(self, request, allowed: int) -> bool:
        """Count one use by this visitor; False when that use is beyond `allowed` (refuse it)."""
        key = self._key(request)
        for _ in range(2):
            cache.add(key, 0, self.seconds)
            try:
                return cache.incr(key) <= allowed
            except ValueError:  # the window ended between add and incr: open the next one
                continue
        return False

    def give_back(self, request) -> None:
        """Uncount a use that turned out not to count (a look-up that succeeded)."""
        with suppress(ValueError):  # the window has ended meanwhile: nothing to give back
            cache.decr(self._key(request))

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
