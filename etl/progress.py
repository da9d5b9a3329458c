"""Per-stage progress: a live line with overall percentage on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Progress:
    """Reports `total` named stages to `stream` (stderr); `enabled=None` means "if a TTY"."""

    def __init__(self, total: int, *, enabled: bool | None = None, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = self.tty if enabled is None else enabled
        self.total = total
        self.done = 0
        self.timings: list[tuple[str, float]] = []

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed pipe must not fail the build
            self.enabled = False

    def _bar(self, fraction: float, width: int = 20) -> str:
        filled = round(fraction * width)
        return "[" + "#" * filled + "-" * (width - filled) + f"] {fraction:4.0%}"

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time one stage; on a TTY, show it running then overwrite with its result."""
        step = f"{self.done + 1}/{self.total}"
        if self.enabled and self.tty:
            self._write(f"\r\x1b[2K{self._bar(self.done / self.total)} {step} {name} ...")
        start = time.perf_counter()
        try:
            yield
        except BaseException:
            if self.enabled:
                prefix = "\r\x1b[2K" if self.tty else "etl: "
                self._write(f"{prefix}{step} {name} stopped\n")
            raise
        seconds = time.perf_counter() - start
        self.timings.append((name, seconds))
        self.done += 1
        if self.enabled:
            if self.tty:
                self._write(
                    f"\r\x1b[2K{self._bar(self.done / self.total)} {step} {name} "
                    f"{seconds:.2f}s\n"
                )
            else:
                self._write(f"etl: {step} {name} done in {seconds:.2f}s\n")
