"""Speed and memory of "more like this", beside the naive baseline, in one run.

    python -m benchmarks.bench_recommend [--source DIR | --db FILE] [--movies 45466]
        [--queries 300] [--scale 10] [--json]

The catalogue is the generator's (Kaggle layout with generated MovieLens-like ratings),
built by the ETL once (`--db` reuses a built file). Measured:

* model build: `etl.recommender_model.build` on a copy of the catalogue, in a child
  process (wall and peak RSS);
* one recommendation (k=10), p50/p99 over seeded random seeds, with and without filters;
* resident memory of a process serving the catalogue with its model (open + answer);
* the same for the naive baseline: a TF-IDF matrix over each film's text "soup" (genres,
  keywords, cast, director, overview), then per request the full sklearn
  `cosine_similarity` row against every film and a full sort;
* `--scale S`: latency at S× the films, serving the model tiled S times (synthetic: the
  generator + ETL at 450k take longer than the benchmark should).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.common import (
    Report,
    add_catalogue_args,
    add_json_arg,
    build_db,
    generated_source,
    log,
    machine_context,
    percentiles,
    run_in_child,
    timed,
)

QUERY_SEED = 7


# -- jobs run in child processes (module level: spawn pickles them by name) -------------


def job_model_build(db: str) -> dict:
    import duckdb

    from moviebot.etl import recommender_model

    con = duckdb.connect(db)
    try:
        return recommender_model.build(con)
    finally:
        con.close()


def _seed_ids(db: str, n: int) -> list[int]:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        ids = np.asarray([r[0] for r in con.execute("SELECT id FROM movies ORDER BY id")
                          .fetchall()])
    finally:
        con.close()
    return np.random.default_rng(QUERY_SEED).choice(ids, n, replace=False).tolist()


def job_serve(db: str, n_queries: int) -> dict:
    """Open the catalogue like the bot does, answer queries; latency in this process."""
    from moviebot.core.catalogue import Catalogue
    from moviebot.core.models import Filters

    seeds = _seed_ids(db, n_queries)
    t0 = time.perf_counter()
    cat = Catalogue.open(db)
    cat.recommend(seeds[:1], k=10)  # loads the model
    load = time.perf_counter() - t0
    it = iter(seeds * 3)
    plain = timed(lambda: cat.recommend([next(it)], k=10), repeat=n_queries, warmup=5)
    filt = Filters(genre="Drama", year_from=1990)
    filtered = timed(lambda: cat.recommend([next(it)], k=10, filters=filt), repeat=n_queries)
    pairs = [seeds[i:i + 2] for i in range(0, len(seeds) - 1, 2)]
    pit = iter(pairs * 3)
    multi = timed(lambda: cat.recommend(next(pit), k=10), repeat=len(pairs))
    cat.close()
    return {"load": load, "plain": plain, "filtered": filtered, "multi": multi}


def _soup(db: str) -> list[str]:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        rows = con.execute("""
            SELECT m.id, concat_ws(' ',
                (SELECT string_agg(replace(name, ' ', ''), ' ') FROM genres g
                 WHERE g.movie_id = m.id),
                (SELECT string_agg(replace(name, ' ', ''), ' ') FROM keywords k
                 WHERE k.movie_id = m.id),
                (SELECT string_agg(replace(name, ' ', ''), ' ') FROM cast_members c
                 WHERE c.movie_id = m.id AND c."order" < 5),
                (SELECT string_agg(replace(name, ' ', ''), ' ') FROM directors d
                 WHERE d.movie_id = m.id),
                m.overview)
            FROM movies m ORDER BY m.id""").fetchall()
    finally:
        con.close()
    return [r[1] or "" for r in rows]


def job_naive(db: str, n_queries: int) -> dict:
    """The naive baseline: TF-IDF matrix, full cosine_similarity row, full argsort."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    from moviebot.core.catalogue import Catalogue

    cat = Catalogue.open(db)  # the same process serves the catalogue too
    t0 = time.perf_counter()
    x = TfidfVectorizer(stop_words="english").fit_transform(_soup(db))
    build = time.perf_counter() - t0
    rng = np.random.default_rng(QUERY_SEED)
    rows = iter(rng.integers(0, x.shape[0], n_queries + 5).tolist())

    def one() -> list[int]:
        i = next(rows)
        sims = cosine_similarity(x[i], x).ravel()
        order = np.argsort(-sims, kind="stable")
        return [int(j) for j in order[:11] if j != i][:10]

    samples = timed(one, repeat=n_queries, warmup=5)
    cat.close()
    return {"build": build, "plain": samples, "nnz": int(x.nnz)}


def job_scaled(db: str, scale: int, n_queries: int) -> dict:
    """Latency with the model tiled `scale` times (n·scale films)."""
    import duckdb
    import scipy.sparse as sp

    from moviebot.core.recommend import FilmInfo, Recommender

    con = duckdb.connect(db, read_only=True)
    try:
        base = Recommender.load(con)
    finally:
        con.close()
    n = base.n
    # Each copy gets its own vocabulary block, so the tiled films never share features
    # across copies (postings lengths stay realistic), and ids are offset per copy.
    feats = sp.block_diag([base.features] * scale, format="csr")
    cf = sp.block_diag([base.cf] * scale, format="csr")
    info = FilmInfo(title=np.tile(base.info.title, scale), year=np.tile(base.info.year, scale),
                    language=np.tile(base.info.language, scale),
                    vote_average=np.tile(base.info.vote_average, scale))
    big = Recommender(
        movie_ids=np.concatenate([base.movie_ids + c * 10_000_000 for c in range(scale)]),
        features=feats, vocab_kind=np.tile(base.vocab_kind, scale),
        vocab_name=np.tile(base.vocab_name, scale),
        embedding=np.tile(base.embedding, (scale, 1)), quality=np.tile(base.quality, scale),
        likes=np.tile(base.likes, scale), users=base.users * scale, cf=cf, info=info,
        signal=base.signal,
    )
    seeds = np.random.default_rng(QUERY_SEED).choice(big.movie_ids, n_queries, replace=False)
    it = iter(seeds.tolist())
    samples = timed(lambda: big.recommend([next(it)], k=10), repeat=n_queries - 5, warmup=5)
    return {"films": n * scale, "plain": samples}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_catalogue_args(parser)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--scale", type=int, default=10, help="tiling factor (0: skip)")
    add_json_arg(parser)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="moviebot-bench-rec-") as tmp:
        db = args.db
        if db is None:
            source = args.source or generated_source(args.movies)
            db = build_db(source, Path(tmp) / "movies.duckdb")
        copy = Path(tmp) / "model-build.duckdb"
        shutil.copyfile(db, copy)
        log("model build (child process) ...")
        built = run_in_child(job_model_build, str(copy))
        log("serving (child process) ...")
        served = run_in_child(job_serve, str(db), args.queries)
        log("naive baseline (child process) ...")
        naive = run_in_child(job_naive, str(db), args.queries)
        scaled = None
        if args.scale > 1:
            log(f"tiled x{args.scale} (child process) ...")
            scaled = run_in_child(job_scaled, str(db), args.scale, args.queries)

    films = built.value["films"]
    report = Report("recommend", context={
        "films": films, "likes": built.value["likes"], "signal": built.value["signal"],
        "queries": args.queries, **machine_context()})
    p50, p99 = percentiles(served.value["plain"])
    n50, n99 = percentiles(naive.value["plain"])
    report.add("recommend p50 (k=10)", p50 * 1e3, "ms", baseline=n50 * 1e3)
    report.add("recommend p99 (k=10)", p99 * 1e3, "ms", baseline=n99 * 1e3, target=("<=", 10))
    f50, f99 = percentiles(served.value["filtered"])
    report.add("recommend p99, genre+year filter", f99 * 1e3, "ms", target=("<=", 10),
               note=f"p50 {f50 * 1e3:.2f} ms")
    m50, m99 = percentiles(served.value["multi"])
    report.add("recommend p99, two seeds", m99 * 1e3, "ms", target=("<=", 10),
               note=f"p50 {m50 * 1e3:.2f} ms")
    report.add("model build (rec_* tables)", built.wall, "s", baseline=naive.value["build"],
               target=("<=", 60), note="baseline: TF-IDF fit only")
    report.add("model build peak RSS", built.peak_mb, "MB")
    report.add("model load at first request", served.value["load"], "s",
               note="Catalogue.open + Recommender.load")
    report.add("serving process peak RSS", served.peak_mb, "MB", baseline=naive.peak_mb,
               target=("<=", 300), note="catalogue + model; baseline: catalogue + TF-IDF")
    if scaled is not None:
        s50, s99 = percentiles(scaled.value["plain"])
        report.add(f"recommend p99 at {scaled.value['films']:,} films (tiled)", s99 * 1e3, "ms",
                   target=("<=", 50), note=f"p50 {s50 * 1e3:.2f} ms")
    report.emit(as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
