"""What the bot answers, independent of Telegram: text in, `Reply` objects out.

The command table `COMMANDS` is the single source of truth for /help, for the Telegram
handlers and for `set_my_commands`. `Commands.handle` runs one chat message,
`Commands.press` one button, `Commands.inline` one inline query; none of them raises on
user input, and each records its latency and errors in the service's statistics.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from moviebot.bot import callbacks, filters, render
from moviebot.bot.formatting import decimal, esc, number, split_message, truncate
from moviebot.bot.i18n import GENRES_ES, LANGS, t
from moviebot.bot.service import Service, memory_mb
from moviebot.core.catalogue import Catalogue, CatalogueError
from moviebot.core.models import (
    Filters,
    MovieCard,
    MovieRef,
    NotFound,
    Resolution,
)

log = logging.getLogger(__name__)

MAX_INPUT = 300  # characters of argument we try to understand
INLINE_MAX = 50  # inline results per query, over all pages (core's suggest gives 50 at most)
AMBIGUOUS_BELOW = 0.75  # a resolution under this confidence with alternatives asks "which one?"


# -- what comes out ------------------------------------------------------------------------
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


# -- who is asking -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Who:
    user_id: int | None = None
    lang: str = "en"
    is_admin: bool = False
    first_name: str = ""
    bot_username: str = "moviebot"
    in_group: bool = False  # asked in a group or supergroup (help explains addressing)


# -- the command table ---------------------------------------------------------------------
Runner = Callable[["Commands", Catalogue, str, Who], list[Reply]]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    alias: str | None  # the Spanish name
    example: str  # argument shown in /help ("" when none)
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


COMMANDS: tuple[Command, ...] = (
    Command("start", None, "", needs_catalogue=False),
    Command("help", None, "", needs_catalogue=False),
    Command(
        "recommend",
        "recomendar",
        "Alien; Blade Runner since:1980",
        "Alien género:terror desde:1990",
        prompt="prompt_movies",
    ),
    Command("movie", "pelicula", "titanic 1997", "el laberinto del fauno", prompt="prompt_movie"),
    Command("score", None, "Toy Story", prompt="prompt_movie"),
    Command("votes", None, "Toy Story", prompt="prompt_movie"),
    Command(
        "actor",
        None,
        "Tom Hanks",
        "Penélope Cruz",
        prompt="prompt_actor",
        placeholder="placeholder_name",
    ),
    Command(
        "director",
        None,
        "Steven Spielberg",
        "Pedro Almodóvar",
        prompt="prompt_director",
        placeholder="placeholder_name",
    ),
    Command(
        "franchise",
        "franquicia",
        "Toy Story",
        prompt="prompt_franchise",
        placeholder="placeholder_other",
    ),
    Command(
        "country",
        "pais",
        "Spain",
        "España",
        prompt="prompt_country",
        placeholder="placeholder_other",
    ),
    Command(
        "company", "productora", "Pixar", prompt="prompt_company", placeholder="placeholder_other"
    ),
    Command(
        "language",
        "idioma",
        "Spanish",
        "español",
        prompt="prompt_language",
        placeholder="placeholder_other",
    ),
    Command("runtime", "duracion", "Titanic", prompt="prompt_movie"),
    Command(
        "month",
        "mes",
        "December",
        "diciembre",
        prompt="prompt_month",
        placeholder="placeholder_other",
    ),
    Command(
        "day", "dia", "Friday", "viernes", prompt="prompt_day", placeholder="placeholder_other"
    ),
    Command("top", None, "comedy 1990s", "comedia 1990s"),
    Command("reload", None, "", admin=True, needs_catalogue=False),
    Command("stats", None, "", admin=True, needs_catalogue=False),
)

BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}
BY_NAME.update({c.alias: c for c in COMMANDS if c.alias})

_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+|$)(.*)$", re.S)


@dataclass(frozen=True, slots=True)
class Parsed:
    command: str  # as typed, lower case, without "/"
    addressee: str | None  # the "@bot" part
    arg: str


def parse(text: str) -> Parsed | None:
    """`/cmd@bot args` → its parts; None when `text` is not a command."""
    m = _COMMAND.match((text or "").strip())
    if not m:
        return None
    return Parsed(m.group(1).lower(), m.group(2), m.group(3).strip())


def prompt_command(prompt_text: str | None) -> Command | None:
    """The command a ForceReply prompt asked for (prompts start with "/command")."""
    parsed = parse(prompt_text or "")
    return BY_NAME.get(parsed.command) if parsed else None


# -- the logic -----------------------------------------------------------------------------
class Commands:
    """Runs commands against the service's current catalogue."""

    def __init__(self, service: Service) -> None:
        self.service = service

    # entry points ------------------------------------------------------------------------------
    def handle(self, text: str, who: Who) -> list[Reply]:
        """Answer one message: a command, or (anything else) a movie title."""
        parsed = parse(text)
        if parsed is None:
            return self.run("movie", text, who)
        command = BY_NAME.get(parsed.command)
        if command is None:
            self.service.stats.observe("unknown", 0.0)
            return [Reply(t(who.lang, "unknown_command", command=esc("/" + parsed.command)))]
        if command.alias == parsed.command:
            who = _with_lang(who, "es")
        return self.run(command.name, parsed.arg, who)

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
        return _split(replies)

    def answer_prompt(self, prompt_text: str | None, answer: str, who: Who) -> list[Reply] | None:
        """The user's reply to a ForceReply prompt; None when it was not one of ours."""
        command = prompt_command(prompt_text)
        if command is None:
            return None
        parsed = parse(prompt_text or "")
        if parsed and command.alias == parsed.command:
            who = _with_lang(who, "es")
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
        who = _with_lang(who, cb.lang)
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
        return _split(replies)

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
                        rating = (
                            f"⭐ {decimal(c.vote_average, 1, who.lang)}"
                            if c.vote_average is not None
                            else "⭐ –"
                        )
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
                                buttons=self._more_button(c.id, who),
                            )
                        )
        except Exception:
            error = True
            log.exception("inline query failed")
        self.service.stats.observe("inline", time.perf_counter() - started, error=error)
        return items

    # commands ------------------------------------------------------------------------------------
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
            return getattr(self, f"_cmd_{command.name}")(arg, who)
        with self.service.lease() as cat:
            if cat is None:
                return [Reply(t(lang, "no_catalogue"))]
            return getattr(self, f"_cmd_{command.name}")(cat, arg, who)

    def _cmd_start(self, arg: str, who: Who) -> list[Reply]:
        if arg == "help":  # deep link from inline mode's "no movie matches" button
            return self._cmd_help(arg, who)
        more = re.fullmatch(r"more-(\d{1,12})", arg)
        if more:  # deep link from an inline card's "more like this" (see start_parameter)
            with self.service.lease() as cat:
                if cat is not None and cat.movie(int(more.group(1))) is not None:
                    return self._recommend(cat, [int(more.group(1))], who)
        name = " " + esc(who.first_name) if who.first_name else ""
        info = self.service.info
        movies = number(info.movies, who.lang) if info else "…"
        return [Reply(t(who.lang, "welcome", name=name, movies=movies))]

    def _cmd_help(self, arg: str, who: Who) -> list[Reply]:
        return [Reply(help_text(who))]

    def _cmd_recommend(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        """Seeds separated by ";" (they blend), then filter words (see bot/filters.py)."""
        words = filters.parse(arg)
        wanted = filters.resolve(cat, words) if words else None
        if isinstance(wanted, NotFound):
            return [self._unknown_filter(cat, wanted, who)]
        if isinstance(wanted, filters.Problem):
            return [Reply(t(who.lang, wanted.key, **{k: esc(v) for k, v in wanted.values.items()}))]
        seeds: list[MovieRef] = []
        parts = [p.strip() for p in re.split(r"[;\n]", words.rest) if p.strip()][:5]
        # With several seeds or filters, "which one?" buttons would drop the rest of the
        # request: take the best match (the header names every seed, so it shows).
        lenient = len(parts) > 1 or bool(words)
        for part in parts:
            movie, replies = self._resolve(cat, part, who, "r", lenient=lenient)
            if movie is None:
                return replies
            seeds.append(movie)
        if not seeds:
            shown = " ".join(f"{k}:{v}" for k, v in words.values.items())
            return [Reply(t(who.lang, "filter_need_seed", filters=esc(shown)))]
        return self._recommend(cat, [s.id for s in seeds], who, wanted)

    def _unknown_filter(self, cat: Catalogue, nf: NotFound, who: Who) -> Reply:
        """An unknown genre lists the genres (in the reader's language); else "did you mean"."""
        if nf.kind != "genre":
            return self._not_found(nf, who)
        names = ", ".join(esc(render.genre_name(g, who.lang)) for g in cat.genres())
        return Reply(t(who.lang, "unknown_genre", query=esc(truncate(nf.query, 60)), genres=names))

    def _cmd_movie(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        movie, replies = self._resolve(cat, arg, who, "m")
        if movie is None:
            return replies
        card = cat.movie(movie.id)
        return self._card(card, who, also=replies) if card else replies

    def _cmd_score(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        return self._about_movie(cat, arg, who, cat.score, render.score)

    def _cmd_votes(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        return self._about_movie(cat, arg, who, cat.votes, render.votes)

    def _cmd_runtime(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        return self._about_movie(cat, arg, who, cat.runtime, render.runtime)

    def _cmd_actor(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        result = cat.actor(arg)
        if isinstance(result, NotFound):
            return [self._not_found(result, who, "a")]
        replies = [Reply(render.actor(result, who.lang))]
        return replies + self._chart(result.all_films, result.name, who)

    def _cmd_director(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        result = cat.director(arg)
        if isinstance(result, NotFound):
            return [self._not_found(result, who, "d")]
        replies = [Reply(render.director(result, who.lang))]
        return replies + self._chart(result.films, result.name, who)

    def _cmd_franchise(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        result = cat.collection(arg)
        if isinstance(result, NotFound):
            return [self._not_found(result, who)]
        return [Reply(render.franchise(result, who.lang))]

    def _cmd_company(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        result = cat.company(arg)
        if isinstance(result, NotFound):
            return [self._not_found(result, who)]
        return [Reply(render.company(result, who.lang))]

    def _cmd_country(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        return self._count(cat.country(arg), who)

    def _cmd_language(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        return self._count(cat.language(arg), who)

    def _cmd_month(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        return self._count(cat.films_in_month(arg), who)

    def _cmd_day(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        return self._count(cat.films_on_day(arg), who)

    def _cmd_top(self, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
        genre, year_from, year_to = parse_top(arg)
        result = cat.top(genre=genre, year_from=year_from, year_to=year_to, limit=10)
        if isinstance(result, NotFound):
            return [self._not_found(result, who)]
        buttons = self._movie_buttons([f.movie for f in result.items[:5]], who, "m")
        return [Reply(render.top(result, who.lang), buttons=buttons)]

    def _cmd_reload(self, arg: str, who: Who) -> list[Reply]:
        lang = who.lang
        before = self.service.data_version or "–"
        result = self.service.reload(arg or None)
        if result.ok and result.info:
            info = result.info
            return [
                Reply(
                    t(
                        lang,
                        "reload_ok",
                        path=esc(info.path),
                        seconds=result.seconds,
                        version=esc(info.data_version),
                        movies=f"{info.movies:,}",
                        people=f"{info.people:,}",
                    )
                )
            ]
        if result.reason == "busy":
            return [Reply(t(lang, "reload_busy"))]
        return [
            Reply(
                t(
                    lang,
                    "reload_failed",
                    version=esc(before),
                    reason=esc(truncate(result.reason or "?", 500)),
                )
            )
        ]

    def _cmd_stats(self, arg: str, who: Who) -> list[Reply]:
        # Server paths only in a private chat: a group's members are not all admins.
        return [Reply(stats_text(self.service, who.lang, paths=not who.in_group))]

    # helpers ------------------------------------------------------------------------------
    def _tag(self) -> str:
        return callbacks.version_tag(self.service.data_version)

    def _resolve(
        self, cat: Catalogue, text: str, who: Who, action: str, *, lenient: bool = False
    ) -> tuple[MovieRef | None, list[Reply]]:
        """(the film meant, []) or (None, [the "not found / which one?" reply]).

        When a film is found and others were close, the second item holds one reply whose
        buttons offer them ("Also: Titanic (1953)"); callers attach those buttons.
        `lenient` takes the best match instead of asking "which one?".
        """
        res: Resolution = cat.resolve(text)
        lang = who.lang
        if res.movie is None:
            return None, [self._movie_not_found(res, who, action)]
        if res.alternatives and res.confidence < AMBIGUOUS_BELOW and not lenient:
            buttons = self._movie_buttons([res.movie, *res.alternatives], who, action)
            return None, [Reply(t(lang, "pick_one"), buttons=buttons)]
        if res.alternatives:
            buttons = self._movie_buttons(res.alternatives[:3], who, action)
            also = ", ".join(render.label(a) for a in res.alternatives[:3])
            return res.movie, [Reply(t(lang, "also", items=also), buttons=buttons)]
        return res.movie, []

    def _movie_not_found(self, res: Resolution, who: Who, action: str) -> Reply:
        text = t(who.lang, "not_found_movie", query=esc(truncate(res.query, 100)))
        if res.alternatives:
            text += "\n" + t(who.lang, "did_you_mean")
        return Reply(text, buttons=self._movie_buttons(res.alternatives, who, action))

    def _not_found(self, nf: NotFound, who: Who, action: str | None = None) -> Reply:
        lang = who.lang
        text = t(
            lang,
            "not_found_kind",
            kind=t(lang, f"kind_{nf.kind}"),
            query=esc(truncate(nf.query, 100)),
        )
        buttons: list[tuple[Button, ...]] = []
        if nf.suggestions:
            text += (
                "\n" + t(lang, "did_you_mean") + " " + ", ".join(esc(s) for s in nf.suggestions[:5])
            )
            if action:
                for name in nf.suggestions[:5]:
                    data = callbacks.encode(action, name, tag=self._tag(), lang=lang)
                    if data:
                        buttons.append((Button(name, data),))
        return Reply(text, buttons=tuple(buttons))

    def _movie_buttons(
        self, refs: list[MovieRef], who: Who, action: str
    ) -> tuple[tuple[Button, ...], ...]:
        tag = self._tag()
        rows = []
        for ref in refs[:6]:
            data = callbacks.encode(action, ref.id, tag=tag, lang=who.lang)
            if data:
                rows.append((Button(truncate(ref.label, 60), data),))
        return tuple(rows)

    def _about_movie(self, cat: Catalogue, arg: str, who: Who, question, renderer) -> list[Reply]:
        movie, replies = self._resolve(cat, arg, who, "m")
        if movie is None:
            return replies
        answer = question(movie.id)
        if answer is None:
            return [Reply(t(who.lang, "not_found_movie", query=esc(movie.label)))]
        text = renderer(answer, who.lang)
        for also in replies:  # "Also: Titanic (1953)" in the same message, with its buttons
            return [Reply(f"{text}\n{also.text}", buttons=also.buttons)]
        return [Reply(text)]

    def _card(self, card: MovieCard, who: Who, *, also: list[Reply] = ()) -> list[Reply]:
        lang = who.lang
        more = callbacks.encode("r", card.id, tag=self._tag(), lang=lang)
        buttons: list[tuple[Button, ...]] = []
        if more:
            buttons.append((Button(t(lang, "more_like_this"), more),))
        for reply in also:  # "also: Titanic (1953)" alternatives
            buttons.extend(reply.buttons)
        return [
            Reply(
                render.card(card, lang),
                buttons=tuple(buttons),
                photo_url=card.poster_url,
                caption=render.caption(card, lang) if card.poster_url else None,
            )
        ]

    def _more_button(self, movie_id: int, who: Who) -> tuple[tuple[Button, ...], ...]:
        data = callbacks.encode("r", movie_id, tag=self._tag(), lang=who.lang)
        return ((Button(t(who.lang, "more_like_this"), data),),) if data else ()

    @staticmethod
    def start_parameter(data: str | None) -> str:
        """The /start deep-link parameter that answers the button `data` ("more-597" for
        "more like this", else "help"): for a user who has no private chat with the bot."""
        cb = callbacks.decode(data)
        movie_id = cb.arg.partition("~")[0] if cb and cb.action == "r" else ""
        return f"more-{movie_id}" if movie_id.isdigit() else "help"

    def _recommend(
        self, cat: Catalogue, ids: list[int], who: Who, wanted: Filters | None = None
    ) -> list[Reply]:
        try:
            result = cat.recommend(ids, k=5, filters=wanted if filters.active(wanted) else None)
        except CatalogueError as exc:  # e.g. a file built before the recommender (ModelMissing)
            log.warning("recommendations unavailable: %s", exc)
            reason = esc(truncate(str(exc) or type(exc).__name__, 300))
            return [Reply(t(who.lang, "recommend_unavailable", reason=reason))]
        tag = self._tag()
        packed = callbacks.pack_filters(wanted) if filters.active(wanted) else ""
        rows = []
        for item in result.results[:5]:
            card = callbacks.encode("m", item.movie.id, tag=tag, lang=who.lang)
            # "More like this" keeps the list's filters when they fit in the button.
            more = packed and callbacks.encode(
                "r", f"{item.movie.id}~{packed}", tag=tag, lang=who.lang)
            more = more or callbacks.encode("r", item.movie.id, tag=tag, lang=who.lang)
            row = []
            if card:
                row.append(Button(truncate(item.movie.label, 40), card))
            if more:
                row.append(Button(t(who.lang, "more_like_this"), more))
            rows.append(tuple(row))
        text = render.recommendations(result, who.lang, wanted)
        return [Reply(text, buttons=tuple(rows))]

    def _count(self, result, who: Who) -> list[Reply]:
        if isinstance(result, NotFound):
            return [self._not_found(result, who)]
        return [Reply(render.count(result, who.lang))]

    def _chart(self, films, name: str, who: Who) -> list[Reply]:
        from moviebot.bot import charts  # matplotlib only once someone asks for a chart

        png = charts.return_per_film(films, t(who.lang, "chart_title", name=name))
        if png is None:
            return []
        return [Reply(t(who.lang, "chart_caption", name=esc(name)), photo_png=png)]

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
                return self._card(card, who)
            return self._recommend(cat, [movie_id], who, wanted)
        if cb.action == "a":
            return self._cmd_actor(cat, cb.arg, who)
        return self._cmd_director(cat, cb.arg, who)


# -- texts built from the table and the service --------------------------------------------
def help_text(who: Who) -> str:
    """Every registered command with one example; admin commands only for admins."""
    lang = who.lang
    lines = [t(lang, "help_header")]
    for c in COMMANDS:
        if not c.admin:
            lines.append(f"{esc(c.example_line(lang))} — {esc(c.description(lang))}")
    lines.append(t(lang, "help_filters"))
    if who.is_admin:
        lines.append(t(lang, "help_admin_header"))
        for c in COMMANDS:
            if c.admin:
                lines.append(f"{esc(c.example_line(lang))} — {esc(c.description(lang))}")
    lines.append(t(lang, "help_footer", bot=esc(who.bot_username)))
    if who.in_group:
        lines.append(t(lang, "help_group", bot=esc(who.bot_username)))
    return "\n".join(lines)


def stats_text(service: Service, lang: str, *, paths: bool = True) -> str:
    """The /stats answer; `paths=False` leaves out file names and load errors (groups)."""
    stats = service.stats
    info = service.info
    seconds = int(stats.uptime)
    uptime = (
        f"{seconds // 86400}d {seconds % 86400 // 3600}h {seconds % 3600 // 60}m {seconds % 60}s"
    )
    text = t(
        lang,
        "stats",
        uptime=uptime,
        version=esc(info.data_version if info else "–"),
        movies=f"{info.movies:,}" if info else 0,
        requests=sum(stats.requests.values()),
        errors=sum(stats.errors.values()),
        p50=stats.percentile(0.50) * 1000,
        p99=stats.percentile(0.99) * 1000,
    )
    if stats.percentile(0.5, replies=True):
        text += "\n" + t(
            lang,
            "stats_replies",
            p50=stats.percentile(0.50, replies=True) * 1000,
            p99=stats.percentile(0.99, replies=True) * 1000,
        )
    if info:
        signal = t(lang, "stats_signal_hybrid" if info.has_ratings else "stats_signal_content")
        text += "\n" + t(
            lang,
            "stats_catalogue",
            path=esc(info.path) if paths else t(lang, "stats_private_only"),
            built=esc(info.built_at[:16].replace("T", " ")),
            people=number(info.people, lang),
            signal=signal,
        )
    rss, peak = memory_mb()
    if rss is not None:
        text += "\n" + t(lang, "stats_memory", rss=f"{rss:.0f}", peak=f"{peak or rss:.0f}")
    if service.last_reload is None:
        text += "\n" + t(lang, "stats_no_load")
    else:
        at, result = service.last_reload
        when = datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M")
        if result.ok:
            text += "\n" + t(lang, "stats_load_ok", when=when, seconds=result.seconds)
        else:
            reason = (esc(truncate(result.reason or "?", 200)) if paths
                      else t(lang, "stats_private_only"))
            text += "\n" + t(lang, "stats_load_failed", when=when, reason=reason)
    if stats.requests:
        text += "\n" + t(lang, "stats_by_command")
        for name, n in stats.requests.most_common():
            text += "\n" + t(
                lang,
                "stats_command",
                name=esc(name),
                n=n,
                errors=stats.errors.get(name, 0),
                p50=stats.command_percentile(name, 0.50) * 1000,
                p99=stats.command_percentile(name, 0.99) * 1000,
            )
    return text


def parse_top(arg: str) -> tuple[str | None, int | None, int | None]:
    """`/top` arguments: "comedy 1990s", "drama 1995", "1980-1989", "comedia años 90"."""
    year_from = year_to = None
    words = []
    for word in (arg or "").replace("años", "").replace("anos", "").split():
        w = word.strip(",").lower()
        if m := re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", w):
            year_from, year_to = sorted((int(m.group(1)), int(m.group(2))))  # 2010-1990 too
        elif m := re.fullmatch(r"(\d{4})'?s", w):
            year_from = int(m.group(1)) // 10 * 10
            year_to = year_from + 9
        elif m := re.fullmatch(r"'?(\d0)'?s?", w):
            year_from = 1900 + int(m.group(1)) if int(m.group(1)) > 10 else 2000 + int(m.group(1))
            year_to = year_from + 9
        elif re.fullmatch(r"\d{4}", w):
            year_from = year_to = int(w)
        else:
            words.append(word)
    genre = " ".join(words).strip() or None
    if genre:
        genre = GENRES_ES.get(genre.lower(), genre)
    return genre, year_from, year_to


def _thumbnail(poster_url: str | None) -> str | None:
    return poster_url.replace("/w500/", "/w92/") if poster_url else None


def _with_lang(who: Who, lang: str) -> Who:
    return dataclasses.replace(who, lang=lang)


def _split(replies: list[Reply]) -> list[Reply]:
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
