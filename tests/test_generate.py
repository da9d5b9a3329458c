"""The benchmark data generator: Kaggle layout, parseable cells, traps in proportion, seeds."""

from __future__ import annotations

import ast
import hashlib
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.generate import META_COLUMNS, Summary, generate

MOVIES = 1000
CAST_KEYS = {"cast_id", "character", "credit_id", "gender", "id", "name", "order", "profile_path"}
CREW_KEYS = {"credit_id", "department", "gender", "id", "job", "name", "profile_path"}
NESTED = ["genres", "production_companies", "production_countries", "spoken_languages"]


@pytest.fixture(scope="module")
def gen(tmp_path_factory) -> tuple[Path, Summary]:
    out = tmp_path_factory.mktemp("gen")
    return out, generate(out, movies=MOVIES, seed=3, progress=False)


@pytest.fixture(scope="module")
def meta(gen) -> pd.DataFrame:
    return pd.read_csv(gen[0] / "movies_metadata.csv", low_memory=False)


def _good_rows(meta: pd.DataFrame) -> pd.DataFrame:
    """Rows pandas reads with their columns in place (not a half of a split record)."""
    return meta[pd.to_numeric(meta["id"], errors="coerce").notna() & meta["title"].notna()]


def test_kaggle_layout(gen):
    out, summary = gen
    heads = {
        name: (out / name).read_bytes().split(b"\n", 1)[0]
        for name in (
            "movies_metadata.csv",
            "credits.csv",
            "keywords.csv",
            "links.csv",
            "ratings.csv",
        )
    }
    assert heads["movies_metadata.csv"] == ",".join(META_COLUMNS).encode()
    assert heads["credits.csv"] == b"cast,crew,id"
    assert heads["keywords.csv"] == b"id,keywords"
    # MovieLens files end lines with CRLF, as the real ones do.
    assert heads["links.csv"] == b"movieId,imdbId,tmdbId\r"
    assert heads["ratings.csv"] == b"userId,movieId,rating,timestamp\r"
    assert summary.bytes.keys() >= {"movies_metadata.csv", "credits.csv"}


def test_metadata_parses_with_pandas_and_literal_eval(meta):
    assert len(meta) == MOVIES  # data rows as pandas counts them, split record included
    good = _good_rows(meta)
    for col in NESTED:
        for cell in good[col]:
            assert isinstance(ast.literal_eval(cell), list)
    for cell in good["belongs_to_collection"].dropna():
        assert set(ast.literal_eval(cell)) == {"id", "name", "poster_path", "backdrop_path"}
    assert good["imdb_id"].dropna().str.fullmatch(r"tt\d{7}").all()
    assert good["release_date"].dropna().str.fullmatch(r"\d{4}-\d\d-\d\d").all()
    # apostrophes force double quotes inside literals, and None appears unquoted
    text = "".join(good["production_companies"]) + "".join(good["belongs_to_collection"].dropna())
    assert '"' in text or "None" in text


def test_credits_and_keywords_parse_with_real_key_sets(gen):
    out, _ = gen
    credits = pd.read_csv(out / "credits.csv")
    cast_sizes, directors = [], Counter()
    actors = Counter()
    for cast_cell, crew_cell in zip(credits["cast"], credits["crew"], strict=True):
        cast, crew = ast.literal_eval(cast_cell), ast.literal_eval(crew_cell)
        cast_sizes.append(len(cast))
        assert all(set(c) == CAST_KEYS for c in cast)
        assert all(set(c) == CREW_KEYS for c in crew)
        actors.update({c["name"] for c in cast})
        directors.update({c["name"] for c in crew if c["job"] == "Director"})
    per_movie = (credits["cast"].str.len() + credits["crew"].str.len()).mean()
    assert 3000 < per_movie < 5500  # the real file averages ~4 KB per film
    assert max(cast_sizes) >= 40 and 0 in cast_sizes  # long tail and empty lists
    # people are reused across films, so actor/director questions have several answers
    assert actors.most_common(1)[0][1] >= 5 and directors.most_common(1)[0][1] >= 3
    keywords = pd.read_csv(out / "keywords.csv")
    lists = [ast.literal_eval(c) for c in keywords["keywords"]]
    assert all(set(k) == {"id", "name"} for kw in lists for k in kw)
    assert 0.15 < sum(not kw for kw in lists) / len(lists) < 0.5


def test_traps_in_real_proportions(gen, meta):
    _, summary = gen
    # malformed: the line after a split record has `id` holding a date
    shifted = meta[meta["id"].astype(str).str.fullmatch(r"\d{4}-\d\d-\d\d")]
    assert len(shifted) == len(summary.malformed_ids) >= 1
    assert shifted["adult"].str.startswith(" - Written by").all()
    assert shifted["budget"].str.fullmatch(r"/\w{27}\.jpg").all()
    ids = pd.to_numeric(meta["id"], errors="coerce")
    assert ids.duplicated().sum() == summary.duplicate_rows >= len(summary.duplicate_ids) >= 1
    good = _good_rows(meta)
    votes = pd.to_numeric(good["vote_count"])
    no_votes = ((votes == 0) & (pd.to_numeric(good["vote_average"]) == 0)).mean()
    assert 0.03 < no_votes < 0.10  # ~6 % in the real file
    runtime = pd.to_numeric(good["runtime"])
    assert runtime.isna().any() or (runtime == 0).any()
    assert good["title"].duplicated().any()  # remakes and sequels share titles
    assert good["overview"].str.len().mean() == pytest.approx(300, rel=0.25)
    assert 0.3 < good["tagline"].isna().mean() < 0.8
    assert (good["original_title"] != good["title"]).any()
    assert any(re.search(r"[^\x00-\x7f]", t) for t in good["original_title"])


def test_ratings_and_links(gen):
    out, summary = gen
    links = pd.read_csv(out / "links.csv")
    ratings = pd.read_csv(out / "ratings.csv")
    assert len(ratings) == summary.ratings
    assert summary.ratings == pytest.approx(MOVIES / 45466 * 1_000_000, rel=0.1)
    assert set(ratings["rating"].unique()) <= {x / 2 for x in range(1, 11)}
    assert ratings["movieId"].isin(links["movieId"]).all()
    assert not ratings.duplicated(["userId", "movieId"]).any()
    assert ratings[["userId", "movieId"]].equals(
        ratings[["userId", "movieId"]].sort_values(["userId", "movieId"], ignore_index=True)
    )
    assert links["tmdbId"].dtype == float  # some tmdbIds are missing
    per_user = ratings.groupby("userId").size()
    assert per_user.max() > 5 * per_user.median()  # long-tailed activity


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for name in sorted(p.name for p in folder.glob("*.csv")):
        h.update((folder / name).read_bytes())
    return h.hexdigest()


def test_deterministic_for_a_seed(tmp_path):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        generate(tmp_path / name, movies=150, seed=seed, progress=False)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_zip_output(tmp_path):
    summary = generate(tmp_path, movies=60, seed=1, ratings=0, zip_output=True, progress=False)
    assert list(summary.bytes) == ["the-movies-dataset.zip"]
    assert not list(tmp_path.glob("*.csv"))


def test_etl_builds_it_and_counts_the_traps(gen, tmp_path):
    build = pytest.importorskip(
        "moviebot.etl.build", reason="moviebot.etl.build not importable yet (ETL issue)"
    )
    import duckdb

    out, summary = gen
    db = tmp_path / "gen.duckdb"
    build.build_catalogue(out, db, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rejects = dict(
            con.execute(
                "SELECT reason, rows FROM meta_rejects WHERE file = 'movies_metadata.csv'"
            ).fetchall()
        )
        movies = con.execute("SELECT count(*) FROM movies").fetchone()[0]
        bad = con.execute(
            f"SELECT count(*) FROM movies WHERE id IN ({','.join(map(str, summary.malformed_ids))})"
        ).fetchone()[0]
    finally:
        con.close()
    # each split record is two bad lines; neither becomes a film
    assert rejects.get("malformed_row", 0) >= len(summary.malformed_ids)
    assert bad == 0
    assert rejects.get("duplicate_id") == summary.duplicate_rows
    expected = summary.records - len(summary.malformed_ids) - summary.duplicate_rows
    assert movies == expected - summary.missing_release_date
