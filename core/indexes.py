"""In-memory name indexes built from the catalogue file (titles, people, franchises, companies).

The film table and titles are built when the catalogue opens; the others on first use
(see `Catalogue.warm`).

>>> import duckdb  # doctest: +SKIP
>>> films = FilmTable.load(duckdb.connect("data/movies.duckdb", read_only=True))  # doctest: +SKIP
>>> films.ref(films.row_of[862])  # doctest: +SKIP
MovieRef(id=862, title='Toy Story', year=1995)
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from moviebot.core.match import Matcher
from moviebot.core.models import FilmLine, MovieRef


def _filled(column, fill, dtype) -> np.ndarray:
    """A fetched column as a plain array, NULLs replaced by `fill`."""
    return np.ma.filled(np.ma.asarray(column), fill).astype(dtype)


@dataclass
class FilmTable:
    """Every film's figures in memory (a few MB at 45k films) and the title matcher.

    Questions about films (score, votes, runtime, lists, counts, top) are answered from
    these arrays: no SQL round trip, so each stays well under a millisecond.
    """

    ids: np.ndarray  # int64, sorted
    titles: list[str]
    years: list[int | None]
    year_arr: np.ndarray  # int64, -1 = unknown
    release: np.ndarray  # datetime64[D]
    budget: np.ndarray  # int64, 0 = unknown
    revenue: np.ndarray  # int64, 0 = unknown
    ret: np.ndarray  # float64, 0 = unknown
    vote_average: np.ndarray  # float64, NaN = no votes
    vote_count: np.ndarray  # int64
    weighted: np.ndarray  # float64, NaN = no votes
    popularity: np.ndarray  # float64, NaN = unknown
    runtime: np.ndarray  # int64, -1 = unknown
    month_counts: np.ndarray  # films per month, index 1..12
    weekday_counts: np.ndarray  # films per weekday, Monday = 0
    matcher: Matcher
    row_of: dict[int, int]

    @classmethod
    def load(cls, con) -> FilmTable:
        num = con.execute(
            'SELECT id, budget, revenue, "return", vote_average, vote_count, weighted_rating, '
            "popularity, runtime, release_date, release_year FROM movies ORDER BY id"
        ).fetchnumpy()
        names = con.execute("SELECT title, original_title FROM movies ORDER BY id").fetchall()
        ids = np.asarray(num["id"], dtype=np.int64)
        release = np.asarray(num["release_date"]).astype("datetime64[D]")
        years_arr = _filled(num["release_year"], -1, np.int64)
        titles = [t or o or "" for t, o in names]
        years = [int(y) if y >= 0 else None for y in years_arr.tolist()]
        votes = _filled(num["vote_count"], 0, np.int64)
        pop = _filled(num["popularity"], np.nan, np.float64)
        all_names: list[str] = []
        owners: list[int] = []
        for i, (title, orig) in enumerate(names):
            all_names.append(titles[i])
            owners.append(i)
            if orig and orig != title:
                all_names.append(orig)
                owners.append(i)
        # Best-known = most votes; popularity only separates films without votes.
        fame = votes + np.minimum(np.nan_to_num(pop), 50.0) / 50.0
        matcher = Matcher(all_names, owners, fame, articles=True)
        valid = release[~np.isnat(release)]
        months = valid.astype("datetime64[M]").astype(np.int64) % 12 + 1
        # 1970-01-01 was a Thursday (Monday = 0 -> 3).
        weekdays = (valid.astype(np.int64) + 3) % 7
        return cls(
            ids=ids,
            titles=titles,
            years=years,
            year_arr=years_arr,
            release=release,
            budget=_filled(num["budget"], 0, np.int64),
            revenue=_filled(num["revenue"], 0, np.int64),
            ret=_filled(num["return"], 0.0, np.float64),
            vote_average=_filled(num["vote_average"], np.nan, np.float64),
            vote_count=votes,
            weighted=_filled(num["weighted_rating"], np.nan, np.float64),
            popularity=pop,
            runtime=_filled(num["runtime"], -1, np.int64),
            month_counts=np.bincount(months, minlength=13),
            weekday_counts=np.bincount(weekdays, minlength=7),
            matcher=matcher,
            row_of={m: i for i, m in enumerate(ids.tolist())},
        )

    @property
    def votes(self) -> np.ndarray:
        return self.vote_count

    def ref(self, row: int) -> MovieRef:
        return MovieRef(int(self.ids[row]), self.titles[row], self.years[row])

    def rows(self, movie_ids) -> list[int]:
        """Rows of the known ids, in the order given."""
        get = self.row_of.get
        return [r for r in (get(int(i)) for i in movie_ids) if r is not None]

    def line(self, row: int) -> FilmLine:
        rel = self.release[row]
        va, wr = self.vote_average[row], self.weighted[row]
        return FilmLine(
            movie=self.ref(row),
            release_date=None if np.isnat(rel) else rel.astype(object),
            budget=int(self.budget[row]),
            revenue=int(self.revenue[row]),
            return_=float(self.ret[row]),
            vote_average=None if np.isnan(va) else float(va),
            vote_count=int(self.vote_count[row]),
            weighted_rating=None if np.isnan(wr) else float(wr),
        )

    def lines_by_date(self, rows: list[int]) -> list[FilmLine]:
        """FilmLines sorted by release date, then id."""
        if not rows:
            return []
        r = np.asarray(rows, dtype=np.int64)
        r = r[np.lexsort((self.ids[r], self.release[r]))]
        return self.lines(r)

    def lines(self, rows: np.ndarray) -> list[FilmLine]:
        """FilmLines of `rows` in that order, converted column-wise (prolific actors have
        a thousand films: one conversion per column, not per value)."""
        rows = np.asarray(rows, dtype=np.int64)
        va = self.vote_average[rows]
        wr = self.weighted[rows]
        columns = zip(
            rows.tolist(),
            self.release[rows].astype(object).tolist(),  # datetime.date, None for NaT
            self.budget[rows].tolist(),
            self.revenue[rows].tolist(),
            self.ret[rows].tolist(),
            np.where(np.isnan(va), None, va).tolist(),
            self.vote_count[rows].tolist(),
            np.where(np.isnan(wr), None, wr).tolist(),
            strict=True,
        )
        ids, titles, years = self.ids, self.titles, self.years
        return [
            FilmLine(MovieRef(int(ids[i]), titles[i], years[i]), rel, b, rev, ret, v, n, w)
            for i, rel, b, rev, ret, v, n, w in columns
        ]


CAST_ON_CARD = 5


class CardText(NamedTuple):
    """What a movie card shows beyond the film table's figures."""

    original_title: str | None
    overview: str | None
    tagline: str | None
    language: str | None
    poster_path: str | None
    imdb_id: str | None
    genres: list[str]
    directors: list[str]
    cast: list[str]
    collection: str | None


def load_card_texts(con, ids: list[int] | None = None) -> dict[int, CardText]:
    """Card texts of `ids` (validated ints) in two round trips, or of every film if None.

    Every film's texts take ~30 MB at 45k films; `Catalogue.warm` keeps them in memory so
    that a card costs no SQL at all."""
    where = f"WHERE movie_id IN ({','.join(map(str, ids)) or 'NULL'})" if ids is not None else ""
    where_id = where.replace("movie_id", "id")
    texts = con.execute(
        "SELECT id, original_title, overview, tagline, original_language, poster_path, "
        f"imdb_id FROM movies {where_id}"
    ).fetchall()
    cast_where = f"{where} AND" if where else "WHERE"
    lists: dict[tuple[str, int], list[str]] = {}
    for kind, mid, name in con.execute(
        f"""
        SELECT kind, movie_id, name FROM (
            SELECT 'g' AS kind, movie_id, name, position AS o FROM genres {where}
            UNION ALL SELECT 'd', movie_id, name, 0 FROM directors {where}
            UNION ALL SELECT 'c', movie_id, name, "order" FROM cast_members
                {cast_where} "order" < {CAST_ON_CARD}
            UNION ALL SELECT 'k', movie_id, name, 0 FROM collections {where}
        ) ORDER BY kind, movie_id, o, name
        """
    ).fetchall():
        names = lists.setdefault((kind, mid), [])
        if name and name not in names:
            names.append(name)
    empty: list[str] = []
    return {
        r[0]: CardText(
            *r[1:],
            genres=lists.get(("g", r[0]), empty),
            directors=lists.get(("d", r[0]), empty),
            cast=lists.get(("c", r[0]), empty),
            collection=(lists.get(("k", r[0])) or [None])[0],
        )
        for r in texts
    }


class Postings:
    """Lists of movie ids, one per name, stored flat (people have ~500k credits at 45k films:
    flat int arrays instead of half a million Python ints)."""

    def __init__(self, offsets: np.ndarray, values: np.ndarray) -> None:
        self.offsets = offsets
        self.values = values

    @classmethod
    def from_lists(cls, lists: list[list[int]]) -> Postings:
        lengths = np.fromiter(map(len, lists), np.int64, len(lists))
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        values = np.fromiter(itertools.chain.from_iterable(lists), np.int64, int(offsets[-1]))
        return cls(offsets, values)

    def __getitem__(self, i: int) -> list[int]:
        return self.values[self.offsets[i] : self.offsets[i + 1]].tolist()

    def __len__(self) -> int:
        return len(self.offsets) - 1


@dataclass
class NameIndex:
    """Distinct names (people, franchises or companies) with the films of each."""

    names: list[str]
    films: Postings  # movie ids per name (people: as actor)
    matcher: Matcher
    roles: np.ndarray | None = None  # people: bit 1 actor, bit 2 director
    directed: Postings | None = None  # people: movie ids as director


ACTOR, DIRECTOR = 1, 2

_PEOPLE = """
    SELECT DISTINCT name, movie_id, role FROM (
        SELECT name, movie_id, 1 AS role FROM cast_members
        UNION ALL
        SELECT name, movie_id, 2 AS role FROM directors
    ) WHERE name IS NOT NULL AND trim(name) <> ''
"""


def load_people(con, films: FilmTable) -> NameIndex:
    """Actors and directors by name (the real credits carry names only, no person ids).

    Credits come back as numbers (person number, movie, role) so that nothing per credit
    becomes a Python object; best-known = most votes over their films."""
    names = [r[0] for r in con.execute(
        f"SELECT DISTINCT name FROM ({_PEOPLE}) ORDER BY name"
    ).fetchall()]
    credits = con.execute(
        f"""
        WITH p AS ({_PEOPLE}),
             n AS (SELECT name, row_number() OVER (ORDER BY name) - 1 AS pid
                   FROM (SELECT DISTINCT name FROM p))
        SELECT n.pid, p.movie_id, p.role FROM p JOIN n USING (name)
        ORDER BY n.pid, p.movie_id
        """
    ).fetchnumpy()
    pid = np.asarray(credits["pid"], dtype=np.int64)
    movie = np.asarray(credits["movie_id"], dtype=np.int64)
    role = np.asarray(credits["role"], dtype=np.int64)
    n = len(names)

    def postings(mask: np.ndarray) -> Postings:
        offsets = np.searchsorted(pid[mask], np.arange(n + 1)).astype(np.int64)
        return Postings(offsets, movie[mask])

    pos = np.clip(np.searchsorted(films.ids, movie), 0, max(len(films.ids) - 1, 0))
    votes = np.where(films.ids[pos] == movie, films.vote_count[pos], 0).astype(np.float64)
    fame = np.bincount(pid, weights=votes + 1.0, minlength=n)
    roles = np.zeros(n, dtype=np.int8)
    np.bitwise_or.at(roles, pid, role.astype(np.int8))
    matcher = Matcher(names, range(n), fame, articles=False, joins=False)
    return NameIndex(names, postings(role == ACTOR), matcher, roles=roles,
                     directed=postings(role == DIRECTOR))


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
    return NameIndex(names, Postings.from_lists([r[1] for r in rows]), matcher)


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
    return NameIndex(names, Postings.from_lists([r[1] for r in rows]), matcher)
