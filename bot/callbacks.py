"""Compact, versioned `callback_data` for inline buttons (Telegram allows 1-64 bytes).

Format: `1|<catalogue tag>|<lang>|<action>|<argument>`, e.g. `1|a3f9|es|m|597`.

- `1` is the format version: a button whose format we no longer know answers "expired".
- the catalogue tag is a 4-character hash of the data version the button was made with,
  so a press after a /reload is recognised; ids are TMDB ids, stable across data versions,
  so such a press is answered from the new catalogue when the film is still there.
- `lang` keeps the language of the conversation that made the button.
- a "more like this" button under a filtered list carries the filters after the id,
  `597~gHorror,y1990-2010,len,m7`, so the next list keeps them (`pack_filters`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from moviebot.core.interpret.filters import YEARS
from moviebot.core.models import Filters

FORMAT = "1"
MAX_BYTES = 64

ACTIONS = {
    "m": "movie",  # movie card for a TMDB id
    "r": "recommend",  # "more like this" for a TMDB id
    "a": "actor",  # actor by name
    "d": "director",  # director by name
    "A": "actor page",  # one page of an actor's films: `<page>:<name>`, first page 0
    "D": "director page",  # one page of a director's films: `<page>:<name>`
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


def pack_filters(f: Filters) -> str:
    """Filters as a short string for a button, e.g. "gHorror,y1990-2010,len,m7"."""
    parts = []
    if f.genre:
        parts.append(f"g{f.genre}")
    if f.year_from is not None or f.year_to is not None:
        lo = "" if f.year_from is None else str(f.year_from)
        hi = "" if f.year_to is None else str(f.year_to)
        parts.append(f"y{lo}-{hi}")
    if f.language:
        parts.append(f"l{f.language}")
    if f.min_rating is not None:
        parts.append(f"m{f.min_rating:g}")
    return ",".join(parts)


def unpack_filters(text: str) -> Filters | None:
    """The inverse of `pack_filters`; None for anything it did not write, including values
    a typed filter would refuse (years outside 1870-2100, a rating outside 0-10).

    >>> unpack_filters("y1990-2010,m7") == Filters(year_from=1990, year_to=2010, min_rating=7)
    True
    >>> unpack_filters("mnan") is None and unpack_filters("y-99999999999999999999") is None
    True
    """
    values: dict[str, object] = {}
    try:
        for part in text.split(","):
            kind, value = part[:1], part[1:]
            if kind == "g" and value:
                values["genre"] = value
            elif kind == "y":
                lo, hi = (_year(v) for v in value.split("-"))
                if lo is False or hi is False or (lo and hi and lo > hi):
                    return None
                values["year_from"], values["year_to"] = lo, hi
            elif kind == "l" and value:
                values["language"] = value
            elif kind == "m":
                rating = float(value)
                if not 0 <= rating <= 10:  # also refuses nan
                    return None
                values["min_rating"] = rating
            else:
                return None
    except ValueError:
        return None
    return Filters(**values) if values else None


def _year(text: str) -> int | bool | None:
    """A packed year: None when absent, False when not a year a typed filter accepts."""
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not YEARS[0] <= int(text) <= YEARS[1]:
        return False
    return int(text)
