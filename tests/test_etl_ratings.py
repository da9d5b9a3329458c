"""Ratings: MovieLens ids mapped to TMDB ids, bad lines counted, same result on both paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from moviebot.etl.build import build_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "kaggle_small"
EXPECTED = [(1, 101, 4.0), (1, 102, 3.5), (2, 101, 5.0), (2, 109, 4.5), (3, 109, 0.5)]


def build(source: Path, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    db = tmp_path / "m.duckdb"
    build_catalogue(source, db, progress=False)
    return duckdb.connect(str(db), read_only=True)


def rejects(con) -> dict[str, int]:
    return dict(con.execute(
        "SELECT reason, rows FROM meta_rejects WHERE file = 'ratings.csv'").fetchall())


def test_ratings_sorted_and_deduplicated(tmp_path):
    con = build(FIXTURE, tmp_path)
    assert con.execute("SELECT * FROM ratings").fetchall() == EXPECTED
    assert rejects(con) == {"duplicate_rating": 1, "unknown_movie": 2}


def test_bad_lines_are_counted_not_fatal(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(FIXTURE, source)
    with open(source / "ratings.csv", "a", encoding="utf-8") as f:
        f.write("4,1,not-a-number,1007\n4,1\n,1,3.0,1008\n5,-3,2.0,1009\n")
    con = build(source, tmp_path)
    assert con.execute("SELECT * FROM ratings").fetchall() == EXPECTED
    found = rejects(con)
    assert found["malformed_row"] == 3  # bad number, missing fields, empty user
    assert found["unknown_movie"] == 3  # the negative id too


def test_ratings_without_timestamp_column(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(FIXTURE, source)
    lines = (source / "ratings.csv").read_text(encoding="utf-8").splitlines()
    (source / "ratings.csv").write_text(
        "\n".join(",".join(line.split(",")[:3]) for line in lines) + "\n", encoding="utf-8")
    con = build(source, tmp_path)
    (n,) = con.execute("SELECT count(*) FROM ratings").fetchone()
    assert n == len(EXPECTED)


@pytest.mark.parametrize("missing", ["links.csv", "ratings.csv"])
def test_ratings_need_both_files(tmp_path, missing):
    source = tmp_path / "src"
    shutil.copytree(FIXTURE, source)
    (source / missing).unlink()
    con = build(source, tmp_path)
    assert con.execute("SELECT count(*) FROM ratings").fetchone() == (0,)
    files = {r[0] for r in con.execute("SELECT file FROM meta_sources").fetchall()}
    assert "ratings.csv" not in files and "links.csv" not in files
