"""Compact, versioned `callback_data` for inline buttons (Telegram allows 1-64 bytes).

Format: `1|<catalogue tag>|<lang>|<action>|<argument>`, e.g. `1|a3f9|es|m|597`.

- `1` is the format version: a button whose format we no longer know answers "expired".
- the catalogue tag is a 4-character hash of the data version the button was made with,
  so a press after a /reload is recognised; ids are TMDB ids, stable across data versions,
  so such a press is answered from the new catalogue when the film is still there.
- `lang` keeps the language of the conversation that made the button.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

FORMAT = "1"
MAX_BYTES = 64

ACTIONS = {
    "m": "movie",  # movie card for a TMDB id
    "r": "recommend",  # "more like this" for a TMDB id
    "a": "actor",  # actor by name
    "d": "director",  # director by name
}


@dataclass(frozen=True, slots=True)
class Callback:
    tag: str
    lang: str
    action: str  # a key of ACTIONS
    arg: str


def version_tag(data_version: str | None) -> str:
    """4 hex characters identifying a catalogue's data version."""
    return hashlib.sha1((data_version or "").encode()).hexdigest()[:4]


def encode(action: str, arg: object, *, tag: str, lang: str) -> str | None:
    """callback_data for a button, or None when it would not fit in 64 bytes."""
    if action not in ACTIONS:
        raise ValueError(f"unknown callback action {action!r}")
    data = f"{FORMAT}|{tag}|{lang}|{action}|{arg}"
    return data if len(data.encode("utf-8")) <= MAX_BYTES else None


def decode(data: str | None) -> Callback | None:
    """The button's content, or None for data of another format (old or foreign buttons)."""
    parts = (data or "").split("|", 4)
    if len(parts) != 5 or parts[0] != FORMAT or parts[3] not in ACTIONS:
        return None
    _, tag, lang, action, arg = parts
    return Callback(tag=tag, lang=lang if lang in ("en", "es") else "en", action=action, arg=arg)
