"""The one shape of the registries through which an app hears from the apps above it
without importing them (DESIGN.md's layers): each app registers its functions from its
AppConfig.ready(), and the lower app calls them in the order they came.

The registries: the 工作台's line providers (core.workbench), the checks that close a year
once its annual report is published (core.year_lock), the checks the catalogue runs
before an item is published (catalogue.transitions.PUBLICATION_CHECKS), and what follows an
import of holiday arrangements (core.calendar.AFTER_IMPORT)."""

from __future__ import annotations

from collections.abc import Callable, Iterator


class Registry:
    def __init__(self, purpose: str):
        self.purpose = purpose  # what the registered functions are for, for a reader
        self._entries: list[Callable] = []

    def register(self, entry: Callable) -> Callable:
        """Add `entry` once (a repeated ready() adds nothing); usable as a decorator."""
        if entry not in self._entries:
            self._entries.append(entry)
        return entry

    def __iter__(self) -> Iterator[Callable]:
        return iter(list(self._entries))

    def __contains__(self, entry: object) -> bool:
        return entry in self._entries

    def __repr__(self) -> str:
        return f"<Registry {self.purpose}: {len(self._entries)}>"
