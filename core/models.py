"""Typed results of catalogue questions.

Everything `core` hands out is one of these frozen dataclasses (or a list of them):
no pandas, no DuckDB rows, no Telegram. `to_json()` gives the CLI's `--json` shape.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

TMDB_IMAGE_BASE = "https://image.tmdb.org/t/p/"


def to_json(obj: Any) -> Any:
    """Plain JSON-ready value of a result (dates as ISO strings, `return_` as "return")."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for f in dataclasses.fields(obj):
            out[f.name.rstrip("_")] = to_json(getattr(obj, f.name))
        return out
    if isinstance(obj, list | tuple):
        return [to_json(x) for x in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


@dataclass(frozen=True, slots=True)
class MovieRef:
    """A film named the way people name it: `Titanic (1997)`."""

    id: int
    title: str
    year: int | None

    @property
    def label(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title


@dataclass(frozen=True, slots=True)
class NotFound:
    """Nothing matched `query` well enough; `suggestions` are the nearest names ("did you mean")."""

    query: str
    kind: Literal[
        "movie", "person", "actor", "director", "language", "country", "company",
        "collection", "month", "day", "genre", "empty",
    ]
    suggestions: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Answer to "which film did the user mean?".

    `movie` is None below the confidence threshold ("not found"); `alternatives` holds up
    to 5 other candidates (other films of the same title, near misses), best first.
    """

    query: str
    movie: MovieRef | None
    confidence: float
    alternatives: list[MovieRef] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        m = self.movie
        return {
            "query": self.query,
            "id": m.id if m else None,
            "title": m.title if m else None,
            "year": m.year if m else None,
            "confidence": round(self.confidence, 3),
            "alternatives": [to_json(a) for a in self.alternatives],
        }


@dataclass(frozen=True, slots=True)
class PersonResolution:
    """Answer to "which actor/director did the user mean?" (same rules as titles)."""

    query: str
    name: str | None
    confidence: float
    alternatives: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MovieCard:
    """Everything the bot shows about one film."""

    id: int
    title: str
    original_title: str | None
    year: int | None
    release_date: date | None
    runtime: int | None
    genres: list[str]
    directors: list[str]
    cast: list[str]
    vote_average: float | None
    vote_count: int
    weighted_rating: float | None
    popularity: float | None
    budget: int
    revenue: int
    return_: float
    collection: str | None
    overview: str | None
    tagline: str | None
    original_language: str | None
    poster_url: str | None
    tmdb_url: str
    imdb_url: str | None
    spanish_titles: tuple[str, ...] = ()  # Spanish release titles (Spain first if they differ)

    @property
    def ref(self) -> MovieRef:
        return MovieRef(self.id, self.title, self.year)


@dataclass(frozen=True, slots=True)
class FilmLine:
    """One film in a list (director's films, franchise, top list)."""

    movie: MovieRef
    release_date: date | None
    budget: int
    revenue: int
    return_: float
    vote_average: float | None
    vote_count: int
    weighted_rating: float | None


@dataclass(frozen=True, slots=True)
class Count:
    """How many films match a month, weekday, language or country.

    `key` is the canonical value (month number, weekday number with Monday = 0, ISO code);
    `name` its English name; `best_known` the films of that count with the most votes.
    """

    kind: Literal["month", "day", "language", "country"]
    key: str | int
    name: str
    count: int
    best_known: list[FilmLine] = field(default_factory=list)  # the most-voted few, best first


@dataclass(frozen=True, slots=True)
class Score:
    """A film's TMDB popularity (the bootcamp's "score") and its rating: the average of its
    votes, as its card shows (None without votes)."""

    movie: MovieRef
    popularity: float | None
    vote_average: float | None = None
    vote_count: int = 0


@dataclass(frozen=True, slots=True)
class Votes:
    """Votes of a film: the same count and TMDB average its card shows; `qualifies` is the
    vote question's own rule (the bootcamp's: at least `required` votes)."""

    movie: MovieRef
    vote_count: int
    vote_average: float | None
    qualifies: bool
    required: int = 2000


@dataclass(frozen=True, slots=True)
class Runtime:
    movie: MovieRef
    minutes: int | None


@dataclass(frozen=True, slots=True)
class Returns:
    """What a person's films returned, over the films whose budget and revenue are both known.

    `overall` is their total revenue / total budget ("returned 4.2× their budgets": the
    bootcamp's "retorno total"); `median` is the return of the median film ("retorno
    promedio", as a median so one film with a token budget cannot dominate it). Both are
    None when no film has both figures.
    """

    films: int  # films with budget and revenue known
    total_budget: int
    total_revenue: int
    overall: float | None
    median: float | None


@dataclass(frozen=True, slots=True)
class ActorStats:
    """An actor's films (by release date, `all_films`), the best-known first (`best_known`,
    every film by votes) and their returns."""

    name: str
    films: int
    returns: Returns
    best_known: list[FilmLine]
    all_films: list[FilmLine]


@dataclass(frozen=True, slots=True)
class DirectorStats:
    """A director's films (by release date) with return, budget and revenue."""

    name: str
    returns: Returns
    films: list[FilmLine]


@dataclass(frozen=True, slots=True)
class CollectionStats:
    """A franchise; revenue averages count only films whose revenue is known."""

    name: str
    films: list[FilmLine]
    films_with_revenue: int
    total_revenue: int
    average_revenue: float | None


@dataclass(frozen=True, slots=True)
class CompanyStats:
    name: str
    films: int
    films_with_revenue: int
    total_revenue: int
    best_known: list[FilmLine] = field(default_factory=list)  # the most-voted few


@dataclass(frozen=True, slots=True)
class TopList:
    """Films ranked by weighted rating, optionally for a genre and a year range.

    The weighted rating only ranks (it pulls films with few votes towards the catalogue's
    mean); a film's rating shown to people is its `vote_average` with `vote_count`.
    `first_year`/`last_year`: the years the rated films of that genre (or all) cover, so an
    empty list can say where there is something.
    """

    genre: str | None
    year_from: int | None
    year_to: int | None
    items: list[FilmLine]
    first_year: int | None = None
    last_year: int | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions on recommendations; None means "any"."""

    year_from: int | None = None
    year_to: int | None = None
    genre: str | None = None
    language: str | None = None
    min_rating: float | None = None


@dataclass(frozen=True, slots=True)
class Recommended:
    """One recommended film; `reason` is English, `reason_kind`/`reason_args` let the bot
    translate it: kind is collection, director, liked, cast, keyword, genre or story, and
    args hold `seed_id`, `seed_title` and `names` (the shared people, keywords, ...).
    `score` is in [0, 1], relative to the best match, and never rises down a list."""

    movie: MovieRef
    score: float
    reason: str
    reason_kind: str = ""
    reason_args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Recommendations:
    """`results` never contains a seed; `signal` says "hybrid" or "content" (no ratings)."""

    seeds: list[MovieRef]
    results: list[Recommended]
    signal: Literal["hybrid", "content"]

    def to_json(self) -> dict[str, Any]:
        return {
            "seeds": [to_json(s) for s in self.seeds],
            "results": [
                {**to_json(r.movie), "score": round(r.score, 4), "reason": r.reason,
                 "reason_kind": r.reason_kind, "reason_args": r.reason_args}
                for r in self.results
            ],
            "signal": self.signal,
        }


@dataclass(frozen=True, slots=True)
class CatalogueInfo:
    """What /stats and /reload report about the open file."""

    path: str
    schema_version: int
    data_version: str
    built_at: str
    movies: int
    people: int
    has_ratings: bool
