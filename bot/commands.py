"""What the bot answers, independent of Telegram: text in, `Reply` objects out.

`Commands.handle` runs one chat message, `Commands.press` one button, `Commands.inline` one
inline query; none of them raises on user input, and each records its latency and errors in
the service's statistics. The commands themselves are the rows of `handlers.COMMANDS`,
each with its handler; the reply types live in bot/replies.py.
"""

from __future__ import annotations

import logging
import time

from moviebot.bot import callbacks, handlers, render
from moviebot.bot.answers import Answers
from moviebot.bot.formatting import esc, truncate
from moviebot.bot.handlers import BY_NAME, COMMANDS
from moviebot.bot.i18n import LANGS, t
from moviebot.bot.replies import Button, InlineItem, Reply, Who, split_long, with_lang
from moviebot.bot.table import Command, parse
from moviebot.core.catalogue import Catalogue
from moviebot.core.interpret import Intent, interpret
from moviebot.core.models import NotFound
from moviebot.core.served import Service

__all__ = ["BY_NAME", "COMMANDS", "Button", "Commands", "InlineItem", "Reply", "Who", "parse"]

log = logging.getLogger(__name__)

MAX_INPUT = 300  # characters of argument we try to understand
INLINE_MAX = 50  # inline results per query, over all pages (core's suggest gives 50 at most)


def prompt_command(prompt_text: str | None) -> Command | None:
    """The command a ForceReply prompt asked for (prompts start with "/command")."""
    parsed = parse(prompt_text or "")
    return BY_NAME.get(parsed.command) if parsed else None


class Commands:
    """Runs commands against the service's current catalogue."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.answers = Answers(service)

    # entry points ------------------------------------------------------------------------------
    def handle(self, text: str, who: Who) -> list[Reply]:
        """Answer one message: a command of the table, or anything else as core's
        interpreter reads it ("algo como Titanic", "/ayuda", "tom hanks", "hola")."""
        parsed = parse(text)
        command = BY_NAME.get(parsed.command) if parsed else None
        if command is not None:
            if command.alias == parsed.command:
                who = with_lang(who, "es")
            return self.run(command.name, parsed.arg, who)
        try:
            with self.service.lease() as cat:
                intent = interpret(text, catalogue=cat)
        except Exception:  # never lose a message to the interpreter: read it as a title
            log.exception("interpreting %r failed", text[:100])
            intent = Intent("movie", text, None, "title")
        return self.run_intent(intent, who)

    def run_intent(self, intent: Intent, who: Who) -> list[Reply]:
        """Run what the interpreter read, down the same path as the slash command."""
        if intent.lang:
            who = with_lang(who, intent.lang)
        if intent.command == "thanks":
            self.service.stats.observe("thanks", 0.0)
            return [Reply(t(who.lang, "thanks"))]
        if intent.command not in BY_NAME:
            self.service.stats.observe("unknown", 0.0)
            return [Reply(t(who.lang, "unknown_command", command=esc(intent.arg)))]
        return self.run(intent.command, intent.arg, who)

    def run(self, name: str, arg: str, who: Who) -> list[Reply]:
        """Run command `name` (canonical or alias) with its argument text."""
        command = BY_NAME[name]
        started = time.perf_counter()
        error = False
        try:
            replies = self._run(command, arg.strip(), who)
        except Exception:
            error = True
            log.exception("command /%s failed", command.name)
            replies = [Reply(t(who.lang, "error"))]
        self.service.stats.observe(command.name, time.perf_counter() - started, error=error)
        return split_long(replies)

    def answer_prompt(self, prompt_text: str | None, answer: str, who: Who) -> list[Reply] | None:
        """The user's reply to a ForceReply prompt; None when it was not one of ours."""
        command = prompt_command(prompt_text)
        if command is None:
            return None
        parsed = parse(prompt_text or "")
        if parsed and command.alias == parsed.command:
            who = with_lang(who, "es")
        return self.run(command.name, answer, who)

    @staticmethod
    def is_choice(message_text: str | None) -> bool:
        """True for our one-time choices ("Which one do you mean?", "Did you mean: ...")
        as the client shows them (plain text): their keyboard goes once one is pressed."""
        lines = (message_text or "").strip().splitlines()
        if not lines:
            return False
        for lang in LANGS:
            if lines[-1] == t(lang, "pick_one") or lines[-1].startswith(t(lang, "did_you_mean")):
                return True
        return False

    def joined_group(self, who: Who) -> list[Reply]:
        """The hello when someone adds the bot to a group (`who` is the one who added it)."""
        bot = esc(who.bot_username)
        text = t(who.lang, "joined_group", bot=bot) + "\n" + t(who.lang, "help_group", bot=bot)
        return [Reply(text)]

    def not_text(self, who: Who) -> list[Reply]:
        """The answer to a sticker, photo or voice message: what to send instead."""
        self.service.stats.observe("not_text", 0.0)
        return [Reply(t(who.lang, "not_text"))]

    def press(self, data: str | None, who: Who) -> list[Reply]:
        """Answer a button press (callback_data made by this module, possibly long ago)."""
        started = time.perf_counter()
        cb = callbacks.decode(data)
        if cb is None:
            self.service.stats.observe("button", 0.0)
            return [Reply(t(who.lang, "button_expired"))]
        who = with_lang(who, cb.lang)
        error = False
        try:
            with self.service.lease() as cat:
                if cat is None:
                    replies = [Reply(t(who.lang, "no_catalogue"))]
                else:
                    replies = self._press(cat, cb, who)
        except Exception:
            error = True
            log.exception("button %r failed", data)
            replies = [Reply(t(who.lang, "error"))]
        self.service.stats.observe("button", time.perf_counter() - started, error=error)
        return split_long(replies)

    def inline(
        self, query: str, who: Who, *, limit: int = 10, offset: int = 0
    ) -> list[InlineItem]:
        """Matches for inline mode: title, "year · rating", thumbnail, and the card.

        An empty query lists the best-rated films; `offset` pages through up to
        `INLINE_MAX` results (Telegram asks for the next page as the user scrolls).
        """
        query = (query or "").strip()[:MAX_INPUT]
        offset = max(0, min(offset, INLINE_MAX))
        started = time.perf_counter()
        error = False
        items: list[InlineItem] = []
        try:
            with self.service.lease() as cat:
                if cat is not None and offset < INLINE_MAX:
                    wanted = min(offset + limit, INLINE_MAX)
                    if query:
                        refs = cat.suggest(query, limit=wanted)
                    else:
                        top = cat.top(limit=wanted)
                        refs = [] if isinstance(top, NotFound) else [f.movie for f in top.items]
                    for c in cat.cards([r.id for r in refs[offset:wanted]]):
                        rating = render.film_rating(c, who.lang)  # the card's, with its votes
                        items.append(
                            InlineItem(
                                id=str(c.id),
                                title=c.title,
                                description=f"{c.year or '?'} · {rating} · "
                                + truncate(c.overview or "", 80),
                                thumbnail_url=_thumbnail(c.poster_url),
                                text=render.card(c, who.lang),
                                url=c.tmdb_url,
                                photo_url=c.poster_url,
                                caption=render.caption(c, who.lang) if c.poster_url else None,
                                buttons=self.answers.more_button(c.id, who),
                            )
                        )
        except Exception:
            error = True
            log.exception("inline query failed")
        self.service.stats.observe("inline", time.perf_counter() - started, error=error)
        return items

    def _run(self, command: Command, arg: str, who: Who) -> list[Reply]:
        lang = who.lang
        if command.admin and not who.is_admin:
            log.warning("refused /%s to non-admin user %s", command.name, who.user_id)
            return [Reply(t(lang, "admin_only", command="/" + command.shown_name(lang)))]
        if command.prompt and not arg:
            return [
                Reply(
                    f"/{command.shown_name(lang)} — {t(lang, command.prompt)}",
                    force_reply=True,
                    placeholder=t(lang, command.placeholder),
                )
            ]
        if len(arg) > MAX_INPUT:
            return [Reply(t(lang, "too_long", length=len(arg)))]
        if not command.needs_catalogue:
            return command.handler(self.answers, None, arg, who)
        with self.service.lease() as cat:
            if cat is None:
                return [Reply(t(lang, "no_catalogue"))]
            return command.handler(self.answers, cat, arg, who)

    @staticmethod
    def start_parameter(data: str | None) -> str:
        """The /start deep-link parameter that answers the button `data` ("more-597" for
        "more like this", else "help"): for a user who has no private chat with the bot."""
        cb = callbacks.decode(data)
        movie_id = cb.arg.partition("~")[0] if cb and cb.action == "r" else ""
        return f"more-{movie_id}" if movie_id.isdigit() else "help"

    def _press(self, cat: Catalogue, cb: callbacks.Callback, who: Who) -> list[Reply]:
        if cb.action in ("m", "r"):
            arg, _, packed = cb.arg.partition("~")
            wanted = callbacks.unpack_filters(packed) if packed else None
            try:
                movie_id = int(arg)
            except ValueError:
                return [Reply(t(who.lang, "button_expired"))]
            if packed and wanted is None:
                return [Reply(t(who.lang, "button_expired"))]
            card = cat.movie(movie_id)
            if card is None:  # gone since the button was made (another data version)
                return [Reply(t(who.lang, "button_stale"))]
            if cb.action == "m":
                return self.answers.card(card, who)
            return self.answers.recommend(cat, [movie_id], who, wanted)
        if cb.action == "a":
            return handlers.cmd_actor(self.answers, cat, cb.arg, who)
        if cb.action in ("A", "D"):  # another page of a person's films
            page, _, name = cb.arg.partition(":")
            if not page.isdigit() or not name:
                return [Reply(t(who.lang, "button_expired"))]
            role = "actor" if cb.action == "A" else "director"
            return self.answers.person(cat, role, name, who, page=int(page), chart=False)
        return handlers.cmd_director(self.answers, cat, cb.arg, who)


def _thumbnail(poster_url: str | None) -> str | None:
    return poster_url.replace("/w500/", "/w92/") if poster_url else None
