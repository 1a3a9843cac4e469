"""A progress bar for long commands, on standard error so it never mixes with their output.

On a terminal it redraws one line; in a log (cron, CI) it writes a line every tenth of the
way, so the log stays short and still shows that work goes on."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int, unit: str = "行", stream=None, width: int = 30):
        self.label, self.total, self.unit, self.width = label, max(total, 0), unit, width
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0
        self.started = time.perf_counter()
        self._interactive = getattr(self.stream, "isatty", lambda: False)()
        self._next_tenth = 1

    def advance(self, count: int) -> None:
        self.done += count
        if self._interactive:
            self._draw("\r", "")
        elif self.total and self.done * 10 >= self._next_tenth * self.total:
            self._next_tenth = self.done * 10 // self.total + 1
            self._draw("", "\n")

    def close(self) -> float:
        """Finish the line; returns the seconds taken."""
        seconds = time.perf_counter() - self.started
        if self._interactive:
            self._draw("\r", "\n")
        elif self.total == 0:
            self._draw("", "\n")
        return seconds

    @property
    def rate(self) -> float:
        return self.done / max(time.perf_counter() - self.started, 1e-9)

    def _draw(self, before: str, after: str) -> None:
        share = self.done / self.total if self.total else 1.0
        filled = int(self.width * min(share, 1.0))
        bar = "█" * filled + "░" * (self.width - filled)
        self.stream.write(
            f"{before}{self.label} {bar} {share:4.0%} {self.done:,}/{self.total:,}"
            f"（{self.rate:,.0f} {self.unit}/秒）{after}"
        )
        self.stream.flush()
