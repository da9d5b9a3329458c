"""The files and folders a build owns while it runs, and removing those of dead builds.

A build writes `<db>.<pid>-<8 hex>.tmp` (DuckDB adds `.wal` beside it) and unpacks zips into
`$TMPDIR/moviebot-etl-<pid>-<random>/`. A killed build cannot remove them, so each build
removes the ones whose process is gone, matching exactly these names and nothing else (a
user's `movies.duckdb.tmp.bak` is not ours).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path

from moviebot.etl.sources import SourceError

WORKDIR_PREFIX = "moviebot-etl-"
# tempfile.mkdtemp's random part: 8 characters from this alphabet.
_WORKDIR = re.compile(rf"{WORKDIR_PREFIX}(\d+)-[a-z0-9_]{{8}}")


def temp_path(db: Path) -> Path:
    """This build's temp file beside `db` (one per build: concurrent builds never share)."""
    return db.with_name(f"{db.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def workdir_prefix() -> str:
    return f"{WORKDIR_PREFIX}{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process; a pid no system has
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def remove_stale(db: Path) -> None:
    """Delete `db`'s temp files left by builds that were killed (their process is gone)."""
    ours = re.compile(rf"{re.escape(db.name)}\.(\d+)-[0-9a-f]{{8}}\.tmp(\.wal)?")
    with contextlib.suppress(OSError):
        for path in db.parent.iterdir():
            if path.name == f"{db.name}.tmp" and path.is_file():
                _remove(path)  # the naming of builds before the per-process names
                continue
            match = ours.fullmatch(path.name)
            if match and path.is_file() and not _alive(int(match[1])):
                _remove(path)


def remove_stale_workdirs() -> None:
    """Delete the unpacking folders of killed builds from the temp folder."""
    with contextlib.suppress(OSError):
        for path in Path(tempfile.gettempdir()).iterdir():
            match = _WORKDIR.fullmatch(path.name)
            if match and not _alive(int(match[1])) and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)


def check_target(db: Path) -> None:
    """Fail before the build when `db` cannot be written (raises SourceError naming why)."""
    if db.is_dir():
        raise SourceError(f"the catalogue path {db} is a folder; give a file, e.g. "
                          f"{db / 'movies.duckdb'}")
    for folder in (db.parent, *db.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise SourceError(f"cannot write the catalogue {db}: {folder} is a file, "
                                  "not a folder")
            break
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        probe = temp_path(db)
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        _remove(probe)
    except OSError as exc:
        raise SourceError(
            f"cannot write the catalogue {db}: {exc.strerror or exc} in {db.parent}"
        ) from exc
