"""The catalogue a long-running front end serves (the chat bot, the HTTP API): swapped
atomically on reload (/reload, POST /admin/reload: one code path), a card cache, statistics.

Requests take a *lease* on the current catalogue (`with service.lease() as cat:`) and use
that object until they finish; `reload()` opens the new file in the caller's thread (the
Telegram adapter runs it in a worker thread), swaps the reference under a lock, and closes
the old catalogue only when its last lease ends. A failed open leaves the old one serving.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from moviebot.core.catalogue import Catalogue, CatalogueError
from moviebot.core.contract import ModelMissing
from moviebot.core.models import (
    CatalogueInfo,
    Filters,
    MovieCard,
    NotFound,
    Recommendations,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    seconds: float
    info: CatalogueInfo | None  # the catalogue serving after the reload (None: none loaded)
    reason: str | None = None  # why it failed


class CachedCatalogue:
    """A catalogue whose movie cards, top lists, title resolutions and recommendations are
    cached (immutable per file).

    Popular films, button presses and inline queries typed letter by letter ask for the same
    cards again and again; everything else is passed through to the catalogue.
    """

    def __init__(self, catalogue: Catalogue, size: int = 4096) -> None:
        self._catalogue = catalogue
        self._size = size
        self._cards: OrderedDict[int, MovieCard | None] = OrderedDict()
        self._tops: dict[tuple, object] = {}
        self._lock = threading.Lock()
        # A plain message's title is read twice, by the interpreter and then by the command
        # it runs, and people repeat titles: one resolution per text (the file never changes).
        self.resolve = functools.lru_cache(maxsize=size)(catalogue.resolve)
        # "More like this" is asked again for the same popular films (and by every button
        # under a card); an answer is a few KB, so fewer of them are kept than cards.
        self._recommend = functools.lru_cache(maxsize=size // 4)(self._recommend_once)

    def __getattr__(self, name: str):
        return getattr(self._catalogue, name)

    def top(self, **kwargs):
        """Top lists repeat ("/top", "/top comedy"): cached like cards."""
        key = tuple(sorted(kwargs.items()))
        with self._lock:
            if key in self._tops:
                return self._tops[key]
        result = self._catalogue.top(**kwargs)
        with self._lock:
            if len(self._tops) >= 256:
                self._tops.clear()
            self._tops[key] = result
        return result

    def recommend(self, seeds: list[int], *, k: int = 5, filters: Filters | None = None
                  ) -> Recommendations:
        """Catalogue.recommend, remembered per (seeds, k, filters): the same question gets
        the same list, without ranking every film again."""
        return self._recommend(tuple(seeds), k, filters)

    def _recommend_once(self, seeds: tuple[int, ...], k: int, filters: Filters | None
                        ) -> Recommendations:
        return self._catalogue.recommend(list(seeds), k=k, filters=filters)

    def movie(self, movie_id: int) -> MovieCard | None:
        cards = self.cards([movie_id])
        return cards[0] if cards else None

    def cards(self, movie_ids: list[int]) -> list[MovieCard]:
        with self._lock:
            missing = [i for i in movie_ids if i not in self._cards]
        found: dict[int, MovieCard] = {}
        if missing:
            found = {c.id: c for c in self._catalogue.cards(missing)}
            with self._lock:
                for i in missing:
                    self._cards[i] = found.get(i)
                while len(self._cards) > self._size:
                    self._cards.popitem(last=False)
        out = []
        with self._lock:
            for i in movie_ids:
                card = self._cards.get(i) or found.get(i)
                if card is not None:
                    if i in self._cards:
                        self._cards.move_to_end(i)
                    out.append(card)
        return out


class _Slot:
    """One open catalogue and how many requests are using it."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = CachedCatalogue(catalogue)
        self.info = catalogue.info()
        self.leases = 0
        self.retired = False


class Stats:
    """Requests and errors by command, and latencies (last 10,000) for p50/p99: of the
    command logic, and (Telegram) from an update to its last reply sent."""

    def __init__(self, window: int = 10_000, per_command: int = 1_000) -> None:
        self.started = time.monotonic()
        self.requests: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self._latencies: deque[float] = deque(maxlen=window)
        self._replies: deque[float] = deque(maxlen=window)
        self._per_command = per_command
        self._by_command: dict[str, deque[float]] = {}  # the last `per_command` of each
        self._lock = threading.Lock()

    def observe(self, command: str, seconds: float, *, error: bool = False) -> None:
        with self._lock:
            self.requests[command] += 1
            if error:
                self.errors[command] += 1
            self._latencies.append(seconds)
            recent = self._by_command.get(command)
            if recent is None:
                recent = self._by_command[command] = deque(maxlen=self._per_command)
            recent.append(seconds)

    def command_percentile(self, command: str, q: float) -> float:
        """The q-quantile (0-1) of one command's recent latencies in seconds (0: none)."""
        with self._lock:
            values = sorted(self._by_command.get(command, ()))
        return values[min(len(values) - 1, int(q * len(values)))] if values else 0.0

    def observe_reply(self, seconds: float) -> None:
        """Time from an update reaching its handler to the last reply sent (chat adapters)."""
        with self._lock:
            self._replies.append(seconds)

    def percentile(self, q: float, *, replies: bool = False) -> float:
        """The q-quantile (0-1) of recent latencies in seconds; 0 when nothing was measured.

        Command logic by default; `replies=True` for update -> reply sent.
        """
        with self._lock:
            values = sorted(self._replies if replies else self._latencies)
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
        warm: bool = False,
        check: bool = False,
    ) -> None:
        """`warm` builds every index up front (a long-running server); the first file is
        self-checked (`self_check`) when `warm` or `check`, every later reload always."""
        self.db_path = Path(db_path)
        self._warm = warm
        self._lock = threading.Lock()
        self._reload_lock = threading.Lock()
        self._slot: _Slot | None = None
        self.stats = Stats()
        self.load_error: str | None = None
        self.last_reload: tuple[float, ReloadResult] | None = None  # (time.time(), result)
        result = self.reload(check=warm or check)
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

    # -- reloading --------------------------------------------------------------------------
    @property
    def reloading(self) -> bool:
        return self._reload_lock.locked()

    def reload(self, path: str | Path | None = None, *, check: bool = True) -> ReloadResult:
        """Open `path` (default: the configured file) and swap it in; blocking, thread-safe.

        On any failure, a failed self-check included (`check`), the catalogue being served
        stays, and `reason` says why.
        """
        target = Path(path) if path else self.db_path
        if not self._reload_lock.acquire(blocking=False):
            return ReloadResult(False, 0.0, self.info, "busy")
        try:
            result = self._reload(target, check=check)
            self.last_reload = (time.time(), result)
            return result
        finally:
            self._reload_lock.release()

    def _reload(self, target: Path, *, check: bool) -> ReloadResult:
        """Open `target` and swap it in (the caller holds the reload lock)."""
        started = time.perf_counter()
        try:
            if not target.exists():
                raise CatalogueError(f"{target} does not exist")
            catalogue = Catalogue.open(target)  # refuses a file with no films
            problem = self_check(catalogue) if check else None
            if problem:
                _close(catalogue)
                raise CatalogueError(f"{target} {problem}; the catalogue being served stays")
            if self._warm:
                # After the self-check, which loaded the model first: its load peak does
                # not stack on the indexes'.
                catalogue.warm()
            new = _Slot(catalogue)
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

    def close(self) -> None:
        with self._lock:
            slot, self._slot = self._slot, None
        if slot is not None:
            slot.retired = True
            if slot.leases == 0:
                _close(slot.catalogue)


def memory_mb() -> tuple[float | None, float | None]:
    """(resident, peak resident) memory of this process in MB; None where unknown."""
    rss = peak = None
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    if peak is None:
        with contextlib.suppress(ImportError, OSError):
            import resource

            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    return rss, peak


def self_check(catalogue: Catalogue) -> str | None:
    """Why `catalogue` must not be served, or None: its recommender model is there but
    cannot answer one recommendation (damaged tables). It loads the model. A file built
    without a model is served: /recommend then says it must be rebuilt. (A file with no
    films never opens: `Catalogue.open` refuses it.)

    >>> self_check(Catalogue.open("data/movies.duckdb")) is None  # doctest: +SKIP
    True
    """
    try:
        top = catalogue.top(limit=1)
        if not isinstance(top, NotFound) and top.items:
            catalogue.recommend([top.items[0].movie.id], k=1)
    except ModelMissing as exc:  # a catalogue without a model still answers everything else
        log.warning("recommender not loaded: %s", exc)
        return None
    except Exception as exc:  # damaged tables fail in many ways (IndexError, ValueError, ...)
        return f"fails its self-check (one recommendation: {type(exc).__name__}: {exc})"
    return None


def _close(catalogue: Catalogue) -> None:
    try:
        catalogue.close()
    except Exception:  # closing must never break a request
        log.exception("closing a catalogue failed")
