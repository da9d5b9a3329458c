"""The catalogue is only replaced by one at least as good: damaged or broken inputs stop the
build with one line (exit 2) and leave the old file byte-identical, unless --force."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest
from conftest import run_cli

from moviebot.etl.sample import sample_dir

FIXTURE = Path(__file__).parent / "fixtures" / "kaggle_small"
SAMPLE_FILES = ("movies_metadata.csv", "credits.csv", "keywords.csv", "links_small.csv",
                "ratings_small.csv")


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    """The demo catalogue, built once; each test copies it as the catalogue to protect."""
    db = tmp_path_factory.mktemp("good") / "movies.duckdb"
    result = run_cli("etl", "--source", str(sample_dir()), "--db", str(db), "--quiet")
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def old(tmp_path, good_db) -> Path:
    db = tmp_path / "out" / "movies.duckdb"
    db.parent.mkdir()
    shutil.copy(good_db, db)
    return db


def sample_copy(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in SAMPLE_FILES:
        shutil.copy(sample_dir() / name, dest / name)
    return dest


def films(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM movies").fetchone()[0]
    finally:
        con.close()


def refused(result, db: Path, before: bytes, *words: str) -> None:
    """One line on stderr naming `words`, exit 2, the old file as it was, no temp left."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert "left unchanged" in lines[0]
    assert db.read_bytes() == before
    assert [p.name for p in db.parent.iterdir()] == [db.name]


def flip_middle(path: Path, count: int = 64) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + count] = bytes(b ^ 0xFF for b in data[middle:middle + count])
    path.write_bytes(bytes(data))


def test_flipped_bytes_in_a_gzip_are_a_damaged_file(tmp_path, old):
    source = sample_copy(tmp_path / "src")
    movies = source / "movies_metadata.csv"
    with gzip.open(source / "movies_metadata.csv.gz", "wb") as out:
        out.write(movies.read_bytes())
    movies.unlink()
    flip_middle(source / "movies_metadata.csv.gz")
    before = old.read_bytes()
    result = run_cli("etl", "--source", str(source), "--db", str(old), "--quiet")
    refused(result, old, before, "movies_metadata.csv.gz", "damaged")


def test_flipped_bytes_in_the_real_movies_gzip(tmp_path, shared_source, old):
    """The issue's case: 64 flipped bytes were read as half the films, exit 0."""
    source = tmp_path / "src"
    source.mkdir()
    for link in shared_source.iterdir():
        shutil.copy(link.resolve(), source / link.name)
    flip_middle(source / "movies_metadata.csv.gz")
    before = old.read_bytes()
    result = run_cli("etl", "--source", str(source), "--db", str(old), "--quiet")
    refused(result, old, before, "movies_metadata.csv.gz", "CRC check failed")


def test_truncated_gzip_names_the_file(tmp_path, old):
    source = sample_copy(tmp_path / "src")
    data = gzip.compress((source / "credits.csv").read_bytes())
    (source / "credits.csv").unlink()
    (source / "credits.csv.gz").write_bytes(data[: len(data) * 3 // 4])
    before = old.read_bytes()
    result = run_cli("etl", "--source", str(source), "--db", str(old), "--quiet")
    refused(result, old, before, "credits.csv.gz", "damaged")


def test_zip_member_with_a_bad_crc(tmp_path, old):
    archive = tmp_path / "kaggle.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as z:
        for name in SAMPLE_FILES:
            z.write(sample_dir() / name, f"data/{name}")
    data = bytearray(archive.read_bytes())
    at = data.find(b"Toy Story")  # inside the first stored member, movies_metadata.csv
    data[at:at + 3] = b"Boy"
    archive.write_bytes(bytes(data))
    before = old.read_bytes()
    result = run_cli("etl", "--source", str(archive), "--db", str(old), "--quiet")
    refused(result, old, before, "data/movies_metadata.csv", "damaged", "CRC")


def test_header_only_movies_file_is_refused_unless_forced(tmp_path, old):
    source = sample_copy(tmp_path / "src")
    movies = source / "movies_metadata.csv"
    movies.write_text(movies.read_text(encoding="utf-8").splitlines()[0] + "\n",
                      encoding="utf-8")
    before = old.read_bytes()
    result = run_cli("etl", "--source", str(source), "--db", str(old), "--quiet")
    refused(result, old, before, "movies_metadata.csv", "no films kept", "--force")

    forced = run_cli("etl", "--source", str(source), "--db", str(old), "--quiet", "--force")
    assert forced.returncode == 0, forced.stderr
    assert films(old) == 0


def test_no_films_without_an_old_catalogue_writes_nothing(tmp_path):
    source = sample_copy(tmp_path / "src")
    movies = source / "movies_metadata.csv"
    movies.write_text(movies.read_text(encoding="utf-8").splitlines()[0] + "\n",
                      encoding="utf-8")
    db = tmp_path / "out" / "movies.duckdb"
    result = run_cli("etl", "--source", str(source), "--db", str(db), "--quiet")
    assert result.returncode == 2 and "no films kept" in result.stderr
    assert "not written" in result.stderr
    assert list(db.parent.iterdir()) == []


def test_credits_header_with_a_duplicate_column(tmp_path, old):
    source = sample_copy(tmp_path / "src")
    credits = source / "credits.csv"
    lines = credits.read_text(encoding="utf-8").split("\n", 1)
    credits.write_text("cast,crew,id,id\n" + lines[1], encoding="utf-8")
    before = old.read_bytes()
    result = run_cli("etl", "--source", str(source), "--db", str(old), "--quiet")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "credits.csv" in result.stderr and "id appears twice" in result.stderr
    assert old.read_bytes() == before


def test_credits_in_one_giant_line(tmp_path, old):
    """Line breaks lost: all records on one line after the header ("0 read, 0 rejected")."""
    source = sample_copy(tmp_path / "src")
    credits = source / "credits.csv"
    header, body = credits.read_text(encoding="utf-8").split("\n", 1)
    body = body.replace("\n", " ")
    credits.write_text(header + "\n" + body * (2_100_000 // len(body) + 1) + "\n",
                       encoding="utf-8")
    before = old.read_bytes()
    result = run_cli("etl", "--source", str(source), "--db", str(old), "--quiet")
    refused(result, old, before, "credits.csv", "line breaks lost")


def test_latin1_movies_file_names_the_encoding(tmp_path, shared_source, old):
    """The issue's case: 20 % of the rows were dropped as malformed_row, exit 0."""
    source = tmp_path / "src"
    source.mkdir()
    for link in shared_source.iterdir():
        if link.name != "movies_metadata.csv.gz":
            shutil.copy(link.resolve(), source / link.name)
    with gzip.open(shared_source / "movies_metadata.csv.gz", "rt", encoding="utf-8") as src:
        text = src.read()
    (source / "movies_metadata.csv").write_bytes(text.encode("latin-1", errors="replace"))
    before = old.read_bytes()
    result = run_cli("etl", "--source", str(source), "--db", str(old), "--quiet")
    refused(result, old, before, "movies_metadata.csv", "not UTF-8", "Latin-1")


def test_many_malformed_rows_are_refused(tmp_path, old):
    source = sample_copy(tmp_path / "src")
    with open(source / "movies_metadata.csv", "a", encoding="utf-8") as movies:
        movies.write("a broken line,with too few fields\n" * 40)
    before = old.read_bytes()
    result = run_cli("etl", "--source", str(source), "--db", str(old), "--quiet")
    refused(result, old, before, "movies_metadata.csv", "malformed_row", "rejected")


def test_far_fewer_films_than_the_old_catalogue(tmp_path, old):
    before = old.read_bytes()
    result = run_cli("etl", "--source", str(FIXTURE), "--db", str(old), "--quiet")
    refused(result, old, before, f"movies would shrink from {films(old)} to 8 rows")

    forced = run_cli("etl", "--source", str(FIXTURE), "--db", str(old), "--quiet", "--force")
    assert forced.returncode == 0, forced.stderr
    assert films(old) == 8


def test_a_good_rebuild_is_not_refused(tmp_path, old):
    result = run_cli("etl", "--source", str(sample_dir()), "--db", str(old), "--quiet")
    assert result.returncode == 0, result.stderr
    assert films(old) == 154
