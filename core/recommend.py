"""Serving "more like this": loads the ETL's `rec_*` tables once, answers in milliseconds.

A request scores every film in the catalogue, without any N×N matrix:

    content(seed, film) = sparse features · sparse features + overview embedding · embedding
    cf_a(seed, film)    = co / (likes_seed^(1-a) · likes_film^a) · co / (co + shrink)
    ranker(film)        = mean over seeds (w_content·content + w_cf·cf_a) + w_q·quality

The sparse product walks only the postings of the seed's own features (its genres,
keywords, cast, director, ...), the embedding product is one (n × d) mat-vec and the
collaborative part is the seed's stored neighbours (co-like counts). Two rankers fill the
list (`Blend.slots`): "lookalike" (co-like lift + a little content) most slots, "close
cousins" (content-led) the others. Both discount films off the seed's genres and the
canon (the most-liked films everyone likes), so a blockbuster must earn its place through
the seed's fans and genres. Layout of the tables: docs/recommender.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from moviebot.core.contract import MODEL_VERSION, CatalogueError, ModelMissing
from moviebot.core.models import Filters, MovieRef, Recommendations, Recommended


@dataclass(frozen=True, kw_only=True)
class Ranker:
    """Weights of one ranking: content, collaborative, quality.

    The collaborative score is, with `cf_beta` > 0, the share of the seed's fans who also
    liked the film, smoothed towards the film's overall like rate:
    (co + beta · likes_film / users) / (likes_seed + beta); otherwise
    co / (likes_seed^(1-a) · likes_film^a) · co / (co + shrink), a = `cf_alpha`
    (0.5 = cosine). With `canon_boost` = b > 0 the collaborative score of a film outside
    the canon (the `Blend.canon` most-liked films) is multiplied by up to 1 + b (a soft step,
    see `Blend`), so a blockbuster everyone likes needs a clearly larger fan share than a
    film the seed's fans like in particular.
    """

    content: float
    cf: float
    quality: float
    cf_alpha: float = 0.5
    cf_beta: float = 0.0
    canon_boost: float = 0.0
    # "More like this" that looks like the seed (see `LOOKALIKE`): `fans` adds the raw share
    # of the seed's fans who liked the film, co / (likes_seed + cf_beta or 20), on top of the
    # co-like score; a film sharing no genre with a seed keeps `off_genre` of that seed's
    # score, and a film in the canon keeps `canon_weight` of its whole score (soft step).
    fans: float = 0.0
    off_genre: float = 1.0
    canon_weight: float = 1.0
    # For a seed that is itself in the canon, a canon film sharing all its genres keeps
    # `canon_weight_in` instead (linearly in the share of genres; negative: off), so the
    # canon meets the canon where it belongs (The Godfather: GoodFellas) and nowhere else.
    canon_weight_in: float = -1.0


# The default ranker: co-like similarity shrunk towards 0 for small counts (specific to the
# seed: a lift over how liked the film is, not the raw co-like count), a little of the
# fans' share, and content; films off the seed's genres and the canon are discounted, so
# the canon appears only where the seed's fans and its genres put it. Weights chosen on
# validation splits of MovieLens train users (benchmarks/eval_recommend.py --tune).
LOOKALIKE = Ranker(content=0.3, cf=1.0, cf_alpha=0.4, quality=0.0, fans=0.2, off_genre=0.5,
                   canon_weight=0.75, canon_weight_in=1.0)

# "Close cousins", content-led, for a few slots (`Blend.slots`): films that share what the
# seed is, which the co-like ranker alone leaves out; it spreads lists over more of the
# catalogue and finds what a film lover names (docs/recommender.md).
COUSINS = Ranker(content=1.0, cf=1.0, cf_alpha=0.5, quality=0.0, fans=0.3, off_genre=0.5,
                 canon_weight=0.6)


@dataclass(frozen=True, kw_only=True)
class Blend:
    """Serving weights; tuned on a validation split of MovieLens users (eval_recommend).

    `slots` says which ranker fills each slot; with `slots` empty, the first
    `ceil(k · head_share)` slots come from `head`, the rest from `tail`.
    """

    head: Ranker = field(default_factory=lambda: LOOKALIKE)
    tail: Ranker = field(default_factory=lambda: COUSINS)
    head_share: float = 1.0
    # Which ranker fills each slot, repeated down the list ("h" head, "t" tail): "hhhht" is
    # slots 5, 10, ... from tail; empty: the first ceil(k · head_share) slots from head.
    slots: str = "hhhht"
    cf_shrink: float = 10.0
    sequel_cap: int = 2
    # The canon: the `canon` most-liked films, weighted by w = 1 / (1 + (likes /
    # likes_at_canon)^steepness) (≈ 0 in it, ≈ 1 outside). A ranker's canon_boost multiplies
    # a film's collaborative score by 1 + canon_boost · w; its canon_weight c multiplies the
    # whole score by c + (1 - c) · w.
    canon: int = 30
    canon_steepness: float = 8.0


# The blend before issue 10 (head: smoothed fans' share with a boost outside the 120
# most-liked; tail: close cousins), kept for the evaluation's comparison.
PREVIOUS = Blend(
    head=Ranker(content=0.3, cf=1.0, cf_beta=20.0, quality=0.05, canon_boost=0.75),
    tail=Ranker(content=1.0, cf=1.0, cf_alpha=0.5, quality=0.0, canon_boost=1.0),
    head_share=0.5, slots="", canon=120)

# The first issue-10 default (one lookalike ranker in every slot), for the comparison.
FIRST_LOOKALIKE = Blend(
    head=Ranker(content=0.3, cf=1.0, cf_alpha=0.5, quality=0.0, fans=0.2, off_genre=0.5,
                canon_weight=0.8), slots="")


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
    genre: np.ndarray | None = None  # films sharing a genre with the seed (None: it has none)
    _scales: dict[float, np.ndarray] = field(default_factory=dict)

    def genre_scale(self, off_genre: float) -> np.ndarray:
        """1 for films sharing a genre with the seed, `off_genre` for the others."""
        got = self._scales.get(off_genre)
        if got is None:
            got = self._scales[off_genre] = np.where(self.genre, 1.0, off_genre)
        return got


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
        users: int,
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
        self.users = int(users)
        # Like rate of each film (0 without ratings): the smoothing target of cf_beta.
        self.like_rate = (np.asarray(likes, dtype=np.float32) / users if users
                          else np.zeros(self.n, np.float32))
        self.cf = sp.csr_matrix(cf, dtype=np.float32)
        self.cf.sort_indices()
        self.info = info
        self.signal = "hybrid" if signal == "hybrid" else "content"
        self.blend = blend or Blend()
        self._noncanon = self._outside_canon()
        self._genre_ids = {
            str(name).casefold(): f
            for f, (kind, name) in enumerate(zip(self.vocab_kind, self.vocab_name, strict=True))
            if kind == "genre"
        }
        self._collection_of = self._collections()
        self._is_genre = self.vocab_kind == "genre"
        x = self.features
        self._n_genres = np.bincount(
            np.repeat(np.arange(self.n), np.diff(x.indptr))[self._is_genre[x.indices]],
            minlength=self.n)

    # -- loading ------------------------------------------------------------------------
    @classmethod
    def load(cls, con: Any, *, blend: Blend | None = None) -> Recommender:
        """Read the model tables from an open catalogue connection (DuckDB).

        Raises ModelMissing when the file predates the recommender or has another layout.
        """
        try:
            params = dict(con.execute("SELECT key, value FROM rec_params").fetchall())
        except Exception as exc:  # duckdb.CatalogException, without importing duckdb here
            raise ModelMissing("this catalogue was built before recommendations existed; "
                               "rebuild it with `moviebot etl`") from exc
        if params.get("model_version") != str(MODEL_VERSION):
            raise ModelMissing(f"this catalogue's recommender model is version "
                               f"{params.get('model_version')} and this moviebot reads version "
                               f"{MODEL_VERSION}; rebuild the catalogue with `moviebot etl`")
        # No ORDER BY or JOIN in SQL: the tables are written sorted, and aligning in numpy
        # keeps DuckDB from materialising (and caching) sorted copies.
        films = con.execute("SELECT movie_id, quality, likes FROM rec_films").fetchnumpy()
        ids = np.asarray(films["movie_id"], dtype=np.int64)
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        n = len(ids)
        m = con.execute("SELECT id, title, release_year, original_language, vote_average"
                        " FROM movies").fetchnumpy()
        pos = np.searchsorted(ids, np.asarray(m["id"], np.int64))
        ok = (pos < n) & (ids[np.minimum(pos, n - 1)] == np.asarray(m["id"], np.int64))
        title = np.full(n, "", dtype=object)
        year, vote, language = np.full(n, np.nan), np.full(n, np.nan), np.full(n, "", object)
        title[pos[ok]] = np.asarray(m["title"], dtype=object)[ok]
        year[pos[ok]] = _floats(m["release_year"])[ok]
        vote[pos[ok]] = _floats(m["vote_average"])[ok]
        language[pos[ok]] = [str(v).casefold() for v in np.asarray(
            m["original_language"], dtype=object)[ok]]
        del m
        vocab = con.execute("SELECT feature_id, kind, name FROM rec_vocab").fetchnumpy()
        v_order = np.argsort(np.asarray(vocab["feature_id"]), kind="stable")
        features = _read_csr(con, "rec_features", ("movie_id", "feature_id", "weight"),
                             ids, (n, len(v_order)))
        emb = con.execute("SELECT * FROM rec_embedding").fetchnumpy()
        dims = [c for c in emb if c != "movie_id"]
        embedding = np.zeros((n, len(dims)), np.float32)
        rows = np.searchsorted(ids, np.asarray(emb["movie_id"], np.int64))
        for d, col in enumerate(dims):
            embedding[rows, d] = np.asarray(emb[col], np.float32)
        del emb
        cf = _read_csr(con, "rec_cf", ("movie_id", "neighbour_id", "co_likes"), ids, (n, n),
                       column_ids=ids)
        info = FilmInfo(title=title, year=year, language=language, vote_average=vote)
        return cls(
            movie_ids=ids, features=features,
            vocab_kind=np.asarray(vocab["kind"], object)[v_order],
            vocab_name=np.asarray(vocab["name"], object)[v_order], embedding=embedding,
            quality=_floats(films["quality"])[order], likes=_floats(films["likes"])[order],
            users=int(params.get("users", 0)), cf=cf,
            info=info, signal=params.get("signal", "content"), blend=blend,
        )

    @classmethod
    def from_model(cls, model: Any, info: FilmInfo, *, blend: Blend | None = None
                   ) -> Recommender:
        """Serve an in-memory model (`moviebot.etl.recommender_model.Model`), for evaluation."""
        return cls(
            movie_ids=model.movie_ids, features=model.features, vocab_kind=model.vocab_kind,
            vocab_name=model.vocab_name, embedding=model.embedding, quality=model.quality,
            likes=model.likes, users=model.users, cf=model.cf, info=info, signal=model.signal,
            blend=blend,
        )

    def with_blend(self, blend: Blend) -> Recommender:
        """The same arrays with other serving weights (cheap; for tuning)."""
        other = object.__new__(Recommender)
        other.__dict__.update(self.__dict__)
        other.blend = blend
        other._noncanon = other._outside_canon()
        return other

    def _outside_canon(self) -> np.ndarray:
        """(w, w · like rate): w in [0, 1], ≈1 outside the `canon` most-liked films, ≈0 in it."""
        likes = self.likes * (self.like_rate > 0)
        b = self.blend
        if not self.users or b.canon <= 0 or int((likes > 0).sum()) <= b.canon:
            w = np.ones(self.n, np.float32)
        else:
            pivot = float(np.partition(likes, self.n - b.canon)[self.n - b.canon])
            w = (1.0 / (1.0 + (likes / pivot) ** b.canon_steepness)).astype(np.float32)
        return np.stack([w, w * self.like_rate])

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
            # einsum, not BLAS: a multi-threaded gemv stalls under load (measured 10x)
            out += np.einsum("ij,j->i", self.embedding, self.embedding[i])
        return out

    def _seed(self, i: int) -> _Seed:
        lo, hi = self.cf.indptr[i], self.cf.indptr[i + 1]
        return _Seed(i, self.content_scores(i), (self.cf.indices[lo:hi], self.cf.data[lo:hi]),
                     self.genre_mask(i))

    def genre_overlap(self, i: int) -> np.ndarray:
        """Genres each film shares with film `i`, over the larger of their genre counts."""
        x, p = self.features, self._postings
        feats = x.indices[x.indptr[i]:x.indptr[i + 1]]
        feats = feats[self._is_genre[feats]]
        shared = np.zeros(self.n)
        for f in feats.tolist():
            shared[p.indices[p.indptr[f]:p.indptr[f + 1]]] += 1.0
        return shared / np.maximum(np.maximum(self._n_genres, len(feats)), 1)

    def genre_mask(self, i: int) -> np.ndarray | None:
        """Films sharing at least one genre with film `i` (None when `i` has no genre)."""
        x, p = self.features, self._postings
        feats = x.indices[x.indptr[i]:x.indptr[i + 1]]
        feats = feats[self._is_genre[feats]]
        if not len(feats):
            return None
        out = np.zeros(self.n, dtype=bool)
        for f in feats.tolist():
            out[p.indices[p.indptr[f]:p.indptr[f + 1]]] = True
        return out

    def _cf(self, seed: _Seed, ranker: Ranker) -> tuple[np.ndarray, np.ndarray, float]:
        """(neighbour indices, their collaborative score, smoothing mass per like rate):
        the score of any film j is sim[j] (0 off the list) + base · like_rate[j]."""
        idx, co = seed.co
        n_s = self.likes[seed.index] if len(idx) else 0.0
        if ranker.cf_beta > 0:  # a seed nobody liked: its fans' tastes = everyone's
            n_s = self.like_rate[seed.index] * self.users
        boost = 1.0 + ranker.canon_boost * self._noncanon[0][idx]
        if ranker.cf_beta > 0:
            denom = n_s + ranker.cf_beta
            return idx, co / denom * boost, ranker.cf_beta / denom
        a = ranker.cf_alpha
        sim = co / (n_s ** (1 - a) * self.likes[idx] ** a) * (co / (co + self.blend.cf_shrink))
        if ranker.fans:
            sim = sim + ranker.fans * co / (n_s + _FANS_PRIOR)
        return idx, sim * boost, 0.0

    def rank_scores(self, seeds: list[_Seed], ranker: Ranker) -> np.ndarray:
        """One ranker's score of every film for the seeds."""
        w = self._noncanon[0]
        # Only a seed in the canon weighs canon films by the genres they share with it; the
        # others share one canon weight, applied once to the total.
        per_seed = ranker.canon_weight_in >= 0 and any(w[s.index] < 0.99 for s in seeds)
        total = np.zeros(self.n)
        base = 0.0
        for seed in seeds:
            part = ranker.content * seed.content
            if ranker.cf and (len(seed.co[0]) or ranker.cf_beta > 0):
                idx, sim, b = self._cf(seed, ranker)
                part[idx] += ranker.cf * sim
                base += ranker.cf * b
            if ranker.off_genre != 1.0 and seed.genre is not None:
                part *= seed.genre_scale(ranker.off_genre)
            if per_seed:
                part *= self._canon_scale(ranker, seed)
            total += part
        if base:
            total += base * self.like_rate
            if ranker.canon_boost:
                total += base * ranker.canon_boost * self._noncanon[1]
        total /= max(len(seeds), 1)
        if ranker.quality:
            total += ranker.quality * self.quality
        if ranker.canon_weight != 1.0 and not per_seed:
            total *= self._canon_scale(ranker)
        return total

    def _canon_scale(self, ranker: Ranker, seed: _Seed | None = None) -> np.ndarray:
        """Each film's factor c + (1 - c)·w: ≈ c in the canon, ≈ 1 outside it. For a seed in
        the canon, c rises towards `canon_weight_in` with the genres a film shares with it."""
        w = self._noncanon[0]
        c = ranker.canon_weight
        w_s = 1.0 if seed is None else float(w[seed.index])
        if w_s >= 0.99:
            return 1.0 - (1.0 - c) * (1.0 - w)
        c = c + (1.0 - w_s) * (ranker.canon_weight_in - c) * self.genre_overlap(seed.index)
        return c + (1.0 - c) * w

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
        `sequel_cap` films from a seed's own collection.

        The score is the film's score relative to its ranker's best film, in [0, 1], and
        never rises down the list (a tail slot never reads stronger than the head above it).
        """
        cand = np.flatnonzero(allowed)
        if k <= 0 or not len(cand):
            return []
        b = self.blend
        seed_colls = {int(self._collection_of[s.index]) for s in seeds} - {-1}
        want = min(len(cand), 2 * k + 4 * (b.sequel_cap + 1) * max(len(seed_colls), 1))
        n_head = min(k, int(np.ceil(k * b.head_share - 1e-9)))
        from_head = [b.slots[s % len(b.slots)] != "t" if b.slots else s < n_head
                     for s in range(k)]
        lists = []
        for ranker, used in ((b.head, any(from_head)), (b.tail, not all(from_head))):
            if not used:  # a ranker no slot uses costs nothing
                lists.append(([], [], ranker))
                continue
            score = self.rank_scores(seeds, ranker)[cand]
            best = (np.argpartition(-score, want - 1)[:want] if want < len(cand)
                    else np.arange(len(cand)))
            # Deterministic order: score, then id.
            best = best[np.lexsort((self.movie_ids[cand[best]], -score[best]))]
            # Relative to the ranker's best film: the two rankers' raw scores are on
            # different scales, and the list's score must read "best first".
            top = float(score[best[0]])
            rel = np.clip(score[best] / top, 0.0, 1.0) if top > 0 else np.zeros(len(best))
            lists.append((cand[best].tolist(), rel.tolist(), ranker))
        picked: list[tuple[int, float, Ranker]] = []
        taken: set[int] = set()
        per_coll: dict[int, int] = {}
        shown = 1.0
        for slot in range(k):
            films, scores, ranker = lists[0] if from_head[slot] else lists[1]
            for j, sc in zip(films, scores, strict=True):
                c = int(self._collection_of[j])
                if j in taken or (c in seed_colls and per_coll.get(c, 0) >= b.sequel_cap):
                    continue
                per_coll[c] = per_coll.get(c, 0) + 1
                taken.add(j)
                shown = min(shown, sc)
                picked.append((j, shown, ranker))
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

    def lift(self, seed: _Seed, j: int) -> tuple[float, float]:
        """(co-likes, lift): how many of the seed's fans liked film j, and how many times
        more often than everyone does (0, 0 when the stored neighbours don't hold j)."""
        idx, co = seed.co
        at = int(np.searchsorted(idx, j))  # neighbour indices are sorted
        if at >= len(idx) or idx[at] != j or not self.like_rate[j]:
            return 0.0, 0.0
        c = float(co[at])
        return c, c / float(self.likes[seed.index]) / float(self.like_rate[j])

    def reason(self, seeds: list[_Seed], ranker: Ranker, j: int
               ) -> tuple[str, str, dict[str, Any]]:
        """(kind, English text, structured args) explaining film j: the strongest shared
        thing (collection, director, lead cast), then what the seed's fans think of it
        when they like it far more than everyone does, then several shared keywords."""
        parts = []
        for n, seed in enumerate(seeds):
            # Only co-likes explain "fans liked it", not the smoothing towards popularity.
            idx, sim, _ = self._cf(seed, ranker)
            at = int(np.searchsorted(idx, j))  # neighbour indices are sorted
            cf = ranker.cf * float(sim[at]) if at < len(idx) and idx[at] == j else 0.0
            content = max(ranker.content, 0.5) * float(seed.content[j])
            parts.append((content + cf, -n, content, cf, seed.index))
        _, n_best, content, cf, s = max(parts)
        seed_title = str(self.info.title[s])
        args: dict[str, Any] = {"seed_id": int(self.movie_ids[s]), "seed_title": seed_title}
        common = self.shared(s, j)
        like = f" (like {seed_title})" if len(seeds) > 1 else ""
        co, lift = self.lift(seeds[-n_best], j)

        def say(kind: str, text: str, names: list[str]) -> tuple[str, str, dict[str, Any]]:
            return kind, text, {**args, "names": names}

        if "collection" in common:
            names = common["collection"][:1]
            return say("collection", f"also in {names[0]}{like}", names)
        if "director" in common:
            names = common["director"][:2]
            return say("director", f"also directed by {' & '.join(names)}{like}", names)
        if "cast" in common:
            names = common["cast"][:2]
            return say("cast", f"also with {', '.join(names)}{like}", names)
        if co >= _REASON_MIN_CO and lift >= _REASON_FAR_ABOVE:
            return say("liked", f"fans of {seed_title} like it far more than most", [])
        # One shared keyword ("queen") is too weak to name: it takes two.
        if len(common.get("keyword", [])) >= 2:
            names = common["keyword"][:3]
            return say("keyword", f"also about {', '.join(names)}{like}", names)
        if cf > content:
            return say("liked", f"liked by people who liked {seed_title}", [])
        if "genre" in common:
            names = common["genre"][:3]
            return say("genre", f"also {' / '.join(names)}{like}", names)
        return say("story", f"a story close to {seed_title}", [])


# A "fans like it far more than most" reason needs this many co-likes and this lift.
_REASON_MIN_CO = 3
_REASON_FAR_ABOVE = 4.0

# Prior likes in the fans' share co / (likes_seed + prior): a seed liked by a handful of
# people says little about what its fans like.
_FANS_PRIOR = 20.0

# Rows per read of a sparse table (a rowid range; DuckDB pushes the range into the scan).
_CHUNK_ROWS = 262_144


def _read_csr(con: Any, table: str, columns: tuple[str, str, str], ids: np.ndarray,
              shape: tuple[int, int], *, column_ids: np.ndarray | None = None
              ) -> sp.csr_matrix:
    """CSR of a (movie id, column, value) table, read a rowid range at a time into
    preallocated arrays: with full-scale MovieLens ratings `rec_cf` holds millions of pairs,
    and reading it whole (DuckDB's result, the numpy copies, int64 positions) raised the
    serving process's peak by ~130 MB over what it keeps. `column_ids` maps ids to
    positions. (Not pandas chunks: importing pandas alone adds 30 MB to serving.)"""
    total = int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    rows = np.empty(total, np.int32)
    cols = np.empty(total, np.int32)
    data = np.empty(total, np.float32)
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE rowid >= ? AND rowid < ?"
    at = 0
    for start in range(0, total, _CHUNK_ROWS):
        chunk = con.execute(sql, [start, start + _CHUNK_ROWS]).fetchnumpy()
        end = at + len(chunk[columns[0]])
        rows[at:end] = np.searchsorted(ids, chunk[columns[0]])
        c = chunk[columns[1]]
        cols[at:end] = np.searchsorted(column_ids, c) if column_ids is not None else c
        data[at:end] = chunk[columns[2]]
        # A damaged table must fail here, in one line, not crash scipy or a later request.
        _check_ids(ids, chunk[columns[0]], rows[at:end], table)
        if column_ids is not None:
            _check_ids(column_ids, c, cols[at:end], table)
        at = end
    if at and (cols[:at].min() < 0 or cols[:at].max() >= shape[1]):
        raise CatalogueError(f"the recommender table {table} is damaged (a column outside "
                             "the model); rebuild the catalogue with `moviebot etl`")
    return _csr(rows[:at], cols[:at], data[:at], shape)


def _check_ids(known: np.ndarray, wanted: Any, positions: np.ndarray, table: str) -> None:
    """Every id of `wanted` is in the sorted `known` at `positions` (else: damaged file)."""
    inside = positions < len(known)
    if not inside.all() or not np.array_equal(known[positions], np.asarray(wanted)):
        raise CatalogueError(f"the recommender table {table} is damaged (an id the model "
                             "does not know); rebuild the catalogue with `moviebot etl`")


def _csr(rows: np.ndarray, cols: np.ndarray, data: np.ndarray, shape: tuple[int, int]
         ) -> sp.csr_matrix:
    """CSR from row-sorted triples without a COO round trip (the tables are written sorted,
    and skipping the conversion keeps the load's memory peak low)."""
    if len(rows) and np.any(np.diff(rows) < 0):
        return sp.csr_matrix((data, (rows, cols)), shape=shape)
    indptr = np.searchsorted(rows, np.arange(shape[0] + 1)).astype(np.int32)
    return sp.csr_matrix((data, cols, indptr), shape=shape)


def _floats(values: Any) -> np.ndarray:
    """A float array from a DuckDB column (masked where NULL -> NaN)."""
    if np.ma.isMaskedArray(values):
        return np.ma.filled(values.astype(float), np.nan)
    return np.asarray(values, dtype=float)
