"""The open catalogue: one read-only DuckDB file and the indexes built from it.

CONTRACT (the bot and CLI are written against these signatures; keep them):
every method is safe to call from several threads; movie questions take a TMDB id
(resolve text first with `resolve`); name questions take the user's text and return the
stats or a `NotFound` with suggestions; nothing raises on user input.

Additions to the contract: `connection()` (this thread's DuckDB cursor, for the
recommender), `ref(movie_id)`, `warm()`, `path`, and the thresholds below.
"""

from __future__ import annotations

import contextlib
import gc
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from moviebot.core import lookups, sequels
from moviebot.core.contract import (
    REQUIRED_COLUMNS,
    SCHEMA_VERSION,
    CatalogueError,
    ModelMissing,
)
from moviebot.core.indexes import (
    ACTOR,
    DIRECTOR,
    CardStore,
    FilmTable,
    NameIndex,
    load_card_texts,
    load_collections,
    load_companies,
    load_people,
    strip_collection_words,
)
from moviebot.core.interpret.filters import genre_in
from moviebot.core.match import Match
from moviebot.core.models import (
    TMDB_IMAGE_BASE,
    ActorStats,
    CatalogueInfo,
    CollectionStats,
    CompanyStats,
    Count,
    DirectorStats,
    FilmLine,
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
from moviebot.core.stats import best_rows, by_fame, returns_of
from moviebot.core.text import clean_query, fold, split_year, tokens

CONFIDENT = 0.6  # below this a resolution is "not found" (calibrated by eval_matching)
# A partial or misspelt match with another name this close behind is a question, not an
# answer ("the lord of the rings": which of the three?).
AMBIGUITY_GAP = 0.06
AMBIGUITY_PENALTY = 0.7
SUGGEST_FLOOR = 0.25  # near misses worth offering as "did you mean"
# "harry potter 3": confidence in the franchise's film with that number in its title, and
# in its third film by release date (a franchise may miss films in a partial catalogue).
FRANCHISE_NUMBERED = 0.9
FRANCHISE_NTH = 0.75
# "pulp fiction de tarantino": a title candidate credited to the person named after it.
CREDITED = 0.9
_CREDIT_WORDS = re.compile(
    r"\s+(?:de|del|by|from|con|with|starring|directed by|dirigida por|protagonizada por|"
    r"con el actor|con la actriz)\s+", re.I)
# The second readings of an unsure text (a title with its maker, a respelt name) are for
# what people type as a title or a name, not whole sentences: each reading is a search.
_MAX_TITLE_AND_NAME_WORDS = 8
_MAX_NAME_WORDS = 4
QUALIFYING_VOTES = 2000  # the specification's rule for vote questions
BEST_KNOWN = 5

_INT32 = 2**31 - 1

# The read-only connection answers small lookups: one thread (each DuckDB worker keeps its
# own allocator caches) and freed memory handed back to the system at once rather than kept
# for the next big query (DuckDB keeps up to 128 MB by default). The buffer cache is bounded
# by the file's size (~60 MB at 45k films) and rarely holds more than a few MB.
DUCKDB_CONFIG = {
    "threads": 1,
    "allocator_flush_threshold": "0MB",
    "allocator_bulk_deallocation_flush_threshold": "0MB",
}


def _release_free_memory() -> None:
    """Give the C heap's free pages back to the system after building the indexes (glibc's
    malloc keeps the build's temporaries otherwise); a no-op elsewhere."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _attach(path: Path) -> duckdb.DuckDBPyConnection:
    """A private DuckDB instance with the file attached read-only as `catalogue`.

    Not `duckdb.connect(path)`: DuckDB caches one instance per path in a process, so after
    an ETL run replaced the file, opening it again (a /reload) would hand back the instance
    still reading the old file. An in-memory instance is never shared, and each ATTACH
    opens the file as it is now.
    """
    con = duckdb.connect(":memory:", config=DUCKDB_CONFIG)
    try:
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS catalogue (READ_ONLY)")
        con.execute("USE catalogue")
    except BaseException:
        con.close()
        raise
    return con


def _valid_id(movie_id: Any) -> bool:
    return isinstance(movie_id, int) and not isinstance(movie_id, bool) and 0 < movie_id <= _INT32


class Catalogue:
    """Questions over one catalogue file.

    >>> cat = Catalogue.open("data/movies.duckdb")
    >>> cat.resolve("titanic 1997").movie
    MovieRef(id=597, title='Titanic', year=1997)
    """

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection, meta: dict[str, str]):
        self.path = path
        self._con = con
        self._meta = meta
        self._local = threading.local()
        self._lock = threading.Lock()
        self._closed = False
        self._titles = FilmTable.load(con)
        _release_free_memory()  # the load's temporaries (~12 MB at 45k films)
        self._counts: dict[str, dict] = {}  # lazy per-code counts (languages, countries)
        self._genre_rows: dict[str, np.ndarray] | None = None
        self._card_store: CardStore | None = None  # every card's texts, after warm
        self._people: NameIndex | None = None
        self._collections: NameIndex | None = None
        self._companies: NameIndex | None = None
        self._genres: list[str] | None = None
        self._recommender: Any = None

    @classmethod
    def open(cls, path: str | Path) -> Catalogue:
        """Open `path` read-only and build the in-memory indexes (raises CatalogueError)."""
        path = Path(path)
        if not path.is_file():
            raise CatalogueError(f"no catalogue file at {path}.")
        try:
            con = _attach(path)
        except duckdb.Error as exc:
            raise CatalogueError(f"{path} is not a readable DuckDB file ({exc}).") from exc
        try:
            meta = cls._check_schema(con, path)
            if not con.execute("SELECT count(*) FROM movies").fetchone()[0]:
                raise CatalogueError(f"{path} holds no films (an empty build?).")
            return cls(path, con, meta)
        except CatalogueError:
            con.close()
            raise
        except duckdb.Error as exc:
            con.close()
            raise CatalogueError(f"{path} could not be read as a catalogue ({exc}).") from exc

    @staticmethod
    def _check_schema(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, str]:
        cols: dict[str, set[str]] = {}
        for table, column in con.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
        ).fetchall():
            cols.setdefault(table, set()).add(column)
        missing = [
            f"{t}.{c}"
            for t, need in REQUIRED_COLUMNS.items()
            for c in sorted(need - cols.get(t, set()))
        ]
        if missing:
            raise CatalogueError(
                f"{path} is not a moviebot catalogue (missing {', '.join(missing[:5])})."
            )
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        version = meta.get("schema_version")
        if version != str(SCHEMA_VERSION):
            raise CatalogueError(
                f"{path} has schema version {version!r}; this moviebot reads {SCHEMA_VERSION}."
            )
        return meta

    def close(self) -> None:
        """Close the file (idempotent); the object is unusable afterwards."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._con.close()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connection(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the file (DuckDB connections are not shared by threads)."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            if self._closed:
                raise CatalogueError("the catalogue is closed.")
            cur = self._con.cursor()
            cur.execute("USE catalogue")  # a cursor starts in the instance's own catalog
            self._local.cursor = cur
        return cur

    def _all(self, sql: str, params: list | None = None) -> list[tuple]:
        # Always fetch everything: DuckDB 2 refuses new work while a result is unfinished.
        return self.connection().execute(sql, params or []).fetchall()

    def warm(self, *, background: bool = False) -> threading.Thread | None:
        """Build the lazy indexes (people, franchises, companies, genres) now, not on first use.

        They take a few seconds at 45k films; a server calls `warm(background=True)` right
        after `open` so the first /actor question does not wait (returns the thread).
        """
        if background:
            thread = threading.Thread(target=self._warm_quietly, name="catalogue-warm",
                                      daemon=True)
            thread.start()
            return thread
        # The recommender's model first, when the file has one (a file without still warms,
        # and recommend() says why): its load peaks ~80 MB above what it keeps, and that
        # peak should not come on top of the indexes below (the bot's ceiling is its peak).
        with contextlib.suppress(Exception):
            self._recommender_model()
        self._people_index()
        _release_free_memory()
        self._collection_index()
        self._company_index()
        self._genre_mask("")
        self._card_texts()
        self._code_counts("language")
        self._code_counts("country")
        # The indexes are ~1M long-lived objects: without this, every full collection
        # rescans them (tens of ms, hitting whichever question runs then).
        gc.freeze()
        _release_free_memory()
        return None

    def _warm_quietly(self) -> None:
        # Closed meanwhile (a reload): the next question builds what it needs.
        with contextlib.suppress(duckdb.Error, CatalogueError):
            self.warm()

    @contextlib.contextmanager
    def _builder(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for building indexes: a private DuckDB instance on the same file,
        so that the blocks and query memory of the big reads (every credit, every overview)
        go away when it closes instead of staying in the serving connection's cache
        (~15 MB at 45k films). This thread's cursor when the file on disk is no longer the
        one open (replaced by a new ETL run) or cannot be attached."""
        if self._closed:
            raise CatalogueError("the catalogue is closed.")
        con = None
        try:
            con = _attach(self.path)
            if dict(con.execute("SELECT key, value FROM meta").fetchall()) != self._meta:
                raise CatalogueError("the file was replaced")
        except (duckdb.Error, CatalogueError, OSError):
            if con is not None:
                con.close()
            con = None
        if con is None:
            yield self.connection()
            return
        try:
            yield con
        finally:
            con.close()

    def _lazy(self, attr: str, loader) -> Any:
        """Build an index once, reading through builders (`_builder`: each big read in its
        own DuckDB instance, gone with its memory once read)."""
        value = getattr(self, attr)
        if value is None:
            with self._lock:
                value = getattr(self, attr)
                if value is None:
                    value = loader(self._builder)
                    setattr(self, attr, value)
        return value

    def _card_texts(self) -> CardStore | None:
        """Every card's texts (built by `warm`; cards before that are read per question)."""
        if self._card_store is None:
            store = CardStore.load(self._builder, self._titles)
            with self._lock:
                if self._card_store is None:
                    self._card_store = store
        return self._card_store

    def _people_index(self) -> NameIndex:
        return self._lazy("_people", lambda source: load_people(source, self._titles))

    def _collection_index(self) -> NameIndex:
        return self._lazy("_collections", load_collections)

    def _company_index(self) -> NameIndex:
        return self._lazy("_companies", load_companies)

    def info(self) -> CatalogueInfo:
        movies = len(self._titles.ids)  # every row of `movies` (no SQL: no cursor per thread)
        return CatalogueInfo(
            path=str(self.path),
            schema_version=int(self._meta.get("schema_version", SCHEMA_VERSION)),
            data_version=self._meta.get("data_version", ""),
            built_at=self._meta.get("built_at", ""),
            movies=int(movies),
            people=self._people_count(),
            has_ratings=self._meta.get("has_ratings", "false").lower() == "true",
        )

    def _people_count(self) -> int:
        if self._people is not None:
            return len(self._people.names)
        (n,) = self._all(
            "SELECT count(*) FROM (SELECT name FROM cast_members UNION SELECT name FROM directors)"
            " WHERE name IS NOT NULL AND trim(name) <> ''"
        )[0]
        return int(n)

    def ref(self, movie_id: int) -> MovieRef | None:
        """`Titanic (1997)` for an id, without touching the file."""
        row = self._titles.row_of.get(movie_id) if _valid_id(movie_id) else None
        return None if row is None else self._titles.ref(row)

    # -- finding things from what people type ---------------------------------------
    def resolve(self, text: str, *, limit: int = 5) -> Resolution:
        """The film meant by `text` ("Titanic 1997", "amelie", "el laberinto del fauno")."""
        query = clean_query(text)
        limit = max(0, min(int(limit), 20))
        if not fold(query):
            return Resolution(query=query, movie=None, confidence=0.0)
        ranked, confidence = self._rank_titles(query)
        refs = [self._titles.ref(m.owner) for m in ranked]
        found = self._franchise_entry(query, sure=confidence >= CONFIDENT,
                                      top=refs[0] if refs else None)
        if found is not None:
            # "harry potter 3": the franchise's third film, though no title says "3".
            entry, sure_of_it = found
            alts = [r for r, m in zip(refs, ranked, strict=True)
                    if m.score >= SUGGEST_FLOOR and r.id != entry.id]
            return Resolution(query, entry, sure_of_it, alts[:limit])
        if confidence < CONFIDENT and (spelled := _spanish_s(query)) is not None:
            # "estar wars", "espiderman": Spanish speakers write an e before s + consonant.
            again = self.resolve(spelled, limit=limit)
            if again.movie is not None or (again.alternatives and again.confidence > confidence):
                return Resolution(query, again.movie, again.confidence, again.alternatives)
        if confidence < CONFIDENT and (entry := self._credited_entry(query)) is not None:
            # "pulp fiction de tarantino": the film of that title its director or actor made.
            alts = [r for r, m in zip(refs, ranked, strict=True)
                    if m.score >= SUGGEST_FLOOR and r.id != entry.id]
            return Resolution(query, entry, CREDITED, alts[:limit])
        if ranked and confidence >= CONFIDENT:
            pairs = zip(refs[1:], ranked[1:], strict=True)
            alts = [r for r, m in pairs if m.score >= SUGGEST_FLOOR]
            return Resolution(query, refs[0], round(confidence, 3), alts[:limit])
        alts = [r for r, m in zip(refs, ranked, strict=True) if m.score >= SUGGEST_FLOOR]
        return Resolution(query, None, round(confidence, 3), alts[:limit])

    def _franchise_entry(self, query: str, *, sure: bool, top: MovieRef | None
                         ) -> tuple[MovieRef, float] | None:
        """The film a numbered franchise query means ("piratas del caribe 2"), if any: the
        franchise's film whose title has the number, else (not for episodes) the n-th by
        release date. The franchise is the one of the film its words name ("piratas del
        caribe" is a Spanish title), else the franchise called that. When the title match
        was `sure` of `top`, only a film whose title has the number overrides it, and only
        if `top`'s title has not ("pesadilla en elm street 3" is not the first film)."""
        parsed = sequels.split_number(query)
        if parsed is None:
            return None
        name, n, episode = parsed
        if sure and (top is None or n in sequels.numbers_in(top.title)):
            return None
        index = self._collection_index()
        ranked, _ = self._rank_titles(name)
        found: int | NotFound | None = None
        if ranked and ranked[0].score >= CONFIDENT:  # sure of the franchise, if not the film
            found = self._collection_of().get(int(self._titles.ids[ranked[0].owner]))
        if found is None:  # the franchise's own name ("saga star wars 2")
            found = self._find_name(index, strip_collection_words(name), kind="collection")
        if isinstance(found, NotFound):
            return None
        films = [f.movie for f in self._films(index.films[found])]
        numbered = [f for f in films if n in sequels.numbers_in(f.title)]
        # The number in a title says which film more surely than the release order.
        if numbered:
            return numbered[0], FRANCHISE_NUMBERED
        if sure or episode or n > len(films):
            return None
        return films[n - 1], FRANCHISE_NTH

    def _credited_entry(self, query: str) -> MovieRef | None:
        """The film meant by "<title> de|by|with|con <person>" or "<title> <surname>": a
        title candidate that person directed or played in."""
        people = self._people_index()
        for title, who in _title_and_person(query):
            # Most readings of an unsure text end in no one's name: a set lookup rules them
            # out before any search (so a misspelt surname is not read this way).
            name = people.matcher.normalize(who).split()
            if not name or not people.matcher.knows(name[-1]):
                continue
            _, idx = self._person(who, None)  # the cheaper search first
            if idx is None:
                continue
            ranked, _ = self._rank_titles(title)
            rows = [m.owner for m in ranked[:8] if m.score >= SUGGEST_FLOOR]
            credited = set(people.films[idx])
            if people.directed is not None:
                credited.update(people.directed[idx])
            for row in rows:
                if int(self._titles.ids[row]) in credited:
                    return self._titles.ref(row)
        return None

    def _collection_of(self) -> dict[int, int]:
        """Movie id -> its franchise's number in the collection index."""
        found = self.__dict__.get("_film_collections")
        if found is None:
            index = self._collection_index()
            found = {int(m): i for i in range(len(index.names)) for m in index.films[i]}
            self._film_collections = found
        return found

    def _rank_titles(self, query: str) -> tuple[list[Match], float]:
        """Candidates best first and the confidence in the first one."""
        matcher = self._titles.matcher
        years = self._titles.years
        ranked = matcher.search(query, limit=12)
        title_part, year = split_year(query)
        year_picked = False
        contest = ranked  # what the ambiguity rule compares: year-adjusted when a year picked
        if year is not None and not (ranked and ranked[0].score >= 1.0):
            # "Titanic 1997": the year picks among the films of that title. A title that
            # itself ends in a number ("Blade Runner 2049") matched exactly above and wins.
            by_title = matcher.search(title_part, limit=20)

            def year_fit(m: Match) -> float:
                y = years[m.owner]
                return 1.0 if y == year else 0.92 if y and abs(y - year) == 1 else 0.5

            scored = [Match(m.owner, m.score * year_fit(m), m.entry) for m in by_title]
            # The number is read as a year unless the whole text is clearly a title
            # ("blade runer 2049"); then "blade runner 2099" is not Blade Runner (1982).
            full_wins = ranked and ranked[0].score >= 0.9
            if scored and not (full_wins and ranked[0].score > max(m.score for m in scored)):
                # The year picks the film; the others stay in title order (Titanic 1953
                # before "The Chambermaid on the Titanic", 1997).
                top = max(scored, key=lambda m: m.score)  # first of equals: best-known
                ranked = [top, *(m for m in by_title if m.owner != top.owner)]
                contest = [top, *sorted((m for m in scored if m.owner != top.owner),
                                        key=lambda m: -m.score)]
                year_picked = True
        if not ranked:
            return [], 0.0
        confidence = ranked[0].score
        if confidence < 0.95:
            # A partial or misspelt match is only sure if no other title is about as close
            # ("seven": Seven Samurai? The Magnificent Seven?). Same-title films don't count.
            text = matcher.entry_text(ranked[0].entry)
            # Nor does a longer title that starts with this one: "jurasic prak" is Jurassic
            # Park, not Jurassic Park III.
            rival = next((m for m in contest[1:] if matcher.entry_text(m.entry) != text
                          and not matcher.entry_text(m.entry).startswith(text + " ")), None)
            if rival is not None and rival.score >= confidence - AMBIGUITY_GAP:
                # Two titles about as close: ask, however close both are.
                confidence = min(confidence * AMBIGUITY_PENALTY, CONFIDENT - 0.01)
        if confidence >= 1.0 and not year_picked:
            # Same title, no year: the best-known wins, less surely if the others are known too.
            twins = [m for m in ranked[1:] if m.score >= 1.0]
            if twins:
                votes = self._titles.vote_count
                lead = votes[ranked[0].owner] / max(votes[twins[0].owner], 1.0)
                confidence = 0.95 if lead >= 3 else 0.8
        return ranked, confidence

    def resolve_person(self, text: str, *, role: str | None = None) -> PersonResolution:
        """The actor or director meant by `text`; role is "actor", "director" or None."""
        return self._person(text, role)[0]

    def person_role(self, text: str) -> tuple[PersonResolution | None, str]:
        """The person meant by `text` when confident, and whether people know them as
        "director" (they directed at least as many films as they acted in) or "actor"."""
        res, idx = self._person(text, None)
        if idx is None:
            return None, "actor"
        people = self._people_index()
        directed = len(people.directed[idx]) if people.directed is not None else 0
        acted = len(people.films[idx])
        return res, "director" if directed and directed >= acted else "actor"

    def _person(self, text: str, role: str | None) -> tuple[PersonResolution, int | None]:
        """The resolution and, when confident, the person's number in the people index.
        A name typed with its particle apart or joined ("di caprio", "deniro") is tried
        the other way when the text as typed finds nobody surely."""
        query = clean_query(text)
        res, idx = self._person_as_typed(query, role)
        if idx is None and fold(query):
            matcher = self._people_index().matcher
            typed = set(fold(query).split())
            # Only a respacing into words some name has is worth a search; the Spanish e
            # dropped may leave a slip ("espilberg"), so that one is always tried.
            variants = [v for v in _respaced(fold(query))
                        if all(matcher.knows(w) for w in set(v.split()) - typed)]
            if (spelled := _spanish_s(query)) is not None:
                variants.append(spelled)
            for variant in variants:
                alt, alt_idx = self._person_as_typed(variant, role)
                if alt_idx is not None:
                    return PersonResolution(query, alt.name, alt.confidence,
                                            alt.alternatives), alt_idx
        return res, idx

    def _person_as_typed(self, text: str, role: str | None
                         ) -> tuple[PersonResolution, int | None]:
        query = clean_query(text)
        if not fold(query):
            return PersonResolution(query=query, name=None, confidence=0.0), None
        people = self._people_index()
        bit = {"actor": ACTOR, "director": DIRECTOR}.get(role or "", 0)
        hits = people.matcher.search(query, limit=60, prefix=False)
        if bit:
            hits = [h for h in hits if people.roles[h.owner] & bit]
        words = tokens(query, articles=False)
        surname = len(words) == 1 and len(hits) > 1
        if surname:
            # One word ("hanks", "kubrick"): people mean the best-known of that surname,
            # else the best-known of the names about as close.
            same = [h for h in hits
                    if people.matcher.entry_text(h.entry).rsplit(" ", 1)[-1] == words[0]]
            near = same or [h for h in hits if h.score >= hits[0].score - AMBIGUITY_GAP]
            near.sort(key=lambda h: -people.matcher.fame(h.owner))
            chosen = {h.owner for h in near}
            hits = near + [h for h in hits if h.owner not in chosen]
        names = [people.names[h.owner] for h in hits if h.score >= SUGGEST_FLOOR]
        confidence = hits[0].score if hits else 0.0
        rival = hits[1].score if len(hits) > 1 else 0.0
        if surname and confidence >= SUGGEST_FLOOR * 2:
            confidence = max(confidence, CONFIDENT)
        elif 0 < confidence < 0.95 and rival >= confidence - AMBIGUITY_GAP:
            confidence *= AMBIGUITY_PENALTY  # "cruz": which Cruz? Ask rather than guess.
        if confidence >= CONFIDENT:
            res = PersonResolution(query, names[0], round(confidence, 3), names[1:6])
            return res, hits[0].owner
        return PersonResolution(query, None, round(confidence, 3), names[:5]), None

    def suggest(self, text: str, *, limit: int = 10) -> list[MovieRef]:
        """Best title matches for as-you-type search (inline mode); may be empty."""
        query = clean_query(text)
        if not fold(query):
            return []
        limit = max(0, min(int(limit), 50))
        hits = self._titles.matcher.search(query, limit=limit, prefix=True, min_score=0.2)
        return [self._titles.ref(h.owner) for h in hits]

    # -- one film -------------------------------------------------------------------
    def movie(self, movie_id: int) -> MovieCard | None:
        cards = self.cards([movie_id])
        return cards[0] if cards else None

    def cards(self, movie_ids: list[int]) -> list[MovieCard]:
        """Cards for several films in one round trip, in the order given (unknown ids skipped)."""
        ids = [i for i in dict.fromkeys(movie_ids or []) if _valid_id(i)]
        ids = [i for i in ids if i in self._titles.row_of]
        if not ids:
            return []
        store = self._card_store
        texts = store if store is not None else load_card_texts(self.connection(), ids)
        films = self._titles
        out = []
        for mid in ids:
            if mid not in texts:
                continue
            t = texts[mid]
            row = films.row_of[mid]
            line = films.line(row)
            pop = films.popularity[row]
            runtime = int(films.runtime[row])
            out.append(MovieCard(
                id=mid,
                title=line.movie.title,
                original_title=t.original_title,
                year=line.movie.year,
                release_date=line.release_date,
                runtime=runtime if runtime > 0 else None,
                genres=list(t.genres),
                directors=list(t.directors),
                cast=list(t.cast),
                vote_average=line.vote_average,
                vote_count=line.vote_count,
                weighted_rating=line.weighted_rating,
                popularity=None if np.isnan(pop) else float(pop),
                budget=line.budget,
                revenue=line.revenue,
                return_=line.return_,
                collection=t.collection,
                overview=t.overview,
                tagline=t.tagline,
                original_language=t.language,
                poster_url=f"{TMDB_IMAGE_BASE}w500{t.poster_path}" if t.poster_path else None,
                tmdb_url=f"https://www.themoviedb.org/movie/{mid}",
                imdb_url=f"https://www.imdb.com/title/{t.imdb_id}/" if t.imdb_id else None,
                spanish_titles=films.spanish.get(mid, ()),
            ))
        return out

    def _row(self, movie_id: int) -> int | None:
        return self._titles.row_of.get(movie_id) if _valid_id(movie_id) else None

    def score(self, movie_id: int) -> Score | None:
        row = self._row(movie_id)
        if row is None:
            return None
        pop = self._titles.popularity[row]
        line = self._titles.line(row)
        return Score(line.movie, None if np.isnan(pop) else float(pop),
                     line.vote_average if line.vote_count else None, line.vote_count)

    def votes(self, movie_id: int) -> Votes | None:
        row = self._row(movie_id)
        if row is None:
            return None
        line = self._titles.line(row)
        count = line.vote_count
        return Votes(line.movie, count, line.vote_average, count >= QUALIFYING_VOTES,
                     QUALIFYING_VOTES)

    def runtime(self, movie_id: int) -> Runtime | None:
        row = self._row(movie_id)
        if row is None:
            return None
        minutes = int(self._titles.runtime[row])
        return Runtime(self._titles.ref(row), minutes if minutes > 0 else None)

    # -- counts -------------------------------------------------------------------------
    def films_in_month(self, text: str) -> Count | NotFound:
        """Films released in a month: "enero", "January", "1"."""
        query = clean_query(text)
        if not fold(query):
            return NotFound(query, "empty")
        m = lookups.month(query)
        if m is None:
            return NotFound(query, "month", lookups.suggestions(query, "month"))
        n = self._titles.month_counts[m]
        films = self._best_on(lambda release: release.astype("datetime64[M]").astype(np.int64)
                              % 12 + 1 == m)
        return Count("month", m, lookups.MONTHS_EN[m - 1], int(n), films)

    def films_on_day(self, text: str) -> Count | NotFound:
        """Films released on a weekday: "miércoles", "miercoles", "wednesday"."""
        query = clean_query(text)
        if not fold(query):
            return NotFound(query, "empty")
        d = lookups.weekday(query)
        if d is None:
            return NotFound(query, "day", lookups.suggestions(query, "day"))
        n = self._titles.weekday_counts[d]  # Monday = 0, like date.weekday()
        # 1970-01-01 was a Thursday (Monday = 0 -> 3).
        films = self._best_on(lambda release: (release.astype(np.int64) + 3) % 7 == d)
        return Count("day", d, lookups.WEEKDAYS_EN[d], int(n), films)

    def _best_on(self, wanted) -> list[FilmLine]:
        """The best-known films whose release date satisfies `wanted(dates)` (a mask)."""
        films = self._titles
        dated = ~np.isnat(films.release)
        mask = np.zeros(len(films.ids), dtype=bool)
        mask[dated] = wanted(films.release[dated])
        return films.lines(best_rows(mask, films.vote_count, films.ids, BEST_KNOWN))

    def language(self, text: str) -> Count | NotFound:
        """Films in an original language: "es", "Spanish", "español"."""
        return self._code_count(
            "language", text, find=lookups.language, names=lookups.LANGUAGE_NAMES,
            sql="SELECT DISTINCT iso_639_1, name FROM languages", upper=False,
        )

    def country(self, text: str) -> Count | NotFound:
        """Films produced in a country: "ES", "Spain", "España"."""
        return self._code_count(
            "country", text, find=lookups.country, names=lookups.COUNTRY_NAMES,
            sql="SELECT DISTINCT iso_3166_1, name FROM countries", upper=True,
        )

    def _code_count(
        self, kind: str, text: str, *, find, names: dict[str, str], sql: str, upper: bool
    ) -> Count | NotFound:
        """A language or country by code or name (our en/es table, then the data's names);
        an unknown two-letter code is looked up in the data as is."""
        query = clean_query(text)
        if not fold(query):
            return NotFound(query, "empty")
        code = find(query) or self._code_from_data(query, sql)
        if code is None and len(fold(query)) == 2:
            code = fold(query).upper() if upper else fold(query)
        if code is None:
            return NotFound(query, kind, lookups.suggestions(query, kind))
        n, data_name = self._code_counts(kind).get(code, (0, None))
        if n == 0 and code not in names:
            return NotFound(query, kind, lookups.suggestions(query, kind))
        best = self._best_with_code(kind, code) if n else []
        return Count(kind, code, names.get(code) or data_name or code, int(n), best)

    def _best_with_code(self, kind: str, code: str) -> list[FilmLine]:
        """The best-known films in a language or from a country (most votes first); cached,
        as a file never changes and "/country US" would otherwise read every US film again."""
        cache = self.__dict__.setdefault("_best_code_cache", {})
        if (kind, code) in cache:
            return cache[(kind, code)]
        sql = {
            "language": "SELECT id FROM movies WHERE original_language = ?",
            "country": "SELECT DISTINCT movie_id FROM countries WHERE iso_3166_1 = ?",
        }[kind]
        rows = self._titles.rows(r[0] for r in self._all(sql, [code]))
        films = self._titles
        mask = np.zeros(len(films.ids), dtype=bool)
        mask[rows] = True
        best = films.lines(best_rows(mask, films.vote_count, films.ids, BEST_KNOWN))
        if len(cache) < 1024:  # codes are a few hundred at most
            cache[(kind, code)] = best
        return best

    def _code_counts(self, kind: str) -> dict[str, tuple[int, str | None]]:
        """{code: (films, name in the data)} for languages or countries, computed once."""
        counts = self._counts.get(kind)
        if counts is None:
            sql = {
                "language": "SELECT original_language, count(*), NULL FROM movies "
                "WHERE original_language IS NOT NULL GROUP BY 1",
                "country": "SELECT iso_3166_1, count(DISTINCT movie_id), any_value(name) "
                "FROM countries WHERE iso_3166_1 IS NOT NULL GROUP BY 1",
            }[kind]
            counts = {r[0]: (int(r[1]), r[2]) for r in self._all(sql)}
            self._counts[kind] = counts
        return counts

    def _code_from_data(self, query: str, sql: str) -> str | None:
        """A code whose name in the data (e.g. TMDB's native language names) equals the query."""
        key = fold(query)
        for code, name in self._all(sql):
            if name and fold(name) == key:
                return code
        return None

    # -- people, franchises, companies ----------------------------------------------------
    def _films(self, ids: list[int]) -> list[FilmLine]:
        """The films of `ids` (unknown ids skipped) by release date."""
        return self._titles.lines_by_date(self._titles.rows(ids))

    def actor(self, text: str) -> ActorStats | NotFound:
        """An actor's films, return figures and best-known films ("penelope cruz")."""
        person, idx = self._person(text, "actor")
        if idx is None:
            kind = "empty" if not fold(person.query) else "actor"
            return NotFound(person.query, kind, person.alternatives)
        films = self._films(self._people_index().films[idx])
        return ActorStats(
            name=person.name,
            films=len(films),
            returns=returns_of(films),
            best_known=by_fame(films),
            all_films=films,
        )

    def director(self, text: str) -> DirectorStats | NotFound:
        """A director's films with release date, budget, revenue and return."""
        person, idx = self._person(text, "director")
        if idx is None:
            kind = "empty" if not fold(person.query) else "director"
            return NotFound(person.query, kind, person.alternatives)
        films = self._films(self._people_index().directed[idx])
        return DirectorStats(name=person.name, returns=returns_of(films), films=films)

    def _find_name(self, index: NameIndex, query: str, *, kind: str) -> int | NotFound:
        if not fold(query):
            return NotFound(query, "empty")
        hits = index.matcher.search(query, limit=6, prefix=False)
        if hits and hits[0].score >= CONFIDENT:
            return hits[0].owner
        return NotFound(
            query, kind, [index.names[h.owner] for h in hits if h.score >= SUGGEST_FLOOR][:5]
        )

    def collection(self, text: str) -> CollectionStats | NotFound:
        """A franchise: its films, total and average revenue ("toy story", "saga star wars")."""
        query = clean_query(text)
        index = self._collection_index()
        found = self._find_name(index, strip_collection_words(query), kind="collection")
        if isinstance(found, NotFound):
            return NotFound(query, found.kind, found.suggestions)
        films = self._films(index.films[found])
        with_revenue = [f for f in films if f.revenue > 0]
        total = sum(f.revenue for f in with_revenue)
        return CollectionStats(
            name=index.names[found],
            films=films,
            films_with_revenue=len(with_revenue),
            total_revenue=total,
            average_revenue=total / len(with_revenue) if with_revenue else None,
        )

    def company(self, text: str) -> CompanyStats | NotFound:
        """A production company: number of films and total revenue ("pixar")."""
        query = clean_query(text)
        index = self._company_index()
        found = self._find_name(index, query, kind="company")
        if isinstance(found, NotFound):
            return found
        films = self._titles
        rows = np.asarray(films.rows(index.films[found]), dtype=np.int64)
        revenue = films.revenue[rows]
        mask = np.zeros(len(films.ids), dtype=bool)
        mask[rows] = True
        best = films.lines(best_rows(mask, films.vote_count, films.ids, BEST_KNOWN))
        return CompanyStats(
            index.names[found], len(rows), int(np.count_nonzero(revenue > 0)),
            int(revenue.sum()), best,
        )

    def top(
        self,
        *,
        genre: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        limit: int = 10,
    ) -> TopList | NotFound:
        """Best by weighted rating; NotFound(kind="genre") for an unknown genre."""
        films = self._titles
        keep = ~np.isnan(films.weighted)
        name = None
        if genre is not None and fold(clean_query(genre)):
            name = genre_in(self, genre, lookup=lookups.genre)
            if isinstance(name, NotFound):
                return name
            keep &= self._genre_mask(name)
        try:
            y_from = int(year_from) if year_from is not None else None
            y_to = int(year_to) if year_to is not None else None
            limit = max(1, min(int(limit), 100))
        except (TypeError, ValueError, OverflowError):
            return NotFound(str(year_from or year_to), "empty")
        years = films.year_arr
        covered = years[keep & (years >= 0)]
        first, last = (int(covered.min()), int(covered.max())) if len(covered) else (None, None)
        if y_from is not None:
            keep &= years >= y_from
        if y_to is not None:
            keep &= years <= y_to
        rows = np.flatnonzero(keep)
        # Weighted rating, then votes, then id: a stable order for equal ratings.
        order = np.lexsort((films.ids[rows], -films.vote_count[rows], -films.weighted[rows]))
        items = films.lines(rows[order[:limit]])
        return TopList(name, y_from, y_to, items, first, last)

    def _genre_mask(self, genre: str) -> np.ndarray:
        """Films of one genre as a boolean mask over the film table (built once)."""
        if self._genre_rows is None:
            with self._lock:
                if self._genre_rows is None:
                    with self._builder() as con:
                        self._genre_rows = self._genre_masks(con)
        return self._genre_rows.get(genre, np.zeros(len(self._titles.ids), dtype=bool))

    def _genre_masks(self, con: duckdb.DuckDBPyConnection) -> dict[str, np.ndarray]:
        """{genre: boolean mask over the film table} from the genres table."""
        by_genre: dict[str, list[int]] = {}
        sql = "SELECT movie_id, name FROM genres WHERE name IS NOT NULL"
        for mid, g in con.execute(sql).fetchall():
            row = self._titles.row_of.get(mid)
            if row is not None:
                by_genre.setdefault(g, []).append(row)
        masks = {}
        for g, rows in by_genre.items():
            mask = np.zeros(len(self._titles.ids), dtype=bool)
            mask[rows] = True
            masks[g] = mask
        return masks

    def genres(self) -> list[str]:
        """Genre names present in the catalogue, alphabetical."""
        if self._genres is None:
            rows = self._all(
                "SELECT DISTINCT name FROM genres WHERE name IS NOT NULL ORDER BY name"
            )
            self._genres = [r[0] for r in rows]
        return list(self._genres)

    # -- recommendations (implemented in core/recommend.py) -------------------------------
    def _recommender_model(self) -> Any:
        if self._recommender is None:
            with self._lock:
                if self._recommender is None:
                    from moviebot.core.recommend import Recommender

                    # The model's tables are read once: through a builder, so that
                    # their blocks (~28 MB at 45k films) are not cached for nothing.
                    with self._builder() as con:
                        self._recommender = Recommender.load(con)
        return self._recommender

    def recommend(
        self, seeds: list[int], *, k: int = 5, filters: Filters | None = None
    ) -> Recommendations:
        """Films like the seed ids, best first; seeds never appear in the results.

        Raises `ModelMissing` (a `CatalogueError`, core/contract.py) when the file has
        no recommender model of the version this code reads (built before the recommender
        existed, or by an older moviebot): its message is one line for the user, "... rebuild
        the catalogue with `moviebot etl`". Every other question still works on such a file;
        the failure is remembered, so later calls raise at once without touching the file.
        """
        missing = self.__dict__.get("_model_missing")
        if missing is not None:
            raise ModelMissing(missing)
        try:
            model = self._recommender_model()
        except ModelMissing as exc:
            self._model_missing = str(exc)
            raise ModelMissing(str(exc)) from None
        return model.recommend(seeds, k=k, filters=filters)


def _title_and_person(query: str) -> list[tuple[str, str]]:
    """Ways to read `query` as a title then a person, most likely first: at each credit
    word from the right ("el laberinto del fauno de del toro"), then with the last one to
    three words as the name ("vertigo hitchcock")."""
    words = query.split()
    if len(words) > _MAX_TITLE_AND_NAME_WORDS:
        return []
    readings = [(query[:m.start()], query[m.end():])
                for m in reversed(list(_CREDIT_WORDS.finditer(query)))]
    readings += [(" ".join(words[:-k]), " ".join(words[-k:]))
                 for k in (1, 2, 3) if len(words) > k]
    return [(t.strip(), w.strip()) for t, w in readings
            if t.strip() and w.strip() and len(w.split()) <= _MAX_NAME_WORDS]


# Particles people write apart or joined in surnames ("De Niro"/"deniro", "DiCaprio"/"di caprio").
_PARTICLES = ("de", "del", "di", "da", "van", "von", "la", "le", "mc", "mac", "st")


_ES_S = re.compile(r"\bes(?=[bcdfgklmnpqtvwz])")
# Spanish words that do start so, and stay as they are.
_ES_WORDS = frozenset("""este esta esto estos estas estan estoy estaba estamos espero especial
espanol espanola espana estilo estreno estrenos escena escribe""".split())  # noqa: SIM905


def _spanish_s(query: str) -> str | None:
    """`query` without the e Spanish speakers put before s + consonant ("estar wars",
    "espilberg"); None when no word starts that way, or the text is a sentence."""
    words = fold(query).split()
    if len(words) > _MAX_NAME_WORDS:
        return None
    dropped = [w if w in _ES_WORDS else _ES_S.sub("s", w) for w in words]
    return " ".join(dropped) if dropped != words else None


def _respaced(query: str) -> list[str]:
    """`query` with each pair of adjacent words joined, and each word that starts with a
    surname particle split after it."""
    words = query.split()
    if len(words) > _MAX_NAME_WORDS:
        return []
    out = [" ".join([*words[:i], words[i] + words[i + 1], *words[i + 2:]])
           for i in range(len(words) - 1)]
    for i, w in enumerate(words):
        for p in _PARTICLES:
            if w.startswith(p) and len(w) - len(p) >= 3:
                out.append(" ".join([*words[:i], p, w[len(p):], *words[i + 1:]]))
    return out
