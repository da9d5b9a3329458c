"""The "more like this" model: built once by the ETL, stored as tables beside the catalogue.

Two signals, neither of them an N×N matrix:

* content — every film is a sparse, L2-normalised row over weighted blocks (genres,
  keywords, top cast, directors, collection, original language, era) plus a small dense
  LSA embedding of its overview and tagline. Similarity is the dot product; serving computes
  it against the whole catalogue on demand (cost ∝ the seed's feature postings).
* collaborative — co-like counts (rating ≥ 4) of each film's top `cf_neighbours` by
  conditional probability and by cosine, plus like counts per film; serving turns them
  into "fans of the seed also loved" and "liked together" scores. Films nobody rated have
  no row.

`build_model` is pure (DataFrames in, arrays out) so the evaluation can build from train
users only; `build(con)` is what the ETL calls and writes the `rec_*` tables
(layout in docs/recommender.md).
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from moviebot.core.contract import MODEL_VERSION

TABLES = ("rec_films", "rec_vocab", "rec_features", "rec_embedding", "rec_cf", "rec_params")
LIKE_THRESHOLD = 4.0


@dataclass(frozen=True, kw_only=True)
class Params:
    """Build-time weights and sizes, plus the blend weights serving reads back."""

    # Content block weights: each block is unit-normalised, then scaled by sqrt(weight),
    # so a weight is that block's share of a perfect match.
    w_genres: float = 1.0
    w_keywords: float = 1.0
    w_cast: float = 0.6
    w_directors: float = 0.6
    w_collection: float = 1.0
    w_language: float = 0.3
    w_era: float = 0.3
    w_overview: float = 0.8
    top_cast: int = 5
    overview_dims: int = 64
    overview_max_features: int = 30000
    # Collaborative.
    cf_neighbours: int = 50
    cf_shrink: float = 10.0
    cf_min_common: int = 2
    max_likes_per_user: int = 400
    # Quality prior: min-max weighted rating mixed with log vote count.
    quality_votes_mix: float = 0.5


@dataclass(kw_only=True)
class Model:
    """Everything serving needs, aligned on `movie_ids` (sorted ascending)."""

    movie_ids: np.ndarray  # int64 (n,)
    features: sp.csr_matrix  # float32 (n, F): exact sparse content part
    vocab_kind: np.ndarray  # object (F,): genre, keyword, cast, director, collection, ...
    vocab_name: np.ndarray  # object (F,)
    embedding: np.ndarray  # float32 (n, d): dense overview part, already weighted
    quality: np.ndarray  # float32 (n,) in [0, 1]
    likes: np.ndarray  # int32 (n,): likes per film in the ratings used
    users: int  # users with at least one like (for like rates)
    cf: sp.csr_matrix  # float32 (n, n): co-like counts, ≤ 2·cf_neighbours per row
    signal: str  # "hybrid" or "content"
    params: Params = field(default_factory=Params)


@dataclass(frozen=True, kw_only=True)
class ContentTables:
    """The catalogue tables the model reads (column names as in docs/schema.md)."""

    movies: pd.DataFrame  # id, overview, tagline, release_year, original_language,
    # collection_id, weighted_rating, vote_count
    genres: pd.DataFrame  # movie_id, name
    keywords: pd.DataFrame  # movie_id, name
    cast: pd.DataFrame  # movie_id, name, order
    directors: pd.DataFrame  # movie_id, name
    collections: pd.DataFrame  # movie_id, name


# -- content ------------------------------------------------------------------------------


def _block(
    ids: np.ndarray, movie_id: np.ndarray, token: np.ndarray, weight: np.ndarray, *, idf: bool
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Rows = films, columns = distinct tokens (sorted), each row L2-normalised."""
    keep = np.isin(movie_id, ids) & pd.notna(token)
    movie_id, token, weight = movie_id[keep], token[keep].astype(str), weight[keep]
    names, col = np.unique(token, return_inverse=True)
    row = np.searchsorted(ids, movie_id)
    m = sp.csr_matrix(
        (weight.astype(np.float32), (row, col)), shape=(len(ids), len(names)), dtype=np.float32
    )
    m.sum_duplicates()
    m.data[:] = np.minimum(m.data, weight.max() if len(weight) else 1.0)  # duplicates
    if idf and m.nnz:
        df = np.bincount(m.indices, minlength=m.shape[1])
        m = m @ sp.diags(np.log1p(len(ids) / np.maximum(df, 1)).astype(np.float32))
        m = sp.csr_matrix(m)
    return _normalise_rows(m), names


def _normalise_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(inv.astype(np.float32)) @ m, dtype=np.float32)


def _era_block(ids: np.ndarray, years: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray]:
    """Decade one-hot softened to the neighbouring decades (1989 is close to 1990)."""
    dec = (np.nan_to_num(years.astype(float), nan=0) // 10 * 10).astype(int)
    has = years == years  # not NaN
    rows, toks, ws = [], [], []
    for shift, w in ((0, 1.0), (-10, 0.5), (10, 0.5)):
        rows.append(ids[has])
        toks.append(np.array([f"{d + shift}s" for d in dec[has]], dtype=object))
        ws.append(np.full(int(has.sum()), w))
    return _block(
        ids, np.concatenate(rows), np.concatenate(toks), np.concatenate(ws), idf=False
    )


def _overview_embedding(movies: pd.DataFrame, params: Params) -> np.ndarray:
    """LSA of overview + tagline, unit rows (zero for films without text)."""
    text = (movies["overview"].fillna("") + " " + movies["tagline"].fillna("")).str.strip()
    n = len(movies)
    if (text != "").sum() < 3:
        return np.zeros((n, 0), dtype=np.float32)
    vec = TfidfVectorizer(
        stop_words="english", sublinear_tf=True, min_df=2, max_df=0.5,
        max_features=params.overview_max_features, dtype=np.float32,
    )
    try:
        tfidf = vec.fit_transform(text.tolist())
    except ValueError:  # empty vocabulary (tiny catalogues)
        return np.zeros((n, 0), dtype=np.float32)
    dims = min(params.overview_dims, tfidf.shape[1] - 1, n - 1)
    if dims < 2:
        return np.zeros((n, 0), dtype=np.float32)
    z = TruncatedSVD(n_components=dims, random_state=0, n_iter=5).fit_transform(tfidf)
    z = z.astype(np.float32)
    norms = np.linalg.norm(z, axis=1, keepdims=True)
    return np.divide(z, norms, out=np.zeros_like(z), where=norms > 0)


def content_features(
    tables: ContentTables, params: Params
) -> tuple[np.ndarray, sp.csr_matrix, np.ndarray, np.ndarray, np.ndarray]:
    """(movie_ids, sparse features, vocab kind, vocab name, dense overview embedding).

    The concatenated row [sparse | embedding] has unit norm: sim(a, b) is a cosine.
    """
    movies = tables.movies.sort_values("id").reset_index(drop=True)
    ids = movies["id"].to_numpy(np.int64)
    cast = tables.cast[tables.cast["order"].fillna(0) < params.top_cast]
    ones = np.ones  # binary weights unless stated
    blocks = [
        ("genre", params.w_genres, _block(
            ids, tables.genres["movie_id"].to_numpy(), tables.genres["name"].to_numpy(),
            ones(len(tables.genres)), idf=True)),
        ("keyword", params.w_keywords, _block(
            ids, tables.keywords["movie_id"].to_numpy(), tables.keywords["name"].to_numpy(),
            ones(len(tables.keywords)), idf=True)),
        # Top-billed actors count more than the fifth name on the poster.
        ("cast", params.w_cast, _block(
            ids, cast["movie_id"].to_numpy(), cast["name"].to_numpy(),
            1.0 / (1.0 + 0.25 * cast["order"].fillna(0).to_numpy(float)), idf=True)),
        ("director", params.w_directors, _block(
            ids, tables.directors["movie_id"].to_numpy(), tables.directors["name"].to_numpy(),
            ones(len(tables.directors)), idf=False)),
        ("collection", params.w_collection, _block(
            ids, tables.collections["movie_id"].to_numpy(),
            tables.collections["name"].to_numpy(), ones(len(tables.collections)), idf=False)),
        ("language", params.w_language, _block(
            ids, ids, movies["original_language"].to_numpy(), ones(len(ids)), idf=True)),
        ("era", params.w_era, _era_block(ids, movies["release_year"].to_numpy(float))),
    ]
    emb = _overview_embedding(movies, params)
    mats, kinds, names = [], [], []
    for kind, weight, (m, vocab) in blocks:
        mats.append(m * np.float32(np.sqrt(weight)))
        kinds.append(np.full(len(vocab), kind, dtype=object))
        names.append(vocab.astype(object))
    x = sp.hstack(mats, format="csr", dtype=np.float32)
    emb = emb * np.float32(np.sqrt(params.w_overview))
    # Normalise the whole row by the blocks the film actually has, so a film with sparse
    # metadata is still comparable (cosine over what is known).
    sq = np.asarray(x.multiply(x).sum(axis=1)).ravel() + (emb * emb).sum(axis=1)
    inv = np.divide(1.0, np.sqrt(sq), out=np.zeros_like(sq), where=sq > 0).astype(np.float32)
    x = sp.csr_matrix(sp.diags(inv) @ x, dtype=np.float32)
    x.sort_indices()
    emb = (emb * inv[:, None]).astype(np.float32)
    return ids, x, np.concatenate(kinds), np.concatenate(names), emb


def quality_prior(movies: pd.DataFrame, params: Params) -> np.ndarray:
    """Weighted rating (min-max) mixed with log vote count (max-scaled), in [0, 1].

    Linear rather than percentile so the prior separates the canon from the merely good;
    films without votes get 0.
    """
    movies = movies.sort_values("id")
    wr = movies["weighted_rating"].to_numpy(float)
    lo, hi = np.nanmin(wr, initial=np.inf), np.nanmax(wr, initial=-np.inf)
    wr = np.nan_to_num((wr - lo) / (hi - lo), nan=0.0) if hi > lo else np.zeros(len(wr))
    votes = np.log1p(movies["vote_count"].fillna(0).to_numpy(float))
    votes = votes / votes.max() if len(votes) and votes.max() > 0 else votes
    mix = params.quality_votes_mix
    return ((1 - mix) * wr + mix * votes).astype(np.float32)


# -- collaborative --------------------------------------------------------------------------


def _mix64(keys: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: well-spread uint64 hashes of int64 keys, the same everywhere.

    (A linear hash, (a·user + b·film) mod 2^31, ranks a user's films by id with one wrap,
    so the "sample" was an arc of ids, and ids follow TMDB's entry date.)
    """
    z = keys.astype(np.uint64)
    z += np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _like_matrix(ids: np.ndarray, user_id: np.ndarray, movie_id: np.ndarray,
                 max_per_user: int) -> sp.csr_matrix | None:
    """Users × films 0/1 likes (None without any), each (user, film) once.

    Users who liked more than `max_per_user` films say little about any pair and dominate
    the cost (Σ likes²): they keep a deterministic pseudo-random sample of their likes (the
    smallest `_mix64(user · n + film)`).
    Works on one int64 key per like (user · n + film) and only the heavy users' slices, so
    with full-scale MovieLens (12.7M likes) the build's peak stays a few copies of the keys
    (pair rows of (user, film) cost several times more: docs/recommender.md).
    """
    n = len(ids)
    keep = np.isin(movie_id, ids)
    if not keep.any():
        return None
    user_ids = np.unique(user_id[keep])
    key = np.searchsorted(user_ids, user_id[keep]).astype(np.int64, copy=False)
    key *= n
    key += np.searchsorted(ids, movie_id[keep])
    del keep
    # Sorted (user-major, then film) and deduplicated in place: np.unique here peaked at
    # ~6 copies of the keys.
    key.sort()
    first = np.empty(len(key), dtype=bool)
    first[0] = True
    np.not_equal(key[1:], key[:-1], out=first[1:])
    key = key[first]
    del first
    indptr = np.searchsorted(key, np.arange(len(user_ids) + 1, dtype=np.int64) * n)
    sizes = np.diff(indptr)
    heavy = np.flatnonzero(sizes > max_per_user) if max_per_user else []
    if len(heavy):
        drop = np.zeros(len(key), dtype=bool)
        for u in heavy:
            h = _mix64(key[indptr[u]:indptr[u + 1]])
            drop[indptr[u] + np.argsort(h, kind="stable")[max_per_user:]] = True
        key = key[~drop]
        del drop
        indptr = np.r_[0, np.cumsum(np.minimum(sizes, max_per_user))]
    films = (key % n).astype(np.int32)
    del key
    return sp.csr_matrix((np.ones(len(films), np.float32), films, indptr),
                         shape=(len(user_ids), n))


def item_cf(
    ids: np.ndarray, user_id: np.ndarray, movie_id: np.ndarray, params: Params
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Co-like counts of each film's neighbours, and like counts per film.

    A film keeps the union of its top `cf_neighbours` by conditional probability
    (co / likes_seed: the crowd favourites among its fans) and by cosine
    (co / sqrt(likes_seed · likes_film): the films specifically liked with it), so serving
    can weigh either. Computed a chunk of films at a time, never N×N.
    """
    n = len(ids)
    like = _like_matrix(ids, user_id, movie_id, params.max_likes_per_user)
    if like is None:
        return sp.csr_matrix((n, n), dtype=np.float32), np.zeros(n, np.int32)
    item_user = sp.csr_matrix(like.T)
    counts = np.diff(item_user.indptr).astype(np.int32)
    inv_sqrt = 1.0 / np.sqrt(np.maximum(counts, 1).astype(np.float32))
    top = min(params.cf_neighbours, n - 1)
    rows_out, cols_out, vals_out = [], [], []
    active = np.flatnonzero(counts > 0)
    chunk = max(64, min(1024, 8_000_000 // max(n, 1)))
    for start in range(0, len(active), chunk):
        items = active[start:start + chunk]
        co = (item_user[items] @ like).toarray()  # (chunk, n) co-like counts
        co[np.arange(len(items)), items] = 0
        co[co < params.cf_min_common] = 0
        picked = np.zeros(co.shape, dtype=bool)
        for sim in (co, co * inv_sqrt[None, :]):  # conditional-probability / cosine order
            idx = np.argpartition(-sim, top - 1, axis=1)[:, :top]
            np.put_along_axis(picked, idx, True, axis=1)
        picked &= co > 0
        r, c = np.nonzero(picked)
        rows_out.append(items[r])
        cols_out.append(c)
        vals_out.append(co[r, c].astype(np.float32))
    co = sp.csr_matrix(
        (np.concatenate(vals_out), (np.concatenate(rows_out), np.concatenate(cols_out))),
        shape=(n, n), dtype=np.float32,
    )
    co.sort_indices()
    return co, counts


# -- the model --------------------------------------------------------------------------


def build_model(
    tables: ContentTables, likes: pd.DataFrame | None, *, params: Params | None = None
) -> Model:
    """Pure build: catalogue tables + (user_id, movie_id) likes -> Model."""
    params = params or Params()
    ids, x, kind, name, emb = content_features(tables, params)
    quality = quality_prior(tables.movies, params)
    has_likes = likes is not None and len(likes) > 0
    users = int(likes["user_id"].nunique()) if has_likes else 0
    if has_likes:
        cf, counts = item_cf(
            ids, likes["user_id"].to_numpy(), likes["movie_id"].to_numpy(),
            params,
        )
    else:
        cf, counts = sp.csr_matrix((len(ids), len(ids)), dtype=np.float32), np.zeros(
            len(ids), np.int32)
    return Model(
        movie_ids=ids, features=x, vocab_kind=kind, vocab_name=name, embedding=emb,
        quality=quality, likes=counts, users=users, cf=cf,
        signal="hybrid" if has_likes and cf.nnz else "content", params=params,
    )


# -- DuckDB in and out --------------------------------------------------------------------


def read_tables(con: duckdb.DuckDBPyConnection) -> ContentTables:
    """The catalogue tables the model needs, from an open catalogue connection."""

    def q(sql: str) -> pd.DataFrame:
        return con.execute(sql).df()

    return ContentTables(
        movies=q(
            "SELECT id, overview, tagline, release_year, original_language, collection_id,"
            " weighted_rating, vote_count FROM movies ORDER BY id"
        ),
        genres=q("SELECT movie_id, name FROM genres ORDER BY movie_id, position"),
        keywords=q("SELECT movie_id, name FROM keywords ORDER BY movie_id, name"),
        cast=q('SELECT movie_id, name, "order" FROM cast_members ORDER BY movie_id, "order"'),
        directors=q("SELECT movie_id, name FROM directors ORDER BY movie_id, name"),
        collections=q("SELECT movie_id, name FROM collections ORDER BY movie_id"),
    )


def read_likes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """(user_id, movie_id) with rating ≥ 4; empty when the catalogue has no ratings."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "ratings" not in tables:
        return pd.DataFrame({"user_id": [], "movie_id": []})
    return con.execute(
        f"SELECT user_id, movie_id FROM ratings WHERE rating >= {LIKE_THRESHOLD}"
    ).df()


def write_model(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    """Replace the rec_* tables with `model` (deterministic row order)."""
    for t in TABLES:
        con.execute(f"DROP TABLE IF EXISTS {t}")
    ids = model.movie_ids
    films = pd.DataFrame({
        "movie_id": ids.astype(np.int32),
        "quality": model.quality.astype(np.float32),
        "likes": model.likes.astype(np.int32),
    })
    vocab = pd.DataFrame({
        "feature_id": np.arange(len(model.vocab_kind), dtype=np.int32),
        "kind": model.vocab_kind.astype(str),
        "name": model.vocab_name.astype(str),
    })
    x = model.features.tocoo()
    feats = pd.DataFrame({
        "movie_id": ids[x.row].astype(np.int32),
        "feature_id": x.col.astype(np.int32),
        "weight": x.data.astype(np.float32),
    }).sort_values(["movie_id", "feature_id"])
    emb = pd.DataFrame(model.embedding, columns=[f"d{i}" for i in range(model.embedding.shape[1])])
    emb.insert(0, "movie_id", ids.astype(np.int32))
    c = model.cf.tocoo()
    cf = pd.DataFrame({
        "movie_id": ids[c.row].astype(np.int32),
        "neighbour_id": ids[c.col].astype(np.int32),
        "co_likes": c.data.astype(np.int32),
    }).sort_values(["movie_id", "neighbour_id"])
    params = pd.DataFrame({
        "key": ["model_version", "signal", "users", "params"],
        "value": [str(MODEL_VERSION), model.signal, str(model.users),
                  json.dumps(dataclasses.asdict(model.params))],
    })
    for name, df in (("rec_films", films), ("rec_vocab", vocab), ("rec_features", feats),
                     ("rec_embedding", emb), ("rec_cf", cf), ("rec_params", params)):
        con.register("_rec_df", df)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM _rec_df")
        con.unregister("_rec_df")


def build(con: duckdb.DuckDBPyConnection, *, params: Params | None = None) -> dict:
    """Build the model from the catalogue in `con`, store it, return a summary for meta."""
    t0 = time.perf_counter()
    tables = read_tables(con)
    likes = read_likes(con)
    model = build_model(tables, likes, params=params)
    write_model(con, model)
    summary = {
        "version": MODEL_VERSION,
        "signal": model.signal,
        "films": len(model.movie_ids),
        "features": int(model.features.shape[1]),
        "embedding_dims": int(model.embedding.shape[1]),
        "likes": len(likes),
        "users": model.users,
        "cf_films": int((np.diff(model.cf.indptr) > 0).sum()),
        "cf_pairs": int(model.cf.nnz),
        "seconds": round(time.perf_counter() - t0, 2),
    }
    return summary
