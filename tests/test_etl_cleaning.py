"""Cleaning rules of docs/schema.md, each checked on the hand-made fixture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from moviebot.etl.build import build_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "kaggle_small"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "movies.duckdb"
    build_catalogue(FIXTURE, db, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def movie(con, movie_id: int) -> dict:
    cur = con.execute("SELECT * FROM movies WHERE id = ?", [movie_id])
    names = [d[0] for d in cur.description]
    row = cur.fetchone()
    return dict(zip(names, row, strict=True)) if row else {}


def test_numbers_are_numbers_and_return_is_revenue_over_budget(con):
    m = movie(con, 101)
    assert m["budget"] == 1_000_000 and m["revenue"] == 2_500_000  # "2500000.0" in the source
    assert m["return"] == pytest.approx(2.5)
    assert m["runtime"] == 95 and m["popularity"] == pytest.approx(12.25)


def test_missing_budget_and_revenue_become_zero_and_return_zero(con):
    m = movie(con, 102)
    assert (m["budget"], m["revenue"], m["return"]) == (0, 0, 0)
    assert movie(con, 109)["return"] == 0  # budget known, revenue unknown


def test_rows_without_release_date_are_dropped(con):
    assert movie(con, 103) == {}
    assert movie(con, 101)["release_date"] == dt.date(2001, 5, 4)
    assert movie(con, 101)["release_year"] == 2001


def test_no_votes_means_null_vote_average_and_weighted_rating(con):
    m = movie(con, 102)
    assert m["vote_count"] == 0
    assert m["vote_average"] is None and m["weighted_rating"] is None


def test_weighted_rating_uses_the_imdb_formula(con):
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    m_, c = float(meta["vote_count_m"]), float(meta["vote_average_c"])
    voted = con.execute("SELECT avg(vote_average) FROM movies WHERE vote_count > 0").fetchone()
    assert c == pytest.approx(voted[0])
    m = movie(con, 101)
    v, r = m["vote_count"], m["vote_average"]
    assert m["weighted_rating"] == pytest.approx(v / (v + m_) * r + m_ / (v + m_) * c)


def test_zero_runtime_is_unknown_and_empty_text_is_null(con):
    m = movie(con, 102)
    assert m["runtime"] is None
    assert m["overview"] is None and m["tagline"] is None and m["imdb_id"] is None


def test_kept_columns_and_dropped_columns(con):
    columns = [r[0] for r in con.execute("DESCRIBE movies").fetchall()]
    assert columns[:3] == ["id", "imdb_id", "title"]
    for dropped in ("adult", "homepage", "video"):
        assert dropped not in columns


def test_text_keeps_quotes_newlines_and_unicode(con):
    m = movie(con, 109)
    assert m["original_title"] == "Le Voyage d'Été"
    assert m["overview"] == 'A summer trip,\nwritten on two lines, with "quotes" inside.'


def test_collection_is_unnested_and_referenced(con):
    assert movie(con, 101)["collection_id"] == 9001
    assert con.execute("SELECT * FROM collections").fetchall() == [
        (101, 9001, "Lantern Collection", "/lanterncol.jpg")
    ]
    assert movie(con, 102)["collection_id"] is None


def test_genres_in_order_with_duplicates_within_a_film_removed(con):
    assert con.execute("SELECT * FROM genres WHERE movie_id = 101").fetchall() == [
        (101, 16, "Animation", 0), (101, 35, "Comedy", 1),
    ]
    assert con.execute("SELECT genre_id FROM genres WHERE movie_id = 109").fetchall() == [(18,)]


def test_companies_countries_languages(con):
    assert con.execute("SELECT name FROM companies WHERE movie_id = 109").fetchall() == [
        ("Ocean's Films",)
    ]
    countries = con.execute("SELECT iso_3166_1, name FROM countries WHERE movie_id = 109")
    assert countries.fetchall() == [("FR", "France"), ("US", "United States of America")]
    assert con.execute("SELECT * FROM languages WHERE movie_id = 109").fetchall() == [
        (109, "fr", "Français"), (109, "ja", "日本語"),
    ]


def test_undeclared_keys_fall_back_to_literal_eval(con):
    # 'logo_path' is not a key of the raw format: the native cast fails, ast rescues it.
    companies = con.execute("SELECT company_id, name FROM companies WHERE movie_id = 108")
    assert companies.fetchall() == [(777, "Logo Works")]


def test_keywords(con):
    assert con.execute("SELECT keyword_id, name FROM keywords WHERE movie_id = 101").fetchall() == [
        (1, "lantern"), (2, "weather"),
    ]
    assert con.execute("SELECT name FROM keywords WHERE movie_id = 109").fetchall() == [
        ("summer's end",)
    ]


def test_cast_with_character_gender_and_python_none(con):
    rows = con.execute(
        'SELECT person_id, name, character, "order", gender FROM cast_members '
        "WHERE movie_id = 101 ORDER BY \"order\""
    ).fetchall()
    assert rows == [
        (1, "Ada Brightwell", "Lantern One", 0, 1),
        (2, "Conan O'Malley", 'The "Weather" Man', 1, 2),
    ]
    # Empty character -> NULL; keys absent from the source -> NULL.
    assert con.execute("SELECT character FROM cast_members WHERE movie_id = 104").fetchall() == [
        (None,)
    ]
    assert con.execute(
        "SELECT person_id, name, character, gender FROM cast_members WHERE movie_id = 109"
    ).fetchall() == [(None, "Amélie Fictive", None, None), (None, "Kenji Yamamura", None, None)]


def test_directors_are_crew_with_job_director(con):
    assert con.execute("SELECT * FROM directors WHERE movie_id = 101").fetchall() == [
        (101, 10, "Rita Director")
    ]
    assert con.execute("SELECT name FROM directors WHERE movie_id = 104").fetchall() == [
        ("First Helmer",), ("Second Helmer",),
    ]
    assert con.execute("SELECT count(*) FROM directors WHERE movie_id = 102").fetchone() == (0,)


def test_child_tables_only_reference_kept_movies(con):
    for table in ("genres", "collections", "companies", "countries", "languages", "keywords",
                  "cast_members", "directors", "ratings"):
        orphans = con.execute(
            f"SELECT count(*) FROM {table} WHERE movie_id NOT IN (SELECT id FROM movies)"
        ).fetchone()[0]
        assert orphans == 0, table


def test_ratings_mapped_to_tmdb_ids(con):
    rows = con.execute("SELECT * FROM ratings").fetchall()
    # user 1 rated two MovieLens ids of the same TMDB film: the later rating wins.
    assert rows == [(1, 101, 4.0), (1, 102, 3.5), (2, 101, 5.0), (2, 109, 4.5), (3, 109, 0.5)]
    assert dict(con.execute("SELECT key, value FROM meta").fetchall())["has_ratings"] == "true"


def test_schema_types(con):
    types = {r[0]: r[1] for r in con.execute("DESCRIBE movies").fetchall()}
    assert types["id"] == "INTEGER" and types["release_date"] == "DATE"
    assert types["release_year"] == "SMALLINT" and types["runtime"] == "SMALLINT"
    assert types["budget"] == "BIGINT" and types["return"] == "DOUBLE"
    assert types["vote_count"] == "INTEGER" and types["collection_id"] == "INTEGER"
    rtypes = {r[0]: r[1] for r in con.execute("DESCRIBE ratings").fetchall()}
    assert rtypes == {"user_id": "INTEGER", "movie_id": "INTEGER", "rating": "FLOAT"}
