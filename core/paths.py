"""Where the files are: every path has an environment variable and a default."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def db_path() -> Path:
    """The catalogue file: `MOVIEBOT_DB`, else `data/movies.duckdb` in the working directory."""
    return Path(os.environ.get("MOVIEBOT_DB", "data/movies.duckdb"))


def shared_data_dir() -> Path:
    """The real partial Kaggle copy beside the repo (`MOVIEBOT_SHARED_DATA`)."""
    default = REPO_ROOT.parent / "shared" / "data" / "the-movies-dataset"
    return Path(os.environ.get("MOVIEBOT_SHARED_DATA", default))
