"""The real partial Kaggle copy in ../shared, laid out under the names the ETL expects.

Its files carry suffixes (`_head5000`, `.RECONSTRUCTED`) that say what they are; the ETL
reads a Kaggle download, so tests and benchmarks see them through symlinks.
"""

from __future__ import annotations

from pathlib import Path

from moviebot.core.paths import shared_data_dir

LAYOUT = {
    "movies_metadata.csv.gz": "movies_metadata_head5000.csv.gz",
    "credits.csv.gz": "credits_head5000.RECONSTRUCTED.csv.gz",
    "keywords.csv.gz": "keywords.csv.gz",
    "links_small.csv.gz": "links_small.csv.gz",
    "ratings_small.csv.gz": "ratings_small.csv.gz",
}


def available() -> bool:
    root = shared_data_dir()
    return all((root / name).is_file() for name in LAYOUT.values())


def prepare_source(dest: Path, *, ratings: bool = True) -> Path:
    """Fill `dest` with symlinks in the Kaggle layout and return it."""
    root = shared_data_dir().resolve()
    dest.mkdir(parents=True, exist_ok=True)
    for kaggle_name, shared_name in LAYOUT.items():
        if not ratings and kaggle_name.startswith(("ratings", "links")):
            continue
        link = dest / kaggle_name
        if not link.exists():
            link.symlink_to(root / shared_name)
    return dest


def build_catalogue(folder: Path) -> Path:
    """The real subset built by the ETL into `folder` (a temporary one), as evaluations use it.

    >>> with tempfile.TemporaryDirectory() as tmp:  # doctest: +SKIP
    ...     db = build_catalogue(Path(tmp))
    """
    from moviebot.etl.build import build_catalogue as etl_build

    db = folder / "real.duckdb"
    etl_build(prepare_source(folder / "src"), db, progress=False)
    return db
