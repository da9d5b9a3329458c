"""The open catalogue: one read-only DuckDB file and the indexes built from it.

CONTRACT (the bot and CLI are written against these signatures; keep them):
every method is safe to call from several threads; movie questions take a TMDB id
(resolve text first with `resolve`); name questions take the user's text and return the
stats or a `NotFound` with suggestions; nothing raises on user input.
"""

from __future__ import annotations

from pathlib import Path

from moviebot.core.models import (
    ActorStats,
    CatalogueInfo,
    CollectionStats,
    CompanyStats,
    Count,
    DirectorStats,
    Filters,
    MovieCard,
    MovieRef,
    NotFound,
    PersonResolution,
    Recommendations,
    Resolution,
    Runtime,
    Score,
    TopList,
    Votes,
)


class CatalogueError(Exception):
    """The file is missing, not a DuckDB file, or not a catalogue of a known schema."""


class Catalogue:
    """Questions over one catalogue file.

    >>> cat = Catalogue.open("data/movies.duckdb")
    >>> cat.resolve("titanic 1997").movie
    MovieRef(id=597, title='Titanic', year=1997)
    """

    @classmethod
    def open(cls, path: str | Path) -> Catalogue:
        """Open `path` read-only and build the in-memory indexes (raises CatalogueError)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def info(self) -> CatalogueInfo:
        raise NotImplementedError

    # -- finding things from what people type ---------------------------------------
    def resolve(self, text: str, *, limit: int = 5) -> Resolution:
        """The film meant by `text` ("Titanic 1997", "amelie", "el laberinto del fauno")."""
        raise NotImplementedError

    def resolve_person(self, text: str, *, role: str | None = None) -> PersonResolution:
        """The actor or director meant by `text`; role is "actor", "director" or None."""
        raise NotImplementedError

    def suggest(self, text: str, *, limit: int = 10) -> list[MovieRef]:
        """Best title matches for as-you-type search (inline mode); may be empty."""
        raise NotImplementedError

    # -- one film -------------------------------------------------------------------
    def movie(self, movie_id: int) -> MovieCard | None:
        raise NotImplementedError

    def cards(self, movie_ids: list[int]) -> list[MovieCard]:
        """Cards for several films in one round trip, in the order given (unknown ids skipped)."""
        raise NotImplementedError

    def score(self, movie_id: int) -> Score | None:
        raise NotImplementedError

    def votes(self, movie_id: int) -> Votes | None:
        raise NotImplementedError

    def runtime(self, movie_id: int) -> Runtime | None:
        raise NotImplementedError

    # -- counts -------------------------------------------------------------------------
    def films_in_month(self, text: str) -> Count | NotFound:
        """Films released in a month: "enero", "January", "1"."""
        raise NotImplementedError

    def films_on_day(self, text: str) -> Count | NotFound:
        """Films released on a weekday: "miércoles", "miercoles", "wednesday"."""
        raise NotImplementedError

    def language(self, text: str) -> Count | NotFound:
        """Films in an original language: "es", "Spanish", "español"."""
        raise NotImplementedError

    def country(self, text: str) -> Count | NotFound:
        """Films produced in a country: "ES", "Spain", "España"."""
        raise NotImplementedError

    # -- people, franchises, companies ----------------------------------------------------
    def actor(self, text: str) -> ActorStats | NotFound:
        raise NotImplementedError

    def director(self, text: str) -> DirectorStats | NotFound:
        raise NotImplementedError

    def collection(self, text: str) -> CollectionStats | NotFound:
        raise NotImplementedError

    def company(self, text: str) -> CompanyStats | NotFound:
        raise NotImplementedError

    def top(
        self,
        *,
        genre: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        limit: int = 10,
    ) -> TopList | NotFound:
        """Best by weighted rating; NotFound(kind="genre") for an unknown genre."""
        raise NotImplementedError

    def genres(self) -> list[str]:
        raise NotImplementedError

    # -- recommendations (implemented in core/recommend.py) -------------------------------
    def recommend(
        self, seeds: list[int], *, k: int = 5, filters: Filters | None = None
    ) -> Recommendations:
        """Films like the seed ids, best first; seeds never appear in the results."""
        raise NotImplementedError
