"""Low-level text helpers for Telegram HTML: escaping, numbers, and Telegram's size limits."""

from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096  # characters in one message (Bot API)
CAPTION_LIMIT = 1024  # characters in a photo caption

_TAG = re.compile(r"<[^>]+>")


def esc(value: object) -> str:
    """`value` as text safe inside Telegram HTML (`<`, `>`, `&` escaped)."""
    return html.escape(str(value), quote=False)


def visible_length(text: str) -> int:
    """Characters Telegram counts for an HTML message: tags dropped, entities as one."""
    return len(html.unescape(_TAG.sub("", text)))


def money(amount: float | int | None, unknown: str = "?", lang: str = "en") -> str:
    """Dollars, compact, the way the reader writes them; `unknown` for 0/None.

    English `$1.84B`, `$83.3M`, `$35K`, `$950`; Spanish `$1.840 M`, `$83,3 M`, `$35 mil`,
    `$950` (decimal comma; no "B": a Spanish billón is a million millions).
    """
    if not amount:
        return unknown
    value = float(amount)
    if lang == "es":
        for limit, suffix in ((1e6, " M"), (1e3, " mil")):
            if abs(value) >= limit:
                return "$" + _significant(value / limit, lang) + suffix
        return f"${value:.0f}"
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= limit:
            return "$" + _significant(value / limit, lang) + suffix
    return f"${value:.0f}"


def _significant(value: float, lang: str) -> str:
    """Three significant digits, whole numbers from 100 up (with thousands separators)."""
    if abs(value) >= 100:
        return number(round(value), lang)
    return decimal(value, 1 if abs(value) >= 10 else 2, lang).rstrip("0").rstrip(",.")


def decimal(value: float, digits: int = 1, lang: str = "en") -> str:
    """`value` with `digits` decimals and the reader's decimal mark: 7.8 / 7,8."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "es" else text


def ratio(value: float | None, unknown: str = "?", lang: str = "en") -> str:
    """A return (revenue / budget) as `12.4×` (`12,4×` in Spanish); `unknown` when not known."""
    if not value:
        return unknown
    return decimal(value, 2 if value < 10 else 1, lang) + "×"


def number(value: int | float, lang: str = "en") -> str:
    """Thousands separated the way the reader writes them: 12,345 / 12.345."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    if lang == "es":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def truncate(text: str, limit: int) -> str:
    """Plain text cut to at most `limit` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """`text` in chunks under `limit`, cut at line ends (our HTML never spans lines).

    A single line longer than `limit` (not produced by our renderers, but possible with
    echoed user input) is cut hard after its tags are removed, so no tag is left open and
    no entity is cut in half.
    """
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        if visible_length(line) > limit or len(line) > limit:
            plain = html.unescape(_TAG.sub("", line))
            if current:
                chunks.append(current)
                current = ""
            piece = ""
            for char in plain:
                escaped = esc(char)
                if len(piece) + len(escaped) > limit:
                    chunks.append(piece)
                    piece = ""
                piece += escaped
            if piece:
                chunks.append(piece)
            continue
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current)
    return chunks
