"""MovieLens `ratings*.csv` + `links*.csv` -> `ratings(user_id, movie_id, rating)` by TMDB id."""

from __future__ import annotations

import duckdb

from moviebot.etl.csvload import csv_scan, rejected_lines
from moviebot.etl.rejects import Rejects
from moviebot.etl.sources import SourceFile, read_header

EMPTY = "CREATE OR REPLACE TABLE ratings (user_id INTEGER, movie_id INTEGER, rating REAL)"


def _int(col: str) -> str:
    # MovieLens ids are integers, but tmdbId is written as float text ("862.0").
    return f"TRY_CAST(TRY_CAST(trim({col}) AS DOUBLE) AS INTEGER)"


def load_ratings(
    con: duckdb.DuckDBPyConnection,
    ratings: SourceFile | None,
    links: SourceFile | None,
    rejects: Rejects,
) -> None:
    """Create `ratings`; an empty table when either file is absent."""
    if ratings is None or links is None:
        con.execute(EMPTY)
        return
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
        SELECT movielens_id, tmdb_id FROM links_all
        WHERE movielens_id IS NOT NULL AND tmdb_id IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY movielens_id ORDER BY tmdb_id) = 1
        """
    )
    rejects.add_query(
        con, links.name, "duplicate_id",
        "SELECT (SELECT count(*) FROM links_all WHERE movielens_id IS NOT NULL "
        "AND tmdb_id IS NOT NULL) - (SELECT count(*) FROM links_map), NULL",
    )
    con.execute("DROP TABLE links_all")

    has_ts = "timestamp" in read_header(ratings.path)
    ts = _int('"timestamp"') if has_ts else "0"
    # One pass: parse, map to TMDB ids and classify; the 26M-row file is read only once.
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE ratings_all AS
        SELECT r.user_id, r.movielens_id, r.rating, r.ts, l.tmdb_id,
               l.tmdb_id IN (SELECT id FROM movies) AS known
        FROM (
            SELECT {_int('"userId"')} AS user_id, {_int('"movieId"')} AS movielens_id,
                   TRY_CAST(trim(rating) AS REAL) AS rating, {ts} AS ts
            FROM {csv_scan(ratings, rejects='rej_ratings')}
        ) r
        LEFT JOIN links_map l USING (movielens_id)
        """
    )
    lines, example = rejected_lines(con, "rej_ratings")
    total = con.execute("SELECT count(*) FROM ratings_all").fetchone()[0]
    rejects.read(ratings.name, total + lines)
    rejects.add(ratings.name, "malformed_row", lines, example)
    rejects.add_query(
        con, ratings.name, "malformed_row",
        "SELECT count(*), any_value(user_id || ',' || movielens_id) FROM ratings_all "
        "WHERE user_id IS NULL OR movielens_id IS NULL OR rating IS NULL",
    )
    rejects.add_query(
        con, ratings.name, "unknown_movie",
        "SELECT count(*), min(movielens_id) FROM ratings_all "
        "WHERE user_id IS NOT NULL AND rating IS NOT NULL AND movielens_id IS NOT NULL "
        "AND NOT coalesce(known, false)",
    )
    # Two MovieLens ids can map to one TMDB id: keep the user's latest rating of it.
    con.execute(
        """
        CREATE OR REPLACE TABLE ratings AS
        SELECT user_id, tmdb_id AS movie_id, rating FROM ratings_all
        WHERE known AND user_id IS NOT NULL AND rating IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY user_id, tmdb_id
                                   ORDER BY ts DESC, rating DESC, movielens_id) = 1
        ORDER BY user_id, movie_id
        """
    )
    rejects.add_query(
        con, ratings.name, "duplicate_rating",
        "SELECT (SELECT count(*) FROM ratings_all WHERE known AND user_id IS NOT NULL "
        "AND rating IS NOT NULL) - (SELECT count(*) FROM ratings), NULL",
    )
    rejects.kept(ratings.name, con.execute("SELECT count(*) FROM ratings").fetchone()[0])
    con.execute("DROP TABLE ratings_all")
    con.execute("DROP TABLE links_map")

