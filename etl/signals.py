"""SIGTERM (what `docker stop` sends) ends a build as Ctrl-C does: old file kept, temps gone."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


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
    try:
        yield stop
    finally:
        signal.signal(signal.SIGTERM, previous)
