"""Loading one raw CSV into a DuckDB staging table without ever failing on a bad line."""

from __future__ import annotations

import duckdb

from moviebot.etl.rejects import EXAMPLE_CHARS
from moviebot.etl.sources import SourceFile, read_header


def int_id(column: str) -> str:
    """SQL: the integer id in a text column ("862", or "862.0" as pandas writes it), else NULL.

    A date, a path or any other text gives NULL, which marks the row as malformed.
    """
    return f"TRY_CAST(regexp_extract(trim({column}), '^([0-9]+)(\\.0+)?$', 1) AS INTEGER)"


def sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def csv_scan(file: SourceFile, *, rejects: str, types: dict[str, str] | None = None) -> str:
    """A `read_csv(...)` expression reading every column as text, skipping malformed lines.

    The sniffer is off (a broken file can defeat it) and the header is read by us; strict
    mode makes a line with too few or too many fields (a record split by a broken quote) a
    rejected line instead of a shifted row, and `store_rejects` lets us count them.
    `types` gives some columns a type (a value that does not cast rejects its line).
    """
    header = read_header(file.path)
    # Duplicate or empty header names would make read_csv fail; make them unique.
    seen: dict[str, int] = {}
    names = []
    for i, name in enumerate(header):
        name = name or f"column{i}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    types = types or {}
    columns = "{" + ", ".join(
        f"{sql_str(n)}: {sql_str(types.get(n, 'VARCHAR'))}" for n in names
    ) + "}"
    return (
        f"read_csv({sql_str(str(file.path))}, header=true, auto_detect=false, delim=',', "
        f"quote='\"', escape='\"', columns={columns}, strict_mode=true, "
        f"ignore_errors=true, store_rejects=true, rejects_table={sql_str(rejects)}, "
        f"rejects_scan={sql_str(rejects + '_scan')})"
    )


def rejected_lines(con: duckdb.DuckDBPyConnection, rejects: str) -> tuple[int, str | None]:
    """(number of distinct rejected lines, the first one truncated) from a rejects table."""
    count, example = con.execute(
        f"SELECT count(DISTINCT line), arg_min(csv_line, line) FROM {rejects}"
    ).fetchone()
    if example is not None:
        example = example.strip().replace("\n", "\\n")[:EXAMPLE_CHARS]
    return int(count or 0), example
