"""`movies_metadata.csv` -> `movies` and its unnested tables (genres, collections, ...)."""

from __future__ import annotations

import duckdb

from moviebot.etl import nested
from moviebot.etl.csvload import csv_scan, int_id, rejected_lines
from moviebot.etl.rejects import Rejects
from moviebot.etl.sources import SourceFile

# Nested columns of the metadata: (source column, struct kind, is a list).
CELLS = [
    nested.Cell("belongs_to_collection", "collection", is_list=False),
    nested.Cell("genres", "id_name"),
    nested.Cell("production_companies", "id_name"),
    nested.Cell("production_countries", "country"),
    nested.Cell("spoken_languages", "language"),
]


def stage(con: duckdb.DuckDBPyConnection, file: SourceFile, rejects: Rejects) -> None:
    """Read the file into temp `movies_raw`, then keep valid, dated, deduplicated rows."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE movies_raw AS "
        f"SELECT * FROM {csv_scan(file, rejects='rej_movies')}"
    )
    lines, example = rejected_lines(con, "rej_movies")
    rejects.read(file.name, lines + con.execute("SELECT count(*) FROM movies_raw").fetchone()[0])
    rejects.add(file.name, "malformed_row", lines, example)

    # Rows that parsed to the right number of fields but are still shifted (the id is a
    # date, as in the full file's three broken rows) are malformed too.
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE movies_checked AS
        SELECT rowid AS rid, *,
               {int_id('id')} AS movie_id,
               TRY_CAST(trim(release_date) AS DATE) AS rdate,
               coalesce(TRY_CAST(TRY_CAST(trim(vote_count) AS DOUBLE) AS INTEGER), 0) AS votes
        FROM movies_raw
        """
    )
    rejects.add_query(
        con, file.name, "malformed_row",
        "SELECT count(*), arg_min(coalesce(id, '(empty id)') || ' (' || coalesce(title, '') || ')',"
        " rid) FROM movies_checked WHERE movie_id IS NULL",
    )
    rejects.add_query(
        con, file.name, "missing_release_date",
        "SELECT count(*), arg_min(id, rid) FROM movies_checked "
        "WHERE movie_id IS NOT NULL AND rdate IS NULL",
    )
    # Duplicates: most votes, then latest release date, then first in the file.
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE movies_kept AS
        SELECT * FROM movies_checked
        WHERE movie_id IS NOT NULL AND rdate IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY movie_id ORDER BY votes DESC, rdate DESC, rid) = 1
        """
    )
    rejects.add_query(
        con, file.name, "duplicate_id",
        """
        SELECT count(*), arg_min(c.id, c.rid) FROM movies_checked c
        WHERE c.movie_id IS NOT NULL AND c.rdate IS NOT NULL
          AND c.rid NOT IN (SELECT rid FROM movies_kept)
        """,
    )
    con.execute("DROP TABLE movies_raw")
    con.execute("DROP TABLE movies_checked")


def parse_nested(con: duckdb.DuckDBPyConnection, file: SourceFile, rejects: Rejects) -> None:
    """Parse the nested columns of the kept rows into temp `movies_nested`."""
    columns = ", ".join(cell.column for cell in CELLS)
    nested.parse_into(
        con, table="movies_nested", cells=CELLS,
        select=f"SELECT movie_id, {columns} FROM movies_kept",
    )
    for cell in CELLS:
        result = nested.fall_back(con, table="movies_nested", cell=cell)
        rejects.add(file.name, f"unparseable_{cell.column}", result.unparseable, result.example,
                    drops_row=False)


def _num(col: str) -> str:
    return f"TRY_CAST(trim({col}) AS DOUBLE)"


def _text(col: str) -> str:
    return f"nullif(trim({col}), '')"


def write_movies(con: duckdb.DuckDBPyConnection) -> tuple[float, float]:
    """Create `movies`; returns the weighted-rating constants (m, C)."""
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE movies_clean AS
        SELECT
            k.movie_id AS id,
            CASE WHEN regexp_full_match(trim(k.imdb_id), 'tt[0-9]+') THEN trim(k.imdb_id) END
                AS imdb_id,
            {_text('k.title')} AS title,
            {_text('k.original_title')} AS original_title,
            {_text('k.overview')} AS overview,
            {_text('k.tagline')} AS tagline,
            k.rdate AS release_date,
            CAST(year(k.rdate) AS SMALLINT) AS release_year,
            -- TRY_CAST: a number out of range (a shifted row) becomes unknown, not a crash.
            TRY_CAST(nullif(greatest(round({_num('k.runtime')}), 0), 0) AS SMALLINT) AS runtime,
            coalesce(TRY_CAST(greatest(round({_num('k.budget')}), 0) AS BIGINT), 0) AS budget,
            coalesce(TRY_CAST(greatest(round({_num('k.revenue')}), 0) AS BIGINT), 0) AS revenue,
            {_num('k.popularity')} AS popularity,
            k.votes AS vote_count,
            CASE WHEN k.votes > 0 AND {_num('k.vote_average')} BETWEEN 0 AND 10
                 THEN {_num('k.vote_average')} END AS vote_average,
            {_text('k.original_language')} AS original_language,
            {_text('k.poster_path')} AS poster_path,
            {_text('k.status')} AS status,
            n.belongs_to_collection.id AS collection_id
        FROM movies_kept k
        JOIN movies_nested n USING (movie_id)
        """
    )
    # The mean is summed as DECIMAL: a parallel float sum differs in the last bits from run
    # to run, which would make weighted_rating (and the file) differ too.
    m, c = con.execute(
        "SELECT quantile_cont(vote_count, 0.95), "
        "CAST(sum(TRY_CAST(vote_average AS DECIMAL(18, 6))) AS DOUBLE) / count(vote_average) "
        "FROM movies_clean"
    ).fetchone()
    m = float(m or 0.0)
    c = float(c or 0.0)
    con.execute(
        f"""
        CREATE OR REPLACE TABLE movies AS
        SELECT id, imdb_id, title, original_title, overview, tagline, release_date,
               release_year, runtime, budget, revenue,
               CASE WHEN budget > 0 AND revenue > 0 THEN CAST(revenue AS DOUBLE) / budget
                    ELSE 0 END
                   AS "return",
               popularity, vote_average, vote_count,
               CASE WHEN vote_average IS NOT NULL
                    THEN vote_count / (vote_count + {m!r}) * vote_average
                         + {m!r} / (vote_count + {m!r}) * {c!r}
               END AS weighted_rating,
               original_language, poster_path, status,
               CAST(collection_id AS INTEGER) AS collection_id
        FROM movies_clean ORDER BY id
        """
    )
    con.execute("DROP TABLE movies_clean")
    return m, c


def write_unnested(con: duckdb.DuckDBPyConnection) -> None:
    """genres, collections, companies, countries, languages from the parsed columns."""
    con.execute(
        """
        CREATE OR REPLACE TABLE collections AS
        SELECT movie_id, c.id AS collection_id, nullif(c.name, 'None') AS name,
               nullif(c.poster_path, 'None') AS poster_path
        FROM (SELECT movie_id, belongs_to_collection AS c FROM movies_nested)
        WHERE c.id IS NOT NULL
        ORDER BY movie_id
        """
    )
    for table, column, id_col in (
        ("genres", "genres", "genre_id"),
        ("companies", "production_companies", "company_id"),
    ):
        con.execute(
            f"""
            CREATE OR REPLACE TABLE {table} AS
            SELECT movie_id, it.id AS {id_col}, name,
                   TRY_CAST(row_number() OVER (PARTITION BY movie_id ORDER BY pos) - 1 AS SMALLINT)
                       AS position
            FROM (
                SELECT movie_id, it, nullif(it.name, 'None') AS name, pos
                FROM {nested.items("movies_nested", column)}
                WHERE it IS NOT NULL AND nullif(it.name, 'None') IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY movie_id, coalesce(CAST(it.id AS VARCHAR),
                                           it.name) ORDER BY pos) = 1
            )
            ORDER BY movie_id, position
            """
        )
    for table, column, code in (
        ("countries", "production_countries", "iso_3166_1"),
        ("languages", "spoken_languages", "iso_639_1"),
    ):
        con.execute(
            f"""
            CREATE OR REPLACE TABLE {table} AS
            SELECT movie_id, {code}, name FROM (
                SELECT movie_id, nullif(it.{code}, 'None') AS {code},
                       nullif(it.name, 'None') AS name, pos
                FROM {nested.items("movies_nested", column)}
                WHERE it IS NOT NULL AND nullif(it.{code}, 'None') IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY movie_id, {code} ORDER BY pos) = 1
            )
            ORDER BY movie_id, pos
            """
        )
    con.execute("DROP TABLE movies_nested")
    con.execute("DROP TABLE movies_kept")
