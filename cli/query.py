"""`moviebot query ...`: every catalogue question from the shell (`--json` for scripts).

    moviebot query resolve "titanic 1997" --json
    moviebot query movie "el laberinto del fauno"
    moviebot query month enero
    printf 'amelie\\ntitanic\\n' | moviebot query resolve -      # one JSON line per input
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from moviebot.cli.common import add_options, in_range, run_query
from moviebot.core.catalogue import Catalogue
from moviebot.core.interpret import interpret
from moviebot.core.interpret.filters import parse_top
from moviebot.core.models import (
    ActorStats,
    CollectionStats,
    CompanyStats,
    Count,
    DirectorStats,
    FilmLine,
    MovieCard,
    NotFound,
    PersonResolution,
    Resolution,
    Returns,
    Runtime,
    Score,
    TopList,
    Votes,
    to_json,
)


@dataclass(frozen=True)
class Answer:
    """A film question's answer with the text it was asked about (for `--json`)."""

    query: str
    resolution: Resolution
    result: Any

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "confidence": self.resolution.to_json()["confidence"],
                **to_json(self.result)}


def _films(n: int) -> str:
    return f"{n:,} film" if n == 1 else f"{n:,} films"


def _money(n: float | None) -> str:
    return "unknown" if not n else f"${n:,.0f}"


def _ret(x: float | None) -> str:
    return "unknown" if not x else f"{x:.2f}x"


def _film(f: FilmLine) -> str:
    parts = [f.movie.label]
    if f.release_date:
        parts.append(f"released {f.release_date.isoformat()}")
    parts.append(
        f"budget {_money(f.budget)}, revenue {_money(f.revenue)}, return {_ret(f.return_)}"
    )
    return "  - " + "; ".join(parts)


def _rating(f: FilmLine | MovieCard) -> str:
    """The one rating shown for a film: its TMDB average with its vote count."""
    if not f.vote_count or f.vote_average is None:
        return "no votes yet"
    return f"{f.vote_average:.1f}/10 ({f.vote_count:,} votes)"


def _best_known(films: list[FilmLine]) -> list[str]:
    if not films:
        return []
    return ["best known:", *(f"  - {f.movie.label}, {_rating(f)}" for f in films)]


def _returns(r: Returns) -> str:
    if r.overall is None or r.median is None:
        return "return: unknown (no film with both budget and revenue known)"
    return (f"return over the {_films(r.films)} with budget and revenue known: total "
            f"{r.overall:.2f}x ({_money(r.total_revenue)} earned on {_money(r.total_budget)} "
            f"of budgets); median film {r.median:.2f}x")


def _render_top(result: TopList) -> str:
    span = ""
    if result.year_from or result.year_to:
        span = f" {result.year_from or '…'}-{result.year_to or '…'}"
    what = f"{result.genre or 'films'}{span}"
    if not result.items:
        if result.first_year is None:
            return f"No rated {what}."
        return (f"Nothing to rank for {what.strip()}: the catalogue's rated "
                f"{result.genre + ' films' if result.genre else 'films'} run from "
                f"{result.first_year} to {result.last_year}.")
    head = f"Top {len(result.items)} {what}, ranked by weighted rating"
    lines = [f"{n:>3}. {f.movie.label}  {_rating(f)}" for n, f in enumerate(result.items, 1)]
    return "\n".join([head, *lines])


def render(result: Any) -> str:
    """Human-readable text of any answer."""
    if isinstance(result, Answer):
        return render(result.result)
    if isinstance(result, Resolution):
        if result.movie is None:
            line = f"No film found for {result.query!r}"
            alts = ", ".join(a.label for a in result.alternatives)
            return line + (f". Did you mean: {alts}?" if alts else ".")
        line = f"{result.movie.label}  [id {result.movie.id}, confidence {result.confidence:.2f}]"
        if result.alternatives:
            line += "\nalso: " + ", ".join(a.label for a in result.alternatives)
        return line
    if isinstance(result, PersonResolution):
        if result.name is None:
            alts = ", ".join(result.alternatives)
            tail = f". Did you mean: {alts}?" if alts else "."
            return f"Nobody found for {result.query!r}{tail}"
        tail = f"\nalso: {', '.join(result.alternatives)}" if result.alternatives else ""
        return f"{result.name}  [confidence {result.confidence:.2f}]{tail}"
    if isinstance(result, MovieCard):
        return _render_card(result)
    if isinstance(result, Score):
        pop = f"{result.popularity:.2f}" if result.popularity is not None else "unknown"
        if result.vote_average is None:
            return f"{result.movie.label}: popularity {pop}"
        return (f"{result.movie.label}: rated {result.vote_average:.1f}/10 "
                f"({result.vote_count:,} votes), popularity {pop}")
    if isinstance(result, Votes):
        rule = f"the vote question counts films with at least {result.required:,} votes"
        if not result.vote_count or result.vote_average is None:
            return f"{result.movie.label}: no votes yet, so no average ({rule})"
        line = (f"{result.movie.label}: {result.vote_count:,} votes, average "
                f"{result.vote_average:.1f}/10")
        if result.qualifies:
            return f"{line} (qualifies: {rule})"
        short = result.required - result.vote_count
        return f"{line} (does not qualify: {rule}; {short:,} short)"
    if isinstance(result, Runtime):
        mins = f"{result.minutes} minutes" if result.minutes else "unknown runtime"
        return f"{result.movie.label}: {mins}"
    if isinstance(result, Count):
        what = {"month": "released in", "day": "released on a", "language": "originally in",
                "country": "produced in"}[result.kind]
        code = {"language": f" (language code {result.key})",
                "country": f" (country code {result.key})"}.get(result.kind, "")
        head = f"{_films(result.count)} {what} {result.name}{code}"
        return "\n".join([head, *_best_known(result.best_known)])
    if isinstance(result, ActorStats):
        lines = [f"{result.name}: {_films(result.films)}", _returns(result.returns)]
        return "\n".join(lines + _best_known(result.best_known[:10]))
    if isinstance(result, DirectorStats):
        head = [f"{result.name}: {_films(len(result.films))}", _returns(result.returns)]
        return "\n".join([*head, *(_film(f) for f in result.films)])
    if isinstance(result, CollectionStats):
        head = (f"{result.name}: {_films(len(result.films))}; total revenue "
                f"{_money(result.total_revenue)}, average {_money(result.average_revenue)} "
                f"(over the {_films(result.films_with_revenue)} with a known revenue)")
        return "\n".join([head, *(_film(f) for f in result.films)])
    if isinstance(result, CompanyStats):
        head = (f"{result.name}: {_films(result.films)}; total revenue "
                f"{_money(result.total_revenue)} (from the {_films(result.films_with_revenue)} "
                "with a known revenue)")
        return "\n".join([head, *_best_known(result.best_known)])
    if isinstance(result, TopList):
        return _render_top(result)
    if isinstance(result, list):
        return "\n".join(str(x) for x in result)
    return str(result)


def _render_card(c: MovieCard) -> str:
    rating = _rating(c)
    lines = [
        f"{c.title} ({c.year})" + (f" [{c.original_title}]" if c.original_title
                                    and c.original_title != c.title else ""),
        f"runtime: {c.runtime or '?'} min; genres: {', '.join(c.genres) or '-'}",
        f"director: {', '.join(c.directors) or '-'}; cast: {', '.join(c.cast) or '-'}",
        f"rating: {rating}",
        f"budget {_money(c.budget)}, revenue {_money(c.revenue)}, return {_ret(c.return_)}",
    ]
    if c.collection:
        lines.append(f"collection: {c.collection}")
    if c.tagline:
        lines.append(f"“{c.tagline}”")
    if c.overview:
        lines.append(c.overview)
    lines.append(" ".join(x for x in (c.tmdb_url, c.imdb_url, c.poster_url) if x))
    return "\n".join(lines)


def _by_title(question: Callable[[Catalogue, int], Any], *, by_id: bool = False):
    """Answer function for a film question: resolve the text (or take it as an id) first."""

    def answer(cat: Catalogue, text: str) -> Any:
        if by_id:
            movie_id = int(text) if text.strip().isdigit() else None
            ref = cat.ref(movie_id) if movie_id is not None else None
            if ref is None:
                return NotFound(text, "movie")
            res = Resolution(text, ref, 1.0)
        else:
            res = cat.resolve(text)
            if res.movie is None:
                return NotFound(res.query, "empty" if not res.query else "movie",
                                [a.label for a in res.alternatives])
        result = question(cat, res.movie.id)
        return NotFound(text, "movie") if result is None else Answer(text, res, result)

    return answer


_DECADE = re.compile(r"^(\d{3})0s?$")


def decade(text: str) -> int:
    """`--decade 1990s` (or 1990) -> 1990; anything else is a usage error, never ignored."""
    m = _DECADE.match(text.strip().lower().replace("'", ""))
    if not m:
        raise argparse.ArgumentTypeError(f"write a decade like 1990s, not {text!r}")
    return int(m.group(1)) * 10


def _top(args: argparse.Namespace) -> Callable[[Catalogue, str], Any]:
    year_from, year_to = args.year_from, args.year_to
    if args.year is not None:
        year_from = year_to = args.year
    if args.decade is not None:
        year_from, year_to = args.decade, args.decade + 9

    def answer(cat: Catalogue, text: str) -> Any:
        # "terror de los 80", "comedy 1990s": read like the chat's /top argument.
        genre, y_from, y_to = parse_top(text)
        return cat.top(genre=genre, year_from=year_from if y_from is None else y_from,
                       year_to=year_to if y_to is None else y_to, limit=args.limit)

    return answer


TEXT_QUESTIONS: dict[str, tuple[str, str, Callable[[Catalogue, str], Any]]] = {
    "month": ("films released in a month", "enero, January or 1",
              lambda c, t: c.films_in_month(t)),
    "day": ("films released on a weekday", "miércoles, miercoles or wednesday",
            lambda c, t: c.films_on_day(t)),
    "language": ("films in an original language", "es, Spanish or español",
                 lambda c, t: c.language(t)),
    "country": ("films produced in a country", "ES, Spain or España",
                lambda c, t: c.country(t)),
    "actor": ("an actor's films and return", "name, e.g. penelope cruz",
              lambda c, t: c.actor(t)),
    "director": ("a director's films with budget, revenue and return",
                 "name, e.g. pedro almodovar", lambda c, t: c.director(t)),
    "franchise": ("a collection's films and revenue", "name, e.g. toy story",
                  lambda c, t: c.collection(t)),
    "company": ("a production company's films and revenue", "name, e.g. pixar",
                lambda c, t: c.company(t)),
}

FILM_QUESTIONS: dict[str, tuple[str, Callable[[Catalogue, int], Any]]] = {
    "movie": ("the card of a film", lambda c, i: c.movie(i)),
    "score": ("title, year, rating and popularity", lambda c, i: c.score(i)),
    "votes": ("vote count and average (2,000-vote rule)", lambda c, i: c.votes(i)),
    "runtime": ("runtime in minutes", lambda c, i: c.runtime(i)),
}


def _text_arg(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("text", nargs="+", metavar="TEXT", help=f"{what}, or - to read lines from stdin")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the catalogue questions to `moviebot query`."""
    p = add_options(commands.add_parser("resolve", help="which film a text means"))
    _text_arg(p, "a title as people type it, e.g. 'titanic 1997'")
    p.add_argument("--limit", type=int, default=5, help="alternatives to show (default 5)")
    p.set_defaults(func=lambda a: run_query(
        a, lambda c, t: c.resolve(t, limit=a.limit), render=render))

    p = add_options(commands.add_parser("person", help="which actor or director a text means"))
    _text_arg(p, "a name, e.g. 'guillermo del toro'")
    p.add_argument("--role", choices=["actor", "director"], default=None)
    p.set_defaults(func=lambda a: run_query(
        a, lambda c, t: c.resolve_person(t, role=a.role), render=render))

    for name, (help_text, question) in FILM_QUESTIONS.items():
        p = add_options(commands.add_parser(name, help=help_text))
        _text_arg(p, "a title (or a TMDB id with --id)")
        p.add_argument("--id", action="store_true", help="TEXT is a TMDB id")
        p.set_defaults(func=lambda a, q=question: run_query(
            a, _by_title(q, by_id=a.id), render=render))

    aliases = {"franchise": ["collection"], "day": ["weekday"]}
    for name, (help_text, example, question) in TEXT_QUESTIONS.items():
        p = add_options(commands.add_parser(name, help=help_text, aliases=aliases.get(name, [])))
        _text_arg(p, example)
        p.set_defaults(func=lambda a, q=question: run_query(a, q, render=render))

    p = add_options(commands.add_parser(
        "top", help="best films by weighted rating, optionally by genre and years"))
    p.add_argument("text", nargs="*", metavar="GENRE",
                   help="genre (English or Spanish), or - to read genres from stdin")
    p.add_argument("--year", type=int, default=None)
    p.add_argument("--decade", type=decade, default=None, help="e.g. 1990s")
    p.add_argument("--from", dest="year_from", type=int, default=None)
    p.add_argument("--to", dest="year_to", type=int, default=None)
    p.add_argument("--limit", type=in_range(1, 100, "--limit"), default=10,
                   help="how many films (1 to 100, default 10)")
    p.set_defaults(func=lambda a: run_query(a, _top(a), render=render))

    p = add_options(commands.add_parser(
        "understand", help="how a message is read: the command and argument it means"))
    _text_arg(p, "anything people type, e.g. 'algo como titanic de los 90'")
    p.set_defaults(func=lambda a: run_query(
        a, lambda c, t: interpret(t, catalogue=c), render=_intent))

    p = add_options(commands.add_parser("genres", help="genre names in the catalogue"))
    p.set_defaults(text="", func=lambda a: run_query(
        a, lambda c, _t: {"genres": c.genres()},
        render=lambda r: "\n".join(r["genres"])))

    p = add_options(commands.add_parser("info", help="what the open catalogue holds"))
    p.set_defaults(text="", func=lambda a: run_query(a, lambda c, _t: c.info(), render=_info))


def _intent(intent: Any) -> str:
    return f"/{intent.command} {intent.arg}".rstrip() + (
        f"  (lang: {intent.lang})" if intent.lang else "")


def _info(info: Any) -> str:
    return "\n".join(f"{k}: {v}" for k, v in to_json(info).items())
