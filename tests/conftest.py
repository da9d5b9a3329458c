"""Shared fixtures: catalogue files built by the real ETL, and the real data in ../shared."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import realdata
from moviebot.core.paths import REPO_ROOT
from moviebot.etl.sample import sample_dir

SKIP_SHARED = (
    "real data not found: set MOVIEBOT_SHARED_DATA to the folder holding "
    "movies_metadata_head5000.csv.gz (default ../shared/data/the-movies-dataset)"
)


@pytest.fixture(scope="session")
def sample_source() -> Path:
    return sample_dir()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The demo sample built by the real ETL (once per test session)."""
    from moviebot.etl.build import build_catalogue

    db = tmp_path_factory.mktemp("sample") / "movies.duckdb"
    build_catalogue(sample_dir(), db, progress=False)
    return db


@pytest.fixture(scope="session")
def shared_source(tmp_path_factory) -> Path:
    """../shared's real subset in the Kaggle layout; skips when absent."""
    if not realdata.available():
        pytest.skip(SKIP_SHARED)
    return realdata.prepare_source(tmp_path_factory.mktemp("shared"))


@pytest.fixture(scope="session")
def real_db(shared_source, tmp_path_factory) -> Path:
    """The real 5,000-film subset (with ratings_small) built by the real ETL."""
    from moviebot.etl.build import build_catalogue

    db = tmp_path_factory.mktemp("real") / "movies.duckdb"
    build_catalogue(shared_source, db, progress=False)
    return db


def run_cli(*args: str, input: str | None = None, env: dict | None = None, timeout: float = 120):
    """Run `moviebot ARGS` as a real process, the way users do."""
    full_env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    full_env.update({"PYTHONIOENCODING": "utf-8", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "moviebot.cli.main", *args],
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=REPO_ROOT,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def service(sample_db, tmp_path_factory):
    """The chat's service over a private copy of the demo catalogue (tests may /reload it);
    modules on the real subset define their own `commands`."""
    from moviebot.core.served import Service

    db = tmp_path_factory.mktemp("chat") / "movies.duckdb"
    shutil.copy(sample_db, db)
    svc = Service(db)
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def commands(service):
    from moviebot.bot.commands import Commands

    return Commands(service)
