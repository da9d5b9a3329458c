"""In-memory name indexes built from the catalogue file (titles, people, franchises, companies).

Titles are built when the catalogue opens; the others on first use (see `Catalogue.warm`).

>>> import duckdb  # doctest: +SKIP
>>> titles = TitleIndex.load(duckdb.connect("data/movies.duckdb", read_only=True))  # doctest: +SKIP
>>> titles.ref(0)  # doctest: +SKIP
MovieRef(id=862, title='Toy Story', year=1995)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from moviebot.core.match import Matcher
from moviebot.core.models import MovieRef


@dataclass
class TitleIndex:
    """Every film's title and original title, with what ranks them (votes)."""

    ids: list[int]
    titles: list[str]
    years: list[int | None]
    votes: np.ndarray
    matcher: Matcher
    row_of: dict[int, int]

    @classmethod
    def load(cls, con) -> TitleIndex:
        rows = con.execute(
            "SELECT id, title, original_title, release_year, vote_count, popularity "
            "FROM movies ORDER BY id"
        ).fetchall()
        ids = [r[0] for r in rows]
        titles = [r[1] or r[2] or "" for r in rows]
        years = [r[3] for r in rows]
        votes = np.asarray([r[4] or 0 for r in rows], dtype=np.float64)
        pop = np.asarray([r[5] or 0.0 for r in rows], dtype=np.float64)
        names: list[str] = []
        owners: list[int] = []
        for i, r in enumerate(rows):
            names.append(titles[i])
            owners.append(i)
            if r[2] and r[2] != r[1]:
                names.append(r[2])
                owners.append(i)
        # Best-known = most votes; popularity only separates films without votes.
        fame = votes + np.minimum(pop, 50.0) / 50.0
        matcher = Matcher(names, owners, fame, articles=True)
        return cls(ids, titles, years, votes, matcher, {m: i for i, m in enumerate(ids)})

    def ref(self, row: int) -> MovieRef:
        return MovieRef(self.ids[row], self.titles[row], self.years[row])


@dataclass
class NameIndex:
    """Distinct names (people, franchises or companies) with the films of each."""

    names: list[str]
    films: list[list[int]]  # movie ids per name
    matcher: Matcher
    roles: list[int] | None = None  # people: bit 1 actor, bit 2 director

    def find_exact(self, name: str) -> int | None:
        """Index of `name` spelled exactly as in the catalogue."""
        if not hasattr(self, "_pos"):
            self._pos = {n: i for i, n in enumerate(self.names)}
        return self._pos.get(name)


ACTOR, DIRECTOR = 1, 2


def load_people(con) -> NameIndex:
    """Actors and directors by name (the real credits carry names only, no person ids)."""
    rows = con.execute(
        """
        SELECT p.name, list(DISTINCT p.movie_id), bit_or(p.role), sum(m.vote_count)
        FROM (
            SELECT name, movie_id, 1 AS role FROM cast_members
            UNION ALL
            SELECT name, movie_id, 2 AS role FROM directors
        ) p JOIN movies m ON m.id = p.movie_id
        WHERE p.name IS NOT NULL AND trim(p.name) <> ''
        GROUP BY p.name ORDER BY p.name
        """
    ).fetchall()
    names = [r[0] for r in rows]
    fame = [float(r[3] or 0) + len(r[1]) for r in rows]
    matcher = Matcher(names, range(len(names)), fame, articles=False)
    return NameIndex(names, [r[1] for r in rows], matcher, [r[2] for r in rows])


# Words that name the kind of thing rather than the thing ("Toy Story Collection").
_COLLECTION_WORDS = re.compile(
    r"\b(collection|colecci[oó]n|saga|franchise|franquicia|trilog(y|[ií]a)|series|serie|"
    r"films|movies|pel[ií]culas)\b",
    re.IGNORECASE,
)


def strip_collection_words(text: str) -> str:
    """ "Toy Story Collection" -> "Toy Story" (kept whole if nothing else remains)."""
    stripped = _COLLECTION_WORDS.sub(" ", text).strip()
    return stripped or text


def load_collections(con) -> NameIndex:
    rows = con.execute(
        """
        SELECT c.name, list(DISTINCT c.movie_id), sum(m.vote_count)
        FROM collections c JOIN movies m ON m.id = c.movie_id
        WHERE c.name IS NOT NULL
        GROUP BY c.name ORDER BY c.name
        """
    ).fetchall()
    names = [r[0] for r in rows]
    fame = [float(r[2] or 0) for r in rows]
    matcher = Matcher([strip_collection_words(n) for n in names], range(len(names)), fame)
    return NameIndex(names, [r[1] for r in rows], matcher)


def load_companies(con) -> NameIndex:
    rows = con.execute(
        """
        SELECT name, list(DISTINCT movie_id), count(DISTINCT movie_id)
        FROM companies WHERE name IS NOT NULL
        GROUP BY name ORDER BY name
        """
    ).fetchall()
    names = [r[0] for r in rows]
    fame = [float(r[2]) for r in rows]
    matcher = Matcher(names, range(len(names)), fame)
    return NameIndex(names, [r[1] for r in rows], matcher)
