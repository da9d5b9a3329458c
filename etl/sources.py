"""Finding the raw Kaggle files in a folder or a zip, plain or gzipped, and fingerprinting them."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

# Accepted names per role, in order of preference; each may also end in `.gz`, and carry
# what a cut of the file is called (`_head5000`, `.RECONSTRUCTED`; see `_base`).
NAMES: dict[str, tuple[str, ...]] = {
    "movies": ("movies_metadata.csv", "movies_dataset.csv"),
    "credits": ("credits.csv",),
    "keywords": ("keywords.csv",),
    "ratings": ("ratings.csv", "ratings_small.csv"),
    "links": ("links.csv", "links_small.csv"),
}
REQUIRED_ROLES = ("movies", "credits")

# Columns a file must have for the ETL to make sense of it.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "movies": (
        "id", "imdb_id", "title", "original_title", "overview", "tagline", "release_date",
        "runtime", "budget", "revenue", "popularity", "vote_average", "vote_count",
        "original_language", "poster_path", "status", "belongs_to_collection", "genres",
        "production_companies", "production_countries", "spoken_languages",
    ),
    "credits": ("cast", "crew", "id"),
    "keywords": ("id", "keywords"),
    "ratings": ("userId", "movieId", "rating"),
    "links": ("movieId", "tmdbId"),
}


class SourceError(ValueError):
    """The source is missing, or lacks a required file or column (message names it)."""


@dataclass(frozen=True)
class SourceFile:
    role: str
    name: str  # the name inside the source, as reported in meta tables
    path: Path  # a readable local file (extracted from the zip when needed)


def _pick_ratings_pair(found: dict[str, list[str]]) -> None:
    """Prefer ratings.csv+links.csv, else the *_small pair; put the matching links first."""
    ratings, links = found.get("ratings", []), found.get("links", [])
    if ratings:
        wanted = "links_small.csv" if _base(ratings[0]) == "ratings_small.csv" else "links.csv"
        links.sort(key=lambda name: _base(name) != wanted)


# `movies_metadata_head5000.csv`, `credits_head5000.RECONSTRUCTED.csv`: a cut of a Kaggle
# file named for what it is (the shared real subset). Its role is the Kaggle name.
_CUT = re.compile(r"^(?P<stem>.+?)(?:_head\d+)?(?P<tags>(?:\.[A-Z][A-Z0-9_-]*)*)\.csv$")


def _plain(name: str) -> str:
    name = name.rsplit("/", 1)[-1]
    return name[:-3] if name.endswith(".gz") else name


def _base(name: str) -> str:
    """The Kaggle name a file stands for: `credits_head5000.RECONSTRUCTED.csv.gz` ->
    `credits.csv`; other names are returned as they are (without `.gz`)."""
    plain = _plain(name)
    m = _CUT.match(plain)
    return f"{m.group('stem')}.csv" if m else plain


def _rank(role: str, name: str) -> tuple[int, bool, bool]:
    """Preferred name first, then the whole file before a cut of it, then plain before .gz."""
    base = _base(name)
    return NAMES[role].index(base), _plain(name) != base, name.endswith(".gz")


def _classify(names: list[str]) -> dict[str, list[str]]:
    """Candidate names per role, best first."""
    found: dict[str, list[str]] = {}
    for name in names:
        if "__MACOSX/" in name or name.rsplit("/", 1)[-1].startswith("._"):
            continue  # macOS resource forks inside zips
        for role, accepted in NAMES.items():
            if _base(name) in accepted:
                found.setdefault(role, []).append(name)
    for role, items in found.items():
        items.sort(key=lambda name, role=role: (_rank(role, name), name))
    return found


def locate(source: Path, workdir: Path) -> dict[str, SourceFile]:
    """The files of `source` (folder or zip) by role; zip members are extracted to `workdir`."""
    source = Path(source)
    if not source.exists():
        raise SourceError(f"source not found: {source}")
    if source.is_dir():
        names = sorted(p.name for p in source.iterdir() if p.is_file())
        found = _classify(names)
        _pick_ratings_pair(found)
        files = {
            role: SourceFile(role, items[0], source / items[0])
            for role, items in found.items()
        }
    elif zipfile.is_zipfile(source):
        files = _unzip(source, workdir)
    else:
        raise SourceError(f"source is neither a folder nor a zip file: {source}")
    for role in REQUIRED_ROLES:
        if role not in files:
            raise SourceError(
                f"required file {' or '.join(NAMES[role])} (plain or .gz) not found in {source}"
            )
    if "ratings" in files and "links" not in files:
        # Ratings are keyed by MovieLens ids; without links they cannot be used.
        files.pop("ratings")
    if "links" in files and "ratings" not in files:
        files.pop("links")
    for role, file in files.items():
        check_columns(file, REQUIRED_COLUMNS[role])
    return files


def _unzip(source: Path, workdir: Path) -> dict[str, SourceFile]:
    """Extract the wanted members of the zip `source` into `workdir` (zipfile checks CRCs)."""
    member = None
    try:
        with zipfile.ZipFile(source) as archive:
            found = _classify(sorted(info.filename for info in archive.infolist()))
            _pick_ratings_pair(found)
            files = {}
            for role, items in found.items():
                member = items[0]
                target = workdir / member.rsplit("/", 1)[-1]
                # Stream the member to disk: credits.csv alone is ~190 MB uncompressed.
                with archive.open(member) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                files[role] = SourceFile(role, member, target)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        where = f"{member} in {source.name}" if member else source.name
        raise SourceError(f"{where} is damaged: {exc}") from exc
    except OSError as exc:
        if member is None:
            raise SourceError(f"cannot read {source}: {exc.strerror or exc}") from exc
        # Most often the temp folder is full (the full zip unpacks to ~1 GB).
        raise SourceError(
            f"cannot unpack {member} from {source.name} into {workdir.parent}: "
            f"{exc.strerror or exc} (set TMPDIR to a folder with room)"
        ) from exc
    return files


def open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="")
    return open(path, encoding="utf-8", errors="replace", newline="")


def read_header(path: Path) -> list[str]:
    """The column names on the first line of a CSV (plain or gzipped)."""
    try:
        with open_text(path) as handle:
            row = next(csv.reader(handle), [])
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise SourceError(f"cannot read {path.name}: {exc}") from exc
    return [name.lstrip("\ufeff").strip() for name in row]


def check_columns(file: SourceFile, required: tuple[str, ...]) -> None:
    header = read_header(file.path)
    twice = [name for name in required if header.count(name) > 1]
    if twice:
        raise SourceError(
            f"{file.name}: column {', '.join(twice)} appears twice in its header "
            f"({','.join(header)[:80]})"
        )
    missing = [name for name in required if name not in header]
    if missing:
        raise SourceError(
            f"{file.name} lacks required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}"
        )


def fingerprint(path: Path) -> tuple[int, str]:
    """(size in bytes, sha256 hex) of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return path.stat().st_size, digest.hexdigest()
