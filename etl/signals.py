"""SIGTERM (what `docker stop` sends) ends a build as Ctrl-C does: old file kept, temps gone."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from typing import Any

# Connections a signal interrupts: a long DuckDB query does not return to Python, so the
# Python-level handler alone would only run once the query finished on its own.
LIVE: set[Any] = set()


def _watch(fd: int, stop: Stop) -> None:
    """Reads the signal numbers the C-level wakeup fd receives, at once, in this thread."""
    while True:
        try:
            data = os.read(fd, 16)
        except OSError:
            return
        if not data:
            return
        if signal.SIGTERM in data:
            stop.signum = signal.SIGTERM
        for con in list(LIVE):
            with contextlib.suppress(Exception):
                con.interrupt()


class Stop:
    """The signal that stopped the build (SIGINT unless SIGTERM came)."""

    signum: int = signal.SIGINT

    @property
    def exit_status(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[Stop]:
    """Within the block, SIGTERM raises KeyboardInterrupt like SIGINT does.

    >>> with sigterm_as_interrupt() as stop:  # doctest: +SKIP
    ...     build_catalogue(source, db)
    """
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signal handlers can only be set from the main thread
        return

    def handler(signum: int, frame: object) -> None:
        stop.signum = signum
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    read, write = os.pipe()
    os.set_blocking(write, False)
    old_fd = signal.set_wakeup_fd(write, warn_on_full_buffer=False)
    watcher = threading.Thread(target=_watch, args=(read, stop), daemon=True)
    watcher.start()
    try:
        yield stop
    finally:
        signal.set_wakeup_fd(old_fd)
        signal.signal(signal.SIGTERM, previous)
        os.close(write)
        watcher.join(timeout=1)
        os.close(read)
