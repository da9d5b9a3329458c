"""The bot's settings from the environment, or a `.env` file beside the working directory.

TELEGRAM_BOT_TOKEN   the token from @BotFather
ADMIN_IDS            comma- or space-separated Telegram user ids allowed to /reload and /stats
TELEGRAM_API_BASE_URL  Bot API server (default Telegram's; a self-hosted telegram-bot-api,
                     or the tests' fake server); the token is appended, or put `{token}` in it
MOVIEBOT_DB          the catalogue file (default data/movies.duckdb)
MOVIEBOT_RATE_LIMIT  messages per second for the whole bot (default 30, Telegram's limit;
                     0 turns the limiter off, e.g. for the benchmark's fake server)
MOVIEBOT_CONCURRENCY updates handled at the same time (default 16)
MOVIEBOT_LOG_LEVEL   DEBUG, INFO (default), WARNING, ERROR or CRITICAL

A value these do not accept raises `ConfigError`, whose text is the one line to print.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from moviebot.core import paths

DEFAULT_BASE_URL = "https://api.telegram.org/bot"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """A setting with a value it does not accept; the text names it and what it accepts."""


def _number(env: Mapping[str, str], name: str, default: float, *, kind: type, least: float,
            accepts: str) -> float:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or value != value or value < least or value == float("inf"):
        raise ConfigError(f"{name}={raw!r} is not valid: it takes {accepts}")
    return value


def log_level(env: Mapping[str, str] | None = None) -> str:
    """$MOVIEBOT_LOG_LEVEL checked (default INFO)."""
    raw = ((os.environ if env is None else env).get("MOVIEBOT_LOG_LEVEL") or "INFO").strip()
    if raw.upper() not in LOG_LEVELS:
        raise ConfigError(f"MOVIEBOT_LOG_LEVEL={raw!r} is not valid: it takes one of "
                          f"{', '.join(LOG_LEVELS)}")
    return raw.upper()


def read_dotenv(path: str | Path = ".env") -> dict[str, str]:
    """`KEY=value` lines of a .env file (comments, blank lines, `export` and quotes allowed)."""
    values: dict[str, str] = {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return values
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.removeprefix("export ").split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def parse_ids(text: str | None) -> frozenset[int]:
    return frozenset(int(x) for x in re.findall(r"-?\d+", text or ""))


@dataclass(frozen=True)
class Config:
    token: str | None = None
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    base_url: str = DEFAULT_BASE_URL
    db_path: Path = field(default_factory=paths.db_path)
    rate_limit: float = 30.0
    concurrency: int = 16
    log_level: str = "INFO"

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, dotenv: str | Path = ".env") -> Config:
        """Settings from `env` (default os.environ), falling back to the `.env` file;
        `ConfigError` for a value a setting does not accept."""
        merged = {**read_dotenv(dotenv), **(os.environ if env is None else env)}
        return cls(
            token=(merged.get("TELEGRAM_BOT_TOKEN") or "").strip() or None,
            admin_ids=parse_ids(merged.get("ADMIN_IDS")),
            base_url=(merged.get("TELEGRAM_API_BASE_URL") or "").strip() or DEFAULT_BASE_URL,
            db_path=Path(merged.get("MOVIEBOT_DB") or "data/movies.duckdb"),
            rate_limit=_number(merged, "MOVIEBOT_RATE_LIMIT", 30.0, kind=float, least=0,
                               accepts="messages per second, a number ≥ 0 (0 = no limit)"),
            concurrency=_number(merged, "MOVIEBOT_CONCURRENCY", 16, kind=int, least=1,
                                accepts="a whole number ≥ 1 of updates handled at once"),
            log_level=log_level(merged),
        )

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids

    def __repr__(self) -> str:  # never print the token
        return (
            f"Config(token={'***' if self.token else None}, admin_ids={sorted(self.admin_ids)}, "
            f"base_url={self.base_url!r}, db_path={str(self.db_path)!r}, "
            f"rate_limit={self.rate_limit}, concurrency={self.concurrency}, "
            f"log_level={self.log_level!r})"
        )
