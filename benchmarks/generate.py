"""Generate Kaggle-layout files of "The Movies Dataset" at any size, for benchmarks and tests.

    python -m benchmarks.generate --movies 45466 --out benchmarks/out/gen-45466 [--seed 1]
        [--ratings N | --ratings-users U] [--zip] [--quiet]

Writes movies_metadata.csv, credits.csv, keywords.csv, links.csv and ratings.csv (and, with
--zip, one zip holding them instead) with the real files' columns, quoting and traps:
Python-literal nested cells, ~4 KB of credits per film with a long tail, Zipf-like
popularity and people reuse, ~6 % films without votes, missing dates and runtimes, a few
dozen duplicate ids and 3 malformed rows per 45k (a record split by a line break inside its
overview, so the next line's columns are shifted and `id` holds a date). Output is
byte-identical for a seed. Films are produced in chunks and streamed, so memory stays
bounded at 10x the real size. `generated.json` beside the files records what was made.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from benchmarks import gen_text
from benchmarks.gen_credits import CreditsMaker, Pools, draw, tmdb_paths, zipf_cdf
from benchmarks.gen_ratings import REAL_RATINGS, REAL_USERS, write_links, write_ratings
from benchmarks.wordlists import (
    ADJECTIVES,
    COMPANY_STEMS,
    COMPANY_SUFFIXES,
    COUNTRIES,
    FIRST_NAMES,
    GENRES,
    KEYWORDS,
    LANGUAGES,
    LAST_NAMES,
    NOUNS,
    STATUSES,
)

REAL_MOVIES = 45_466
VERSION = 1  # bump when the output changes, so cached benchmark inputs are regenerated
CHUNK = 4096  # films per streamed chunk; fixed, so output does not depend on memory
META_COLUMNS = [
    "adult",
    "belongs_to_collection",
    "budget",
    "genres",
    "homepage",
    "id",
    "imdb_id",
    "original_language",
    "original_title",
    "overview",
    "popularity",
    "poster_path",
    "production_companies",
    "production_countries",
    "release_date",
    "revenue",
    "runtime",
    "spoken_languages",
    "status",
    "tagline",
    "title",
    "video",
    "vote_average",
    "vote_count",
]
ZIP_NAME = "the-movies-dataset.zip"
FILES = ("movies_metadata.csv", "credits.csv", "keywords.csv", "links.csv", "ratings.csv")


@dataclass
class Summary:
    """What was generated (also written to `generated.json`)."""

    movies: int  # data rows of movies_metadata.csv as pandas reads them
    seed: int
    version: int = VERSION
    records: int = 0  # logical records (a malformed record spans two pandas rows)
    malformed_ids: list[int] = field(default_factory=list)  # ids of the split records
    duplicate_ids: list[int] = field(default_factory=list)
    duplicate_rows: int = 0  # later rows repeating an earlier id
    no_votes: int = 0
    missing_release_date: int = 0  # complete records with an empty release_date
    ratings: int = 0
    users: int = 0
    links: int = 0
    bytes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def csvq(s: str) -> str:
    """Quote a field the way pandas/csv QUOTE_MINIMAL does."""
    if '"' in s:
        return '"' + s.replace('"', '""') + '"'
    if "," in s or "\n" in s or "\r" in s:
        return '"' + s + '"'
    return s


def _weights(items: list[tuple], col: int = 2) -> np.ndarray:
    """Normalised weights from column `col` of a word-list table."""
    w = np.array([t[col] for t in items], dtype=float)
    return w / w.sum()


def _literals(rng, counts: np.ndarray, cdf: np.ndarray, items: list[str]) -> list[str]:
    """Lists of dict literals: `counts[i]` distinct items drawn from `cdf`."""
    picks = draw(rng, cdf, int(counts.sum())).tolist()
    out, i = [], 0
    for n in counts.tolist():
        if n == 0:
            out.append("[]")
        else:
            out.append("[" + ", ".join(items[p] for p in dict.fromkeys(picks[i : i + n])) + "]")
        i += n
    return out


class Generator:
    """Draws every per-film attribute up front (cheap arrays), then streams text in chunks."""

    def __init__(self, movies: int, seed: int) -> None:
        self.rng = rng = np.random.default_rng(seed)
        self.seed = seed
        self.n_bad = max(1, round(3 * movies / REAL_MOVIES))
        n = self.n = movies - self.n_bad  # each malformed record reads as two pandas rows
        self.summary = Summary(movies=movies, seed=seed, records=n)

        self.pools = Pools.for_movies(movies)
        self.ids = 2 + rng.choice(max(600_000, 12 * n), n, replace=False)
        self.imdb = 1_000 + rng.choice(9_998_000, n, replace=False)
        self.lang = rng.choice(len(LANGUAGES), n, p=_weights(LANGUAGES))
        self.year = np.clip(2017 - rng.gamma(1.3, 17.0, n).astype(np.int64), 1874, 2020)
        self.month, self.day = rng.integers(1, 13, n), rng.integers(1, 29, n)
        self.no_date = rng.random(n) < 0.002
        self._votes(n)
        self._money(n)
        self.titles = gen_text.titles(rng, n)
        self._special_rows(n)
        self._collections(n)
        self._remakes(n)
        self.original = gen_text.original_titles(rng, self.titles, self.lang)
        # Genres: drawn for every film now, because collection members share their base's.
        self.g_count = rng.choice(8, n, p=[0.05, 0.33, 0.32, 0.19, 0.07, 0.025, 0.01, 0.005])
        self.g_start = np.concatenate([[0], np.cumsum(self.g_count)[:-1]])
        self.g_pick = rng.choice(len(GENRES), int(self.g_count.sum()), p=_weights(GENRES))
        self.genre_items = [f"{{'id': {i}, 'name': {name!r}}}" for i, name, _ in GENRES]

        self.credits = CreditsMaker(rng, self.pools, seed=seed)
        self._vocabularies(movies)

    # ------------------------------------------------------------------ per-film numbers
    def _votes(self, n: int) -> None:
        rng = self.rng
        vc = np.minimum(np.maximum(1, np.rint(rng.lognormal(2.45, 2.05, n))), 14_075).astype(
            np.int64
        )
        none = rng.random(n) < 0.064
        vc[none] = 0
        sd = 0.9 + 1.5 / np.sqrt(np.maximum(vc, 1))
        va = np.clip(rng.normal(5.6 + 0.3 * np.log10(vc + 1), sd), 0.5, 10.0).round(1)
        va[none] = 0.0
        pop = 0.25 * np.maximum(vc, 0.01) ** 0.62 * rng.lognormal(0.0, 0.5, n)
        pop[none] = rng.lognormal(-2.5, 1.5, int(none.sum()))
        self.vote_count, self.vote_average, self.popularity = vc, va, pop
        self.summary.no_votes = int(none.sum())

    def _money(self, n: int) -> None:
        rng = self.rng
        has_b = rng.random(n) < 0.2
        budget = np.where(has_b, np.rint(rng.lognormal(16.1, 1.4, n) / 1000) * 1000, 0)
        tiny = has_b & (rng.random(n) < 0.02)  # junk budgets like "1" or "5" exist too
        budget[tiny] = rng.integers(1, 500, int(tiny.sum()))
        has_r = rng.random(n) < np.where(has_b, 0.6, 0.06)
        revenue = np.where(has_b, budget * rng.lognormal(0.7, 1.2, n), rng.lognormal(16.0, 1.8, n))
        self.budget = budget.astype(np.int64)
        self.revenue = np.where(has_r, np.rint(revenue), 0).astype(np.int64)
        rt = np.where(rng.random(n) < 0.05, rng.uniform(3, 40, n), rng.normal(97, 22, n))
        self.runtime = np.clip(np.rint(rt), 1, 900)
        u = rng.random(n)
        self.runtime_kind = np.where(u < 0.0057, 1, np.where(u < 0.04, 2, 0))  # missing / 0
        st_w = np.array([w for _, w in STATUSES])
        self.status = rng.choice(len(STATUSES), n, p=st_w / st_w.sum())
        self.adult = rng.random(n) < 0.0002
        self.video = rng.random(n) < 0.002
        self.homepage = rng.random(n) < 0.17
        self.no_poster = rng.random(n) < 0.0085
        self.has_tagline = rng.random(n) < 0.45

    # ------------------------------------------------------------------ structure
    def _special_rows(self, n: int) -> None:
        """Pick malformed records and duplicate rows (a later row repeating an earlier id)."""
        rng = self.rng
        n_dup = max(1, round(30 * (n + self.n_bad) / REAL_MOVIES))
        chosen = rng.choice(np.arange(1, n), min(n - 1, n_dup + self.n_bad), replace=False)
        self.dup_of: dict[int, int] = {}
        for d in chosen[:n_dup].tolist():
            self.dup_of[d] = int(rng.integers(0, d))
        # A duplicate of a duplicate repeats the original.
        for d in sorted(self.dup_of):
            src = self.dup_of[d]
            self.dup_of[d] = self.dup_of.get(src, src)
        self.bad = set(chosen[n_dup:].tolist())
        self.bad -= set(self.dup_of.values())
        for b in self.bad:  # the shifted line must put a date into `id`
            self.no_date[b] = False
            self.no_poster[b] = False
        for d, src in self.dup_of.items():
            self.ids[d] = self.ids[src]
            self.no_date[src] = False  # so a duplicate is rejected as a duplicate only
        self.sources = set(self.dup_of.values())
        self.summary.duplicate_ids = sorted({int(self.ids[d]) for d in self.dup_of})
        self.summary.duplicate_rows = len(self.dup_of)
        self.summary.malformed_ids = sorted(int(self.ids[b]) for b in self.bad)
        special = set(self.dup_of) | self.bad | self.sources
        self.plain = np.array([i for i in range(n) if i not in special], dtype=np.int64)
        self.unique_rows = np.array([i for i in range(n) if i not in self.dup_of], dtype=np.int64)

    def _collections(self, n: int) -> None:
        """Franchises: 2-8 films sharing a collection, a base title, stars and often a director."""
        rng = self.rng
        self.coll_cell = [""] * n
        self.stars = np.full((n, 2), -1, dtype=np.int64)
        self.fixed_director = np.full(n, -1, dtype=np.int64)
        self.genre_src = np.arange(n)
        sizes = rng.choice(
            [2, 3, 4, 5, 6, 8], max(1, round(n * 0.037)), p=[0.55, 0.22, 0.1, 0.06, 0.04, 0.03]
        )
        members = rng.permutation(self.plain)
        head_actor = zipf_cdf(min(3000, self.pools.n_actors), a=0.6, k=5.0)
        head_director = zipf_cdf(min(400, self.pools.n_directors), a=0.5, k=5.0)
        coll_ids = 10 + rng.choice(600_000, len(sizes), replace=False)
        paths = tmdb_paths(coll_ids.astype(np.uint64), self.seed + 77)
        backs = tmdb_paths(coll_ids.astype(np.uint64), self.seed + 78)
        pos = 0
        for c, size in enumerate(sizes.tolist()):
            group = members[pos : pos + size]
            if len(group) < 2:
                break
            pos += size
            group = np.sort(group)
            base = int(group[0])
            base_title = self.titles[base]
            style = int(rng.integers(0, 3))
            y = int(min(self.year[base], 2005))
            stars = draw(rng, head_actor, 2)
            director = int(draw(rng, head_director, 1)[0]) if rng.random() < 0.6 else -1
            name = f"{base_title} Collection"
            back = repr(backs[c]) if c % 5 else "None"
            cell = (
                f"{{'id': {coll_ids[c]}, 'name': {name!r}, 'poster_path': {paths[c]!r}, "
                f"'backdrop_path': {back}}}"
            )
            for k, m in enumerate(group.tolist()):
                self.coll_cell[m] = cell
                self.stars[m] = stars
                self.fixed_director[m] = director
                self.genre_src[m] = base
                self.year[m] = min(2017, y + 3 * k)
                if k:
                    subtitle = f"{ADJECTIVES[(m + k) % len(ADJECTIVES)]} {NOUNS[m % len(NOUNS)]}"
                    self.titles[m] = [
                        f"{base_title} {k + 1}",
                        f"{base_title}: {subtitle}",
                        f"{base_title} {['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'][k - 1]}",
                    ][style]

    def _remakes(self, n: int) -> None:
        """About 2 % of films reuse an earlier film's title (remakes), in another year."""
        rng = self.rng
        for m in rng.choice(self.plain, max(1, len(self.plain) // 50), replace=False).tolist():
            src = int(rng.integers(0, n))
            if src != m and not self.coll_cell[m]:
                self.titles[m] = self.titles[src]
                if self.year[m] == self.year[src]:
                    self.year[m] = min(2017, self.year[m] + 7)

    def _vocabularies(self, movies: int) -> None:
        rng = self.rng
        n_comp = max(200, movies // 2)
        idx = np.arange(n_comp)
        ns, nx = len(COMPANY_STEMS), len(COMPANY_SUFFIXES)
        names = []
        for i in idx.tolist():
            base = f"{COMPANY_STEMS[i % ns]} {COMPANY_SUFFIXES[(i // ns) % nx]}"
            tier = i // (ns * nx)
            names.append(f"{LAST_NAMES[(tier - 1) % len(LAST_NAMES)]} {base}" if tier else base)
        comp_ids = idx * 7 + 1 + rng.integers(0, 7, n_comp)
        order = rng.permutation(n_comp)  # popularity rank is not alphabetical
        self.companies = [f"{{'name': {names[o]!r}, 'id': {comp_ids[o]}}}" for o in order.tolist()]
        self.company_cdf = zipf_cdf(n_comp, a=1.0, k=8.0)
        self.countries = [f"{{'iso_3166_1': '{c}', 'name': {name!r}}}" for c, name, _ in COUNTRIES]
        self.country_cdf = np.cumsum(_weights(COUNTRIES))
        self.languages = [
            f"{{'iso_639_1': '{c}', 'name': {name!r}}}" for c, name, _, _ in LANGUAGES
        ]
        self.language_cdf = np.cumsum(_weights(LANGUAGES))
        # Keywords: the hand list plus adjective-noun pairs, Zipf-used, with TMDB-like ids.
        extra = [f"{a.lower()} {b.lower()}" for a in ADJECTIVES[::3] for b in NOUNS[::4]]
        vocab = list(dict.fromkeys(KEYWORDS + extra))
        kw_ids = 1 + rng.choice(300_000, len(vocab), replace=False)
        self.keywords = [
            f"{{'id': {i}, 'name': {w!r}}}" for i, w in zip(kw_ids.tolist(), vocab, strict=True)
        ]
        self.keyword_cdf = zipf_cdf(len(vocab), a=0.9, k=20.0)
        self.sentences = gen_text.sentence_pool(rng)
        self.taglines = gen_text.tagline_pool(rng)

    # ------------------------------------------------------------------ streaming
    def _chunk_cells(self, lo: int, hi: int) -> dict[str, list[str]]:
        rng, m = self.rng, hi - lo
        cast_n, crew_n, dir_n = self.credits.sizes(m)
        kw_n = np.where(rng.random(m) < 0.3, 0, 1 + rng.poisson(4.0, m))
        comp_n = np.where(rng.random(m) < 0.26, 0, rng.geometric(0.5, m))
        ctry_n = np.where(rng.random(m) < 0.14, 0, rng.geometric(0.75, m))
        lang_n = np.where(rng.random(m) < 0.08, 0, rng.geometric(0.7, m))
        sl = slice(lo, hi)
        return {
            "cast": self.credits.cast_cells(cast_n, self.stars[sl]),
            "crew": self.credits.crew_cells(crew_n, dir_n, self.fixed_director[sl]),
            "keywords": _literals(rng, kw_n, self.keyword_cdf, self.keywords),
            "companies": _literals(rng, comp_n, self.company_cdf, self.companies),
            "countries": _literals(rng, ctry_n, self.country_cdf, self.countries),
            "languages": _literals(rng, lang_n, self.language_cdf, self.languages),
            "overview": gen_text.overviews(rng, self.sentences, m),
            "tagline": [self.taglines[i] for i in rng.integers(0, len(self.taglines), m).tolist()],
            "poster": tmdb_paths(self.ids[sl].astype(np.uint64), self.seed + 5),
            "extra_kw_row": (rng.random(m) < 0.02).tolist(),
            "dup_bump": rng.integers(0, 3, m).tolist(),
        }

    def _genres(self, i: int) -> str:
        s = self.genre_src[i]
        picks = self.g_pick[self.g_start[s] : self.g_start[s] + self.g_count[s]].tolist()
        if not picks:
            return "[]"
        return "[" + ", ".join(self.genre_items[g] for g in dict.fromkeys(picks)) + "]"

    def _meta_fields(self, i: int, c: dict[str, list[str]], j: int) -> list[str]:
        date = (
            "" if self.no_date[i] else f"{self.year[i]:04d}-{self.month[i]:02d}-{self.day[i]:02d}"
        )
        code = LANGUAGES[self.lang[i]][0]
        langs = c["languages"][j]
        if code != "xx" and langs != "[]" and f"'{code}'" not in langs:
            langs = "[" + self.languages[self.lang[i]] + ", " + langs[1:]
        kind = self.runtime_kind[i]
        runtime = f"{self.runtime[i]:.1f}" if kind == 0 else ("" if kind == 1 else "0.0")
        return [
            "True" if self.adult[i] else "False",
            self.coll_cell[i],
            str(self.budget[i]),
            self._genres(i),
            f"http://www.{gen_text.slug(self.titles[i])}.com/" if self.homepage[i] else "",
            str(self.ids[i]),
            f"tt{self.imdb[i]:07d}" if i % 2500 != 7 else "",
            code,
            self.original[i],
            c["overview"][j],
            f"{self.popularity[i]:.6f}",
            "" if self.no_poster[i] else c["poster"][j],
            c["companies"][j],
            c["countries"][j],
            date,
            str(self.revenue[i]),
            runtime,
            langs,
            STATUSES[self.status[i]][0],
            c["tagline"][j] if self.has_tagline[i] else "",
            self.titles[i],
            "True" if self.video[i] else "False",
            f"{self.vote_average[i]:.1f}",
            str(self.vote_count[i]),
        ]

    def _malformed_lines(self, f: list[str], i: int) -> str:
        """The real defect: a line break inside an unquoted overview splits the record; the
        second line starts mid-overview, so every later column lands 9 places to the left."""
        head = [*f[:9], "A quiet drama about two neighbours who stop speaking"]
        who = f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[i % len(LAST_NAMES)]}"
        tail = [f" - Written by {who}", *f[10:]]
        return ",".join(csvq(x) for x in head) + "\n" + ",".join(csvq(x) for x in tail) + "\n"

    def write(self, out: Path, log) -> None:
        cache: dict[int, tuple[list[str], str, str]] = {}
        t0 = time.perf_counter()
        with (
            (out / "movies_metadata.csv").open("w", encoding="utf-8", newline="") as meta,
            (out / "credits.csv").open("w", encoding="utf-8", newline="") as cred,
            (out / "keywords.csv").open("w", encoding="utf-8", newline="") as kw,
        ):
            meta.write(",".join(META_COLUMNS) + "\n")
            cred.write("cast,crew,id\n")
            kw.write("id,keywords\n")
            for lo in range(0, self.n, CHUNK):
                hi = min(self.n, lo + CHUNK)
                c = self._chunk_cells(lo, hi)
                m_out, c_out, k_out = [], [], []
                for j, i in enumerate(range(lo, hi)):
                    if i in self.dup_of:
                        fields, cline, kline = cache[self.dup_of[i]]
                        fields = list(fields)
                        if c["dup_bump"][j] == 1:  # some duplicates differ in their counts
                            fields[23] = str(int(fields[23]) + 1 + j % 7)
                            fields[10] = f"{float(fields[10]) * 1.01:.6f}"
                    else:
                        fields = self._meta_fields(i, c, j)
                        cline = f"{csvq(c['cast'][j])},{csvq(c['crew'][j])},{self.ids[i]}\n"
                        kline = f"{self.ids[i]},{csvq(c['keywords'][j])}\n"
                        if i in self.sources:
                            cache[i] = (fields, cline, kline)
                        if not fields[14]:
                            self.summary.missing_release_date += 1
                    if i in self.bad:
                        m_out.append(self._malformed_lines(fields, i))
                    else:
                        m_out.append(",".join(csvq(x) for x in fields) + "\n")
                    c_out.append(cline)
                    k_out.append(kline * (2 if c["extra_kw_row"][j] else 1))
                meta.write("".join(m_out))
                cred.write("".join(c_out))
                kw.write("".join(k_out))
                log(f"generate: films {hi:,}/{self.n:,} ({time.perf_counter() - t0:.1f} s)")

    def write_ratings(self, out: Path, *, n_ratings: int, n_users: int, log) -> None:
        u = self.unique_rows
        movie_ids, film_of_row = write_links(
            out / "links.csv",
            self.rng,
            tmdb_ids=self.ids[u],
            imdb_ids=self.imdb[u],
            extra_id_base=int(self.ids.max()) + 1,
        )
        self.summary.links = len(movie_ids)
        if n_ratings <= 0:
            return
        self.summary.users = n_users
        self.summary.ratings = write_ratings(
            out / "ratings.csv",
            self.rng,
            n_ratings=n_ratings,
            n_users=n_users,
            movie_ids=movie_ids,
            film_of_row=film_of_row,
            vote_count=self.vote_count[u],
            vote_average=self.vote_average[u],
            progress=log,
        )


def generate(
    out: Path,
    *,
    movies: int = REAL_MOVIES,
    seed: int = 1,
    ratings: int | None = None,
    ratings_users: int | None = None,
    zip_output: bool = False,
    progress: bool = True,
) -> Summary:
    """Write the five files into `out` (created); return what was generated."""
    if movies < 20:
        raise ValueError("--movies must be at least 20")
    log = (lambda msg: print(msg, file=sys.stderr, flush=True)) if progress else (lambda msg: None)
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    if ratings_users is not None:
        n_users, n_ratings = ratings_users, round(ratings_users * REAL_RATINGS / REAL_USERS)
    else:
        n_ratings = round(movies / REAL_MOVIES * 1_000_000) if ratings is None else ratings
        n_users = max(1, round(n_ratings * REAL_USERS / REAL_RATINGS))
    # Write into a staging folder, then move the files in: a benchmark reading `out` at the
    # same time sees complete files, old or new, never a half-written one.
    stage = Path(tempfile.mkdtemp(prefix=".partial-", dir=out))
    try:
        gen = Generator(movies, seed)
        gen.write(stage, log)
        gen.write_ratings(stage, n_ratings=n_ratings, n_users=n_users, log=log)
        names = [f for f in FILES if (stage / f).exists()]
        if zip_output:
            log("generate: zipping")
            with zipfile.ZipFile(stage / ZIP_NAME, "w", zipfile.ZIP_DEFLATED) as zf:
                for name in names:
                    zf.write(stage / name, name)
            names = [ZIP_NAME]
        s = gen.summary
        s.bytes = {name: (stage / name).stat().st_size for name in names}
        s.seconds = round(time.perf_counter() - t0, 2)
        for name in {*FILES, ZIP_NAME} - set(names):  # no stale file from an earlier run
            (out / name).unlink(missing_ok=True)
        for name in names:
            os.replace(stage / name, out / name)
        (out / "generated.json").write_text(json.dumps(asdict(s), indent=1) + "\n")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    mb = {k: round(v / 1e6, 1) for k, v in s.bytes.items()}
    log(f"generate: done in {s.seconds} s: {mb} MB")
    return s


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--movies", type=int, default=REAL_MOVIES, help="metadata rows (default 45466)")
    p.add_argument("--out", type=Path, required=True, help="output folder (created)")
    p.add_argument("--seed", type=int, default=1)
    g = p.add_mutually_exclusive_group()
    g.add_argument(
        "--ratings", type=int, help="ratings rows (default movies/45466 x 1,000,000; 0: none)"
    )
    g.add_argument("--ratings-users", type=int, help="users, at MovieLens' ~96 ratings each")
    p.add_argument("--zip", action="store_true", help="write one zip instead of the CSV files")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    a = p.parse_args(argv)
    generate(
        a.out,
        movies=a.movies,
        seed=a.seed,
        ratings=a.ratings,
        ratings_users=a.ratings_users,
        zip_output=a.zip,
        progress=not a.quiet,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
