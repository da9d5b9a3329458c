"""MovieLens `ratings*.csv` + `links*.csv` -> `ratings(user_id, movie_id, rating)` by TMDB id.

The full `ratings.csv` has 26M rows: materialising them in a temp table spills and costs
more than reading the CSV, so the file is scanned (cheaply) more than once instead.
"""

from __future__ import annotations

import duckdb

from moviebot.etl.csvload import csv_scan, rejected_lines
from moviebot.etl.rejects import Rejects
from moviebot.etl.sources import SourceFile, read_header

EMPTY = "CREATE OR REPLACE TABLE ratings (user_id INTEGER, movie_id INTEGER, rating REAL)"
TYPES = {"userId": "INTEGER", "movieId": "INTEGER", "rating": "FLOAT", "timestamp": "BIGINT"}


def _int(col: str) -> str:
    # tmdbId is written as float text ("862.0").
    return f"TRY_CAST(TRY_CAST(trim({col}) AS DOUBLE) AS INTEGER)"


def _links(con: duckdb.DuckDBPyConnection, links: SourceFile, rejects: Rejects) -> None:
    """Temp `links_map(movielens_id, tmdb_id, shared)` for films in `movies`."""
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE links_all AS
        SELECT {_int('"movieId"')} AS movielens_id, {_int('"tmdbId"')} AS tmdb_id,
               "movieId" AS id_text
        FROM {csv_scan(links, rejects='rej_links')}
        """
    )
    lines, example = rejected_lines(con, "rej_links")
    total = con.execute("SELECT count(*) FROM links_all").fetchone()[0]
    rejects.read(links.name, total + lines)
    rejects.add(links.name, "malformed_row", lines, example)
    rejects.add_query(
        con, links.name, "malformed_row",
        "SELECT count(*), arg_min(id_text, rowid) FROM links_all WHERE movielens_id IS NULL",
    )
    # MovieLens films TMDB did not know have no tmdbId: their ratings cannot be mapped.
    rejects.add_query(
        con, links.name, "missing_tmdb_id",
        "SELECT count(*), arg_min(movielens_id, rowid) FROM links_all "
        "WHERE movielens_id IS NOT NULL AND tmdb_id IS NULL",
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE links_map AS
        SELECT movielens_id, tmdb_id,
               count(*) OVER (PARTITION BY tmdb_id) > 1 AS shared
        FROM (
            SELECT movielens_id, tmdb_id FROM links_all
            WHERE movielens_id >= 0 AND tmdb_id IN (SELECT id FROM movies)
            QUALIFY row_number() OVER (PARTITION BY movielens_id ORDER BY tmdb_id) = 1
        )
        """
    )
    rejects.add_query(
        con, links.name, "duplicate_id",
        "SELECT count(*) - count(DISTINCT movielens_id), NULL FROM links_all "
        "WHERE movielens_id >= 0 AND tmdb_id IN (SELECT id FROM movies)",
    )
    con.execute("DROP TABLE links_all")


def load_ratings(
    con: duckdb.DuckDBPyConnection,
    ratings: SourceFile | None,
    links: SourceFile | None,
    rejects: Rejects,
) -> None:
    """Create `ratings`; an empty table when either file is absent.

    Scans: counts for meta, the few films two MovieLens ids share (to deduplicate), then
    the table itself straight from the scan.
    """
    if ratings is None or links is None:
        con.execute(EMPTY)
        return
    _links(con, links, rejects)
    header = read_header(ratings.path)
    ts = 'TRY_CAST(r."timestamp" AS INTEGER)' if "timestamp" in header else "NULL::INTEGER"
    # movie_id: the TMDB id, negated for films several MovieLens ids map to, NULL if unknown.
    mapped = "CASE WHEN l.shared THEN -l.tmdb_id ELSE l.tmdb_id END"
    join = 'LEFT JOIN links_map l ON l.movielens_id = r."movieId"'

    def scan(rejects_table: str) -> str:
        return f"""(
            SELECT r."userId" AS user_id, r."movieId" AS movielens_id, r.rating,
                   {ts} AS ts, {mapped} AS movie_id,
                   r."userId" IS NOT NULL AND r."movieId" IS NOT NULL
                       AND r.rating IS NOT NULL AS valid
            FROM {csv_scan(ratings, rejects=rejects_table, types=TYPES)} r {join}
        )"""

    total, bad, bad_example, unknown, unknown_example = con.execute(
        f"""
        SELECT count(*),
               count(*) FILTER (NOT valid),
               min(coalesce(CAST(user_id AS VARCHAR), '?') || ','
                   || coalesce(CAST(movielens_id AS VARCHAR), '?')) FILTER (NOT valid),
               count(*) FILTER (valid AND movie_id IS NULL),
               min(movielens_id) FILTER (valid AND movie_id IS NULL)
        FROM {scan('rej_ratings')}
        """
    ).fetchall()[0]  # fetchall: the rejects table is only written once the scan completes
    lines, example = rejected_lines(con, "rej_ratings")
    rejects.read(ratings.name, total + lines)
    rejects.add(ratings.name, "malformed_row", lines, example)
    rejects.add(ratings.name, "malformed_row", bad, bad_example)
    rejects.add(ratings.name, "unknown_movie", unknown, unknown_example)

    # A user may have rated both MovieLens ids of one film: the latest rating is kept, the
    # other (user, MovieLens id) pairs are dropped from the final scan.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ratings_drop (user_id INTEGER, movielens_id INTEGER)"
    )
    if con.execute("SELECT count(*) FROM links_map WHERE shared").fetchone()[0]:
        con.execute(
            f"""
            INSERT INTO ratings_drop
            SELECT DISTINCT user_id, movielens_id FROM (
                SELECT user_id, movielens_id,
                       first(movielens_id) OVER (
                           PARTITION BY user_id, movie_id
                           ORDER BY ts DESC NULLS LAST, rating DESC, movielens_id
                       ) AS kept_id
                FROM {scan('rej_ratings_2')} WHERE valid AND movie_id < 0
            )
            WHERE movielens_id <> kept_id
            """
        )
    # Sorted for a deterministic row order: a join does not keep the file's order.
    con.execute(
        f"""
        CREATE OR REPLACE TABLE ratings AS
        SELECT s.user_id, abs(s.movie_id) AS movie_id, CAST(s.rating AS REAL) AS rating
        FROM {scan('rej_ratings_3')} s
        LEFT JOIN ratings_drop d ON d.user_id = s.user_id AND d.movielens_id = s.movielens_id
        WHERE s.valid AND s.movie_id IS NOT NULL AND d.user_id IS NULL
        ORDER BY s.user_id, movie_id
        """
    )
    kept = con.execute("SELECT count(*) FROM ratings").fetchone()[0]
    rejects.add(ratings.name, "duplicate_rating", total - bad - unknown - kept)
    con.execute("DROP TABLE ratings_drop")
    rejects.kept(ratings.name, kept)
    con.execute("DROP TABLE links_map")
