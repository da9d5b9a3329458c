"""The `meta*` tables: facts about the build, source fingerprints, row counts, rejects."""

from __future__ import annotations

import hashlib

import duckdb

from moviebot.etl.rejects import Rejects


def data_version(sources: list[tuple[str, int, str]]) -> str:
    """First 12 hex digits of the sha256 over every source file's sha256 (by file name)."""
    digest = hashlib.sha256()
    for _name, _size, sha in sorted(sources):
        digest.update(sha.encode())
    return digest.hexdigest()[:12]


def write_meta(
    con: duckdb.DuckDBPyConnection,
    *,
    sources: list[tuple[str, int, str]],
    rejects: Rejects,
    facts: dict[str, str],
) -> str:
    """Create meta, meta_sources, meta_rows and meta_rejects; returns the data version."""
    version = data_version(sources)
    facts = {**facts, "data_version": version}
    con.execute("CREATE OR REPLACE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(facts.items()))
    con.execute(
        "CREATE OR REPLACE TABLE meta_sources "
        "(file VARCHAR, size_bytes BIGINT, sha256 VARCHAR)"
    )
    if sources:
        con.executemany("INSERT INTO meta_sources VALUES (?, ?, ?)", sorted(sources))
    con.execute(
        "CREATE OR REPLACE TABLE meta_rows "
        "(file VARCHAR, rows_read BIGINT, rows_kept BIGINT, rows_rejected BIGINT)"
    )
    rows = sorted(rejects.rows_table())
    if rows:
        con.executemany("INSERT INTO meta_rows VALUES (?, ?, ?, ?)", rows)
    con.execute(
        "CREATE OR REPLACE TABLE meta_rejects "
        "(file VARCHAR, reason VARCHAR, rows BIGINT, example VARCHAR)"
    )
    # One row per (file, reason): a reason found by two checks is summed, first example kept.
    merged: dict[tuple[str, str], list] = {}
    for r in rejects.items:
        entry = merged.setdefault((r.file, r.reason), [0, r.example])
        entry[0] += r.rows
        entry[1] = entry[1] or r.example
    if merged:
        con.executemany(
            "INSERT INTO meta_rejects VALUES (?, ?, ?, ?)",
            [(f, reason, n, ex) for (f, reason), (n, ex) in sorted(merged.items())],
        )
    return version
