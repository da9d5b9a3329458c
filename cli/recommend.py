"""`moviebot query recommend`: films like one or several seeds, from the shell.

    moviebot query recommend "Toy Story" -k 10 --json
    moviebot query recommend "Alien; Blade Runner" --genre "science fiction" --year-from 1990
    moviebot query recommend --id 862
    printf 'amelie\\ntitanic\\n' | moviebot query recommend -      # one JSON line per seed
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from moviebot.cli.common import add_options, in_range, run_query
from moviebot.core.catalogue import Catalogue
from moviebot.core.interpret.filters import genre_in
from moviebot.core.models import Count, Filters, NotFound, Recommendations


@dataclass(frozen=True)
class RecAnswer:
    """Recommendations with the text they answer (for `--json` and batch mode)."""

    query: str
    result: Recommendations

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, **self.result.to_json()}


def render(result: Any) -> str:
    """Human-readable list."""
    if not isinstance(result, RecAnswer):
        return str(result)
    rec = result.result
    head = "Films like " + " + ".join(s.label for s in rec.seeds)
    if rec.signal == "content":
        head += " (from the films' content: this catalogue has no ratings)"
    if not rec.results:
        return head + ": nothing matches these filters."
    lines = [head + ":"]
    lines += [f"{n:>3}. {r.movie.label}  - {r.reason}" for n, r in enumerate(rec.results, 1)]
    return "\n".join(lines)


def _filters(cat: Catalogue, args: argparse.Namespace) -> Filters | NotFound:
    """Filters from the options, with genre and language names made canonical."""
    genre = language = None
    if args.genre:
        genre = genre_in(cat, args.genre)  # the same genre words as the chat
        if isinstance(genre, NotFound):
            return genre
    if args.language:
        found = cat.language(args.language)
        if not isinstance(found, Count):
            return found
        language = str(found.key)
    return Filters(year_from=args.year_from, year_to=args.year_to, genre=genre,
                   language=language, min_rating=args.min_rating)


def _seeds(cat: Catalogue, text: str, *, by_id: bool) -> list[int] | NotFound:
    """TMDB ids of the seeds in `text` ("Alien; Blade Runner"), or the first not found."""
    parts = [p.strip() for p in text.split(";") if p.strip()] or [text]
    ids = []
    for part in parts:
        if by_id:
            ref = cat.ref(int(part)) if part.isdigit() else None
            if ref is None:
                return NotFound(part, "movie")
            ids.append(ref.id)
            continue
        res = cat.resolve(part)
        if res.movie is None:
            return NotFound(res.query, "empty" if not res.query else "movie",
                            [a.label for a in res.alternatives])
        ids.append(res.movie.id)
    return ids


def answer(args: argparse.Namespace):
    """The answer function run_query calls for each input text."""

    def run(cat: Catalogue, text: str) -> RecAnswer | NotFound:
        filters = _filters(cat, args)
        if isinstance(filters, NotFound):
            return filters
        seeds = _seeds(cat, text, by_id=args.id)
        if isinstance(seeds, NotFound):
            return seeds
        return RecAnswer(text, cat.recommend(seeds, k=args.k, filters=filters))

    return run


def register(commands: argparse._SubParsersAction) -> None:
    """Add `recommend` to `moviebot query`."""
    p = add_options(commands.add_parser(
        "recommend", help="films like one or several others ('Alien; Blade Runner')"))
    p.add_argument("text", nargs="+", metavar="TITLE",
                   help="title(s) separated by ';', a TMDB id with --id, or - for stdin")
    p.add_argument("--id", action="store_true", help="TITLE is a TMDB id (or ids with ';')")
    p.add_argument("-k", type=in_range(1, 50, "-k (how many films)"), default=5,
                   help="how many films (1 to 50, default 5)")
    p.add_argument("--genre", default=None, help="only this genre (English or Spanish)")
    p.add_argument("--year-from", type=int, default=None)
    p.add_argument("--year-to", type=int, default=None)
    p.add_argument("--language", default=None, help="original language: es, Spanish, ...")
    p.add_argument("--min-rating", type=in_range(0, 10, "the minimum rating", whole=False),
                   default=None,
                   help="minimum TMDB average, 0 to 10")
    p.set_defaults(func=lambda a: run_query(a, answer(a), render=render))
