"""The catalogue is replaced atomically, and the same input gives the same content."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest
from conftest import run_cli

from moviebot.etl import build
from moviebot.etl.build import build_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "kaggle_small"
VARYING = ("built_at", "build_seconds", "catalogue_seconds", "model", "model_seconds")


def snapshot(db: Path) -> dict[str, list]:
    """Every table's rows in stored order, minus the facts that vary between runs."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SHOW TABLES").fetchall()]
        out = {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in tables if t != "meta"}
        out["meta"] = con.execute(
            f"SELECT * FROM meta WHERE key NOT IN {VARYING} ORDER BY key").fetchall()
        return out
    finally:
        con.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "movies.duckdb")


def test_concurrent_builds_of_one_file_do_not_clash(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    db = tmp_path / "movies.duckdb"
    with ThreadPoolExecutor(2) as pool:
        jobs = [pool.submit(build_catalogue, FIXTURE, db, progress=False) for _ in range(2)]
        for job in jobs:
            job.result()
    assert leftovers(tmp_path) == []
    assert snapshot(db)["movies"]


def test_two_builds_give_identical_tables(tmp_path):
    first, second = tmp_path / "a" / "movies.duckdb", tmp_path / "b" / "movies.duckdb"
    build_catalogue(FIXTURE, first, progress=False)
    build_catalogue(FIXTURE, second, progress=False)
    a, b = snapshot(first), snapshot(second)
    assert a.keys() == b.keys()
    for table in a:
        assert a[table] == b[table], table


def test_rebuild_replaces_the_file(tmp_path):
    db = tmp_path / "movies.duckdb"
    build_catalogue(FIXTURE, db, progress=False)
    before = snapshot(db)
    build_catalogue(FIXTURE, db, progress=False)
    assert snapshot(db) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("error", [RuntimeError("stage broke"), KeyboardInterrupt()])
def test_failure_midway_keeps_the_old_catalogue(tmp_path, monkeypatch, error):
    db = tmp_path / "movies.duckdb"
    build_catalogue(FIXTURE, db, progress=False)
    old_bytes = db.read_bytes()

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(build.credits, "load_credits", broken)
    with pytest.raises(type(error)):
        build_catalogue(FIXTURE, db, progress=False)
    assert db.read_bytes() == old_bytes
    assert leftovers(tmp_path) == []


def test_failure_without_an_old_catalogue_leaves_nothing(tmp_path, monkeypatch):
    db = tmp_path / "movies.duckdb"

    def broken(*args, **kwargs):
        raise RuntimeError("ratings broke")

    monkeypatch.setattr(build.ratings, "load_ratings", broken)
    with pytest.raises(RuntimeError):
        build_catalogue(FIXTURE, db, progress=False)
    assert list(tmp_path.iterdir()) == []


def test_temp_files_of_killed_builds_are_removed(tmp_path):
    db = tmp_path / "movies.duckdb"
    dead = 2**22 + 12345  # above Linux's default pid_max: no such process
    (tmp_path / "movies.duckdb.tmp").write_bytes(b"left by a killed run")
    (tmp_path / f"movies.duckdb.{dead}-ab12cd34.tmp").write_bytes(b"left by a killed run")
    (tmp_path / f"movies.duckdb.{dead}-ab12cd34.tmp.wal").write_bytes(b"left by a killed run")
    huge = tmp_path / "movies.duckdb.99999999999999999999-ab12cd34.tmp"  # no such pid can be
    huge.write_bytes(b"left by a killed run")
    live = tmp_path / f"movies.duckdb.{os.getppid()}-cd34ef56.tmp"  # a running build's file
    live.write_bytes(b"in use")
    build_catalogue(FIXTURE, db, progress=False)
    assert leftovers(tmp_path) == [live.name]


def test_stale_cleaning_keeps_files_the_build_never_writes(tmp_path):
    db = tmp_path / "movies.duckdb"
    users = ["movies.duckdb.tmp.bak", "movies.duckdb.2023-backup.tmp",
             "movies.duckdb.99999999999999999999.tmp", "movies.duckdb.123-xyz.tmp",
             "other.duckdb.4206649-ab12cd34.tmp"]
    for name in users:
        (tmp_path / name).write_bytes(b"a user's file")
    result = run_cli("etl", "--source", str(FIXTURE), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert leftovers(tmp_path) == sorted(users)


def test_unpacking_folders_of_killed_builds_are_removed(tmp_path):
    """A SIGKILLed build of a zip leaves its unpacking folder; the next build removes it."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    archive = tmp_path / "kaggle.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in FIXTURE.iterdir():
            z.write(path, path.name)
    env = {"TMPDIR": str(tmpdir)}
    db = tmp_path / "movies.duckdb"
    # A real build killed while it runs (its progress shows it got past unpacking).
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(archive), str(db)],
        env={**os.environ, **env}, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout.readline().strip() == "unpacked"
    proc.kill()
    proc.wait()
    left = [p.name for p in tmpdir.iterdir()]
    assert len(left) == 1 and left[0].startswith(f"moviebot-etl-{proc.pid}-")
    mine = tmpdir / "moviebot-etl-backup"  # not the build's pattern: never touched
    mine.mkdir()
    result = run_cli("etl", "--source", str(archive), "--db", str(db), env=env)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmpdir.iterdir()] == [mine.name]


# Builds, but blocks after unpacking the zip until killed.
KILLED_BUILD = """
import sys, time
from pathlib import Path
from moviebot.etl import build, movies
def stuck(*args, **kwargs):
    print("unpacked", flush=True)
    time.sleep(60)
movies.stage = stuck
build.build_catalogue(Path(sys.argv[1]), Path(sys.argv[2]), progress=False)
"""


def test_ensure_demo_catalogue_builds_once(tmp_path, monkeypatch):
    monkeypatch.setenv("MOVIEBOT_SAMPLE", str(FIXTURE))
    db = tmp_path / "data" / "movies.duckdb"
    assert build.ensure_demo_catalogue(db, progress=False) is True
    assert db.exists()
    assert build.ensure_demo_catalogue(db, progress=False) is False
