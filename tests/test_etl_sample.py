"""The demo sample in data/sample, end to end (skips until the sample exists)."""

from __future__ import annotations

import duckdb
import pytest

from moviebot.etl.sample import sample_dir


@pytest.fixture(scope="module")
def con(request):
    if not (sample_dir() / "movies_metadata.csv").exists():
        pytest.skip("data/sample/ not written yet")
    db = request.getfixturevalue("sample_db")
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def test_sample_builds_every_table(con):
    for table in ("movies", "genres", "collections", "companies", "countries", "languages",
                  "keywords", "cast_members", "directors", "ratings", "meta", "meta_sources",
                  "meta_rows", "meta_rejects"):
        con.execute(f"SELECT count(*) FROM {table}").fetchone()
    (movies,) = con.execute("SELECT count(*) FROM movies").fetchone()
    assert 100 <= movies <= 250


def test_sample_has_well_known_films_and_people(con):
    assert con.execute("SELECT count(*) FROM movies WHERE id = 862").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM directors").fetchone()[0] > 50
    assert con.execute("SELECT count(*) FROM cast_members").fetchone()[0] > 100


def test_sample_shows_rejects_in_the_report(con):
    # The sample carries a few deliberately malformed rows so the report has rejects.
    assert con.execute("SELECT sum(rows) FROM meta_rejects").fetchone()[0] > 0
