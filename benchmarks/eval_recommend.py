"""Offline quality of "more like this" against real MovieLens users (ratings_small).

    python -m benchmarks.eval_recommend [--db FILE] [--tune | --ltr | --bound] [--json]

The catalogue is the real 5,000-film subset built by the ETL (from ../shared, or `--db`);
its `ratings` table is MovieLens mapped to TMDB ids. Likes are ratings ≥ 4. Users are split
80/20 (seeded permutation); the model is built from train users' likes only. For each test
user and each liked seed (at most 20 per user), the relevant set is that user's other likes.
Every method is asked for 10 films per seed, seed excluded; ties go to the higher weighted
rating. `--tune` grid-searches the serving blend on three validation folds of the train
users (the test users are never looked at while tuning); every run also prints the first
fold's figures. `--ltr` runs the learning-to-rank
experiment (docs/recommender.md): a logistic ranker over candidate pools, trained on train
users only, its list composition chosen on validation, then the test users once; serving does
not use it. `--bound` prints how far lists built from the fan-share estimates could go if they
knew the evaluation's seed set (a coverage oracle; an optimistic bound, not a method).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler, normalize

from benchmarks import realdata
from benchmarks.common import log
from moviebot.core.paths import shared_data_dir
from moviebot.core.recommend import (
    FIRST_LOOKALIKE,
    PREVIOUS,
    Blend,
    FilmInfo,
    Ranker,
    Recommender,
)
from moviebot.etl.recommender_model import (
    LIKE_THRESHOLD,
    ContentTables,
    Params,
    build_model,
    read_tables,
)

K = 10
CANON = 30  # list-sense figures: the canon is the 30 films most liked by train users
SEEDS_PER_USER = 20
TEST_SHARE = 0.2
SPLIT_SEED = 20240601


@dataclass
class Data:
    tables: ContentTables
    movies: pd.DataFrame  # sorted by id, with title/popularity/vote_average/weighted_rating
    genres: pd.DataFrame
    likes: pd.DataFrame  # user_id, movie_id


@dataclass
class Query:
    seed: int  # catalogue index
    relevant: np.ndarray  # catalogue indices
    relevant_tail: np.ndarray


def load(db: Path) -> Data:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = read_tables(con)
        movies = con.execute(
            "SELECT id, title, release_year, original_language, vote_average, vote_count,"
            " weighted_rating, popularity FROM movies ORDER BY id").df()
        genres = con.execute("SELECT movie_id, name FROM genres").df()
        likes = con.execute(
            f"SELECT DISTINCT user_id, movie_id FROM ratings WHERE rating >= {LIKE_THRESHOLD}"
            " ORDER BY user_id, movie_id").df()
    finally:
        con.close()
    return Data(tables, movies, genres, likes)


def split_users(users: np.ndarray, share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(train, held-out) user ids: a seeded permutation, so reruns give the same split."""
    users = np.sort(np.unique(users))
    perm = np.random.default_rng(seed).permutation(len(users))
    cut = round(len(users) * share)
    return np.sort(users[perm[cut:]]), np.sort(users[perm[:cut]])


def film_info(movies: pd.DataFrame) -> FilmInfo:
    return FilmInfo(
        title=movies["title"].to_numpy(object),
        year=movies["release_year"].to_numpy(float),
        language=movies["original_language"].fillna("").str.casefold().to_numpy(object),
        vote_average=movies["vote_average"].to_numpy(float),
    )


def make_queries(data: Data, ids: np.ndarray, users: np.ndarray, head: set[int],
                 seed: int) -> list[Query]:
    likes = data.likes[data.likes["user_id"].isin(users)]
    rng = np.random.default_rng(seed)
    out = []
    for _, group in likes.groupby("user_id", sort=True):
        liked = np.searchsorted(ids, group["movie_id"].to_numpy())
        if len(liked) < 2:
            continue
        seeds = liked if len(liked) <= SEEDS_PER_USER else rng.choice(
            liked, SEEDS_PER_USER, replace=False)
        for s in seeds:
            rel = liked[liked != s]
            tail = np.array([r for r in rel if r not in head], dtype=np.int64)
            out.append(Query(int(s), rel, tail))
    return out


def head_films(ids: np.ndarray, train_likes: pd.DataFrame) -> set[int]:
    """Most-liked films that together hold a third of the train likes (catalogue indices)."""
    counts = train_likes["movie_id"].value_counts()
    counts = counts.sort_values(ascending=False, kind="stable")
    cum = counts.cumsum() / counts.sum()
    n_head = int(np.searchsorted(cum.to_numpy(), 1 / 3) + 1)
    return set(np.searchsorted(ids, counts.index[:n_head].to_numpy()).tolist())


# -- methods: each returns a function seed index -> top-K catalogue indices ---------------


def _topk(scores: np.ndarray, seed: int, tiebreak: np.ndarray) -> np.ndarray:
    s = scores.astype(float).copy()
    s[seed] = -np.inf
    cand = np.argpartition(-s, K + 20)[:K + 20]
    order = np.lexsort((-tiebreak[cand], -s[cand]))
    return cand[order][:K]


def popularity(data: Data) -> Callable[[int], np.ndarray]:
    wr = data.movies["weighted_rating"].fillna(0).to_numpy()
    return lambda seed: _topk(wr, seed, wr)


def original_knn(data: Data) -> Callable[[int], np.ndarray]:
    """The original project: cosine KNN over genre one-hot + vote average + popularity."""
    ids = data.movies["id"].to_numpy()
    g = data.genres[data.genres["movie_id"].isin(ids)]
    names, col = np.unique(g["name"].to_numpy(str), return_inverse=True)
    onehot = sp.csr_matrix((np.ones(len(g)), (np.searchsorted(ids, g["movie_id"]), col)),
                           shape=(len(ids), len(names))).toarray()
    va = data.movies["vote_average"].fillna(0).to_numpy() / 10
    pop = data.movies["popularity"].fillna(0).to_numpy()
    pop = pop / pop.max() if pop.max() > 0 else pop
    x = normalize(np.column_stack([onehot, va, pop]))
    wr = data.movies["weighted_rating"].fillna(0).to_numpy()
    return lambda seed: _topk(x @ x[seed], seed, wr)


def overview_tfidf(data: Data) -> Callable[[int], np.ndarray]:
    text = data.tables.movies.sort_values("id")["overview"].fillna("")
    x = TfidfVectorizer(stop_words="english").fit_transform(text.tolist())
    wr = data.movies["weighted_rating"].fillna(0).to_numpy()
    return lambda seed: _topk((x @ x[seed].T).toarray().ravel(), seed, wr)


def item_cf(data: Data, train_likes: pd.DataFrame) -> Callable[[int], np.ndarray]:
    """Plain item-item cosine on train likes (no shrinkage), popularity for ties."""
    ids = data.movies["id"].to_numpy()
    _, u = np.unique(train_likes["user_id"], return_inverse=True)
    m = np.searchsorted(ids, train_likes["movie_id"].to_numpy())
    like = sp.csr_matrix((np.ones(len(m)), (u, m)), shape=(u.max() + 1, len(ids)))
    item_user = sp.csr_matrix(like.T)
    norms = np.sqrt(np.asarray(item_user.sum(axis=1)).ravel())
    wr = data.movies["weighted_rating"].fillna(0).to_numpy()

    def rec(seed: int) -> np.ndarray:
        co = (item_user[seed] @ like).toarray().ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            sim = np.nan_to_num(co / (norms[seed] * norms))
        return _topk(sim, seed, wr)

    return rec


def pure_svd(data: Data, train_likes: pd.DataFrame, k: int = 50
             ) -> Callable[[int], np.ndarray]:
    """PureSVD (Cremonesi, Koren & Turrin 2010, strong on the long tail): rank-k SVD of the
    train users' likes; a seed's scores are its item factors against every film's."""
    from sklearn.utils.extmath import randomized_svd

    ids = data.movies["id"].to_numpy()
    _, u = np.unique(train_likes["user_id"], return_inverse=True)
    m = np.searchsorted(ids, train_likes["movie_id"].to_numpy())
    like = sp.csr_matrix((np.ones(len(m)), (u, m)), shape=(u.max() + 1, len(ids)))
    q = randomized_svd(like, k, random_state=0)[2].T
    wr = data.movies["weighted_rating"].fillna(0).to_numpy()
    return lambda seed: _topk(q @ q[seed], seed, wr)


def ours(rec: Recommender) -> Callable[[int], np.ndarray]:
    return lambda seed: np.asarray(rec.top([seed], k=K), dtype=np.int64)


# -- metrics --------------------------------------------------------------------------


@dataclass
class ListSense:
    """What a person sees in a list, whatever the users liked: the canon (the `CANON` films
    most liked by train users) and the genres each film shares with its seed."""

    genre: np.ndarray  # bool (films, genres)
    canon: np.ndarray  # bool (films,)

    @classmethod
    def make(cls, data: Data, train_likes: pd.DataFrame) -> ListSense:
        ids = data.movies["id"].to_numpy()
        g = data.genres[data.genres["movie_id"].isin(ids)]
        names, col = np.unique(g["name"].to_numpy(str), return_inverse=True)
        genre = np.zeros((len(ids), len(names)), dtype=bool)
        genre[np.searchsorted(ids, g["movie_id"].to_numpy()), col] = True
        counts = train_likes["movie_id"].value_counts().sort_values(ascending=False,
                                                                     kind="stable")
        canon = np.zeros(len(ids), dtype=bool)
        canon[np.searchsorted(ids, counts.index[:CANON].to_numpy())] = True
        return cls(genre, canon)

    def shares_genre(self, seed: int, films: np.ndarray) -> np.ndarray:
        """Films sharing a genre with the seed (all of them for a seed without genres)."""
        if not self.genre[seed].any():
            return np.ones(len(films), dtype=bool)
        return (self.genre[films] & self.genre[seed]).any(axis=1)

    def measure(self, lists: dict[int, np.ndarray]) -> dict[str, float]:
        """Canon share, canon intrusion (canon sharing no genre with the seed) and
        same-genre share over every seed's list."""
        shown = canon = intruders = same = 0
        for seed, top in lists.items():
            share = self.shares_genre(seed, top)
            shown += len(top)
            canon += int(self.canon[top].sum())
            intruders += int((self.canon[top] & ~share).sum())
            same += int(share.sum())
        shown = max(shown, 1)
        return {"canon_share": canon / shown, "canon_intrusion": intruders / shown,
                "same_genre": same / shown}


def evaluate(method: Callable[[int], np.ndarray], queries: list[Query], n_films: int,
             pop_rank: np.ndarray, sense: ListSense | None = None) -> dict[str, float]:
    discounts = 1 / np.log2(np.arange(2, K + 2))
    hr, ndcg, hr_t, ndcg_t, seen, ranks = [], [], [], [], set(), []
    cache: dict[int, np.ndarray] = {}
    for q in queries:
        top = cache.get(q.seed)
        if top is None:
            top = cache[q.seed] = method(q.seed)
        seen.update(top.tolist())
        ranks.extend(pop_rank[top].tolist())
        for rel, h, n in ((q.relevant, hr, ndcg), (q.relevant_tail, hr_t, ndcg_t)):
            if not len(rel):
                continue
            hit = np.isin(top, rel)
            h.append(float(hit.any()))
            ideal = discounts[:min(K, len(rel))].sum()
            n.append(float((hit * discounts[:len(top)]).sum() / ideal))
    out = {
        "HR@10": float(np.mean(hr)), "nDCG@10": float(np.mean(ndcg)),
        "coverage": len(seen) / n_films, "mean_pop_rank": float(np.mean(ranks)),
        "tail_HR@10": float(np.mean(hr_t)), "tail_nDCG@10": float(np.mean(ndcg_t)),
    }
    if sense is not None:
        out.update(sense.measure(cache))
    return out


def run_split(data: Data, train_users: np.ndarray, test_users: np.ndarray, *,
              params: Params, blends: list[tuple[str, Blend]], baselines: bool
              ) -> list[tuple[str, dict[str, float]]]:
    ids = data.movies["id"].to_numpy()
    train_likes = data.likes[data.likes["user_id"].isin(train_users)]
    head = head_films(ids, train_likes)
    queries = make_queries(data, ids, test_users, head, SPLIT_SEED)
    pop_rank = data.movies["popularity"].fillna(0).rank(ascending=False, method="first")
    pop_rank = pop_rank.to_numpy()
    sense = ListSense.make(data, train_likes)
    n = len(ids)
    rows = []
    if baselines:
        for name, method in baseline_methods(data, train_likes):
            rows.append((name, evaluate(method, queries, n, pop_rank, sense)))
    model = build_model(data.tables, train_likes, params=params)
    base = Recommender.from_model(model, film_info(data.movies))
    for label, blend in blends:
        rows.append((label, evaluate(ours(base.with_blend(blend)), queries, n, pop_rank,
                                     sense)))
    rows.append(("_queries", {"n": len(queries), "head_films": len(head)}))
    return rows


def baseline_methods(data: Data, train_likes: pd.DataFrame
                     ) -> list[tuple[str, Callable[[int], np.ndarray]]]:
    return [
        ("popularity (weighted rating)", popularity(data)),
        ("original KNN (genres + vote avg + popularity)", original_knn(data)),
        ("overview TF-IDF cosine", overview_tfidf(data)),
        (ITEM_CF, item_cf(data, train_likes)),
        ("PureSVD k=50 (train likes)", pure_svd(data, train_likes)),
    ]


ITEM_CF = "item-item cosine CF"
COLUMNS = ["nDCG@10", "tail_nDCG@10", "coverage", "canon_share", "canon_intrusion",
           "same_genre", "HR@10"]


def table(rows: list[tuple[str, dict[str, float]]], cols: list[str] | None = None) -> str:
    cols = cols or COLUMNS
    out = ["| method | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, m in rows:
        if name.startswith("_"):
            continue
        cells = [f"{m[c]:.0f}" if c == "mean_pop_rank" else
                 f"{m[c]:.3f}" if c in m else "" for c in cols]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def margins(m: dict[str, float], cf: dict[str, float]) -> dict[str, float]:
    """Each target's margin (figure ÷ target, or target ÷ figure for ceilings; 1 = just
    met, capped at 2): canon share ≤ 0.10, canon intrusion ≤ 0.02, same-genre share ≥ 0.88,
    nDCG@10 ≥ 1.25 × item-CF's, long-tail nDCG@10 ≥ 1.2 × item-CF's, coverage ≥ 0.40."""
    def floor(v: float, t: float) -> float:
        return min(v / t, 2.0) if t > 0 else 2.0

    def ceiling(v: float, t: float) -> float:
        return min(t / v, 2.0) if v > 0 else 2.0

    return {
        "canon_share": ceiling(m["canon_share"], 0.10),
        "canon_intrusion": ceiling(m["canon_intrusion"], 0.02),
        "same_genre": floor(m["same_genre"], 0.88),
        "nDCG@10": floor(m["nDCG@10"], 1.25 * cf["nDCG@10"]),
        "tail_nDCG@10": floor(m["tail_nDCG@10"], 1.2 * cf["tail_nDCG@10"]),
        "coverage": floor(m["coverage"], 0.40),
    }


def verdict(m: dict[str, float], cf: dict[str, float]) -> str:
    """One line: every target, met or not."""
    parts = [f"{k} {v:.2f}{'' if v >= 1 else ' MISSED'}" for k, v in margins(m, cf).items()]
    return "margins (>= 1 meets the target): " + ", ".join(parts)


def describe(b: Blend) -> str:
    """Every weight a blend of the default's family runs with (a row's label)."""
    h, t = b.head, b.tail
    if b.head_share >= 1 and not h.cf_beta:
        out = (f"lookalike [cf alpha {h.cf_alpha:g}, shrink {b.cf_shrink:g}, fans {h.fans:g}, "
               f"content {h.content:g}, off-genre {h.off_genre:g}, canon weight "
               f"{h.canon_weight:g}, canon seed {h.canon_weight_in:g} (canon {b.canon})]")
        if "t" in b.slots:
            out += (f" + cousins in slots '{b.slots}' [content {t.content:g}, fans {t.fans:g}, "
                    f"canon weight {t.canon_weight:g}]")
        return out
    return (f"head share {b.head_share:g} [content {h.content:g}, fans beta {h.cf_beta:g}, "
            f"quality {h.quality:g}, canon boost {h.canon_boost:g}]; tail [content "
            f"{t.content:g}, cosine cf {t.cf:g}, canon boost {t.canon_boost:g}]")


def variant(*, slots: str | None = None, **head: float) -> Blend:
    """The default blend with some of its lookalike ranker's weights (and slots) changed."""
    b = Blend()
    return replace(b, head=replace(b.head, **head), slots=b.slots if slots is None else slots)


def grid() -> list[Blend]:
    return [variant(canon_weight=w, canon_weight_in=c, cf_alpha=a, fans=f)
            for w, c, a, f in itertools.product((0.75, 0.8, 0.85), (0.9, 1.0, 1.1),
                                                (0.4, 0.45, 0.5), (0.2, 0.3))]


# Validation folds: the train users split 80/20 three ways (the first is the one every
# earlier table used); the test users are never among them.
VAL_SEEDS = (SPLIT_SEED + 1, SPLIT_SEED + 12, SPLIT_SEED + 13)
# Two blends closer than this in mean validation margin are a tie (the folds disagree by more).
TIE = 0.005


def tune(data: Data, train_users: np.ndarray) -> Blend:
    """Grid over the default's family on three validation folds of the train users (the
    test users are never looked at): the largest smallest target margin (see `margins`),
    averaged over the folds; within `TIE` of it, the lowest canon share."""
    blends = grid()
    margin = np.zeros(len(blends))
    canon = np.zeros(len(blends))
    for n, seed in enumerate(VAL_SEEDS):
        fit, val = split_users(train_users, TEST_SHARE, seed)
        rows = run_split(data, fit, val, params=Params(),
                         blends=[(describe(b), b) for b in blends], baselines=True)
        scored = dict(rows)
        if n == 0:
            print("## validation (train users only, first fold)\n")
            print(table(rows))
        for i, b in enumerate(blends):
            m = scored[describe(b)]
            cf = scored[ITEM_CF]
            margin[i] += min(margins(m, cf).values()) / len(VAL_SEEDS)
            canon[i] += m["canon_share"] / len(VAL_SEEDS)
    near = [i for i in range(len(blends)) if margin[i] >= margin.max() - TIE]
    best = min(near, key=lambda i: (canon[i], -margin[i]))
    print(f"\nchosen on validation ({len(VAL_SEEDS)} folds): {describe(blends[best])}: mean "
          f"smallest margin {margin[best]:.3f} (best {margin.max():.3f}), mean canon share "
          f"{canon[best]:.3f}\n")
    return blends[best]


# -- learning to rank (experiment, `--ltr`) -----------------------------------------------

LTR_KINDS = ("genre", "keyword", "cast", "director", "collection", "language", "era")
LTR_FEATURES = (
    "fans also loved (smoothed)", "log co-like lift", "co-like cosine", "has co-likes",
    "content cosine", "same collection", "shared directors", "shared cast", "genre Jaccard",
    "shared keywords", "same language", "log likes", "quality prior", "log like rank",
    "year gap / 10", "outside-canon weight",
)
LTR_POOL, LTR_GLOBAL, LTR_BETA, LTR_CANON = 100, 50, 20.0, 120


class LtrFeatures:
    """Candidate pool and pair features of a seed, from a served model's arrays.

    Pool: the seed's top `LTR_POOL` by smoothed fan share and by content, its stored
    co-like neighbours, and the `LTR_GLOBAL` most-liked films.
    """

    def __init__(self, rec: Recommender) -> None:
        self.rec = rec
        code = {k: i + 1 for i, k in enumerate(LTR_KINDS)}
        self.col_kind = np.array([code.get(str(k), 0) for k in rec.vocab_kind], np.int64)
        self.nk = len(LTR_KINDS) + 1
        x = rec.features
        rows = np.repeat(np.arange(rec.n), np.diff(x.indptr))
        self.kind_counts = np.bincount(rows * self.nk + self.col_kind[x.indices],
                                       minlength=rec.n * self.nk).reshape(rec.n, self.nk)
        likes = rec.likes * (rec.like_rate > 0)
        order = np.lexsort((rec.movie_ids, -likes))
        rank = np.empty(rec.n)
        rank[order] = np.arange(1, rec.n + 1)
        self.like_rank = rank
        self.log_likes = np.log1p(likes)
        self.global_top = order[:LTR_GLOBAL]
        self.year = np.nan_to_num(rec.info.year, nan=float(np.nanmedian(rec.info.year)))
        self.noncanon = rec._noncanon[0]

    def pool(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(candidate indices without the seed, their feature rows)."""
        rec = self.rec
        content = rec.content_scores(i)
        lo, hi = rec.cf.indptr[i], rec.cf.indptr[i + 1]
        idx, co = rec.cf.indices[lo:hi], rec.cf.data[lo:hi]
        n_s = rec.like_rate[i] * rec.users
        fan = (LTR_BETA / (n_s + LTR_BETA) * rec.like_rate).astype(float)
        fan[idx] += co / (n_s + LTR_BETA)
        parts = [self.global_top, idx]
        for score in (fan, content):
            score = score.copy()
            score[i] = -np.inf
            parts.append(np.argpartition(-score, LTR_POOL)[:LTR_POOL])
        cand = np.unique(np.concatenate(parts))
        cand = cand[cand != i]
        co_c = np.zeros(len(cand))
        at = np.minimum(np.searchsorted(idx, cand), max(len(idx) - 1, 0))
        hit = (idx[at] == cand) if len(idx) else np.zeros(len(cand), bool)
        co_c[hit] = co[at[hit]]
        n_seed, n_j = max(rec.likes[i], 1.0), rec.likes[cand]
        x = rec.features
        seed_code = np.zeros(x.shape[1], np.int64)
        sf = x.indices[x.indptr[i]:x.indptr[i + 1]]
        seed_code[sf] = self.col_kind[sf]
        sub = x[cand]
        rows = np.repeat(np.arange(len(cand)), np.diff(sub.indptr))
        shared = np.bincount(rows * self.nk + seed_code[sub.indices],
                             minlength=len(cand) * self.nk).reshape(len(cand), self.nk)
        g = 1 + LTR_KINDS.index("genre")
        genre_union = self.kind_counts[i, g] + self.kind_counts[cand, g] - shared[:, g]
        col = {k: 1 + LTR_KINDS.index(k) for k in LTR_KINDS}
        feats = np.column_stack([
            fan[cand],
            np.log((co_c + 1.0) / (n_seed * rec.like_rate[cand] + 1.0)),
            co_c / np.sqrt(n_seed * n_j),
            (co_c > 0).astype(float),
            content[cand],
            (shared[:, col["collection"]] > 0).astype(float),
            shared[:, col["director"]],
            shared[:, col["cast"]],
            shared[:, g] / np.maximum(genre_union, 1),
            np.minimum(shared[:, col["keyword"]], 10),
            shared[:, col["language"]].astype(float),
            self.log_likes[cand],
            rec.quality[cand],
            np.log(self.like_rank[cand]),
            np.minimum(np.abs(self.year[cand] - self.year[i]), 50) / 10,
            self.noncanon[cand],
        ])
        return cand, feats


@dataclass
class LtrModel:
    """Two logistic rankers on standardised features: all candidates, and candidates
    outside the `LTR_CANON` most-liked films (for the middle slots)."""

    scaler: StandardScaler
    model: LogisticRegression
    tail_scaler: StandardScaler
    tail_model: LogisticRegression

    def scores(self, feats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (self.model.decision_function(self.scaler.transform(feats)),
                self.tail_model.decision_function(self.tail_scaler.transform(feats)))


def ltr_fit(data: Data, users: np.ndarray) -> LtrModel:
    """Train on `users` only: their own 80/20 split, co-likes from the 80 %, queries (liked
    seed, label = the user's other likes) from the 20 %, so no label is in the features."""
    ids = data.movies["id"].to_numpy()
    profile, labelled = split_users(users, TEST_SHARE, SPLIT_SEED + 2)
    likes = data.likes[data.likes["user_id"].isin(profile)]
    rec = Recommender.from_model(build_model(data.tables, likes, params=Params()),
                                 film_info(data.movies))
    lf = LtrFeatures(rec)
    xs, ys = [], []
    for q in make_queries(data, ids, labelled, set(), SPLIT_SEED + 2):
        cand, feats = lf.pool(q.seed)
        xs.append(feats)
        ys.append(np.isin(cand, q.relevant))
    x, y = np.vstack(xs), np.concatenate(ys)
    outside = x[:, LTR_FEATURES.index("log like rank")] > np.log(LTR_CANON)
    fitted = []
    for rows in (np.ones(len(y), bool), outside):
        scaler = StandardScaler().fit(x[rows])
        fitted += [scaler, LogisticRegression(C=1.0, max_iter=2000).fit(
            scaler.transform(x[rows]), y[rows])]
    log(f"LTR: {len(y):,} training pairs, {y.mean():.3f} positive")
    return LtrModel(*fitted)


class LtrLists:
    """The learned ranker's lists on one served model; per-seed work is cached so every
    composition in the grid reuses it."""

    def __init__(self, rec: Recommender, ltr: LtrModel) -> None:
        self.rec, self.ltr, self.lf = rec, ltr, LtrFeatures(rec)
        self._cache: dict[int, tuple[np.ndarray, ...]] = {}

    def _seed(self, seed: int) -> tuple[np.ndarray, ...]:
        got = self._cache.get(seed)
        if got is None:
            rec = self.rec
            cand, feats = self.lf.pool(seed)
            z, z_tail = self.ltr.scores(feats)
            cousins = rec.rank_scores([rec._seed(seed)], rec.blend.tail)
            cousins[seed] = -np.inf
            top = np.argpartition(-cousins, 4 * K)[:4 * K]
            top = top[np.lexsort((rec.movie_ids[top], -cousins[top]))]
            canon_w = feats[:, LTR_FEATURES.index("outside-canon weight")]
            got = self._cache[seed] = (cand, z, z_tail, canon_w, top)
        return got

    def method(self, n_learned: int, n_tail: int, nudge: float
               ) -> Callable[[int], np.ndarray]:
        """Slots 1..n_learned by the learned score + nudge · outside-canon weight, the next
        n_tail by the outside-canon learned score among films outside the LTR_CANON
        most-liked, the rest by the default blend's "close cousins" ranker; at most
        `sequel_cap` films from the seed's collection."""
        rec, like_rank = self.rec, self.lf.like_rank
        coll, cap = rec._collection_of, rec.blend.sequel_cap

        def top(seed: int) -> np.ndarray:
            cand, z, z_tail, canon_w, cousins = self._seed(seed)
            sc = coll[seed]
            picked: list[int] = []

            def take(j: int) -> bool:
                same = sum(int(coll[p] == sc) for p in picked) if sc >= 0 else 0
                if j in picked or (sc >= 0 and coll[j] == sc and same >= cap):
                    return False
                picked.append(j)
                return True

            outside = like_rank[cand] > LTR_CANON
            head = np.lexsort((rec.movie_ids[cand], -(z + nudge * canon_w)))
            mid = np.lexsort((rec.movie_ids[cand], -z_tail))
            mid = mid[outside[mid]]
            for order, slots in ((head, n_learned), (mid, n_tail)):
                goal = min(K, len(picked) + slots)
                for t in order.tolist():
                    if len(picked) >= goal:
                        break
                    take(int(cand[t]))
            for j in cousins.tolist():
                if len(picked) >= K:
                    break
                take(j)
            return np.asarray(picked, dtype=np.int64)

        return top


LTR_GRID = [(h, t, d) for h in (3, 4, 5) for t in (0, 1, 2) for d in (0.0, 0.5, 1.0)]


@dataclass
class Split:
    """One evaluation split: the model from train users' likes, the held-out users' queries."""

    train_likes: pd.DataFrame
    queries: list[Query]
    pop_rank: np.ndarray
    n: int
    rec: Recommender

    @classmethod
    def make(cls, data: Data, train_users: np.ndarray, test_users: np.ndarray) -> Split:
        ids = data.movies["id"].to_numpy()
        train_likes = data.likes[data.likes["user_id"].isin(train_users)]
        queries = make_queries(data, ids, test_users, head_films(ids, train_likes), SPLIT_SEED)
        pop_rank = data.movies["popularity"].fillna(0).rank(ascending=False, method="first")
        rec = Recommender.from_model(build_model(data.tables, train_likes, params=Params()),
                                     film_info(data.movies))
        return cls(train_likes, queries, pop_rank.to_numpy(), len(ids), rec)

    def reference_rows(self, data: Data) -> list[tuple[str, dict[str, float]]]:
        """Popularity, item-CF and the default blend on this split."""
        def run(method: Callable[[int], np.ndarray]) -> dict[str, float]:
            return evaluate(method, self.queries, self.n, self.pop_rank)

        return [("popularity (weighted rating)", run(popularity(data))),
                ("item-item cosine CF", run(item_cf(data, self.train_likes))),
                ("moviebot hybrid (default)", run(ours(self.rec)))]


def ltr_split(data: Data, train_users: np.ndarray, test_users: np.ndarray,
              configs: list[tuple[int, int, float]]) -> list[tuple[str, dict[str, float]]]:
    """Baselines, the default blend and the learned ranker's `configs` on one split."""
    split = Split.make(data, train_users, test_users)
    queries, n, pop_rank = split.queries, split.n, split.pop_rank
    lists = LtrLists(split.rec, ltr_fit(data, train_users))
    rows = split.reference_rows(data)
    for h, t, d in configs:
        rows.append((ltr_label(h, t, d), evaluate(lists.method(h, t, d), queries, n,
                                                  pop_rank)))
    return rows


def ltr_label(h: int, t: int, d: float) -> str:
    if h >= K:
        return "learned ranker alone (all 10 slots)"
    return (f"learned ranker: {h} learned (canon nudge {d:g}) + {t} learned outside canon"
            f" + {K - h - t} cousins")


def ltr_experiment(data: Data, train: np.ndarray, test: np.ndarray) -> None:
    """Composition chosen on validation by the tuning rule, then the test users once."""
    fit, val = split_users(train, TEST_SHARE, SPLIT_SEED + 1)
    rows = ltr_split(data, fit, val, [*LTR_GRID, (K, 0, 0.0)])
    print("## learning to rank: validation (train users only)\n")
    print(table(rows))
    res = dict(rows)
    cf_tail = res["item-item cosine CF"]["tail_nDCG@10"]
    ok = [(res[ltr_label(*c)]["nDCG@10"], c) for c in LTR_GRID
          if res[ltr_label(*c)]["coverage"] >= 0.35
          and res[ltr_label(*c)]["tail_nDCG@10"] >= cf_tail]
    chosen = [max(ok)[1]] if ok else []
    print(f"\nchosen on validation: {ltr_label(*chosen[0]) if chosen else 'none'}\n")
    rows = ltr_split(data, train, test, [*chosen, (K, 0, 0.0)])
    print("## learning to rank: test users (once)\n")
    print(table(rows))


# -- how far fan-share estimates can go (`--bound`) ----------------------------------------

BOUND_BONUS = (0.0, 0.1, 0.2, 0.3, 0.5)
BOUND_BOOST = (0.0, 0.5, 1.0)


def coverage_oracle(rec: Recommender, seeds: list[int], *, bonus: float, boost: float
                    ) -> Callable[[int], np.ndarray]:
    """Lists that know the evaluation's seed set (not a recommender: an optimistic bound).

    Seed by seed in id order, each slot takes the film with the best smoothed fan share
    (times 1 + `boost` outside the canon, as serving's canon boost) plus `bonus` when no
    earlier seed was given it yet: coverage bought where it costs the least estimated
    precision, across all seeds at once, which no per-seed ranker can do. Sequel cap as in
    serving.
    """
    ranker = Ranker(content=0.0, cf=1.0, cf_beta=20.0, quality=0.0, canon_boost=boost)
    coll, cap = rec._collection_of, rec.blend.sequel_cap
    shown: set[int] = set()
    lists: dict[int, np.ndarray] = {}
    for seed in sorted(set(seeds)):
        score = rec.rank_scores([rec._seed(seed)], ranker)
        score[seed] = -np.inf
        pool = np.argpartition(-score, 300)[:300]
        pool = pool[np.lexsort((rec.movie_ids[pool], -score[pool]))].tolist()
        picked: list[int] = []
        for _ in range(K):
            same = sum(int(coll[p] == coll[seed]) for p in picked) if coll[seed] >= 0 else 0
            best = max((j for j in pool if j not in picked
                        and not (coll[seed] >= 0 and coll[j] == coll[seed] and same >= cap)),
                       key=lambda j: score[j] + (bonus if j not in shown else 0.0))
            picked.append(best)
        shown.update(picked)
        lists[seed] = np.asarray(picked, dtype=np.int64)
    return lambda seed: lists[seed]


def bound_experiment(data: Data, train: np.ndarray, test: np.ndarray) -> None:
    """The coverage oracle over (bonus, boost) on the test users, beside the baselines."""
    split = Split.make(data, train, test)
    queries, n, pop_rank, rec = split.queries, split.n, split.pop_rank, split.rec
    rows = split.reference_rows(data)
    seeds = [q.seed for q in queries]
    for boost, bonus in itertools.product(BOUND_BOOST, BOUND_BONUS):
        method = coverage_oracle(rec, seeds, bonus=bonus, boost=boost)
        rows.append((f"oracle: fan share, canon boost {boost:g}, new-film bonus {bonus:g}",
                     evaluate(method, queries, n, pop_rank)))
    print("## coverage oracle on the test users (knows the seed set; a bound, not a method)\n")
    print(table(rows))
    res = dict(rows)
    goal = 1.10 * res["popularity (weighted rating)"]["nDCG@10"]
    tail = res["item-item cosine CF"]["tail_nDCG@10"]
    met = [name for name, m in rows if name.startswith("oracle") and m["nDCG@10"] >= goal
           and m["coverage"] >= 0.35 and m["tail_nDCG@10"] >= tail]
    print(f"\ntargets: nDCG@10 >= {goal:.3f}, coverage >= 0.35, long-tail nDCG@10 >= "
          f"{tail:.3f}; oracle rows meeting all three: {len(met)}")


# Alternatives reported beside the default (same model, other serving weights, each built
# from the default with one change, so a row's label says exactly what ran): the frontier
# between canon share, coverage and nDCG@10.
FRONTIER = [(f"default, lookalike canon weight {w:g}", variant(canon_weight=w))
            for w in (0.6, 0.7, 0.8, 0.9)]
FRONTIER += [
    ("default, canon seed weight off (canon weight 0.75 for every seed)",
     variant(canon_weight_in=-1.0)),
    ("default, lookalike cf alpha 0.5 (cosine)", variant(cf_alpha=0.5)),
    ("default, lookalike content 0.6", variant(content=0.6)),
    ("default, lookalike without the fans' share", variant(fans=0.0)),
    ("default, lookalike without the genre discount", variant(off_genre=1.0)),
    ("default without cousins (lookalike in every slot)", variant(slots="")),
    ("default, cousins in slots 3 and 5 ('hhtht')", variant(slots="hhtht")),
    ("default, cousins in slot 10 only", variant(slots="hhhhhhhhht")),
]
NEW_DEFAULT = "moviebot lookalike + cousins (default)"
FIRST_DEFAULT = "moviebot first lookalike (issue 10's first default)"
PREVIOUS_DEFAULT = "moviebot issue 4 default (fans' share head + cousins tail)"
DEFAULTS = [(FIRST_DEFAULT, FIRST_LOOKALIKE), (PREVIOUS_DEFAULT, PREVIOUS)]


# -- people the model never saw: MovieLens ml-latest-small users -------------------------


def unseen_likes(ids: np.ndarray) -> pd.DataFrame | None:
    """ml-latest-small likes (rating ≥ 4) mapped to catalogue ids through its links, with
    user ids offset away from ratings_small's (another GroupLens sample; None if absent)."""
    root = shared_data_dir().parent / "ml-latest-small"
    if not (root / "ratings.csv.gz").is_file() or not (root / "links.csv.gz").is_file():
        return None
    links = pd.read_csv(root / "links.csv.gz", usecols=["movieId", "tmdbId"]).dropna()
    ratings = pd.read_csv(root / "ratings.csv.gz", usecols=["userId", "movieId", "rating"])
    ratings = ratings[ratings["rating"] >= LIKE_THRESHOLD].merge(links, on="movieId")
    likes = pd.DataFrame({"user_id": ratings["userId"].astype(np.int64) + 10_000_000,
                          "movie_id": ratings["tmdbId"].astype(np.int64)})
    return likes[likes["movie_id"].isin(ids)].drop_duplicates()


def unseen_experiment(data: Data) -> list[tuple[str, dict[str, float]]] | None:
    """The served model (every ratings_small like) asked for the seeds of ml-latest-small
    users, relevant = their other likes: users the model never saw."""
    ids = data.movies["id"].to_numpy()
    other = unseen_likes(ids)
    if other is None or other.empty:
        return None
    queries = make_queries(Data(data.tables, data.movies, data.genres, other), ids,
                           np.unique(other["user_id"]), head_films(ids, data.likes),
                           SPLIT_SEED)
    pop_rank = data.movies["popularity"].fillna(0).rank(ascending=False, method="first")
    sense = ListSense.make(data, data.likes)
    rec = Recommender.from_model(build_model(data.tables, data.likes), film_info(data.movies))
    methods = [m for m in baseline_methods(data, data.likes) if not m[0].startswith(
        ("overview", "PureSVD"))]
    methods += [(NEW_DEFAULT, ours(rec))]
    methods += [(label, ours(rec.with_blend(b))) for label, b in DEFAULTS]
    rows = [(name, evaluate(m, queries, len(ids), pop_rank.to_numpy(), sense))
            for name, m in methods]
    rows.append(("_queries", {"n": len(queries), "users": int(other["user_id"].nunique())}))
    return rows


# -- the judged panel ------------------------------------------------------------------

PANEL = Path(__file__).with_name("recommend_panel.csv")
PANEL_K = 5  # the chat shows 5


def panel_experiment(data: Data) -> list[tuple[str, dict[str, float]]]:
    """Hits in the top 5 of each judged seed (benchmarks/recommend_panel.csv: films a film
    lover names as "more like this"), on the served model (every ratings_small like)."""
    ids = data.movies["id"].to_numpy()
    panel = pd.read_csv(PANEL)
    panel = panel[panel["seed_id"].isin(ids) & panel["film_id"].isin(ids)]
    judged = {int(seed): np.searchsorted(ids, g["film_id"].to_numpy())
              for seed, g in panel.groupby("seed_id", sort=True)}
    rec = Recommender.from_model(build_model(data.tables, data.likes), film_info(data.movies))
    sense = ListSense.make(data, data.likes)
    methods = [m for m in baseline_methods(data, data.likes) if not m[0].startswith(
        ("overview", "PureSVD"))]
    methods += [(NEW_DEFAULT, ours(rec))]
    methods += [(label, ours(rec.with_blend(b))) for label, b in [*DEFAULTS, *FRONTIER]]
    rows = []
    for name, method in methods:
        lists = {int(np.searchsorted(ids, s)): method(int(np.searchsorted(ids, s)))[:PANEL_K]
                 for s in judged}
        hits = [int(np.isin(lists[int(np.searchsorted(ids, s))], good).sum())
                for s, good in judged.items()]
        rows.append((name, {"hits@5": float(np.mean(hits)),
                            "seeds with a hit": float(np.mean([h > 0 for h in hits])),
                            **sense.measure(lists)}))
    rows.append(("_panel", {"seeds": len(judged), "films": len(panel)}))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="catalogue built with ratings (default: "
                        "build one from ../shared in a temporary folder)")
    parser.add_argument("--tune", action="store_true", help="pick the blend on validation")
    parser.add_argument("--ltr", action="store_true",
                        help="run the learning-to-rank experiment instead")
    parser.add_argument("--bound", action="store_true",
                        help="run the coverage-oracle bound instead (docs/recommender.md)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="moviebot-eval-") as tmp:
        db = args.db
        if db is None:
            if not realdata.available():
                print("real data not found (MOVIEBOT_SHARED_DATA)", file=sys.stderr)
                return 2
            log("building the real 5,000-film catalogue ...")
            db = realdata.build_catalogue(Path(tmp))
        data = load(db)
    if data.likes.empty:
        print("this catalogue has no ratings: nothing to evaluate against", file=sys.stderr)
        return 2
    train, test = split_users(data.likes["user_id"].to_numpy(), TEST_SHARE, SPLIT_SEED)
    if args.ltr:
        ltr_experiment(data, train, test)
        return 0
    if args.bound:
        bound_experiment(data, train, test)
        return 0
    params = Params()
    blend = tune(data, train) if args.tune else Blend()
    fit, val = split_users(train, TEST_SHARE, VAL_SEEDS[0])
    val_rows = run_split(data, fit, val, params=params, blends=[
        (NEW_DEFAULT, blend), *DEFAULTS], baselines=True)
    val_rows = [r for r in val_rows if not r[0].startswith(("overview", "PureSVD"))]
    rows = run_split(data, train, test, params=params, blends=[
        (NEW_DEFAULT, blend), *DEFAULTS, *FRONTIER], baselines=True)
    unseen = unseen_experiment(data)
    panel = panel_experiment(data)
    if args.json:
        print(json.dumps({"test": dict(rows), "validation": dict(val_rows),
                          "unseen": dict(unseen or []), "panel": dict(panel)}))
        return 0
    info = dict(rows)["_queries"]
    print(f"## test users ({len(test)} users, {info['n']} seed queries, "
          f"{len(data.movies)} films; long tail = without the {info['head_films']} "
          f"most-liked films holding 1/3 of train likes; canon = the {CANON} most-liked)\n")
    print(table(rows))
    res = dict(rows)
    print()
    for name in (NEW_DEFAULT, FIRST_DEFAULT, PREVIOUS_DEFAULT):
        print(f"{name}: {verdict(res[name], res[ITEM_CF])}")
    v = dict(val_rows)
    print(f"\n## validation (first fold: {len(fit)} fit / {len(val)} validation train users, "
          f"{v['_queries']['n']} seed queries)\n")
    print(table(val_rows))
    print()
    for name in (NEW_DEFAULT, FIRST_DEFAULT, PREVIOUS_DEFAULT):
        print(f"{name}: {verdict(v[name], v[ITEM_CF])}")
    print()
    if unseen:
        u = dict(unseen)["_queries"]
        print(f"## users the model never saw (ml-latest-small: {u['users']} users, "
              f"{u['n']} seed queries; model from every ratings_small like)\n")
        print(table(unseen))
        res = dict(unseen)
        print()
        for name in (NEW_DEFAULT, FIRST_DEFAULT):
            print(f"{name}: {verdict(res[name], res[ITEM_CF])}")
        print()
    else:
        print("(ml-latest-small not found: no unseen-users check)\n")
    p = dict(panel)["_panel"]
    print(f"## judged panel ({p['seeds']} seeds, {p['films']} judged films; hits in the top "
          f"{PANEL_K})\n")
    print(table(panel, ["hits@5", "seeds with a hit", "canon_share", "canon_intrusion",
                        "same_genre"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
