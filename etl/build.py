"""`build_catalogue`: raw Kaggle files -> one DuckDB catalogue file, written atomically.

Stages run on one DuckDB connection to `<db>.<pid>-<token>.tmp`; raw and intermediate
data live in TEMP tables (never written to the file). Only when every stage succeeded is
the file renamed over `db`, so a failure or Ctrl-C leaves the previous catalogue untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from moviebot.core.contract import SCHEMA_VERSION
from moviebot.etl import (
    aliases,
    credits,
    guard,
    movies,
    ratings,
    recommender_model,
    signals,
    temps,
)
from moviebot.etl.integrity import Verifier
from moviebot.etl.meta import write_meta
from moviebot.etl.progress import Progress
from moviebot.etl.rejects import Reject, Rejects
from moviebot.etl.sample import sample_dir
from moviebot.etl.sources import SourceError, locate

__all__ = ["BuildReport", "SourceError", "build_catalogue", "ensure_demo_catalogue"]

CATALOGUE_TABLES = (
    "movies", "genres", "collections", "companies", "countries", "languages", "keywords",
    "cast_members", "directors", "ratings", "aliases",
)
# DuckDB spills to disk beyond this, which bounds the whole process on the full data.
MEMORY_LIMIT = os.environ.get("MOVIEBOT_ETL_MEMORY", "600MB")
# Sorting the full ratings.csv needs more than MEMORY_LIMIT with one thread, so a big ratings
# file (uncompressed size, estimated) gets this limit (measured in docs/etl.md).
RATINGS_MEMORY_LIMIT = os.environ.get("MOVIEBOT_ETL_RATINGS_MEMORY", "800MB")
BIG_RATINGS_BYTES = 400_000_000


def _ratings_memory(file) -> str:
    if file is None:
        return MEMORY_LIMIT
    size = file.path.stat().st_size * (4 if file.path.suffix == ".gz" else 1)
    return RATINGS_MEMORY_LIMIT if size > BIG_RATINGS_BYTES else MEMORY_LIMIT


@dataclass
class BuildReport:
    """What a build read, kept, rejected and how long each stage took."""

    db: Path
    source: str
    seconds: float
    stages: list[tuple[str, float]]
    files: list[tuple[str, int, int, int]]  # (file, rows read, kept, rejected)
    rejects: list[Reject]
    tables: dict[str, int]  # rows per catalogue table
    output_bytes: int
    data_version: str
    model: dict | None = None
    model_seconds: float | None = None
    sources: list[tuple[str, int, str]] = field(default_factory=list)

    def summary(self) -> str:
        """A few human lines: rows per file, rejects by reason, timings, output size."""
        lines = [f"catalogue {self.db} (data version {self.data_version})"]
        lines.append(f"  {'file':<28}{'read':>11}{'kept':>11}{'rejected':>10}")
        for file, read, kept, rejected in self.files:
            lines.append(f"  {file:<28}{read:>11,}{kept:>11,}{rejected:>10,}")
        if self.rejects:
            lines.append("  rejects by reason:")
            for r in self.rejects:
                example = f"  e.g. {r.example}" if r.example else ""
                lines.append(f"    {r.file}: {r.reason} {r.rows:,}{example}"[:160])
        lines.append(
            "  tables: " + ", ".join(f"{name} {rows:,}" for name, rows in self.tables.items())
        )
        stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in self.stages)
        lines.append(f"  stages: {stages}")
        if self.model_seconds is not None:
            lines.append(f"  recommender model: {self.model_seconds:.2f}s")
        lines.append(
            f"  built in {self.seconds:.2f}s; file size {self.output_bytes / 1e6:.1f} MB"
        )
        return "\n".join(lines)


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        for name in CATALOGUE_TABLES
    }


def build_catalogue(
    source: Path, db: Path, *, progress: bool | None = None, force: bool = False
) -> BuildReport:
    """Build the catalogue at `db` from the raw files in `source` (folder or zip).

    Raises SourceError (a ValueError) naming a missing or damaged file or column, or an
    unwritable `db`; `guard.GuardError` (a SourceError) when the result is worse than it
    should be (no films, many rejects, far fewer rows than the file it would replace),
    unless `force`. `progress=None` shows progress only on a terminal.
    """
    started = time.perf_counter()
    source_text = str(source)
    db = Path(db)
    temps.check_target(db)
    # One temp name per process: two builds of the same file must not share (or delete)
    # each other's temp file.
    tmp = temps.temp_path(db)
    wal = tmp.with_name(tmp.name + ".wal")
    temps.remove_stale(db)
    temps.remove_stale_workdirs()
    bar = Progress(8, enabled=progress)
    rejects = Rejects()
    model: dict | None = None

    with tempfile.TemporaryDirectory(prefix=temps.workdir_prefix()) as workdir:
        with bar.stage("locate sources"):
            files = locate(Path(source), Path(workdir))
        # sha256 and checks of the sources run beside DuckDB (hashlib releases the GIL).
        verifier = Verifier(files)
        con = duckdb.connect(str(tmp))
        signals.LIVE.add(con)  # a signal interrupts its running query (etl/signals.py)
        verifier.attach(con)
        try:
            spill = Path(workdir) / "spill"
            con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
            con.execute(f"SET temp_directory = '{spill}'")
            con.execute("SET preserve_insertion_order = true")
            con.execute("SET enable_progress_bar = false")  # our own stage lines instead
            with bar.stage("movies"):
                verifier.ready("movies")
                movies.stage(con, files["movies"], rejects)
            with bar.stage("nested columns"):
                movies.parse_nested(con, files["movies"], rejects)
                m, c = movies.write_movies(con)
                rejects.kept(
                    files["movies"].name,
                    con.execute("SELECT count(*) FROM movies").fetchone()[0],
                )
                movies.write_unnested(con)
            with bar.stage("credits"):
                verifier.ready("credits")
                credits.load_credits(con, files["credits"], rejects)
            with bar.stage("keywords"):
                verifier.ready("keywords")
                credits.load_keywords(con, files.get("keywords"), rejects)
                aliases.load_aliases(con, aliases.aliases_file())
            with bar.stage("ratings"):
                verifier.ready("ratings", "links")
                con.execute(f"SET memory_limit = '{_ratings_memory(files.get('ratings'))}'")
                ratings.load_ratings(con, files.get("ratings"), files.get("links"), rejects)
                con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
            has_ratings = con.execute("SELECT count(*) > 0 FROM ratings").fetchone()[0]
            digests = verifier.results()
            sources = sorted((files[role].name, *digests[role]) for role in files)
            if not force:
                guard.check(db=db, files=files, rejects=rejects, tables=_counts(con),
                            old=guard.old_counts(db, CATALOGUE_TABLES))
            catalogue_seconds = time.perf_counter() - started
            with bar.stage("recommender model"):
                t0 = time.perf_counter()
                model = recommender_model.build(con)
                model_seconds = time.perf_counter() - t0
            with bar.stage("meta"):
                data_version = write_meta(
                    con,
                    sources=sources,
                    rejects=rejects,
                    facts={
                        "schema_version": str(SCHEMA_VERSION),
                        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                        "build_seconds": f"{time.perf_counter() - started:.2f}",
                        "source": source_text,
                        "has_ratings": "true" if has_ratings else "false",
                        "vote_count_m": repr(m),
                        "vote_average_c": repr(c),
                        "catalogue_seconds": f"{catalogue_seconds:.2f}",
                        "model": json.dumps(model, sort_keys=True, default=str),
                        "model_seconds": f"{model_seconds:.2f}",
                    },
                )
                tables = _counts(con)
                con.execute("CHECKPOINT")
            signals.LIVE.discard(con)
            con.close()
            os.replace(tmp, db)
        except BaseException as exc:
            # Any failure, Ctrl-C included: the previous catalogue stays, the temp goes.
            verifier.stop()
            signals.LIVE.discard(con)
            con.close()
            _remove(tmp, wal)
            interrupted = isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()
            # A damaged file makes a stage fail, reject rows or get interrupted: name it.
            cause = verifier.error(wait=isinstance(exc, Exception) and not interrupted)
            if cause is not None and cause is not exc:
                raise cause from exc
            if interrupted:
                # Ctrl-C during a DuckDB query surfaces as "Query interrupted".
                raise KeyboardInterrupt from exc
            raise
        finally:
            verifier.close()
    return BuildReport(
        db=db,
        source=source_text,
        seconds=time.perf_counter() - started,
        stages=bar.timings,
        files=rejects.rows_table(),
        rejects=sorted(rejects.items, key=lambda r: (r.file, r.reason)),
        tables=tables,
        output_bytes=db.stat().st_size,
        data_version=data_version,
        model=model,
        model_seconds=model_seconds,
        sources=sources,
    )


def ensure_demo_catalogue(db: Path, *, progress: bool | None = None) -> bool:
    """Build `db` from the demo sample if it does not exist; True if it was built."""
    if Path(db).exists():
        return False
    build_catalogue(sample_dir(), Path(db), progress=progress)
    return True
