"""`credits.csv` -> `cast_members`, `directors`; `keywords.csv` -> `keywords`."""

from __future__ import annotations

import duckdb

from moviebot.etl import nested
from moviebot.etl.csvload import csv_scan, int_id, rejected_lines
from moviebot.etl.rejects import Rejects
from moviebot.etl.sources import SourceFile

MOVIE_ID = int_id("id")

# Only what the tables need is kept while parsing: credits are mostly crew.
CREDIT_CELLS = [
    nested.Cell("cast", "cast", keep=("id", "name", "character", "order", "gender")),
    nested.Cell("crew", "crew", keep=("id", "name", "job"), where="x.job = 'Director'"),
]
KEYWORD_CELLS = [nested.Cell("keywords", "id_name")]


def _stage(
    con: duckdb.DuckDBPyConnection,
    file: SourceFile,
    rejects: Rejects,
    *,
    table: str,
    cells: list[nested.Cell],
) -> None:
    """Parse `file` into temp `table` (one row per known movie id, first occurrence wins)."""
    rej = f"rej_{table}"
    columns = ", ".join(f'"{cell.column}"' for cell in cells)
    # One pass over the file: parse while reading, keep only what is needed.
    nested.parse_into(
        con, table=f"{table}_all", cells=cells, keep="id_text",
        select=f"SELECT {MOVIE_ID} AS movie_id, id AS id_text, {columns} "
        f"FROM {csv_scan(file, rejects=rej)}",
    )
    lines, example = rejected_lines(con, rej)
    total = con.execute(f"SELECT count(*) FROM {table}_all").fetchone()[0]
    rejects.read(file.name, total + lines)
    rejects.add(file.name, "malformed_row", lines, example)
    rejects.add_query(
        con, file.name, "malformed_row",
        f"SELECT count(*), arg_min(coalesce(id_text, '(empty id)'), rowid) FROM {table}_all "
        "WHERE movie_id IS NULL",
    )
    rejects.add_query(
        con, file.name, "unknown_movie",
        f"SELECT count(*), arg_min(movie_id, rowid) FROM {table}_all "
        "WHERE movie_id IS NOT NULL AND movie_id NOT IN (SELECT id FROM movies)",
    )
    # The rows kept, by rowid: copying the parsed credits instead would hold them twice.
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {table}_keep AS
        SELECT rid FROM (SELECT rowid AS rid, movie_id FROM {table}_all
                         WHERE movie_id IN (SELECT id FROM movies))
        QUALIFY row_number() OVER (PARTITION BY movie_id ORDER BY rid) = 1
        """
    )
    kept = con.execute(f"SELECT count(*) FROM {table}_keep").fetchone()[0]
    rejects.add_query(
        con, file.name, "duplicate_id",
        f"""
        SELECT count(*), arg_min(movie_id, rowid) FROM {table}_all
        WHERE movie_id IN (SELECT id FROM movies) AND rowid NOT IN (SELECT rid FROM {table}_keep)
        """,
    )
    rejects.kept(file.name, kept)
    # Fallback values go to side tables: an UPDATE of a list column moves the row to a new
    # rowid, which would lose it from the keep set.
    only_kept = f"rowid IN (SELECT rid FROM {table}_keep)"
    values, joins = [], []
    for i, cell in enumerate(cells):
        fix = f"{table}_fix{i}"
        result = nested.fall_back(
            con, table=f"{table}_all", cell=cell, where=only_kept, into=fix
        )
        rejects.add(file.name, f"unparseable_{cell.column}", result.unparseable, result.example,
                    drops_row=False)
        values.append(
            f'CASE WHEN f{i}.rid IS NULL THEN a."{cell.column}" ELSE f{i}.value END '
            f'AS "{cell.column}"'
        )
        joins.append(f"LEFT JOIN {fix} f{i} ON f{i}.rid = a.rowid")
    con.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {table} AS
        SELECT a.movie_id, {", ".join(values)}
        FROM {table}_all a {" ".join(joins)}
        WHERE a.rowid IN (SELECT rid FROM {table}_keep)
        """
    )


def _drop(con: duckdb.DuckDBPyConnection, table: str, cells: list[nested.Cell]) -> None:
    con.execute(f"DROP VIEW {table}")
    for i in range(len(cells)):
        con.execute(f"DROP TABLE {table}_fix{i}")
    con.execute(f"DROP TABLE {table}_keep")
    con.execute(f"DROP TABLE {table}_all")


def load_credits(con: duckdb.DuckDBPyConnection, file: SourceFile, rejects: Rejects) -> None:
    """Create `cast_members` and `directors` from credits.csv."""
    _stage(con, file, rejects, table="credits_parsed", cells=CREDIT_CELLS)
    con.execute(
        f"""
        CREATE OR REPLACE TABLE cast_members AS
        SELECT movie_id, it.id AS person_id, nullif(it.name, 'None') AS name,
               nullif(nullif(trim(it.character), ''), 'None') AS character,
               TRY_CAST(coalesce(it."order", pos - 1) AS SMALLINT) AS "order",
               TRY_CAST(it.gender AS SMALLINT) AS gender
        FROM {nested.items("credits_parsed", '"cast"')}
        WHERE it IS NOT NULL AND nullif(trim(it.name), 'None') <> ''
        ORDER BY movie_id, "order", pos
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE directors AS
        SELECT movie_id, person_id, name FROM (
            SELECT movie_id, it.id AS person_id, nullif(it.name, 'None') AS name, pos
            FROM {nested.items("credits_parsed", "crew")}
            WHERE it.job = 'Director' AND nullif(trim(it.name), 'None') <> ''
            QUALIFY row_number() OVER (PARTITION BY movie_id, it.name ORDER BY pos) = 1
        )
        ORDER BY movie_id, pos
        """
    )
    _drop(con, "credits_parsed", CREDIT_CELLS)


def load_keywords(
    con: duckdb.DuckDBPyConnection, file: SourceFile | None, rejects: Rejects
) -> None:
    """Create `keywords` from keywords.csv (empty when the file is absent)."""
    if file is None:
        con.execute(
            "CREATE OR REPLACE TABLE keywords "
            "(movie_id INTEGER, keyword_id INTEGER, name VARCHAR)"
        )
        return
    _stage(con, file, rejects, table="keywords_parsed", cells=KEYWORD_CELLS)
    con.execute(
        f"""
        CREATE OR REPLACE TABLE keywords AS
        SELECT movie_id, keyword_id, name FROM (
            SELECT movie_id, it.id AS keyword_id, nullif(it.name, 'None') AS name, pos
            FROM {nested.items("keywords_parsed", "keywords")}
            WHERE it IS NOT NULL AND nullif(trim(it.name), 'None') <> ''
            QUALIFY row_number() OVER (PARTITION BY movie_id, coalesce(CAST(it.id AS VARCHAR),
                                       it.name) ORDER BY pos) = 1
        )
        ORDER BY movie_id, pos
        """
    )
    _drop(con, "keywords_parsed", KEYWORD_CELLS)
