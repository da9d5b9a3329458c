"""Recommendations: sensible lists, filters, seeds, reasons, determinism (library level)."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from moviebot.core.catalogue import Catalogue
from moviebot.core.models import Filters
from moviebot.core.recommend import FilmInfo, Recommender
from moviebot.etl.recommender_model import ContentTables, build_model, read_tables

TOY_STORY, TOY_STORY_2, STAR_WARS = 862, 863, 11
ALIEN, BLADE_RUNNER, TITANIC = 348, 78, 597


@pytest.fixture(scope="module")
def sample(sample_db):
    cat = Catalogue.open(sample_db)
    yield cat
    cat.close()


@pytest.fixture(scope="module")
def real_file(real_db, tmp_path_factory):
    """A private copy of the real catalogue, for tests that open their own DuckDB
    connection while the module's `Catalogue` holds one (with its own configuration) on
    `real_db`."""
    import shutil

    copy = tmp_path_factory.mktemp("real-copy") / "movies.duckdb"
    shutil.copyfile(real_db, copy)
    return copy


@pytest.fixture(scope="module")
def real(real_db):
    cat = Catalogue.open(real_db)
    yield cat
    cat.close()


def ids(rec) -> list[int]:
    return [r.movie.id for r in rec.results]


def genres_of(cat: Catalogue, movie_ids: list[int]) -> list[set[str]]:
    return [set(c.genres) for c in cat.cards(movie_ids)]


# -- the demo sample --------------------------------------------------------------------------


def test_sample_toy_story_holds_its_sequel_and_animation(sample):
    rec = sample.recommend([TOY_STORY], k=5)
    assert [s.id for s in rec.seeds] == [TOY_STORY]
    assert TOY_STORY_2 in ids(rec)
    assert TOY_STORY not in ids(rec)
    assert len(rec.results) == 5
    animated = [g for g in genres_of(sample, ids(rec)) if "Animation" in g]
    assert len(animated) >= 3
    assert all(r.reason and r.reason_kind for r in rec.results)


def test_sample_sequels_never_take_all_the_slots(sample):
    rec = sample.recommend([STAR_WARS], k=6)
    cards = sample.cards(ids(rec))
    assert sum(c.collection == "Star Wars Collection" for c in cards) <= 2
    assert STAR_WARS not in ids(rec)


def test_sample_reasons_are_english_and_structured(sample):
    rec = sample.recommend([TOY_STORY], k=5)
    (sequel,) = [r for r in rec.results if r.movie.id == TOY_STORY_2]
    assert sequel.reason_kind == "collection"
    assert sequel.reason == "also in Toy Story Collection"
    assert sequel.reason_args == {"seed_id": TOY_STORY, "seed_title": "Toy Story",
                                  "names": ["Toy Story Collection"]}


def test_unknown_seed_ids_are_ignored(sample):
    rec = sample.recommend([999_999_999], k=5)
    assert rec.seeds == [] and rec.results == []
    rec = sample.recommend([999_999_999, TOY_STORY], k=3)
    assert [s.id for s in rec.seeds] == [TOY_STORY] and len(rec.results) == 3


def test_to_json_shape(sample):
    out = sample.recommend([TOY_STORY], k=2).to_json()
    assert set(out) >= {"seeds", "results", "signal"}
    assert set(out["seeds"][0]) == {"id", "title", "year"}
    assert set(out["results"][0]) >= {"id", "title", "year", "score", "reason"}


def test_scores_read_best_first(sample):
    """The head and tail rankers score on different scales; the list still reads best first."""
    for seeds in ([TOY_STORY], [STAR_WARS], [ALIEN, BLADE_RUNNER], [TITANIC]):
        scores = [r.score for r in sample.recommend(seeds, k=10).results]
        assert scores and scores[0] == 1.0
        assert scores == sorted(scores, reverse=True) and scores[-1] >= 0.0, scores


# -- the real 5,000-film subset with MovieLens ratings ------------------------------------


def test_real_toy_story_list(real):
    rec = real.recommend([TOY_STORY], k=10)
    assert rec.signal == "hybrid"
    got = ids(rec)
    assert TOY_STORY_2 in got and TOY_STORY not in got
    assert TOY_STORY_2 in got[:3]  # close relatives come early, not after the canon
    family_or_animation = [g for g in genres_of(real, got) if g & {"Animation", "Family"}]
    assert len(family_or_animation) >= 4
    assert {r.reason_kind for r in rec.results} & {"liked"}  # the collaborative signal shows
    scores = [r.score for r in rec.results]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0


def test_real_multi_seed_blends_and_excludes_every_seed(real):
    rec = real.recommend([ALIEN, BLADE_RUNNER], k=10)
    got = ids(rec)
    assert ALIEN not in got and BLADE_RUNNER not in got
    assert [s.id for s in rec.seeds] == [ALIEN, BLADE_RUNNER]
    scifi = [g for g in genres_of(real, got) if "Science Fiction" in g]
    assert len(scifi) >= 6
    # Each reason names the seed it comes from.
    assert all(r.reason_args["seed_id"] in (ALIEN, BLADE_RUNNER) for r in rec.results)


@pytest.mark.parametrize("filters", [
    Filters(year_from=2000),
    Filters(year_from=1980, year_to=1989),
    Filters(genre="Comedy"),
    Filters(language="fr"),
    Filters(min_rating=7.5),
    Filters(genre="Horror", year_to=1990, min_rating=6),
])
def test_real_filters_are_respected(real, filters):
    for seed in (TOY_STORY, TITANIC, ALIEN):
        rec = real.recommend([seed], k=8, filters=filters)
        assert rec.results, (seed, filters)
        cards = real.cards(ids(rec))
        for c in cards:
            assert c.id != seed
            if filters.year_from:
                assert c.year >= filters.year_from
            if filters.year_to:
                assert c.year <= filters.year_to
            if filters.genre:
                assert filters.genre in c.genres
            if filters.language:
                assert c.original_language == filters.language
            if filters.min_rating:
                assert c.vote_average is not None and c.vote_average >= filters.min_rating


def test_real_unknown_genre_filter_gives_no_results(real):
    assert real.recommend([TOY_STORY], k=5, filters=Filters(genre="Nope")).results == []


def test_same_input_same_output(real):
    a = real.recommend([TITANIC, ALIEN], k=10, filters=Filters(year_from=1970))
    b = real.recommend([TITANIC, ALIEN], k=10, filters=Filters(year_from=1970))
    assert a == b
    assert a.to_json() == b.to_json()


def test_model_build_is_deterministic(real_file):
    con = duckdb.connect(str(real_file), read_only=True)
    try:
        tables = read_tables(con)
        likes = con.execute("SELECT user_id, movie_id FROM ratings WHERE rating >= 4").df()
    finally:
        con.close()
    m1, m2 = build_model(tables, likes), build_model(tables, likes)
    assert np.array_equal(m1.movie_ids, m2.movie_ids)
    assert (m1.features != m2.features).nnz == 0
    assert np.array_equal(m1.embedding, m2.embedding)
    assert (m1.cf != m2.cf).nnz == 0
    assert m1.signal == "hybrid"


def test_stored_model_serves_like_the_in_memory_one(real_file):
    con = duckdb.connect(str(real_file), read_only=True)
    try:
        stored = Recommender.load(con)
        tables = read_tables(con)
        likes = con.execute("SELECT user_id, movie_id FROM ratings WHERE rating >= 4").df()
    finally:
        con.close()
    fresh = Recommender.from_model(build_model(tables, likes), stored.info)
    for seed in (TOY_STORY, TITANIC):
        i = stored.index_of(seed)
        assert stored.top([i], k=10) == fresh.top([i], k=10)


def test_model_tables_read_in_chunks_load_the_same_model(sample_db, monkeypatch):
    """The sparse tables are read a rowid range at a time (memory): chunk edges lose nothing."""
    import moviebot.core.recommend as recommend

    def load() -> Recommender:
        con = duckdb.connect(str(sample_db), read_only=True)
        try:
            return Recommender.load(con)
        finally:
            con.close()

    whole = load()
    monkeypatch.setattr(recommend, "_CHUNK_ROWS", 97)  # many chunks, edges mid-film
    chunked = load()
    assert whole.cf.nnz > 97 * 3 and whole.features.nnz > 97 * 3
    assert (whole.cf != chunked.cf).nnz == 0
    assert (whole.features != chunked.features).nnz == 0
    assert chunked.top([chunked.index_of(TOY_STORY)], k=5) == whole.top(
        [whole.index_of(TOY_STORY)], k=5)


def test_like_matrix_dedups_drops_unknown_films_and_samples_heavy_users():
    """The CF input: each (user, film) once, catalogue films only, heavy users sampled by a
    fixed hash (the same films every build), checked against a plain-Python reference."""
    from moviebot.etl.recommender_model import _like_matrix

    rng = np.random.default_rng(3)
    ids = np.arange(10, 400, 3)  # catalogue ids; others are unknown films
    user = np.r_[rng.integers(1000, 1040, 3000), np.full(500, 77)]  # user 77 likes a lot
    film = np.r_[rng.integers(0, 420, 3000), rng.integers(0, 420, 500)]
    got = _like_matrix(ids, user, film, 30)

    users = sorted(set(user.tolist()))
    want = np.zeros((len(users), len(ids)), dtype=np.float32)
    for u, f in set(zip(user.tolist(), film.tolist(), strict=True)):
        if f in set(ids.tolist()):
            want[users.index(u), int(np.searchsorted(ids, f))] = 1
    def mix(x: int) -> int:  # splitmix64's finaliser, written out
        m = (1 << 64) - 1
        z = (x + 0x9E3779B97F4A7C15) & m
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & m
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & m
        return z ^ (z >> 31)

    for row in range(len(users)):
        cols = np.flatnonzero(want[row])
        if len(cols) > 30:
            h = [mix(row * len(ids) + int(c)) for c in cols]
            want[row, cols[np.argsort(h, kind="stable")[30:]]] = 0
    assert got.shape == want.shape
    assert np.array_equal(got.toarray(), want)
    assert np.diff(got.indptr).max() == 30  # user 77 (and others) capped
    assert _like_matrix(ids, np.array([1]), np.array([5]), 30) is None  # no catalogue film


def test_heavy_users_sample_spreads_over_the_catalogue():
    """A heavy user's kept likes are spread over ids (ids follow TMDB's entry date), not an
    arc of neighbouring ids."""
    from moviebot.etl.recommender_model import _like_matrix

    ids = np.arange(45_000)
    kept = _like_matrix(ids, np.full(45_000, 5), ids, 400).indices
    quarters = np.bincount(kept * 4 // len(ids), minlength=4)
    assert len(kept) == 400 and quarters.min() >= 60, quarters


# -- tiny and degenerate catalogues ---------------------------------------------------------


def _tiny(n: int, *, overview: bool = True) -> ContentTables:
    movies = pd.DataFrame({
        "id": np.arange(1, n + 1),
        "overview": [f"a story about dogs and cats number {i}" if overview else None
                     for i in range(n)],
        "tagline": [None] * n,
        "release_year": [1990 + i for i in range(n)],
        "original_language": ["en"] * n,
        "collection_id": [None] * n,
        "weighted_rating": [6.0 + i / 10 for i in range(n)],
        "vote_count": [10 * i for i in range(n)],
    })
    empty = pd.DataFrame({"movie_id": pd.Series([], dtype=int), "name": pd.Series([], dtype=str)})
    genres = pd.DataFrame({"movie_id": np.arange(1, n + 1), "name": ["Drama"] * n})
    cast = pd.DataFrame({"movie_id": pd.Series([], dtype=int), "name": pd.Series([], dtype=str),
                         "order": pd.Series([], dtype=int)})
    return ContentTables(movies=movies, genres=genres, keywords=empty, cast=cast,
                         directors=empty, collections=empty)


@pytest.mark.parametrize("n", [1, 2, 5])
@pytest.mark.parametrize("overview", [True, False])
def test_tiny_catalogues_build_and_serve(n, overview):
    model = build_model(_tiny(n, overview=overview), None)
    assert model.signal == "content"
    info = FilmInfo(title=np.array([f"F{i}" for i in range(n)], dtype=object),
                    year=np.arange(1990, 1990 + n, dtype=float),
                    language=np.array(["en"] * n, dtype=object),
                    vote_average=np.full(n, 7.0))
    rec = Recommender.from_model(model, info).recommend([1], k=5)
    assert sorted(r.movie.id for r in rec.results) == list(range(2, n + 1))


def test_a_catalogue_without_model_says_so(tmp_path):
    from moviebot.core.recommend import ModelMissing

    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    try:
        with pytest.raises(ModelMissing, match="moviebot etl"):
            Recommender.load(con)
        con.execute("CREATE TABLE rec_params (key VARCHAR, value VARCHAR)")
        con.execute("INSERT INTO rec_params VALUES ('model_version', '0')")
        with pytest.raises(ModelMissing, match="version"):
            Recommender.load(con)
    finally:
        con.close()


def test_catalogue_without_model_raises_one_friendly_error(sample_db, tmp_path):
    import shutil

    from moviebot.core.catalogue import CatalogueError
    from moviebot.core.recommend import ModelMissing

    old = tmp_path / "old.duckdb"
    shutil.copyfile(sample_db, old)
    con = duckdb.connect(str(old))
    con.execute("DROP TABLE rec_params")
    con.close()
    cat = Catalogue.open(old)
    try:
        assert cat.resolve("Toy Story").movie.id == TOY_STORY  # everything else still works
        for _ in range(2):  # remembered: the second call raises the same way
            with pytest.raises(ModelMissing, match="rebuild it with `moviebot etl`") as err:
                cat.recommend([TOY_STORY], k=5)
            assert isinstance(err.value, CatalogueError)
            assert "\n" not in str(err.value)
    finally:
        cat.close()


# -- the learning-to-rank experiment's features (benchmarks/eval_recommend.py --ltr) -------


def test_ltr_pool_features_are_pair_features_without_the_seed(real_file):
    from benchmarks.eval_recommend import LTR_FEATURES, LtrFeatures

    con = duckdb.connect(str(real_file), read_only=True)
    try:
        rec = Recommender.load(con)
    finally:
        con.close()
    lf = LtrFeatures(rec)
    i = rec.index_of(TOY_STORY)
    cand, feats = lf.pool(i)
    assert i not in cand and len(cand) >= 100
    assert feats.shape == (len(cand), len(LTR_FEATURES)) and np.isfinite(feats).all()
    (sequel,) = np.flatnonzero(cand == rec.index_of(TOY_STORY_2))
    row = dict(zip(LTR_FEATURES, feats[sequel], strict=True))
    assert row["same collection"] == 1 and row["shared directors"] >= 1
    assert row["has co-likes"] == 1 and row["content cosine"] > 0.3
    cand2, feats2 = lf.pool(i)
    assert np.array_equal(cand, cand2) and np.array_equal(feats, feats2)


def test_a_served_catalogue_answers_each_question_as_asked(sample_db):
    """The served catalogue remembers answers: k, filters and seeds all tell them apart."""
    from moviebot.core.served import Service

    service = Service(sample_db)
    try:
        with service.lease() as cat:
            plain = cat.recommend([TITANIC], k=5)
            assert cat.recommend([TITANIC], k=5) == plain
            assert len(cat.recommend([TITANIC], k=3).results) == 3
            recent = cat.recommend([TITANIC], k=5, filters=Filters(year_from=2000))
            assert recent.results and all(r.movie.year >= 2000 for r in recent.results)
            assert [r.movie.year for r in plain.results] != [r.movie.year for r in recent.results]
            both = cat.recommend([TITANIC, TOY_STORY], k=5)
            assert [s.id for s in both.seeds] == [TITANIC, TOY_STORY]
    finally:
        service.close()
