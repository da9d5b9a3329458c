"""What the chat sends and who it answers: `Reply`, `Button`, `InlineItem`, `Who`.

Telegram-agnostic: the Telegram adapter, the console and `moviebot ask` turn these into
messages of their own kind.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from moviebot.bot.formatting import split_message


@dataclass(frozen=True, slots=True)
class Button:
    text: str
    data: str  # callback_data (see callbacks.py)


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to send.

    `text` is Telegram HTML and always present (it is the fallback when a photo is refused).
    With `photo_url` the message is a photo whose caption is `caption` (≤ 1,024 characters);
    with `photo_png` an in-memory picture (a chart) captioned by `text`. `force_reply` asks
    the client to answer this message (the ForceReply prompt).
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    photo_url: str | None = None
    caption: str | None = None
    photo_png: bytes | None = field(default=None, repr=False)
    force_reply: bool = False
    placeholder: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "buttons": [[{"text": b.text, "data": b.data} for b in row] for row in self.buttons],
            "photo_url": self.photo_url,
            "caption": self.caption,
            "chart_png_bytes": len(self.photo_png) if self.photo_png else None,
            "force_reply": self.force_reply,
        }


@dataclass(frozen=True, slots=True)
class InlineItem:
    """One result of an inline query ("@ThisBot titanic").

    With `photo_url` (the film has a poster) choosing it posts the poster captioned by
    `caption` (the card cut to 1,024 characters); without, it posts `text` (the full card).
    """

    id: str
    title: str
    description: str
    thumbnail_url: str | None
    text: str  # the card posted when chosen (HTML)
    url: str | None
    photo_url: str | None = None
    caption: str | None = None
    # Under the posted card: "more like this" (answered in the user's private chat).
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Who:
    user_id: int | None = None
    lang: str = "en"
    is_admin: bool = False
    first_name: str = ""
    bot_username: str = "moviebot"
    in_group: bool = False  # asked in a group or supergroup (help explains addressing)


def with_lang(who: Who, lang: str) -> Who:
    return dataclasses.replace(who, lang=lang)


def split_long(replies: list[Reply]) -> list[Reply]:
    """Text replies over 4,096 characters become several messages (buttons on the last)."""
    out: list[Reply] = []
    for reply in replies:
        if reply.photo_url or reply.photo_png:
            out.append(reply)
            continue
        chunks = split_message(reply.text)
        if len(chunks) == 1:
            out.append(reply)
            continue
        out += [Reply(chunk) for chunk in chunks[:-1]]
        out.append(
            Reply(
                chunks[-1],
                buttons=reply.buttons,
                force_reply=reply.force_reply,
                placeholder=reply.placeholder,
            )
        )
    return out
