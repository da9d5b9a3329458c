"""The guard: a build replaces the catalogue only if it is at least as good as the old one.

A broken input rarely fails loudly: a latin-1 file, a shifted header or a file whose line
breaks were lost is read as rows that are all malformed, and the build "succeeds" with a
fraction of the films. `check` compares what the build kept with what it read and with the
catalogue it would replace, and names what went wrong; `moviebot etl --force` skips it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from moviebot.etl.diagnose import diagnose
from moviebot.etl.rejects import Rejects
from moviebot.etl.sources import SourceError, SourceFile

# A file whose rejected rows exceed this share of the rows read is broken, not dirty.
MAX_REJECT_SHARE = 0.10
# ... but a handful of bad rows in a small file (the demo sample, test fixtures) is not
# evidence of that.
MIN_REJECTS = 20
# A new catalogue with fewer rows than this share of the old one's (in any table) is refused.
MIN_SHARE_OF_OLD = 0.5
# Rows about films outside the catalogue are expected (keywords.csv covers all 45k films,
# however few the movies file holds): they say nothing about the file's health.
NOT_A_DEFECT = frozenset({"unknown_movie"})


class GuardError(SourceError):
    """The build came out worse than it should; the message says why and how to override."""


def old_counts(db: Path, tables: tuple[str, ...]) -> dict[str, int]:
    """Rows per table of the catalogue at `db`; {} when there is none or it cannot be read
    (replacing an unreadable file is never a loss)."""
    if not db.is_file():
        return {}
    try:
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH '{str(db).replace(chr(39), chr(39) * 2)}' AS old (READ_ONLY)")
            counts = {}
            for table in tables:
                try:
                    counts[table] = con.execute(f"SELECT count(*) FROM old.{table}").fetchone()[0]
                except duckdb.Error:
                    continue  # a table the old file did not have
            return counts
        finally:
            con.close()
    except duckdb.Error:
        return {}


def reject_problems(rejects: Rejects) -> list[tuple[str, str]]:
    """(file name, problem) for each file that rejected more than MAX_REJECT_SHARE of it."""
    problems = []
    for file, read in rejects.rows_read.items():
        rejected = sum(
            r.rows for r in rejects.items
            if r.file == file and r.drops_row and r.reason not in NOT_A_DEFECT
        )
        if rejected >= MIN_REJECTS and rejected > MAX_REJECT_SHARE * read:
            reasons = sorted({
                r.reason for r in rejects.items
                if r.file == file and r.drops_row and r.reason not in NOT_A_DEFECT
            })
            problems.append((file, f"{rejected:,} of its {read:,} rows rejected "
                                   f"({rejected / read:.0%}: {', '.join(reasons)})"))
    return problems


def check(
    *,
    db: Path,
    files: dict[str, SourceFile],
    rejects: Rejects,
    tables: dict[str, int],
    old: dict[str, int],
) -> None:
    """Raise GuardError when the new catalogue (`tables`, rows per table) should not
    replace `db` (whose rows per table are `old`)."""
    problems: list[tuple[str | None, str]] = []
    if not tables.get("movies"):
        problems.append((files["movies"].name, "no films kept"))
    elif not tables.get("cast_members") and not tables.get("directors"):
        problems.append((files["credits"].name, "no credits kept"))
    problems += reject_problems(rejects)
    for table, rows in old.items():
        new = tables.get(table, 0)
        if rows and new < MIN_SHARE_OF_OLD * rows:
            problems.append((None, f"{table} would shrink from {rows:,} to {new:,} rows"))
    if not problems:
        return
    by_name = {file.name: file for file in files.values()}
    text = []
    for name, problem in problems:
        why = diagnose(by_name[name]) if name in by_name else None
        text.append(f"{name}: {why or problem}" if name else problem)
    raise GuardError(f"refused: {'; '.join(dict.fromkeys(text))} (--force writes it anyway)")
