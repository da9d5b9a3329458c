"""The shape of a chat command (`Command`) and how a message names one (`parse`).

The table itself, each row with its handler, is `handlers.COMMANDS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from moviebot.bot.i18n import t

if TYPE_CHECKING:
    from moviebot.bot.answers import Answers
    from moviebot.bot.replies import Reply, Who
    from moviebot.core.catalogue import Catalogue

# A handler answers one command: (reply building blocks, the catalogue or None when the
# command needs none, the argument text, who asks) -> the replies.
Handler = Callable[["Answers", "Catalogue | None", str, "Who"], "list[Reply]"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    name: str
    handler: Handler
    alias: str | None = None  # the Spanish name
    example: str = ""  # argument shown in /help
    example_es: str | None = None
    prompt: str | None = None  # i18n key of the ForceReply question when the argument is missing
    admin: bool = False
    placeholder: str = "placeholder_movie"
    needs_catalogue: bool = True

    def description(self, lang: str) -> str:
        return t(lang, f"cmd_{self.name}")

    def shown_name(self, lang: str) -> str:
        return self.alias if lang == "es" and self.alias else self.name

    def example_line(self, lang: str) -> str:
        arg = self.example_es if lang == "es" and self.example_es else self.example
        return f"/{self.shown_name(lang)}" + (f" {arg}" if arg else "")


_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+|$)(.*)$", re.S)


@dataclass(frozen=True, slots=True)
class Parsed:
    command: str  # as typed, lower case, without "/"
    addressee: str | None  # the "@bot" part
    arg: str


def parse(text: str) -> Parsed | None:
    """`/cmd@bot args` → its parts; None when `text` is not a command.

    >>> parse("/recommend@MovieBot Alien")
    Parsed(command='recommend', addressee='MovieBot', arg='Alien')
    """
    m = _COMMAND.match((text or "").strip())
    if not m:
        return None
    return Parsed(m.group(1).lower(), m.group(2), m.group(3).strip())
