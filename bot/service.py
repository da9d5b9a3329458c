"""The catalogue the bot serves, swapped atomically on /reload, and the bot's statistics.

Requests take a *lease* on the current catalogue (`with service.lease() as cat:`) and use
that object until they finish; `reload()` opens the new file in the caller's thread (the
Telegram adapter runs it in a worker thread), swaps the reference under a lock, and closes
the old catalogue only when its last lease ends. A failed open leaves the old one serving.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from moviebot.core.catalogue import Catalogue, CatalogueError
from moviebot.core.models import CatalogueInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    seconds: float
    info: CatalogueInfo | None  # the catalogue serving after the reload (None: none loaded)
    reason: str | None = None  # why it failed


class _Slot:
    """One open catalogue and how many requests are using it."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.info = catalogue.info()
        self.leases = 0
        self.retired = False


class Stats:
    """Requests and errors by command, and latencies (last 10,000) for p50/p99."""

    def __init__(self, window: int = 10_000) -> None:
        self.started = time.monotonic()
        self.requests: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self._latencies: deque[float] = deque(maxlen=window)
        self._lock = threading.Lock()

    def observe(self, command: str, seconds: float, *, error: bool = False) -> None:
        with self._lock:
            self.requests[command] += 1
            if error:
                self.errors[command] += 1
            self._latencies.append(seconds)

    def percentile(self, q: float) -> float:
        """The q-quantile (0-1) of recent latencies in seconds; 0 when nothing was measured."""
        with self._lock:
            values = sorted(self._latencies)
        if not values:
            return 0.0
        return values[min(len(values) - 1, int(q * len(values)))]

    @property
    def uptime(self) -> float:
        return time.monotonic() - self.started


class Service:
    """Holds the open catalogue for every chat adapter (Telegram, console, one-shot)."""

    def __init__(
        self,
        db_path: str | Path,
        *,
        opener: Callable[[Path], Catalogue] | None = None,
        load: bool = True,
    ) -> None:
        self.db_path = Path(db_path)
        self._opener = opener or (lambda path: Catalogue.open(path))
        self._lock = threading.Lock()
        self._reload_lock = threading.Lock()
        self._slot: _Slot | None = None
        self.stats = Stats()
        self.load_error: str | None = None
        if load:
            result = self.reload()
            if not result.ok:
                self.load_error = result.reason

    # -- using the catalogue ----------------------------------------------------------------
    @contextlib.contextmanager
    def lease(self) -> Iterator[Catalogue | None]:
        """The current catalogue for the duration of one request (None when none is open)."""
        with self._lock:
            slot = self._slot
            if slot is not None:
                slot.leases += 1
        try:
            yield slot.catalogue if slot else None
        finally:
            if slot is not None:
                with self._lock:
                    slot.leases -= 1
                    close = slot.retired and slot.leases == 0
                if close:
                    _close(slot.catalogue)

    @property
    def info(self) -> CatalogueInfo | None:
        slot = self._slot
        return slot.info if slot else None

    @property
    def data_version(self) -> str | None:
        info = self.info
        return info.data_version if info else None

    # -- reloading -----------------------------------------------------------------------------
    @property
    def reloading(self) -> bool:
        return self._reload_lock.locked()

    def reload(self, path: str | Path | None = None) -> ReloadResult:
        """Open `path` (default: the configured file) and swap it in; blocking, thread-safe.

        On any failure the catalogue being served stays, and `reason` says why.
        """
        started = time.perf_counter()
        target = Path(path) if path else self.db_path
        if not self._reload_lock.acquire(blocking=False):
            return ReloadResult(False, 0.0, self.info, "busy")
        try:
            try:
                if not target.exists():
                    raise CatalogueError(f"{target} does not exist")
                new = _Slot(self._opener(target))
            except Exception as exc:  # a corrupt file can fail in many ways
                reason = str(exc) or type(exc).__name__
                log.warning("reload of %s failed: %s", target, reason)
                return ReloadResult(False, time.perf_counter() - started, self.info, reason)
            with self._lock:
                old, self._slot = self._slot, new
                close_old = False
                if old is not None:
                    old.retired = True
                    close_old = old.leases == 0
            if close_old and old is not None:
                _close(old.catalogue)
            self.db_path = target
            self.load_error = None
            seconds = time.perf_counter() - started
            log.info(
                "catalogue %s loaded: data version %s, %d movies, %.2f s",
                target,
                new.info.data_version,
                new.info.movies,
                seconds,
            )
            return ReloadResult(True, seconds, new.info)
        finally:
            self._reload_lock.release()

    def close(self) -> None:
        with self._lock:
            slot, self._slot = self._slot, None
        if slot is not None:
            slot.retired = True
            if slot.leases == 0:
                _close(slot.catalogue)


def _close(catalogue: Catalogue) -> None:
    try:
        catalogue.close()
    except Exception:  # closing must never break a request
        log.exception("closing a catalogue failed")
