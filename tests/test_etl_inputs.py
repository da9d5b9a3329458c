"""Input layouts (folder, .gz, zip, bootcamp name, optional files) and clear input errors."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest
from conftest import run_cli

from moviebot.etl.build import build_catalogue
from moviebot.etl.sources import SourceError

FIXTURE = Path(__file__).parent / "fixtures" / "kaggle_small"


def copy_fixture(dest: Path, *, skip: tuple[str, ...] = ()) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for path in FIXTURE.iterdir():
        if path.name not in skip:
            shutil.copy(path, dest / path.name)
    return dest


def contents(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            table: con.execute(f"SELECT * FROM {table}").fetchall()
            for table in ("movies", "genres", "cast_members", "directors", "keywords", "ratings")
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> dict[str, list]:
    db = tmp_path_factory.mktemp("plain") / "movies.duckdb"
    build_catalogue(FIXTURE, db, progress=False)
    return contents(db)


def test_gzipped_files(tmp_path, plain):
    source = tmp_path / "src"
    source.mkdir()
    for path in FIXTURE.iterdir():
        with open(path, "rb") as src, gzip.open(source / (path.name + ".gz"), "wb") as dst:
            shutil.copyfileobj(src, dst)
    build_catalogue(source, tmp_path / "m.duckdb", progress=False)
    assert contents(tmp_path / "m.duckdb") == plain


def test_kaggle_zip_with_a_subfolder_and_a_gz_member(tmp_path, plain):
    archive = tmp_path / "the-movies-dataset.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path in FIXTURE.iterdir():
            if path.name == "credits.csv":
                z.writestr("data/credits.csv.gz", gzip.compress(path.read_bytes()))
            else:
                z.write(path, f"data/{path.name}")
        z.writestr("__MACOSX/data/._movies_metadata.csv", b"junk")
    report = build_catalogue(archive, tmp_path / "m.duckdb", progress=False)
    assert contents(tmp_path / "m.duckdb") == plain
    assert "data/movies_metadata.csv" in {f[0] for f in report.files}


def test_bootcamp_file_name(tmp_path, plain):
    source = copy_fixture(tmp_path / "src")
    (source / "movies_metadata.csv").rename(source / "movies_dataset.csv")
    build_catalogue(source, tmp_path / "m.duckdb", progress=False)
    assert contents(tmp_path / "m.duckdb") == plain


def test_optional_files_absent_give_empty_tables(tmp_path):
    source = copy_fixture(tmp_path / "src", skip=("keywords.csv", "ratings.csv", "links.csv"))
    db = tmp_path / "m.duckdb"
    build_catalogue(source, db, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM keywords").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM ratings").fetchone() == (0,)
    assert con.execute("SELECT value FROM meta WHERE key = 'has_ratings'").fetchone() == ("false",)
    assert con.execute("SELECT count(*) FROM movies").fetchone() == (8,)
    con.close()


def test_ratings_small_with_links_small(tmp_path, plain):
    source = copy_fixture(tmp_path / "src")
    (source / "ratings.csv").rename(source / "ratings_small.csv")
    (source / "links.csv").rename(source / "links_small.csv")
    build_catalogue(source, tmp_path / "m.duckdb", progress=False)
    assert contents(tmp_path / "m.duckdb")["ratings"] == plain["ratings"]


def test_missing_required_file_is_a_clear_error(tmp_path):
    source = copy_fixture(tmp_path / "src", skip=("credits.csv",))
    with pytest.raises(SourceError, match=r"credits\.csv"):
        build_catalogue(source, tmp_path / "m.duckdb", progress=False)
    assert not (tmp_path / "m.duckdb").exists()


def test_cli_missing_file_exits_2_with_one_line(tmp_path):
    source = copy_fixture(tmp_path / "src", skip=("credits.csv",))
    result = run_cli("etl", "--source", str(source), "--db", str(tmp_path / "m.duckdb"))
    assert result.returncode == 2
    assert "credits.csv" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_missing_column_names_it(tmp_path):
    source = copy_fixture(tmp_path / "src")
    path = source / "movies_metadata.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("release_date", "released_on", 1), encoding="utf-8")
    result = run_cli("etl", "--source", str(source), "--db", str(tmp_path / "m.duckdb"))
    assert result.returncode == 2
    assert "release_date" in result.stderr and "movies_metadata.csv" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_missing_source(tmp_path):
    result = run_cli("etl", "--source", str(tmp_path / "nowhere"), "--db", str(tmp_path / "m"))
    assert result.returncode == 2 and "not found" in result.stderr


def test_cli_builds_and_prints_a_summary(tmp_path):
    db = tmp_path / "m.duckdb"
    result = run_cli("etl", "--source", str(FIXTURE), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert db.exists()
    assert "movies_metadata.csv" in result.stdout and "malformed_row" in result.stdout
    # Not a terminal: plain progress lines, no carriage-return animation.
    assert "\r" not in result.stderr


def test_cli_truncated_gzip_fails_cleanly_and_keeps_the_old_db(tmp_path):
    db = tmp_path / "m.duckdb"
    build_catalogue(FIXTURE, db, progress=False)
    before = db.read_bytes()
    source = copy_fixture(tmp_path / "src", skip=("credits.csv",))
    data = gzip.compress((FIXTURE / "credits.csv").read_bytes() * 200)
    (source / "credits.csv.gz").write_bytes(data[: len(data) // 2])
    result = run_cli("etl", "--source", str(source), "--db", str(db))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.duckdb", "src"]
