"""Secrets never printed: the bot token, its secret half, the webhook secret.

`install(...)` replaces the log record factory, so every record is redacted when it is made
— whichever logger made it and whichever handler prints it, handlers added later included —
together with its traceback text; uncaught exceptions (`sys.excepthook`, threads) and
`warnings` go through the same redaction. Example:

    >>> redact("GET /bot123:AAsecret/getMe", ["123:AAsecret"])
    'GET /bot<token>/getMe'
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
import urllib.parse
from collections.abc import Callable, Iterable

MASK = "<token>"
_secrets: list[str] = []  # longest first, so the whole token is masked before its half
_quiet: list[Callable[[BaseException], bool]] = []
_installed = False


def secrets_of(token: str | None) -> list[str]:
    """What to hide for a bot token: the token, the part after the colon, their URL forms."""
    if not token:
        return []
    found = {token, urllib.parse.quote(token, safe="")}
    _, _, half = token.partition(":")
    if len(half) >= 8:  # a short "half" would mask ordinary words
        found |= {half, urllib.parse.quote(half, safe="")}
    return sorted(found, key=len, reverse=True)


def add_secret(value: str | None, *, token: bool = False) -> None:
    """Hide `value` from now on: a bot token with its parts (`secrets_of`), or as is."""
    global _secrets
    new = [v for v in (secrets_of(value) if token else [value]) if v and len(v) >= 4]
    # a new list, swapped in whole: other threads may be redacting with the old one
    _secrets = sorted(set(_secrets) | set(new), key=len, reverse=True)


def redact(text: str, secrets: Iterable[str] | None = None) -> str:
    """`text` with every secret replaced by `<token>`."""
    for secret in _secrets if secrets is None else secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def quiet(test: Callable[[BaseException], bool]) -> None:
    """Log exceptions for which `test` is true as one line (type and message), no traceback:
    expected failures such as an unreachable server are not bugs."""
    _quiet.append(test)


def install(*, token: str | None = None, secrets: Iterable[str | None] = ()) -> None:
    """Redact `token` (see `secrets_of`), `secrets` and later `add_secret`s from every output."""
    global _installed
    add_secret(token, token=True)
    for secret in secrets:
        add_secret(secret)
    if _installed:
        return
    _installed = True
    make_record = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        _scrub(record)
        return record

    logging.setLogRecordFactory(factory)
    logging.captureWarnings(True)
    sys.excepthook = _excepthook
    threading.excepthook = lambda a: _excepthook(a.exc_type, a.exc_value, a.exc_traceback)


def _scrub(record: logging.LogRecord) -> None:
    """Format the message once, fold expected errors to one line, redact both."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: print its parts rather than fail later
        message = f"{record.msg} {record.args!r}"
    error = record.exc_info[1] if record.exc_info else None
    if error is not None and any(test(error) for test in _quiet):
        message = f"{message} ({type(error).__name__}: {error})"
        record.exc_info = None
    elif record.exc_info:
        # The text only, redacted: logging's Formatter prints exc_text, and a formatter that
        # would format exc_info itself finds nothing unredacted.
        record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
        record.exc_info = None
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    record.msg, record.args = redact(message), None


def _excepthook(exc_type, exc, tb) -> None:
    sys.stderr.write(redact("".join(traceback.format_exception(exc_type, exc, tb))))
