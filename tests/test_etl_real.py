"""The real 5,000-film subset in ../shared, end to end (skips when it is absent)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest


@pytest.fixture(scope="module")
def con(real_db):
    con = duckdb.connect(str(real_db), read_only=True)
    yield con
    con.close()


def test_toy_story_facts(con):
    row = con.execute(
        'SELECT title, release_date, budget, revenue, "return", runtime, vote_count, imdb_id '
        "FROM movies WHERE id = 862"
    ).fetchone()
    title, released, budget, revenue, ret, runtime, votes, imdb = row
    assert title == "Toy Story" and imdb == "tt0114709"
    assert released == dt.date(1995, 10, 30)
    assert (budget, revenue) == (30_000_000, 373_554_033)
    assert ret == pytest.approx(12.45, abs=0.01)
    assert runtime == 81 and votes > 5000


def test_toy_story_people_collection_genres(con):
    assert con.execute("SELECT name FROM directors WHERE movie_id = 862").fetchall() == [
        ("John Lasseter",)
    ]
    assert con.execute(
        "SELECT c.name FROM movies m JOIN collections c ON c.collection_id = m.collection_id "
        "AND c.movie_id = m.id WHERE m.id = 862"
    ).fetchone() == ("Toy Story Collection",)
    assert [r[0] for r in con.execute(
        "SELECT name FROM genres WHERE movie_id = 862 ORDER BY position").fetchall()] == [
        "Animation", "Comedy", "Family"]
    cast = [r[0] for r in con.execute(
        'SELECT name FROM cast_members WHERE movie_id = 862 ORDER BY "order"').fetchall()]
    assert cast[0] == "Tom Hanks"


def test_duplicate_id_appears_once(con):
    assert con.execute("SELECT count(*) FROM movies WHERE id = 105045").fetchone() == (1,)
    assert con.execute(
        "SELECT rows FROM meta_rejects "
        "WHERE file LIKE 'movies_metadata%' AND reason = 'duplicate_id'"
    ).fetchone() == (1,)


def test_counts_and_no_unparseable_cells(con):
    (movies,) = con.execute("SELECT count(*) FROM movies").fetchone()
    assert 4900 < movies < 5000
    reasons = {r[0] for r in con.execute("SELECT reason FROM meta_rejects").fetchall()}
    assert not any(reason.startswith("unparseable") for reason in reasons)
    for table in ("genres", "companies", "countries", "languages", "keywords", "cast_members",
                  "directors", "collections"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 500, table


def test_ratings_present(con):
    (n,) = con.execute("SELECT count(*) FROM ratings").fetchone()
    assert n > 50_000
    assert con.execute("SELECT value FROM meta WHERE key = 'has_ratings'").fetchone() == ("true",)
    assert con.execute("SELECT min(rating), max(rating) FROM ratings").fetchone() == (0.5, 5.0)


def test_no_votes_stored_as_null(con):
    assert con.execute(
        "SELECT count(*) FROM movies WHERE vote_count = 0 AND vote_average IS NOT NULL"
    ).fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM movies WHERE vote_count = 0").fetchone()[0] > 0


CATALOGUE = ("movies", "genres", "collections", "companies", "countries", "languages",
             "keywords", "cast_members", "directors", "ratings", "meta_sources", "meta_rows",
             "meta_rejects")


def test_rebuild_gives_identical_tables(real_db, shared_source, tmp_path):
    from moviebot.etl.build import build_catalogue

    again = tmp_path / "again.duckdb"
    build_catalogue(shared_source, again, progress=False)
    a = duckdb.connect(str(real_db), read_only=True)
    b = duckdb.connect(str(again), read_only=True)
    try:
        for table in CATALOGUE:
            query = f"SELECT * FROM {table}"
            assert a.execute(query).fetchall() == b.execute(query).fetchall(), table
        facts = "SELECT * FROM meta WHERE key IN ('vote_count_m', 'vote_average_c', 'data_version')"
        assert a.execute(facts).fetchall() == b.execute(facts).fetchall()
    finally:
        a.close()
        b.close()
