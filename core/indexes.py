"""In-memory name indexes built from the catalogue file (titles, people, franchises, companies).

The film table and titles are built when the catalogue opens; the others on first use
(see `Catalogue.warm`).

>>> import duckdb  # doctest: +SKIP
>>> films = FilmTable.load(duckdb.connect("data/movies.duckdb", read_only=True))  # doctest: +SKIP
>>> films.ref(films.row_of[862])  # doctest: +SKIP
MovieRef(id=862, title='Toy Story', year=1995)
"""

from __future__ import annotations

import contextlib
import itertools
import re
import zlib
from array import array
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from moviebot.core.match import Matcher
from moviebot.core.models import FilmLine, MovieRef


def _filled(column, fill, dtype) -> np.ndarray:
    """A fetched column as a plain array, NULLs replaced by `fill`."""
    return np.ma.filled(np.ma.asarray(column), fill).astype(dtype)


def connections(source) -> Callable[[], AbstractContextManager]:
    """A factory of connections from a DuckDB connection (each use gives that connection)
    or from a factory already (`Catalogue._builder`: a fresh private instance each time,
    whose memory goes when the block ends)."""
    if hasattr(source, "execute"):
        return lambda: contextlib.nullcontext(source)
    return source


class _TextColumn(Sequence):
    """`column[row]` -> str or None, and slices; subclasses say how one row's text is read."""

    __slots__ = ("_nulls", "_offsets")

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = _index(i, len(self))
        if self._nulls is not None and self._nulls[i]:
            return None
        return self._text(i)

    def _text(self, i: int) -> str:
        raise NotImplementedError


class StringColumn(_TextColumn):
    """Many strings in one UTF-8 `bytes` with offsets: ~1 byte a character, instead of a
    Python str (~50 bytes of overhead) and a list slot each. `None` is kept apart from "".

    Built by DuckDB itself (`from_sql`: one string_agg, no Python object per row) or from
    Python strings (`from_strings`). Reading one costs a slice and a decode.
    """

    __slots__ = ("_blob",)

    def __init__(
        self, blob: bytes | bytearray, offsets: np.ndarray, nulls: np.ndarray | None = None
    ) -> None:
        self._blob = blob
        self._offsets = offsets
        self._nulls = nulls if nulls is not None and nulls.any() else None

    @classmethod
    def from_strings(cls, strings) -> StringColumn:
        encoded = [b"" if x is None else x.encode() for x in strings]
        lengths = np.fromiter(map(len, encoded), np.int64, len(encoded))
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        offsets = offsets.astype(np.int32 if offsets[-1] < 2**31 else np.int64)
        nulls = np.fromiter((x is None for x in strings), bool, len(encoded))
        return cls(b"".join(encoded), offsets, nulls)

    @classmethod
    def from_sql(
        cls,
        con,
        sql: str | list[str],
        *,
        keys: np.ndarray | None = None,
        pack: int = 0,
        batch: int = 4096,
    ) -> StringColumn | PackedColumn | None:
        """The strings (last column) of `sql`'s rows, read a batch at a time (a column of
        long texts never exists as Python strings all at once, nor as a sorted copy inside
        DuckDB). Several statements: their rows one after the other.

        With `keys`, the rows are (key, string) and must come in exactly that key order
        (a table written sorted, read without ORDER BY); None when they do not. With
        `pack`, a PackedColumn compressed by blocks of that many rows as they arrive."""
        blob = bytearray()  # kept as is: no final copy of a whole column
        pending = bytearray()  # the block being filled (pack)
        blocks = array("q", [0])
        lengths = array("q")
        nulls = array("b")
        got = array("q")
        for statement in [sql] if isinstance(sql, str) else sql:
            cur = con.execute(statement)
            while rows := cur.fetchmany(batch):
                for row in rows:
                    v = row[-1]
                    data = b"" if v is None else v.encode()
                    lengths.append(len(data))
                    nulls.append(v is None)
                    if keys is not None:
                        got.append(row[0])
                    if not pack:
                        blob += data
                        continue
                    pending += data
                    if len(lengths) % pack == 0:
                        blob += zlib.compress(pending)
                        blocks.append(len(blob))
                        pending.clear()
        if pending:
            blob += zlib.compress(pending)
            blocks.append(len(blob))
        if keys is not None and not np.array_equal(np.frombuffer(got, dtype=np.int64), keys):
            return None
        total = sum(lengths)
        offsets = np.zeros(len(lengths) + 1, dtype=np.int64 if total >> 31 else np.int32)
        np.cumsum(np.frombuffer(lengths, dtype=np.int64), out=offsets[1:])
        null_mask = np.frombuffer(nulls, dtype=np.int8).astype(bool)
        if pack:
            return PackedColumn(blob, np.frombuffer(blocks, dtype=np.int64).copy(), offsets,
                                null_mask, pack)
        return cls(blob, offsets, null_mask)

    def _text(self, i: int) -> str:
        off = self._offsets
        return self._blob[off[i] : off[i + 1]].decode()

    @property
    def nbytes(self) -> int:
        return len(self._blob) + self._offsets.nbytes


def _index(i, n: int) -> int:
    i = int(i)
    if i < 0:
        i += n
    if not 0 <= i < n:
        raise IndexError(i)
    return i


class PackedColumn(_TextColumn):
    """A StringColumn compressed (zlib) by blocks of rows, for long texts read one at a
    time: the overviews take a fraction of their size; reading one inflates its block."""

    __slots__ = ("_blob", "_block", "_blocks")

    def __init__(self, blob: bytes | bytearray, blocks: np.ndarray, offsets: np.ndarray,
                 nulls: np.ndarray | None, block: int) -> None:
        self._blob = blob  # the compressed blocks, one after the other
        self._blocks = blocks  # where each block starts in `blob`
        self._offsets = offsets  # of each string, within the uncompressed column
        self._nulls = nulls if nulls is not None and nulls.any() else None
        self._block = block  # rows a block

    def _text(self, i: int) -> str:
        b = i // self._block
        data = zlib.decompress(self._blob[self._blocks[b] : self._blocks[b + 1]])
        base = self._offsets[b * self._block]
        return data[self._offsets[i] - base : self._offsets[i + 1] - base].decode()

    @property
    def nbytes(self) -> int:
        return len(self._blob) + self._offsets.nbytes + self._blocks.nbytes


class _Years(Sequence):
    """`years[row]`: a film's year or None, read from the int array (no list of ints)."""

    __slots__ = ("_arr",)

    def __init__(self, arr: np.ndarray) -> None:
        self._arr = arr

    def __len__(self) -> int:
        return len(self._arr)

    def __getitem__(self, row):
        y = int(self._arr[row])
        return y if y >= 0 else None


class _RowOf(Mapping):
    """`row_of[movie_id]` -> row, by binary search over the sorted ids (no dict of 45k ints)."""

    __slots__ = ("_ids",)

    def __init__(self, ids: np.ndarray) -> None:
        self._ids = ids

    def get(self, movie_id, default=None):
        ids = self._ids
        try:
            i = int(ids.searchsorted(movie_id))
        except (TypeError, ValueError, OverflowError):
            return default
        return i if i < len(ids) and ids[i] == movie_id else default

    def __getitem__(self, movie_id) -> int:
        row = self.get(movie_id)
        if row is None:
            raise KeyError(movie_id)
        return row

    def __contains__(self, movie_id) -> bool:
        return self.get(movie_id) is not None

    def __iter__(self):
        return iter(self._ids.tolist())

    def __len__(self) -> int:
        return len(self._ids)


_ACRONYM_TITLE = re.compile(r"^(?:[A-Z]\.){2,}(?=\s)")


@dataclass
class FilmTable:
    """Every film's figures in memory (a few MB at 45k films) and the title matcher.

    Questions about films (score, votes, runtime, lists, counts, top) are answered from
    these arrays: no SQL round trip, so each stays well under a millisecond.
    """

    ids: np.ndarray  # int64, sorted
    titles: StringColumn  # title (or original title) per row
    years: Sequence[int | None]  # view of year_arr: None = unknown
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
    row_of: Mapping[int, int]  # movie id -> row (binary search over `ids`)
    spanish: Mapping[int, tuple[str, ...]]  # movie id -> Spanish release titles

    @classmethod
    def load(cls, con) -> FilmTable:
        num = con.execute(
            'SELECT id, budget, revenue, "return", vote_average, vote_count, weighted_rating, '
            "popularity, runtime, release_date, release_year FROM movies ORDER BY id"
        ).fetchnumpy()
        names = con.execute(
            "SELECT coalesce(nullif(title, ''), nullif(original_title, ''), '') AS t, "
            "CASE WHEN original_title <> '' AND original_title IS DISTINCT FROM title "
            "THEN original_title END AS o FROM movies ORDER BY id"
        ).fetchall()
        ids = np.asarray(num["id"], dtype=np.int64)
        release = np.asarray(num["release_date"]).astype("datetime64[D]")
        years_arr = _filled(num["release_year"], -1, np.int64)
        titles = StringColumn.from_strings([t for t, _o in names])
        votes = _filled(num["vote_count"], 0, np.int64)
        pop = _filled(num["popularity"], np.nan, np.float64)
        # Spanish release titles (region es / latam / both), searched like original titles.
        spanish: dict[int, list[str]] = {}
        for mid, alias in con.execute(
            "SELECT movie_id, title FROM aliases ORDER BY movie_id, region, title"
        ).fetchall():
            spanish.setdefault(int(mid), []).append(alias)
        row_ids = num["id"]
        all_names: list[str] = []
        owners = array("q")
        for i, (title, orig) in enumerate(names):
            all_names.append(title)
            owners.append(i)
            if orig is not None:
                all_names.append(orig)
                owners.append(i)
            short = _ACRONYM_TITLE.match(title)
            if short:  # "E.T. the Extra-Terrestrial" is asked for as "E.T."
                all_names.append(short.group(0))
                owners.append(i)
            for alias in spanish.get(int(row_ids[i]), ()):
                all_names.append(alias)
                owners.append(i)
        del names
        # Best-known = most votes; popularity only separates films without votes.
        fame = votes + np.minimum(np.nan_to_num(pop), 50.0) / 50.0
        matcher = Matcher(all_names, owners, fame, articles=True)
        del all_names
        valid = release[~np.isnat(release)]
        months = valid.astype("datetime64[M]").astype(np.int64) % 12 + 1
        # 1970-01-01 was a Thursday (Monday = 0 -> 3).
        weekdays = (valid.astype(np.int64) + 3) % 7
        return cls(
            ids=ids,
            titles=titles,
            years=_Years(years_arr),
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
            row_of=_RowOf(ids),
            spanish={int(mid): tuple(t) for mid, t in spanish.items()},
        )

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


_CARD_TEXTS = ("original_title", "overview", "tagline", "original_language", "poster_path",
               "imdb_id")
# The name lists of a card, each (movie_id, name, order o) per film: read by CardStore and
# load_card_texts alike. A new card column is a line here and a field in CardText.
_CARD_LISTS = {
    "genres": "SELECT movie_id, name, position AS o FROM genres",
    "directors": "SELECT movie_id, name, 0 AS o FROM directors",
    "cast": f'SELECT movie_id, name, "order" AS o FROM cast_members WHERE "order" < {CAST_ON_CARD}',
    "collection": "SELECT movie_id, name, 0 AS o FROM collections",
}


def load_card_texts(con, ids: list[int] | None = None) -> dict[int, CardText]:
    """Card texts of `ids` (validated ints) in two round trips, or of every film if None.

    Reads the same columns and name lists as `CardStore` (`_CARD_TEXTS`, `_CARD_LISTS`):
    used when a name holds the store's separator, or before the store is built."""
    where = f"WHERE movie_id IN ({','.join(map(str, ids)) or 'NULL'})" if ids is not None else ""
    texts = con.execute(
        f"SELECT id, {', '.join(_CARD_TEXTS)} FROM movies {where.replace('movie_id', 'id')}"
    ).fetchall()
    union = " UNION ALL ".join(
        f"SELECT '{kind}' AS kind, * FROM ({sql}) {where}" for kind, sql in _CARD_LISTS.items()
    )
    lists: dict[tuple[str, int], list[str]] = {}
    for kind, mid, name in con.execute(
        f"SELECT kind, movie_id, name FROM ({union}) ORDER BY kind, movie_id, o, name"
    ).fetchall():
        names = lists.setdefault((kind, mid), [])
        if name and name not in names:
            names.append(name)
    empty: list[str] = []
    return {
        r[0]: CardText(
            *r[1:],
            genres=lists.get(("genres", r[0]), empty),
            directors=lists.get(("directors", r[0]), empty),
            cast=lists.get(("cast", r[0]), empty),
            collection=(lists.get(("collection", r[0])) or [None])[0],
        )
        for r in texts
    }


_PACKED_TEXTS = {"overview"}  # long, and read one card at a time: kept compressed
_SEP = "\x1f"  # joins a film's names (unit separator: no name holds it; checked)


def _id_ranges(ids: np.ndarray, size: int = 8192) -> list[tuple[int, int]]:
    """Consecutive (first, last) id ranges of `size` films covering the sorted `ids`."""
    if not len(ids):
        return [(0, -1)]
    starts = ids[::size].tolist()
    ends = [int(ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]
    return list(zip(starts, ends, strict=True))


class CardStore:
    """Every film's card texts, compact (a fraction of the memory of tuples,
    lists and strings): each text column one UTF-8 blob by film row, and each name list
    (genres, directors, top cast, collection) one string per film, names joined by _SEP.

    A card costs no SQL (a DuckDB lookup by id reads a whole row group of texts).
    `store[movie_id]` gives the same `CardText` as `load_card_texts`."""

    def __init__(self, films: FilmTable, texts: dict[str, Sequence[str | None]],
                 lists: dict[str, StringColumn]) -> None:
        self._films = films
        self._texts = texts
        self._lists = lists

    @classmethod
    def load(cls, source, films: FilmTable) -> CardStore | None:
        """None if a name holds the separator (then cards are read per question).

        `source`: a connection, or a factory of connections (see `connections`); each
        column is read through its own."""
        connect = connections(source)
        texts = {}
        for c in _CARD_TEXTS:
            with connect() as con:
                # The ETL writes movies sorted by id: read in place, sorted only if not so.
                pack = 64 if c in _PACKED_TEXTS else 0
                texts[c] = StringColumn.from_sql(
                    con, f"SELECT id, {c} FROM movies", keys=films.ids, pack=pack
                ) or StringColumn.from_sql(
                    con, f"SELECT id, {c} FROM movies ORDER BY id", pack=pack
                )
        lists = {}
        for kind, sql in _CARD_LISTS.items():
            with connect() as con:
                (clash,) = con.execute(
                    f"SELECT count(*) FROM ({sql}) WHERE contains(name, chr(31))"
                ).fetchone()
                if clash:
                    return None
                # Every name in order (position, then name), repeats included: the reader
                # keeps the first of each, as load_card_texts does; one string per film,
                # aggregated by DuckDB a slice of films at a time (its sort memory is the
                # bot's peak otherwise).
                lists[kind] = StringColumn.from_sql(con, [
                    f"""SELECT m.id, l.names FROM movies m LEFT JOIN (
                        SELECT movie_id, string_agg(name, chr(31) ORDER BY o, name) AS names
                        FROM ({sql}) WHERE name IS NOT NULL AND name <> ''
                            AND movie_id BETWEEN {lo} AND {hi} GROUP BY movie_id
                    ) l ON l.movie_id = m.id WHERE m.id BETWEEN {lo} AND {hi} ORDER BY m.id"""
                    for lo, hi in _id_ranges(films.ids)
                ])
        return cls(films, texts, lists)

    def _names(self, kind: str, row: int) -> list[str]:
        joined = self._lists[kind][row]
        return list(dict.fromkeys(joined.split(_SEP))) if joined else []

    def __contains__(self, movie_id) -> bool:
        return movie_id in self._films.row_of

    def __getitem__(self, movie_id: int) -> CardText:
        row = self._films.row_of[movie_id]
        t = self._texts
        return CardText(
            *(t[c][row] for c in _CARD_TEXTS),
            genres=self._names("genres", row),
            directors=self._names("directors", row),
            cast=self._names("cast", row),
            collection=(self._names("collection", row) or [None])[0],
        )


class Postings:
    """Lists of movie ids, one per name, stored flat (people have ~500k credits at 45k films:
    flat int arrays instead of half a million Python ints)."""

    def __init__(self, offsets: np.ndarray, values: np.ndarray) -> None:
        self.offsets = offsets
        self.values = values

    @classmethod
    def from_lists(cls, lists: list[list[int]]) -> Postings:
        lengths = np.fromiter(map(len, lists), np.int64, len(lists))
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
        values = np.fromiter(itertools.chain.from_iterable(lists), np.int32, int(offsets[-1]))
        return cls(offsets, values)

    def __getitem__(self, i: int) -> list[int]:
        return self.values[self.offsets[i] : self.offsets[i + 1]].tolist()

    def __len__(self) -> int:
        return len(self.offsets) - 1


@dataclass
class NameIndex:
    """Distinct names (people, franchises or companies) with the films of each."""

    names: Sequence[str]  # a StringColumn
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


_PEOPLE_NAMES = """
    SELECT name, (row_number() OVER (ORDER BY name) - 1)::INTEGER AS pid
    FROM (SELECT name FROM cast_members UNION SELECT name FROM directors)
    WHERE name IS NOT NULL AND trim(name) <> ''
"""


def load_people(source, films: FilmTable) -> NameIndex:
    """Actors and directors by name (the real credits carry names only, no person ids).

    Credits come back as numbers (person number, movie, role) so that nothing per credit
    becomes a Python object; best-known = most votes over their films. `source`: a
    connection or a factory of them (`connections`)."""
    with connections(source)() as con:
        con.execute(f"CREATE OR REPLACE TEMP TABLE people_names AS {_PEOPLE_NAMES}")
        try:
            names, pid, movie, role = _people_by_slices(con, films.ids)
        finally:
            con.execute("DROP TABLE IF EXISTS temp.people_names")
    n = len(names)

    def postings(mask: np.ndarray) -> Postings:
        offsets = np.searchsorted(pid[mask], np.arange(n + 1)).astype(np.int32)
        return Postings(offsets, movie[mask])

    pos = np.clip(np.searchsorted(films.ids, movie), 0, max(len(films.ids) - 1, 0))
    votes = np.where(films.ids[pos] == movie, films.vote_count[pos], 0).astype(np.float64)
    fame = np.bincount(pid, weights=votes + 1.0, minlength=n)
    roles = np.zeros(n, dtype=np.int8)
    np.bitwise_or.at(roles, pid, role)
    matcher = Matcher(names, range(n), fame, articles=False, joins=False)
    return NameIndex(names, postings(role == ACTOR), matcher, roles=roles,
                     directed=postings(role == DIRECTOR))


def _people_by_slices(con, ids: np.ndarray) -> tuple[StringColumn, np.ndarray, ...]:
    """Names, then (person, movie, role) sorted, from the numbered names in a temporary
    table joined to the credits a slice of films at a time: DuckDB's join and sort memory
    for every credit at once was the bot's peak (docs/core.md has the figures)."""
    names = StringColumn.from_sql(con, "SELECT name FROM temp.people_names ORDER BY pid")
    keys = []
    for lo, hi in _id_ranges(ids, 12_000):
        part = con.execute(
            f"""
            SELECT n.pid, c.movie_id, 1::TINYINT AS role
            FROM cast_members c JOIN temp.people_names n USING (name)
            WHERE c.movie_id BETWEEN {lo} AND {hi}
            UNION ALL
            SELECT n.pid, d.movie_id, 2::TINYINT
            FROM directors d JOIN temp.people_names n USING (name)
            WHERE d.movie_id BETWEEN {lo} AND {hi}
            """
        ).fetchnumpy()
        # One int64 per credit: person, movie and role packed, so that np.unique both
        # drops repeated credits and sorts by person then movie.
        keys.append(
            (np.asarray(part["pid"], np.int64) << 34)
            | (np.asarray(part["movie_id"], np.int64) << 2)
            | np.asarray(part["role"], np.int64)
        )
    # Credits of films absent from `movies` (the slices only cover its ids) are kept too.
    rest = con.execute(
        """
        SELECT n.pid, c.movie_id, c.role FROM (
            SELECT name, movie_id, 1::TINYINT AS role FROM cast_members
            UNION ALL SELECT name, movie_id, 2::TINYINT FROM directors
        ) c JOIN temp.people_names n USING (name)
        WHERE c.movie_id NOT IN (SELECT id FROM movies)
        """
    ).fetchnumpy()
    keys.append(
        (np.asarray(rest["pid"], np.int64) << 34)
        | (np.asarray(rest["movie_id"], np.int64) << 2)
        | np.asarray(rest["role"], np.int64)
    )
    key = np.unique(np.concatenate(keys))
    del keys
    return names, key >> 34, ((key >> 2) & 0xFFFFFFFF).astype(np.int32), (key & 3).astype(np.int8)


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


def load_collections(source) -> NameIndex:
    with connections(source)() as con:
        rows = _collection_rows(con)
    names = [r[0] for r in rows]
    fame = [float(r[2] or 0) for r in rows]
    matcher = Matcher([strip_collection_words(n) for n in names], range(len(names)), fame)
    films = Postings.from_lists([r[1] for r in rows])
    return NameIndex(StringColumn.from_strings(names), films, matcher)


def _collection_rows(con) -> list[tuple]:
    return con.execute(
        """
        SELECT c.name, list(DISTINCT c.movie_id), sum(m.vote_count)
        FROM collections c JOIN movies m ON m.id = c.movie_id
        WHERE c.name IS NOT NULL
        GROUP BY c.name ORDER BY c.name
        """
    ).fetchall()


def load_companies(source) -> NameIndex:
    with connections(source)() as con:
        rows = _company_rows(con)
    names = [r[0] for r in rows]
    fame = [float(r[2]) for r in rows]
    matcher = Matcher(names, range(len(names)), fame)
    films = Postings.from_lists([r[1] for r in rows])
    return NameIndex(StringColumn.from_strings(names), films, matcher)


def _company_rows(con) -> list[tuple]:
    return con.execute(
        """
        SELECT name, list(DISTINCT movie_id), count(DISTINCT movie_id)
        FROM companies WHERE name IS NOT NULL
        GROUP BY name ORDER BY name
        """
    ).fetchall()
