"""Where the demo sample lives: the repo's hand-written films in the raw Kaggle layout."""

from __future__ import annotations

import os
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def sample_dir() -> Path:
    """The demo sample (`MOVIEBOT_SAMPLE`, else data/sample in the repo)."""
    return Path(os.environ.get("MOVIEBOT_SAMPLE", _REPO_ROOT / "data" / "sample"))
