"""Parsing the Python-literal nested cells (`[{'id': 16, 'name': 'Animation'}]`).

DuckDB casts such text to a STRUCT list natively and vectorised (single or double quotes,
backslash escapes, `None`), which is what makes the ETL fast. Only the cells that cast
fails on fall back to `ast.literal_eval`, one by one; cells that fail both are counted.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass

import duckdb
import pandas as pd

# Every key of the raw format must be declared: an undeclared key turns the element NULL.
FIELDS: dict[str, dict[str, str]] = {
    "id_name": {"id": "INTEGER", "name": "VARCHAR"},
    "collection": {
        "id": "INTEGER", "name": "VARCHAR", "poster_path": "VARCHAR", "backdrop_path": "VARCHAR",
    },
    "country": {"iso_3166_1": "VARCHAR", "name": "VARCHAR"},
    "language": {"iso_639_1": "VARCHAR", "name": "VARCHAR"},
    "cast": {
        "cast_id": "INTEGER", "character": "VARCHAR", "credit_id": "VARCHAR",
        "gender": "INTEGER", "id": "INTEGER", "name": "VARCHAR", "order": "INTEGER",
        "profile_path": "VARCHAR",
    },
    "crew": {
        "credit_id": "VARCHAR", "department": "VARCHAR", "gender": "INTEGER", "id": "INTEGER",
        "job": "VARCHAR", "name": "VARCHAR", "profile_path": "VARCHAR",
    },
}


def items(table: str, column: str) -> str:
    """SQL for the rows (movie_id, it, pos) of a parsed list column, one per element;
    `pos` is the element's 1-based place in its list (kept for ordering and dedup)."""
    return (f"(SELECT movie_id, unnest({column}) AS it, "
            f"unnest(generate_series(1, len({column}))) AS pos FROM {table})")


def struct_type(kind: str, *, is_list: bool = True, keep: tuple[str, ...] = ()) -> str:
    """The DuckDB type of a parsed cell; `keep` limits it to some fields (all by default)."""
    fields = ", ".join(
        f'"{name}" {sqltype}' for name, sqltype in FIELDS[kind].items() if not keep or name in keep
    )
    return f"STRUCT({fields})" + ("[]" if is_list else "")


@dataclass
class ParseResult:
    column: str
    fallback_fixed: int = 0
    unparseable: int = 0
    example: str | None = None


@dataclass(frozen=True)
class Cell:
    """One nested source column to parse, and what of it to keep (less memory on credits)."""

    column: str
    kind: str
    is_list: bool = True
    keep: tuple[str, ...] = ()  # fields kept (all by default); lists only
    where: str = ""  # SQL condition on element `x` for the elements kept; lists only

    @property
    def stored_type(self) -> str:
        return struct_type(self.kind, is_list=self.is_list, keep=self.keep)


def parse_into(
    con: duckdb.DuckDBPyConnection, *, table: str, select: str, cells: list[Cell], keep: str = ""
) -> None:
    """Create temp `table` from `select` (a subquery with `movie_id` and the cells).

    Each cell gives a parsed column named after it and `<column>_raw`, which holds the
    source text only where the native cast failed (to fall back on).
    """
    parsed, outputs = [], []
    for cell in cells:
        col = f'"{cell.column}"'
        target = struct_type(cell.kind, is_list=cell.is_list)
        parsed.append(f"TRY_CAST({col} AS {target}) AS \"p_{cell.column}\"")
        p = f'"p_{cell.column}"'
        bad_elements = ""
        if cell.is_list:  # an element with an undeclared key casts to NULL
            bad_elements = f"OR list_contains(list_transform({p}, lambda x: x IS NULL), true)"
        value = p
        if cell.where:
            value = f"list_filter({value}, lambda x: {cell.where})"
        if cell.keep:
            fields = ", ".join(f'"{name}" := x."{name}"' for name in FIELDS[cell.kind]
                               if name in cell.keep)
            value = f"list_transform({value}, lambda x: struct_pack({fields}))"
        outputs.append(f"{value} AS {col}")
        outputs.append(
            f"CASE WHEN ({p} IS NULL AND nullif(trim({col}), '') IS NOT NULL) {bad_elements} "
            f'THEN {col} END AS "{cell.column}_raw"'
        )
    extra = f", {keep}" if keep else ""
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {table} AS
        SELECT movie_id{extra}, {", ".join(outputs)}
        FROM (SELECT *, {", ".join(parsed)} FROM ({select}))
        """
    )


def _coerce(value: object, sqltype: str) -> object:
    if value is None:
        return None
    if sqltype == "INTEGER":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int | float):
            return int(value) if value == value else None  # NaN -> None
        text = str(value).strip()
        try:
            return int(float(text))
        except ValueError:
            return None
    return str(value)


def _normalise(value: object, kind: str, *, is_list: bool, keep: tuple[str, ...] = ()) -> object:
    """A literal_eval result reshaped to the declared STRUCT (undeclared keys dropped)."""
    fields = {k: t for k, t in FIELDS[kind].items() if not keep or k in keep}
    items = value if isinstance(value, list | tuple) else [value]
    out = []
    for item in items:
        if not isinstance(item, dict):
            raise ValueError("element is not a dict")
        out.append({k: _coerce(item.get(k), t) for k, t in fields.items()})
    if is_list:
        return out
    if len(out) != 1:
        raise ValueError("expected one dict")
    return out[0]


def fall_back(
    con: duckdb.DuckDBPyConnection,
    *,
    table: str,
    cell: Cell,
    where: str = "",
    into: str | None = None,
) -> ParseResult:
    """Re-parse with `ast.literal_eval` the cells of `table` the native cast failed on.

    The parsed values replace the failed ones in `table` (an UPDATE, which may move the
    rows to new rowids), or, with `into`, go to a new temp table `into(rid, value)` keyed
    by `table`'s rowid. `where` (SQL) limits the work to the rows that will be used.
    """
    column, kind, is_list = cell.column, cell.kind, cell.is_list
    result = ParseResult(column)
    if into:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {into} (rid BIGINT, value {cell.stored_type})"
        )
    rows = con.execute(
        f'SELECT rowid, movie_id, "{column}_raw" FROM {table} '
        f'WHERE "{column}_raw" IS NOT NULL {"AND " + where if where else ""} '
        "ORDER BY movie_id, rowid"
    ).fetchall()
    if not rows:
        return result
    fixed: list[tuple[int, str | None]] = []
    for rowid, movie_id, raw in rows:
        try:
            value = ast.literal_eval(raw.strip())
            if value is None or (not is_list and value in ({}, [])):
                normalised = [] if is_list else None
            else:
                normalised = _normalise(value, kind, is_list=is_list, keep=cell.keep)
            fixed.append((rowid, json.dumps(normalised)))
            result.fallback_fixed += 1
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            fixed.append((rowid, None))
            result.unparseable += 1
            if result.example is None:
                result.example = f"id {movie_id}: {raw.strip()[:80]}"
    frame = pd.DataFrame(fixed, columns=["rid", "js"])
    target = cell.stored_type
    con.register("fallback_frame", frame)
    try:
        if into:
            con.execute(
                f"INSERT INTO {into} SELECT rid, TRY_CAST(CAST(js AS JSON) AS {target}) "
                "FROM fallback_frame"
            )
        else:
            con.execute(
                f"""
                UPDATE {table}
                SET "{column}" = TRY_CAST(CAST(f.js AS JSON) AS {target}), "{column}_raw" = NULL
                FROM fallback_frame f WHERE {table}.rowid = f.rid
                """
            )
    finally:
        con.unregister("fallback_frame")
    return result
