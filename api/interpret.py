"""What people type, read through core: the API's one seam to core's interpretation.

Every route reads titles, names, months, weekdays, languages, countries and genres through
these functions, so when core's single interpreter lands only this module changes. Each
returns the core answer, or raises `ApiError` (404 with "did you mean", 422 for empty).

    >>> film(catalogue, "titanic 1997")            # doctest: +SKIP
    MovieRef(id=597, title='Titanic', year=1997)
"""

from __future__ import annotations

from moviebot.api.errors import ApiError
from moviebot.core import lookups
from moviebot.core.catalogue import Catalogue
from moviebot.core.interpret.filters import genre_in
from moviebot.core.models import (
    ActorStats,
    CollectionStats,
    CompanyStats,
    Count,
    DirectorStats,
    MovieRef,
    NotFound,
    PersonResolution,
    Resolution,
)
from moviebot.core.text import clean_query, fold


def search(cat: Catalogue, text: str) -> Resolution:
    """The film meant by `text`, with alternatives (None below the confidence threshold)."""
    return cat.resolve(text)


def film(cat: Catalogue, text: str) -> MovieRef:
    """The film meant by `text` ("titanic 1997", "el laberinto del fauno"), else 404."""
    res = cat.resolve(text)
    if res.movie is None:
        if not fold(res.query):
            raise ApiError.not_found(NotFound(res.query, "empty"))
        raise ApiError.movie_not_found(res.query, res.alternatives)
    return res.movie


def seed(cat: Catalogue, text: str) -> MovieRef:
    """A film by id ("862") or by title ("Toy Story")."""
    stripped = text.strip()
    if stripped.isdigit():
        ref = cat.ref(int(stripped))
        if ref is not None:
            return ref
    return film(cat, text)


def person(cat: Catalogue, text: str) -> PersonResolution:
    return cat.resolve_person(text)


def _answer(result):
    if isinstance(result, NotFound):
        raise ApiError.not_found(result)
    return result


def month(cat: Catalogue, text: str) -> Count:
    return _answer(cat.films_in_month(text))


def weekday(cat: Catalogue, text: str) -> Count:
    return _answer(cat.films_on_day(text))


def language(cat: Catalogue, text: str) -> Count:
    return _answer(cat.language(text))


def country(cat: Catalogue, text: str) -> Count:
    return _answer(cat.country(text))


def actor(cat: Catalogue, text: str) -> ActorStats:
    return _answer(cat.actor(text))


def director(cat: Catalogue, text: str) -> DirectorStats:
    return _answer(cat.director(text))


def collection(cat: Catalogue, text: str) -> CollectionStats:
    return _answer(cat.collection(text))


def company(cat: Catalogue, text: str) -> CompanyStats:
    return _answer(cat.company(text))


def genre(cat: Catalogue, text: str | None) -> str | None:
    """The catalogue's genre name for English or Spanish text ("terror" -> "Horror")."""
    if text is None or not fold(clean_query(text)):
        return None
    found = genre_in(cat, text, lookup=lookups.genre)  # as /top reads it in the chat
    if isinstance(found, NotFound):
        raise ApiError.not_found(found)
    return found


def language_code(cat: Catalogue, text: str | None) -> str | None:
    """An original language's code from a code or a name ("es", "español", "Spanish")."""
    if text is None or not fold(clean_query(text)):
        return None
    return str(language(cat, text).key)
