"""`moviebot query recommend` as a real process, and the ETL with and without ratings."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from benchmarks import realdata
from moviebot.core.catalogue import Catalogue
from tests.conftest import run_cli


def _json_lines(proc) -> list[dict]:
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def test_cli_json_shape(real_db):
    (out,) = _json_lines(run_cli("query", "recommend", "Toy Story", "-k", "10", "--json",
                                 "--db", str(real_db)))
    assert out["seeds"] == [{"id": 862, "title": "Toy Story", "year": 1995}]
    assert len(out["results"]) == 10
    for r in out["results"]:
        assert {"id", "title", "year", "score", "reason"} <= set(r)
        assert r["id"] != 862 and r["reason"]
    assert 863 in [r["id"] for r in out["results"]]
    assert out["signal"] == "hybrid"


def test_cli_by_id_and_several_seeds(real_db):
    (by_id,) = _json_lines(run_cli("query", "recommend", "--id", "862", "-k", "3", "--json",
                                   "--db", str(real_db)))
    (by_title,) = _json_lines(run_cli("query", "recommend", "Toy Story", "-k", "3", "--json",
                                      "--db", str(real_db)))
    assert by_id["results"] == by_title["results"]
    (two,) = _json_lines(run_cli("query", "recommend", "Alien; Blade Runner", "--json",
                                 "--db", str(real_db)))
    assert [s["id"] for s in two["seeds"]] == [348, 78]
    assert not {348, 78} & {r["id"] for r in two["results"]}


def test_cli_filters(real_db):
    (out,) = _json_lines(run_cli(
        "query", "recommend", "Titanic", "-k", "6", "--json", "--db", str(real_db),
        "--genre", "comedia", "--year-from", "1990", "--year-to", "1999",
        "--language", "English", "--min-rating", "6.5"))
    assert len(out["results"]) == 6
    cat = Catalogue.open(real_db)
    try:
        for card in cat.cards([r["id"] for r in out["results"]]):
            assert "Comedy" in card.genres
            assert 1990 <= card.year <= 1999
            assert card.original_language == "en"
            assert card.vote_average >= 6.5
    finally:
        cat.close()


def test_cli_batch_reads_one_seed_per_line(real_db):
    lines = _json_lines(run_cli("query", "recommend", "-", "-k", "2", "--db", str(real_db),
                                input="Toy Story\nqxzqxzqxz\nAlien\n"))
    assert [line["query"] for line in lines] == ["Toy Story", "qxzqxzqxz", "Alien"]
    assert lines[0]["seeds"][0]["id"] == 862 and len(lines[0]["results"]) == 2
    assert lines[1]["found"] is False
    assert lines[2]["seeds"][0]["id"] == 348


@pytest.mark.parametrize("text", ["Toy Storry 7 qq", "qxzqxzqxz"])
def test_cli_unknown_seed_takes_the_did_you_mean_path(real_db, text):
    rec = run_cli("query", "recommend", text, "--json", "--db", str(real_db))
    movie = run_cli("query", "movie", text, "--json", "--db", str(real_db))
    (r,), (m,) = _json_lines(rec), _json_lines(movie)
    if m.get("found") is False:  # not found: exactly the answer other film questions give
        assert r == m
        assert r["kind"] == "movie"
    human = run_cli("query", "recommend", text, "--db", str(real_db))
    assert human.returncode == 0
    if m.get("found") is False:
        assert human.stdout.startswith("No movie found")


def test_cli_human_output(sample_db):
    proc = run_cli("query", "recommend", "Toy Story", "-k", "3", "--db", str(sample_db))
    assert proc.returncode == 0, proc.stderr
    assert "Toy Story 2 (1999)" in proc.stdout


def test_cli_unknown_genre(sample_db):
    (out,) = _json_lines(run_cli("query", "recommend", "Toy Story", "--genre", "nope",
                                 "--json", "--db", str(sample_db)))
    assert out["found"] is False and out["kind"] == "genre"


# -- ETL with and without ratings -----------------------------------------------------------


def _meta_model(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        (value,) = con.execute("SELECT value FROM meta WHERE key = 'model'").fetchone()
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        con.close()
    assert {"rec_films", "rec_features", "rec_vocab", "rec_embedding", "rec_cf"} <= tables
    return json.loads(value)


def test_etl_without_ratings_is_content_only(tmp_path):
    if not realdata.available():
        pytest.skip("real data not found")
    from moviebot.etl.build import build_catalogue

    src = realdata.prepare_source(tmp_path / "src", ratings=False)
    db = tmp_path / "movies.duckdb"
    build_catalogue(src, db, progress=False)
    model = _meta_model(db)
    assert model["signal"] == "content" and model["cf_pairs"] == 0
    cat = Catalogue.open(db)
    try:
        rec = cat.recommend([862], k=10)
    finally:
        cat.close()
    assert rec.signal == "content"
    assert 863 in [r.movie.id for r in rec.results]
    assert all(r.reason_kind != "liked" for r in rec.results)
    proc = run_cli("query", "recommend", "Toy Story", "--db", str(db))
    assert proc.returncode == 0 and "no ratings" in proc.stdout  # and says so


def test_etl_with_ratings_is_hybrid(real_db):
    model = _meta_model(real_db)
    assert model["signal"] == "hybrid" and model["cf_pairs"] > 0 and model["films"] > 4000


def test_a_catalogue_without_the_model_gets_one_line_not_a_traceback(sample_db, tmp_path):
    db = tmp_path / "old.duckdb"
    shutil.copy(sample_db, db)
    con = duckdb.connect(str(db))
    for (table,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'rec_%'"
    ).fetchall():
        con.execute(f"DROP TABLE {table}")
    con.close()
    done = run_cli("query", "recommend", "toy story", "--db", str(db))
    assert done.returncode == 2
    assert "rebuild it with `moviebot etl`" in done.stderr
    assert "Traceback" not in done.stderr
    # the other questions still work on that file
    assert run_cli("query", "runtime", "toy story", "--db", str(db)).returncode == 0
