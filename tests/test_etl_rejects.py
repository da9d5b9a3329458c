"""Malformed rows, duplicate ids and unparseable cells: skipped or emptied, counted by reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from moviebot.etl.build import build_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "kaggle_small"
MOVIES = "movies_metadata.csv"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    db = tmp_path_factory.mktemp("rejects") / "movies.duckdb"
    report = build_catalogue(FIXTURE, db, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    yield con, report
    con.close()


def rejects(con, file: str) -> dict[str, int]:
    return dict(con.execute(
        "SELECT reason, rows FROM meta_rejects WHERE file = ?", [file]).fetchall())


def test_split_record_and_date_id_are_malformed(built):
    con, _ = built
    # The record split by a broken overview gives two bad lines; one 24-field row has a
    # date for an id. None of them becomes a film.
    assert rejects(con, MOVIES)["malformed_row"] == 3
    assert con.execute("SELECT count(*) FROM movies WHERE id = 107").fetchone() == (0,)
    assert con.execute(
        "SELECT count(*) FROM movies WHERE title LIKE '%poster%' OR release_year < 1800"
    ).fetchone() == (0,)
    example = con.execute(
        "SELECT example FROM meta_rejects WHERE file = ? AND reason = 'malformed_row'", [MOVIES]
    ).fetchone()[0]
    assert "Split Record" in example


def test_rows_after_a_malformed_record_survive(built):
    con, _ = built
    assert con.execute("SELECT title FROM movies WHERE id IN (108, 109, 110) ORDER BY id").fetchall(
    ) == [("Broken Genres",), ("Le Voyage d'Été",), ("Shifted Survivor",)]


def test_duplicate_ids_most_votes_then_latest_date_then_first(built):
    con, _ = built
    titles = dict(
        con.execute("SELECT id, title FROM movies WHERE id IN (104, 105, 106)").fetchall()
    )
    assert titles == {104: "Twice Told (more votes)", 105: "Echo (newer)", 106: "Mirror (first)"}
    assert rejects(con, MOVIES)["duplicate_id"] == 3
    assert con.execute("SELECT count(*) = count(DISTINCT id) FROM movies").fetchone() == (True,)


def test_missing_release_date_counted(built):
    con, _ = built
    assert rejects(con, MOVIES)["missing_release_date"] == 1


def test_unparseable_nested_cell_keeps_the_row(built):
    con, _ = built
    assert rejects(con, MOVIES)["unparseable_genres"] == 1
    assert con.execute("SELECT count(*) FROM movies WHERE id = 108").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM genres WHERE movie_id = 108").fetchone() == (0,)
    # The credits row with a broken cast keeps its director.
    assert rejects(con, "credits.csv")["unparseable_cast"] == 1
    assert con.execute("SELECT name FROM directors WHERE movie_id = 108").fetchall() == [
        ("Ed Broken",)
    ]


def test_credits_keywords_ratings_rejects(built):
    con, _ = built
    assert rejects(con, "credits.csv") == {
        "duplicate_id": 1, "unknown_movie": 1, "unparseable_cast": 1,
    }
    # The first credits row of a duplicated id wins.
    assert con.execute("SELECT name FROM cast_members WHERE movie_id = 104").fetchall() == [
        ("Bo Twice",)
    ]
    assert rejects(con, "keywords.csv") == {"duplicate_id": 1, "unknown_movie": 1}
    assert rejects(con, "ratings.csv") == {"duplicate_rating": 1, "unknown_movie": 2}
    assert rejects(con, "links.csv") == {"missing_tmdb_id": 1}


def test_meta_rows_add_up(built):
    con, report = built
    rows = {r[0]: r[1:] for r in con.execute("SELECT * FROM meta_rows").fetchall()}
    assert rows[MOVIES] == (15, 8, 7)  # 13 parsed rows + 2 broken lines
    assert rows["credits.csv"] == (8, 6, 2)
    for file, (read, kept, rejected) in rows.items():
        assert read == kept + rejected, file
    assert {f[0] for f in report.files} == set(rows)


def test_meta_facts_and_sources(built):
    con, report = built
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    for key in ("schema_version", "data_version", "built_at", "build_seconds", "source",
                "has_ratings", "vote_count_m", "vote_average_c"):
        assert key in meta
    assert meta["schema_version"] == "2"
    assert meta["source"] == str(FIXTURE)
    assert len(meta["data_version"]) == 12 and meta["data_version"] == report.data_version
    sources = con.execute("SELECT file, size_bytes, length(sha256) FROM meta_sources").fetchall()
    assert [s[0] for s in sources] == sorted(
        ["credits.csv", "keywords.csv", "links.csv", MOVIES, "ratings.csv"])
    assert all(size > 0 and n == 64 for _, size, n in sources)
    assert (FIXTURE / MOVIES).stat().st_size in {s[1] for s in sources}


def test_summary_mentions_rejects(built):
    _, report = built
    text = report.summary()
    assert "malformed_row" in text and "duplicate_id" in text and "built in" in text


def test_unterminated_quote_does_not_crash(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(FIXTURE, source)
    text = (source / MOVIES).read_text(encoding="utf-8").splitlines(keepends=True)
    # A quote opened and never closed swallows the rest of the file as one bad record.
    text.insert(3, 'False,,0,[],,120,,en,Runaway,"never closed,1.5,,[],[],2000-01-01\n')
    (source / MOVIES).write_text("".join(text), encoding="utf-8")
    db = tmp_path / "movies.duckdb"
    build_catalogue(source, db, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    ids = [r[0] for r in con.execute("SELECT id FROM movies").fetchall()]
    assert 101 in ids and 120 not in ids
    assert rejects(con, MOVIES)["malformed_row"] >= 1
    con.close()


def test_first_credits_row_wins_even_when_it_needed_the_fallback(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(FIXTURE, source)
    with open(source / "credits.csv", "a", encoding="utf-8") as f:
        f.write("\"[{'name': 'First Fixed', 'order': 0, 'nickname': 'undeclared'}]\",[],110\n")
        f.write("\"[{'name': 'Second Ignored', 'order': 0}]\",[],110\n")
    db = tmp_path / "movies.duckdb"
    build_catalogue(source, db, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT name FROM cast_members WHERE movie_id = 110").fetchall() == [
        ("First Fixed",)
    ]
    assert rejects(con, "credits.csv")["duplicate_id"] == 2
    con.close()


def test_out_of_range_numbers_become_unknown_not_a_crash(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(FIXTURE, source)
    path = source / MOVIES
    text = path.read_text(encoding="utf-8")
    text += ("False,,1e30,[],,130,,en,Huge Numbers,,1.5,,[],[],2001-01-01,-5,99999999.0,[],"
             "Released,,Huge Numbers,False,1e300,10\n")
    path.write_text(text, encoding="utf-8")
    with open(source / "credits.csv", "a", encoding="utf-8") as f:
        f.write("\"[{'name': 'Late', 'order': 99999999, 'gender': 70000}]\",[],130\n")
    db = tmp_path / "movies.duckdb"
    build_catalogue(source, db, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute(
        'SELECT budget, revenue, runtime, vote_average, "return" FROM movies WHERE id = 130'
    ).fetchone()
    assert row == (0, 0, None, None, 0)
    assert con.execute(
        'SELECT name, "order", gender FROM cast_members WHERE movie_id = 130').fetchall() == [
        ("Late", None, None)]
    con.close()
