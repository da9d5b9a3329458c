"""The catalogue file's contract, shared by the ETL (which writes it) and core (which reads it).

The ETL imports nothing else from core. Bump `SCHEMA_VERSION` when a table or column the
readers need changes, `MODEL_VERSION` when the recommender's `rec_*` layout changes; a
reader refuses a file of another version with one line saying which. Tables: docs/schema.md.
"""

from __future__ import annotations

SCHEMA_VERSION = 2  # 2: the aliases table (Spanish release titles)
MODEL_VERSION = 1  # the rec_* layout (etl/recommender_model.py writes it, core/recommend reads)

# Tables and columns every reader relies on (core checks them when it opens a file).
REQUIRED_COLUMNS = {
    "movies": {
        "id", "imdb_id", "title", "original_title", "overview", "tagline", "release_date",
        "release_year", "runtime", "budget", "revenue", "return", "popularity",
        "vote_average", "vote_count", "weighted_rating", "original_language", "poster_path",
        "collection_id",
    },
    "genres": {"movie_id", "name", "position"},
    "collections": {"movie_id", "collection_id", "name"},
    "companies": {"movie_id", "name"},
    "countries": {"movie_id", "iso_3166_1", "name"},
    "languages": {"movie_id", "iso_639_1", "name"},
    "cast_members": {"movie_id", "name", "order"},
    "directors": {"movie_id", "name"},
    "aliases": {"movie_id", "title", "lang", "region"},
    "meta": {"key", "value"},
}


class CatalogueError(Exception):
    """The file is missing, not a DuckDB file, or not a catalogue of a known schema."""


class ModelMissing(CatalogueError, RuntimeError):
    """The catalogue has no recommender model of a known version: rebuild it (moviebot etl).

    A `CatalogueError`, so callers that already show "rebuild it with `moviebot etl`" for an
    unusable file show this one the same way; `str(exc)` is one friendly line.
    """
