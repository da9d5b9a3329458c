"""`credits.csv` -> `cast_members`, `directors`; `keywords.csv` -> `keywords`."""

from __future__ import annotations

import duckdb

from moviebot.etl import nested
from moviebot.etl.csvload import csv_scan, int_id, rejected_lines
from moviebot.etl.rejects import Rejects
from moviebot.etl.sources import SourceFile

MOVIE_ID = int_id("id")

# Only what the tables need is kept while parsing: credits are ~4 KB a film, mostly crew.
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
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {table} AS
        SELECT * EXCLUDE (id_text) FROM (SELECT rowid AS rid, * FROM {table}_all)
        WHERE movie_id IN (SELECT id FROM movies)
        QUALIFY row_number() OVER (PARTITION BY movie_id ORDER BY rid) = 1
        """
    )
    rejects.add_query(
        con, file.name, "duplicate_id",
        f"""
        SELECT count(*), arg_min(movie_id, rowid) FROM {table}_all
        WHERE movie_id IN (SELECT id FROM movies) AND rowid NOT IN (SELECT rid FROM {table})
        """,
    )
    con.execute(f"DROP TABLE {table}_all")
    rejects.kept(file.name, con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    for cell in cells:
        result = nested.fall_back(con, table=table, cell=cell)
        rejects.add(file.name, f"unparseable_{cell.column}", result.unparseable, result.example,
                    drops_row=False)


def load_credits(con: duckdb.DuckDBPyConnection, file: SourceFile, rejects: Rejects) -> None:
    """Create `cast_members` and `directors` from credits.csv."""
    _stage(con, file, rejects, table="credits_parsed", cells=CREDIT_CELLS)
    con.execute(
        """
        CREATE OR REPLACE TABLE cast_members AS
        SELECT movie_id, it.id AS person_id, nullif(it.name, 'None') AS name,
               nullif(nullif(trim(it.character), ''), 'None') AS character,
               CAST(coalesce(it."order", pos - 1) AS SMALLINT) AS "order",
               CAST(it.gender AS SMALLINT) AS gender
        FROM (SELECT movie_id, unnest("cast") AS it,
                     unnest(generate_series(1, len("cast"))) AS pos
              FROM credits_parsed)
        WHERE it IS NOT NULL AND nullif(trim(it.name), 'None') <> ''
        ORDER BY movie_id, "order", pos
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TABLE directors AS
        SELECT movie_id, person_id, name FROM (
            SELECT movie_id, it.id AS person_id, nullif(it.name, 'None') AS name, pos
            FROM (SELECT movie_id, unnest(crew) AS it,
                         unnest(generate_series(1, len(crew))) AS pos
                  FROM credits_parsed)
            WHERE it.job = 'Director' AND nullif(trim(it.name), 'None') <> ''
            QUALIFY row_number() OVER (PARTITION BY movie_id, it.name ORDER BY pos) = 1
        )
        ORDER BY movie_id, pos
        """
    )
    con.execute("DROP TABLE credits_parsed")


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
        """
        CREATE OR REPLACE TABLE keywords AS
        SELECT movie_id, keyword_id, name FROM (
            SELECT movie_id, it.id AS keyword_id, nullif(it.name, 'None') AS name, pos
            FROM (SELECT movie_id, unnest(keywords) AS it,
                         unnest(generate_series(1, len(keywords))) AS pos
                  FROM keywords_parsed)
            WHERE it IS NOT NULL AND nullif(trim(it.name), 'None') <> ''
            QUALIFY row_number() OVER (PARTITION BY movie_id, coalesce(CAST(it.id AS VARCHAR),
                                       it.name) ORDER BY pos) = 1
        )
        ORDER BY movie_id, pos
        """
    )
    con.execute("DROP TABLE keywords_parsed")
