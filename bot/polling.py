"""Connecting to the Bot API and noticing when the bot cannot work.

- `connect` checks the token before anything else (getMe): a refused token raises
  `BotFailure` (one line, exit 2); an unreachable Bot API logs one line per attempt,
  "cannot reach the Bot API at <host>: retrying in N s", with growing waits.
- `Watchdog` sees the HTTP status of every getUpdates answer (`WatchedRequest`): a token
  refused while running (revoked in @BotFather) or repeated 409 Conflicts (another process
  polls with this token) stop the bot with a clear reason; every answer updates the state
  file `moviebot health` reads (`bot_state`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import signal
import time
import urllib.parse

from telegram import Bot
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.request import HTTPXRequest

from moviebot.bot import redact
from moviebot.bot.bot_state import StateFile

log = logging.getLogger(__name__)

BACKOFF = (1, 2, 4, 8, 15, 30, 60)  # seconds between attempts to reach the Bot API
CONFLICTS = 3  # 409s (not further apart than CONFLICT_WINDOW) that mean another instance
CONFLICT_WINDOW = 60.0
TOKEN_REFUSED = "Telegram refused the token: check TELEGRAM_BOT_TOKEN (from @BotFather)"
TOKEN_REVOKED = (
    "Telegram refused the token while the bot was running (revoked or changed in "
    "@BotFather?): check TELEGRAM_BOT_TOKEN"
)
ANOTHER_INSTANCE = (
    "another instance is using this token (Telegram answered getUpdates with 409 Conflict "
    "{n} times): stop the other one, or give each bot its own token from @BotFather"
)

# Expected failures are logged as one line, without a traceback (also PTB's own records);
# BadRequest (a NetworkError in PTB) is usually ours to fix, so it keeps its traceback.
redact.quiet(lambda exc: isinstance(exc, (NetworkError, InvalidToken))
             and not isinstance(exc, BadRequest))


class BotFailure(Exception):
    """The bot cannot work; `str()` is the one line to print, `exit_code` the status."""

    exit_code = 2


def api_host(base_url: str) -> str:
    """The Bot API's host (and port) for messages: never the path, which holds the token."""
    parsed = urllib.parse.urlparse(base_url)
    return parsed.netloc or base_url.split("/")[0] or "?"


async def connect(
    token: str, base_url: str, *, state: StateFile | None = None, backoff=BACKOFF
) -> bool:
    """getMe until it answers: True when connected, False when stopped (SIGINT/SIGTERM)
    while waiting; raises `BotFailure` for a refused token."""
    host = api_host(base_url)
    bot = Bot(token, base_url=base_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        for attempt in itertools.count():
            try:
                await bot.initialize()
                return True
            except InvalidToken:
                raise BotFailure(TOKEN_REFUSED) from None
            except TelegramError as exc:
                delay = backoff[min(attempt, len(backoff) - 1)]
                if state:
                    state.set("unreachable", detail=f"cannot reach the Bot API at {host}")
                log.warning("cannot reach the Bot API at %s: retrying in %d s", host, delay)
                log.debug("attempt %d: %s: %s", attempt + 1, type(exc).__name__, exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
                return False
    finally:
        for sig in signals:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
        with contextlib.suppress(Exception):
            await bot.shutdown()
    raise AssertionError("unreachable")  # pragma: no cover


class Watchdog:
    """Reads getUpdates' answers; stops the application when the bot cannot work."""

    def __init__(self, *, host: str, state: StateFile | None = None, clock=time.monotonic):
        self.host = host
        self.state = state
        self.clock = clock
        self.app = None  # the Application to stop (set by build_application)
        self.failure: str | None = None
        self.conflicts = 0
        self._last_conflict = 0.0

    def answered(self, status: int) -> bool:
        """Note one getUpdates answer; False when the bot must stop (hide the answer)."""
        if self.failure:
            return False
        if status == 200:
            if self.conflicts and self.clock() - self._last_conflict > CONFLICT_WINDOW:
                self.conflicts = 0
            if self.state:
                self.state.set("polling", ok=True)
        elif status in (401, 404):  # what getMe answers for a wrong token, too
            self.stop(TOKEN_REVOKED)
            return False
        elif status == 409:
            self.conflicts += 1
            self._last_conflict = self.clock()
            if self.conflicts >= CONFLICTS:
                self.stop(ANOTHER_INSTANCE.format(n=self.conflicts))
                return False
            log.warning("getUpdates: 409 Conflict (%d of %d): is another instance polling "
                        "with this token?", self.conflicts, CONFLICTS)
        elif status >= 500 and self.state:
            self.state.set("unreachable", detail=f"the Bot API at {self.host} answered {status}")
        return True

    def unreachable(self, exc: BaseException) -> None:
        """getUpdates got no answer (PTB logs the error and retries)."""
        if self.state and not self.failure:
            self.state.set("unreachable", detail=f"cannot reach the Bot API at {self.host}")

    def stop(self, reason: str) -> None:
        """Stop polling for `reason` (`run` then raises `BotFailure`)."""
        self.failure = reason
        log.error("%s; stopping", reason)
        if self.state:
            self.state.set("stopped", detail=reason)
        if self.app is not None:
            self.app.stop_running()


class WatchedRequest(HTTPXRequest):
    """PTB's HTTP client for getUpdates, telling a `Watchdog` each answer's status."""

    _EMPTY = b'{"ok": true, "result": []}'

    def __init__(self, watchdog: Watchdog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.watchdog = watchdog

    async def do_request(self, url, method, request_data=None, **kwargs) -> tuple[int, bytes]:
        try:
            status, payload = await super().do_request(url, method, request_data, **kwargs)
        except NetworkError as exc:
            self.watchdog.unreachable(exc)
            raise
        if not self.watchdog.answered(status):
            # Stopping: PTB's InvalidToken would escape Updater.stop() and skip the
            # application's shutdown, so its last getUpdates calls get "no updates".
            return 200, self._EMPTY
        return status, payload
