"""Serving "more like this": loads the ETL's `rec_*` tables once, answers in milliseconds.

A request scores every film in the catalogue, without any N×N matrix:

    content(seed, film) = sparse features · sparse features + overview embedding · embedding
    cf_a(seed, film)    = co / (likes_seed^(1-a) · likes_film^a) · co / (co + shrink)
    ranker(film)        = mean over seeds (w_content·content + w_cf·cf_a) + w_q·quality

The sparse product walks only the postings of the seed's own features (its genres,
keywords, cast, director, ...), the embedding product is one (n × d) mat-vec and the
collaborative part is the seed's stored neighbours (co-like counts). Two rankers fill the
list: the "head" slots lean on what the seed's fans loved (a = 0, with the quality prior),
the "tail" slots on the closest cousins (content + cosine CF, a = 0.5). Layout of the tables:
docs/recommender.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from moviebot.core.models import Filters, MovieRef, Recommendations, Recommended


@dataclass(frozen=True, kw_only=True)
class Ranker:
    """Weights of one ranking: content, collaborative (with its exponent a), quality."""

    content: float
    cf: float
    cf_alpha: float
    quality: float


@dataclass(frozen=True, kw_only=True)
class Blend:
    """Serving weights; tuned on a validation split of MovieLens users (eval_recommend).

    The first `ceil(k · head_share)` slots come from `head`, the rest from `tail`.
    """

    head: Ranker = field(default_factory=lambda: Ranker(
        content=0.5, cf=1.0, cf_alpha=0.0, quality=0.3))
    tail: Ranker = field(default_factory=lambda: Ranker(
        content=1.0, cf=1.0, cf_alpha=0.5, quality=0.0))
    head_share: float = 0.5
    cf_shrink: float = 10.0
    sequel_cap: int = 2


@dataclass(frozen=True, kw_only=True)
class FilmInfo:
    """Per-film columns serving needs, aligned with the model's sorted movie ids."""

    title: np.ndarray  # object
    year: np.ndarray  # float (NaN when unknown)
    language: np.ndarray  # object, lower-case ISO code
    vote_average: np.ndarray  # float (NaN without votes)


@dataclass
class _Seed:
    """One seed's scores against every film."""

    index: int
    content: np.ndarray
    co: tuple[np.ndarray, np.ndarray]  # neighbour indices, co-like counts


class Recommender:
    """Read-only arrays; safe to share between threads."""

    def __init__(
        self,
        *,
        movie_ids: np.ndarray,
        features: sp.csr_matrix,
        vocab_kind: np.ndarray,
        vocab_name: np.ndarray,
        embedding: np.ndarray,
        quality: np.ndarray,
        likes: np.ndarray,
        cf: sp.csr_matrix,
        info: FilmInfo,
        signal: str,
        blend: Blend | None = None,
    ) -> None:
        self.movie_ids = np.asarray(movie_ids, dtype=np.int64)
        self.n = len(self.movie_ids)
        self.features = sp.csr_matrix(features, dtype=np.float32)
        self.features.sort_indices()
        self._postings = sp.csc_matrix(self.features)
        self._postings.sort_indices()
        self.vocab_kind = np.asarray(vocab_kind, dtype=object)
        self.vocab_name = np.asarray(vocab_name, dtype=object)
        self.embedding = np.ascontiguousarray(embedding, dtype=np.float32)
        self.quality = np.asarray(quality, dtype=np.float32)
        self.likes = np.maximum(np.asarray(likes, dtype=np.float32), 1.0)
        self.cf = sp.csr_matrix(cf, dtype=np.float32)
        self.cf.sort_indices()
        self.info = info
        self.signal = "hybrid" if signal == "hybrid" else "content"
        self.blend = blend or Blend()
        self._genre_ids = {
            str(name).casefold(): f
            for f, (kind, name) in enumerate(zip(self.vocab_kind, self.vocab_name, strict=True))
            if kind == "genre"
        }
        self._collection_of = self._collections()

    # -- loading ------------------------------------------------------------------------
    @classmethod
    def load(cls, con: Any, *, blend: Blend | None = None) -> Recommender:
        """Read the model tables from an open catalogue connection (DuckDB)."""
        params = dict(con.execute("SELECT key, value FROM rec_params").fetchall())
        films = con.execute(
            "SELECT f.movie_id, f.quality, f.likes, m.title, m.release_year,"
            " m.original_language, m.vote_average"
            " FROM rec_films f JOIN movies m ON m.id = f.movie_id ORDER BY f.movie_id"
        ).fetchnumpy()
        ids = np.asarray(films["movie_id"], dtype=np.int64)
        n = len(ids)
        vocab = con.execute("SELECT kind, name FROM rec_vocab ORDER BY feature_id").fetchnumpy()
        x = con.execute("SELECT movie_id, feature_id, weight FROM rec_features").fetchnumpy()
        features = sp.csr_matrix(
            (np.asarray(x["weight"], np.float32),
             (np.searchsorted(ids, x["movie_id"]), np.asarray(x["feature_id"], np.int64))),
            shape=(n, len(vocab["kind"])),
        )
        emb = con.execute("SELECT * FROM rec_embedding ORDER BY movie_id").fetchnumpy()
        dims = [c for c in emb if c != "movie_id"]
        embedding = (np.column_stack([np.asarray(emb[c], np.float32) for c in dims])
                     if dims else np.zeros((n, 0), np.float32))
        c = con.execute("SELECT movie_id, neighbour_id, co_likes FROM rec_cf").fetchnumpy()
        cf = sp.csr_matrix(
            (np.asarray(c["co_likes"], np.float32),
             (np.searchsorted(ids, c["movie_id"]), np.searchsorted(ids, c["neighbour_id"]))),
            shape=(n, n),
        )
        info = FilmInfo(
            title=np.asarray(films["title"], dtype=object),
            year=_floats(films["release_year"]),
            language=np.array([str(v).casefold() for v in films["original_language"]],
                              dtype=object),
            vote_average=_floats(films["vote_average"]),
        )
        return cls(
            movie_ids=ids, features=features, vocab_kind=np.asarray(vocab["kind"], object),
            vocab_name=np.asarray(vocab["name"], object), embedding=embedding,
            quality=_floats(films["quality"]), likes=_floats(films["likes"]), cf=cf,
            info=info, signal=params.get("signal", "content"), blend=blend,
        )

    @classmethod
    def from_model(cls, model: Any, info: FilmInfo, *, blend: Blend | None = None
                   ) -> Recommender:
        """Serve an in-memory model (`moviebot.etl.recommender_model.Model`), for evaluation."""
        return cls(
            movie_ids=model.movie_ids, features=model.features, vocab_kind=model.vocab_kind,
            vocab_name=model.vocab_name, embedding=model.embedding, quality=model.quality,
            likes=model.likes, cf=model.cf, info=info, signal=model.signal, blend=blend,
        )

    def with_blend(self, blend: Blend) -> Recommender:
        """The same arrays with other serving weights (cheap; for tuning)."""
        other = object.__new__(Recommender)
        other.__dict__.update(self.__dict__)
        other.blend = blend
        return other

    # -- scoring ------------------------------------------------------------------------
    def index_of(self, movie_id: int) -> int | None:
        i = int(np.searchsorted(self.movie_ids, movie_id))
        return i if i < self.n and self.movie_ids[i] == movie_id else None

    def content_scores(self, i: int) -> np.ndarray:
        """Cosine of film `i` with every film (sparse postings + embedding mat-vec)."""
        x, p = self.features, self._postings
        feats = x.indices[x.indptr[i]:x.indptr[i + 1]]
        vals = x.data[x.indptr[i]:x.indptr[i + 1]]
        if len(feats):
            starts, ends = p.indptr[feats], p.indptr[feats + 1]
            rows = np.concatenate([p.indices[s:e] for s, e in zip(starts, ends, strict=True)])
            w = np.concatenate([p.data[s:e] * v for s, e, v in
                                zip(starts, ends, vals, strict=True)])
            out = np.bincount(rows, weights=w, minlength=self.n)
        else:
            out = np.zeros(self.n)
        if self.embedding.shape[1]:
            out += self.embedding @ self.embedding[i]
        return out

    def _seed(self, i: int) -> _Seed:
        lo, hi = self.cf.indptr[i], self.cf.indptr[i + 1]
        return _Seed(i, self.content_scores(i), (self.cf.indices[lo:hi], self.cf.data[lo:hi]))

    def _cf(self, seed: _Seed, alpha: float) -> tuple[np.ndarray, np.ndarray]:
        """(neighbour indices, shrunk similarity with exponent alpha) of one seed."""
        idx, co = seed.co
        sim = co / (self.likes[seed.index] ** (1 - alpha) * self.likes[idx] ** alpha)
        return idx, sim * (co / (co + self.blend.cf_shrink))

    def rank_scores(self, seeds: list[_Seed], ranker: Ranker) -> np.ndarray:
        """One ranker's score of every film for the seeds."""
        total = np.zeros(self.n)
        for seed in seeds:
            total += ranker.content * seed.content
            if ranker.cf and len(seed.co[0]):
                idx, sim = self._cf(seed, ranker.cf_alpha)
                total[idx] += ranker.cf * sim
        total /= max(len(seeds), 1)
        return total + ranker.quality * self.quality

    def mask(self, filters: Filters | None) -> np.ndarray:
        """Films allowed by `filters` (all True for none)."""
        ok = np.ones(self.n, dtype=bool)
        if filters is None:
            return ok
        info = self.info
        if filters.year_from is not None:
            ok &= info.year >= filters.year_from
        if filters.year_to is not None:
            ok &= info.year <= filters.year_to
        if filters.language:
            ok &= info.language == filters.language.strip().casefold()
        if filters.min_rating is not None:
            ok &= np.nan_to_num(info.vote_average, nan=-1.0) >= filters.min_rating
        if filters.genre:
            f = self._genre_ids.get(filters.genre.strip().casefold())
            genre_ok = np.zeros(self.n, dtype=bool)
            if f is not None:
                genre_ok[self._postings.indices[
                    self._postings.indptr[f]:self._postings.indptr[f + 1]]] = True
            ok &= genre_ok
        return ok

    def top(self, seed_idx: list[int], *, k: int, filters: Filters | None = None
            ) -> list[int]:
        """Indices of the k best films for catalogue indices `seed_idx` (for evaluation)."""
        allowed = self.mask(filters)
        allowed[seed_idx] = False
        return [j for j, _, _ in self._pick([self._seed(i) for i in seed_idx], allowed, k=k)]

    def _pick(self, seeds: list[_Seed], allowed: np.ndarray, *, k: int
              ) -> list[tuple[int, float, Ranker]]:
        """The k best allowed films as (index, score, ranker that picked it), with at most
        `sequel_cap` films from a seed's own collection."""
        cand = np.flatnonzero(allowed)
        if k <= 0 or not len(cand):
            return []
        b = self.blend
        seed_colls = {int(self._collection_of[s.index]) for s in seeds} - {-1}
        want = min(len(cand), 2 * k + 4 * (b.sequel_cap + 1) * max(len(seed_colls), 1))
        n_head = min(k, int(np.ceil(k * b.head_share - 1e-9)))
        lists = []
        for ranker in (b.head, b.tail):
            score = self.rank_scores(seeds, ranker)[cand]
            best = (np.argpartition(-score, want - 1)[:want] if want < len(cand)
                    else np.arange(len(cand)))
            # Deterministic order: score, then id.
            best = best[np.lexsort((self.movie_ids[cand[best]], -score[best]))]
            lists.append((cand[best].tolist(), score[best].tolist(), ranker))
        picked: list[tuple[int, float, Ranker]] = []
        taken: set[int] = set()
        per_coll: dict[int, int] = {}
        for slot in range(k):
            films, scores, ranker = lists[0] if slot < n_head else lists[1]
            for j, sc in zip(films, scores, strict=True):
                c = int(self._collection_of[j])
                if j in taken or (c in seed_colls and per_coll.get(c, 0) >= b.sequel_cap):
                    continue
                per_coll[c] = per_coll.get(c, 0) + 1
                taken.add(j)
                picked.append((j, sc, ranker))
                break
        return picked

    # -- the public answer --------------------------------------------------------------
    def recommend(self, seed_ids: list[int], *, k: int = 5, filters: Filters | None = None
                  ) -> Recommendations:
        """Films like `seed_ids` (unknown ids ignored), best first, each with a reason."""
        seed_idx = list(dict.fromkeys(
            i for i in (self.index_of(int(s)) for s in seed_ids) if i is not None))
        seeds_refs = [self.ref(i) for i in seed_idx]
        if not seed_idx:
            return Recommendations(seeds=seeds_refs, results=[], signal=self.signal)
        allowed = self.mask(filters)
        allowed[seed_idx] = False
        seeds = [self._seed(i) for i in seed_idx]
        results = []
        for j, score, ranker in self._pick(seeds, allowed, k=k):
            kind, text, args = self.reason(seeds, ranker, j)
            results.append(Recommended(self.ref(j), float(score), text,
                                       reason_kind=kind, reason_args=args))
        return Recommendations(seeds=seeds_refs, results=results, signal=self.signal)

    def ref(self, i: int) -> MovieRef:
        year = self.info.year[i]
        return MovieRef(int(self.movie_ids[i]), str(self.info.title[i]),
                        int(year) if year == year else None)

    # -- reasons --------------------------------------------------------------------------
    def _collections(self) -> np.ndarray:
        """Collection feature id of each film (-1 for none)."""
        out = np.full(self.n, -1, dtype=np.int64)
        for f in np.flatnonzero(self.vocab_kind == "collection"):
            lo, hi = self._postings.indptr[f], self._postings.indptr[f + 1]
            out[self._postings.indices[lo:hi]] = f
        return out

    def shared(self, a: int, b: int) -> dict[str, list[str]]:
        """Feature names films a and b share, per kind, strongest first."""
        x = self.features
        fa = dict(zip(x.indices[x.indptr[a]:x.indptr[a + 1]].tolist(),
                      x.data[x.indptr[a]:x.indptr[a + 1]].tolist(), strict=True))
        common = []
        for f, w in zip(x.indices[x.indptr[b]:x.indptr[b + 1]].tolist(),
                        x.data[x.indptr[b]:x.indptr[b + 1]].tolist(), strict=True):
            if f in fa:
                common.append((-w * fa[f], str(self.vocab_name[f]), str(self.vocab_kind[f])))
        out: dict[str, list[str]] = {}
        for _, name, kind in sorted(common):
            out.setdefault(kind, []).append(name)
        return out

    def reason(self, seeds: list[_Seed], ranker: Ranker, j: int
               ) -> tuple[str, str, dict[str, Any]]:
        """(kind, English text, structured args) explaining film j."""
        parts = []
        for n, seed in enumerate(seeds):
            idx, sim = self._cf(seed, ranker.cf_alpha)
            hit = np.flatnonzero(idx == j)
            cf = ranker.cf * float(sim[hit[0]]) if len(hit) else 0.0
            content = max(ranker.content, 0.5) * float(seed.content[j])
            parts.append((content + cf, -n, content, cf, seed.index))
        _, _, content, cf, s = max(parts)
        seed_title = str(self.info.title[s])
        args: dict[str, Any] = {"seed_id": int(self.movie_ids[s]), "seed_title": seed_title}
        common = self.shared(s, j)
        like = f" (like {seed_title})" if len(seeds) > 1 else ""

        def say(kind: str, text: str, names: list[str]) -> tuple[str, str, dict[str, Any]]:
            return kind, text, {**args, "names": names}

        if "collection" in common:
            names = common["collection"][:1]
            return say("collection", f"also in {names[0]}{like}", names)
        if "director" in common:
            names = common["director"][:2]
            return say("director", f"also directed by {' & '.join(names)}{like}", names)
        if cf > content:
            return say("liked", f"liked by people who liked {seed_title}", [])
        if "cast" in common:
            names = common["cast"][:2]
            return say("cast", f"also with {', '.join(names)}{like}", names)
        if "keyword" in common:
            names = common["keyword"][:3]
            return say("keyword", f"also about {', '.join(names)}{like}", names)
        if "genre" in common:
            names = common["genre"][:3]
            return say("genre", f"also {' / '.join(names)}{like}", names)
        return say("story", f"a story close to {seed_title}", [])


def _floats(values: Any) -> np.ndarray:
    """A float array from a DuckDB column (masked where NULL -> NaN)."""
    if np.ma.isMaskedArray(values):
        return np.ma.filled(values.astype(float), np.nan)
    return np.asarray(values, dtype=float)
