"""The running bot's polling state, in a small JSON file that `moviebot health` reads.

The file lives beside the catalogue, `<db>.bot.json` (e.g. `data/movies.duckdb.bot.json`),
or at $MOVIEBOT_STATE_FILE. The bot rewrites it (atomically) whenever its state changes and
at most every `REFRESH` seconds while polling works:

    {"pid": 4242, "state": "polling", "since": 1796000000.0, "last_ok": 1796000042.5,
     "detail": ""}

States: `connecting` (start-up), `polling` (getUpdates answers), `webhook`, `unreachable`
(the Bot API does not answer), `stopped` (with why in `detail`). Example:

    >>> describe(BotState(pid=1, state="polling", since=0, last_ok=95), now=100)
    (True, 'polling, last answer from Telegram 5 s ago (pid 1)')
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)

REFRESH = 15.0  # seconds between rewrites while nothing changes
STALE = 90.0  # no getUpdates answer for this long while "polling": not working


@dataclass(frozen=True)
class BotState:
    pid: int
    state: str
    since: float
    last_ok: float | None = None
    detail: str = ""


def state_path(db_path: Path, env: dict[str, str] | None = None) -> Path:
    """Where the bot serving `db_path` keeps its state."""
    explicit = (os.environ if env is None else env).get("MOVIEBOT_STATE_FILE")
    return Path(explicit) if explicit else db_path.with_name(db_path.name + ".bot.json")


class StateFile:
    """Writes this process's state; a folder it cannot write only costs one warning."""

    def __init__(self, path: Path, *, clock=time.time) -> None:
        self.path = path
        self.clock = clock
        self.state: BotState | None = None
        self._written = 0.0
        self._broken = False

    def set(self, state: str, *, detail: str = "", ok: bool = False) -> None:
        """Record `state`; `ok` marks an answer from Telegram (written at most every REFRESH s)."""
        now = self.clock()
        old = self.state
        changed = old is None or old.state != state or old.detail != detail
        self.state = BotState(
            pid=os.getpid(),
            state=state,
            since=now if changed else old.since,
            last_ok=now if ok else (old.last_ok if old else None),
            detail=detail,
        )
        if changed or now - self._written >= REFRESH:
            self._write(now)

    def _write(self, now: float) -> None:
        if self._broken or not self.path.parent.is_dir():  # no folder: no catalogue either,
            return  # and opening it says so

        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.part")
        try:
            tmp.write_text(json.dumps(asdict(self.state)), encoding="utf-8")
            os.replace(tmp, self.path)
            self._written = now
        except OSError as exc:
            self._broken = True
            log.warning("cannot write the bot state file %s (%s): `moviebot health` will not "
                        "see the polling state", self.path, exc.strerror or exc)
            with contextlib.suppress(OSError):
                tmp.unlink()


def read(path: Path) -> BotState | None:
    """The state a bot wrote at `path`, or None (no file, or not one of ours)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return BotState(**data)
    except (OSError, ValueError, TypeError):
        return None


def alive(pid: int) -> bool:
    """Whether process `pid` exists (health runs beside the bot, e.g. in its container)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OSError, OverflowError):
        return False
    return True


def describe(state: BotState, *, now: float | None = None) -> tuple[bool, str]:
    """(healthy, one line) for a running bot's state."""
    now = time.time() if now is None else now
    who = f"(pid {state.pid})"
    if state.state == "polling":
        age = now - (state.last_ok or state.since)
        line = f"last answer from Telegram {age:.0f} s ago {who}"
        if age > STALE:
            return False, f"not polling: {line}"
        return True, f"polling, {line}"
    if state.state == "webhook":
        return True, f"webhook mode {who}"
    if state.state == "connecting":
        return True, f"connecting to the Bot API for {now - state.since:.0f} s {who}"
    detail = f": {state.detail}" if state.detail else ""
    return False, f"{state.state} for {now - state.since:.0f} s{detail} {who}"


def bot_health(db_path: Path) -> tuple[bool, str]:
    """(healthy, one line) about the bot serving `db_path`: its state when it runs here;
    healthy when no bot runs (health then speaks for the catalogue only)."""
    path = state_path(db_path)
    state = read(path)
    if state is None:
        return True, f"not running here (no {path.name})"
    if not alive(state.pid):
        why = f": {state.detail}" if state.detail else ""
        return True, f"not running (pid {state.pid} was {state.state}{why})"
    return describe(state)
