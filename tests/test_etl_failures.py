"""`moviebot etl` failures end in one line (exit 2), never a traceback, the old file intact;
SIGTERM ends a build the way Ctrl-C does."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli

from moviebot.core.paths import REPO_ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "kaggle_small"


def one_line(result, *words: str) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_db_that_is_a_folder_fails_before_the_build(tmp_path):
    folder = tmp_path / "movies.duckdb"
    folder.mkdir()
    result = run_cli("etl", "--source", str(FIXTURE), "--db", str(folder), "--progress")
    one_line(result, str(folder), "is a folder")
    assert "movies" not in result.stdout  # no stage ran
    assert list(folder.iterdir()) == []


def test_db_whose_parent_is_a_file(tmp_path):
    (tmp_path / "data").write_text("not a folder")
    db = tmp_path / "data" / "movies.duckdb"
    one_line(run_cli("etl", "--source", str(FIXTURE), "--db", str(db)), "is a file")
    assert (tmp_path / "data").read_text() == "not a folder"


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot create files in (root ignores modes: then /sys)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    for candidate in (folder, Path("/sys")):
        try:
            (candidate / "probe").touch()
        except OSError:
            return candidate
        (candidate / "probe").unlink()
    pytest.skip("no folder here refuses new files")


def test_db_in_a_read_only_folder(tmp_path):
    folder = _read_only_folder(tmp_path)
    db = folder / "movies.duckdb"
    start = time.perf_counter()
    result = run_cli("etl", "--source", str(FIXTURE), "--db", str(db), "--progress")
    one_line(result, "cannot write the catalogue", str(folder))
    assert "etl: 2/" not in result.stderr  # failed before the first stage
    assert not db.exists()
    assert time.perf_counter() - start < 60


def test_zip_that_is_damaged_inside(tmp_path):
    archive = tmp_path / "kaggle.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path in FIXTURE.iterdir():
            z.write(path, path.name)
    data = bytearray(archive.read_bytes())
    data[200:230] = bytes(30)  # inside the first member's compressed data
    archive.write_bytes(bytes(data))
    one_line(run_cli("etl", "--source", str(archive), "--db", str(tmp_path / "m.duckdb")),
             "kaggle.zip", "damaged")


def test_temp_folder_full_while_unpacking(tmp_path):
    """Writes past a 1 MB file-size limit fail as a full disk does (EFBIG for ENOSPC)."""
    archive = tmp_path / "kaggle.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path in FIXTURE.iterdir():
            data = path.read_bytes()
            if path.name == "credits.csv":  # ~3 MB unpacked, a few KB zipped
                header, body = data.split(b"\n", 1)
                data = header + b"\n" + body * (3_000_000 // len(body))
            z.writestr(path.name, data)
    db = tmp_path / "movies.duckdb"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))

    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "moviebot.cli.main", "etl", "--source", str(archive),
         "--db", str(db)],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=120,
        preexec_fn=limit,
    )
    one_line(result, "cannot unpack credits.csv", "TMPDIR")
    assert not db.exists()


# The real CLI with its credits stage stuck in a long DuckDB query until a signal comes.
STUCK_BUILD = """
import sys
from moviebot.cli import main as cli
from moviebot.etl import build
def stuck(con, *args, **kwargs):
    print("credits", file=sys.stderr, flush=True)
    con.execute("SELECT sum(hash(range)) FROM range(100000000000)").fetchall()
build.credits.load_credits = stuck
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_during_a_build_keeps_the_old_file(tmp_path, signum, status):
    db = tmp_path / "movies.duckdb"
    assert run_cli("etl", "--source", str(FIXTURE), "--db", str(db)).returncode == 0
    before = db.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", STUCK_BUILD, "etl", "--source", str(FIXTURE), "--db", str(db),
         "--quiet"],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT,
    )
    assert proc.stderr.readline().strip() == "credits"
    time.sleep(0.3)  # inside DuckDB's query
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert err.strip() == f"moviebot etl: interrupted, {db} left unchanged"
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["movies.duckdb"]
    assert not [p for p in Path(os.environ.get("TMPDIR", "/tmp")).glob(
        f"moviebot-etl-{proc.pid}-*")]


def test_failures_leave_no_temp_folder(tmp_path):
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    source = tmp_path / "src"
    shutil.copytree(FIXTURE, source)
    (source / "credits.csv").unlink()
    result = run_cli("etl", "--source", str(source), "--db", str(tmp_path / "m.duckdb"),
                     env={"TMPDIR": str(tmpdir)})
    one_line(result, "credits.csv")
    assert list(tmpdir.iterdir()) == []
