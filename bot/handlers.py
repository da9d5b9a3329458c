"""One function per chat command, and the command table `COMMANDS` that registers them.

To add a command: write its handler here, add its row to `COMMANDS`, and its strings
(`cmd_<name>`, prompts) to bot/i18n.py. The table is the single source of truth for /help,
for the Telegram handlers and for `set_my_commands`.
"""

from __future__ import annotations

import logging
import re

from moviebot.bot import render
from moviebot.bot.answers import Answers
from moviebot.bot.formatting import esc, number, truncate
from moviebot.bot.i18n import t
from moviebot.bot.replies import Reply, Who
from moviebot.bot.stats_report import stats_text
from moviebot.bot.table import Command
from moviebot.core.catalogue import Catalogue
from moviebot.core.interpret import filters
from moviebot.core.interpret.filters import parse_top
from moviebot.core.models import MovieRef, NotFound
from moviebot.core.stats import by_fame

log = logging.getLogger(__name__)


def cmd_start(a: Answers, cat: None, arg: str, who: Who) -> list[Reply]:
    if arg == "help":  # deep link from inline mode's "no movie matches" button
        return cmd_help(a, cat, arg, who)
    more = re.fullmatch(r"more-(\d{1,12})", arg)
    if more:  # deep link from an inline card's "more like this" (see start_parameter)
        with a.service.lease() as current:
            if current is not None and current.movie(int(more.group(1))) is not None:
                return a.recommend(current, [int(more.group(1))], who)
    name = " " + esc(who.first_name) if who.first_name else ""
    info = a.service.info
    movies = number(info.movies, who.lang) if info else "…"
    return [Reply(t(who.lang, "welcome", name=name, movies=movies))]


def cmd_help(a: Answers, cat: None, arg: str, who: Who) -> list[Reply]:
    return [Reply(help_text(who))]


def cmd_recommend(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    """Seeds separated by ";" (they blend), then filter words (core/interpret/filters.py)."""
    words = filters.parse(arg)
    wanted = filters.resolve(cat, words) if words else None
    if isinstance(wanted, NotFound):
        return [a.unknown_filter(cat, wanted, who)]
    if isinstance(wanted, filters.Problem):
        return [Reply(t(who.lang, wanted.key, **{k: esc(v) for k, v in wanted.values.items()}))]
    seeds: list[MovieRef] = []
    parts = [p.strip() for p in re.split(r"[;\n]", words.rest) if p.strip()][:5]
    # With several seeds or filters, "which one?" buttons would drop the rest of the
    # request: take the best match (the header names every seed, so it shows).
    lenient = len(parts) > 1 or bool(words)
    for part in parts:
        movie, replies = a.resolve(cat, part, who, "r", lenient=lenient)
        if movie is None:
            return replies
        seeds.append(movie)
    if not seeds:
        shown = " ".join(f"{k}:{v}" for k, v in words.values.items())
        return [Reply(t(who.lang, "filter_need_seed", filters=esc(shown)))]
    return a.recommend(cat, [s.id for s in seeds], who, wanted)


def cmd_movie(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    movie, replies = a.resolve(cat, arg, who, "m")
    if movie is None:
        return replies
    card = cat.movie(movie.id)
    return a.card(card, who, also=replies) if card else replies


def cmd_score(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    return a.about_movie(cat, arg, who, cat.score, render.score)


def cmd_votes(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    return a.about_movie(cat, arg, who, cat.votes, render.votes)


def cmd_runtime(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    return a.about_movie(cat, arg, who, cat.runtime, render.runtime)


def cmd_actor(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    return a.person(cat, "actor", arg, who)


def cmd_director(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    return a.person(cat, "director", arg, who)


def cmd_franchise(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    result = cat.collection(arg)
    if isinstance(result, NotFound):
        return [a.not_found(result, who)]
    buttons = a.movie_buttons([f.movie for f in by_fame(result.films)[:5]], who, "m")
    return [Reply(render.franchise(result, who.lang), buttons=buttons)]


def cmd_company(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    result = cat.company(arg)
    if isinstance(result, NotFound):
        return [a.not_found(result, who)]
    buttons = a.movie_buttons([f.movie for f in result.best_known], who, "m")
    return [Reply(render.company(result, who.lang), buttons=buttons)]


def cmd_country(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    return a.count(cat.country(arg), who)


def cmd_language(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    return a.count(cat.language(arg), who)


def cmd_month(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    return a.count(cat.films_in_month(arg), who)


def cmd_day(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    return a.count(cat.films_on_day(arg), who)


def cmd_top(a: Answers, cat: Catalogue, arg: str, who: Who) -> list[Reply]:
    genre, year_from, year_to = parse_top(arg)
    result = cat.top(genre=genre, year_from=year_from, year_to=year_to, limit=10)
    if isinstance(result, NotFound):
        return [a.not_found(result, who)]
    buttons = a.movie_buttons([f.movie for f in result.items[:5]], who, "m")
    return [Reply(render.top(result, who.lang), buttons=buttons)]


# An absolute path (or ~/...), or a relative one ending in a file name with an extension.
_FOLDERS = re.compile(r"(?:(?<![\w.])[~]?/(?:[^/\s]+/)*|(?:[\w.-]+/)+(?=[\w-]+\.\w))([^/\s]*)")


def _no_folders(text: str) -> str:
    """Paths cut to their file names: a group's members are not all admins."""
    return _FOLDERS.sub(r"\1", text)


def cmd_reload(a: Answers, cat: None, arg: str, who: Who) -> list[Reply]:
    lang = who.lang
    before = a.service.data_version or "–"
    result = a.service.reload(arg or None)
    shown = _no_folders if who.in_group else str
    if result.ok and result.info:
        info = result.info
        return [
            Reply(
                t(
                    lang,
                    "reload_ok",
                    path=esc(shown(str(info.path))),
                    seconds=result.seconds,
                    version=esc(info.data_version),
                    movies=number(info.movies, lang),
                    people=number(info.people, lang),
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
                reason=esc(truncate(shown(result.reason or "?"), 500)),
            )
        )
    ]


def cmd_stats(a: Answers, cat: None, arg: str, who: Who) -> list[Reply]:
    # Server paths only in a private chat: a group's members are not all admins.
    return [Reply(stats_text(a.service, who.lang, paths=not who.in_group))]


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


COMMANDS: tuple[Command, ...] = (
    Command(name="start", handler=cmd_start, alias="inicio", needs_catalogue=False),
    Command(name="help", handler=cmd_help, alias="ayuda", needs_catalogue=False),
    Command(
        name="recommend",
        handler=cmd_recommend,
        alias="recomendar",
        example="Alien; Blade Runner since:1980",
        example_es="Alien género:terror desde:1990",
        prompt="prompt_movies",
    ),
    Command(
        name="movie",
        handler=cmd_movie,
        alias="pelicula",
        example="titanic 1997",
        example_es="el laberinto del fauno",
        prompt="prompt_movie",
    ),
    Command(name="score", handler=cmd_score, alias="puntuacion", example="Toy Story",
            example_es="el padrino", prompt="prompt_movie"),
    Command(name="votes", handler=cmd_votes, alias="votos", example="Toy Story",
            example_es="el padrino", prompt="prompt_movie"),
    Command(
        name="actor",
        handler=cmd_actor,
        example="Tom Hanks",
        example_es="Penélope Cruz",
        prompt="prompt_actor",
        placeholder="placeholder_name",
    ),
    Command(
        name="director",
        handler=cmd_director,
        example="Steven Spielberg",
        example_es="Pedro Almodóvar",
        prompt="prompt_director",
        placeholder="placeholder_name",
    ),
    Command(
        name="franchise",
        handler=cmd_franchise,
        alias="franquicia",
        example="Toy Story",
        prompt="prompt_franchise",
        placeholder="placeholder_other",
    ),
    Command(
        name="country",
        handler=cmd_country,
        alias="pais",
        example="Spain",
        example_es="España",
        prompt="prompt_country",
        placeholder="placeholder_other",
    ),
    Command(
        name="company",
        handler=cmd_company,
        alias="productora",
        example="Pixar",
        prompt="prompt_company",
        placeholder="placeholder_other",
    ),
    Command(
        name="language",
        handler=cmd_language,
        alias="idioma",
        example="Spanish",
        example_es="español",
        prompt="prompt_language",
        placeholder="placeholder_other",
    ),
    Command(
        name="runtime",
        handler=cmd_runtime,
        alias="duracion",
        example="Titanic",
        prompt="prompt_movie",
    ),
    Command(
        name="month",
        handler=cmd_month,
        alias="mes",
        example="December",
        example_es="diciembre",
        prompt="prompt_month",
        placeholder="placeholder_other",
    ),
    Command(
        name="day",
        handler=cmd_day,
        alias="dia",
        example="Friday",
        example_es="viernes",
        prompt="prompt_day",
        placeholder="placeholder_other",
    ),
    Command(name="top", handler=cmd_top, alias="mejores", example="comedy 1990s",
            example_es="terror de los 80"),
    Command(name="reload", handler=cmd_reload, admin=True, needs_catalogue=False),
    Command(name="stats", handler=cmd_stats, admin=True, needs_catalogue=False),
)

BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}
BY_NAME.update({c.alias: c for c in COMMANDS if c.alias})
