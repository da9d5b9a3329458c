"""Release titles that are not in the Kaggle data: Spanish titles (Spain, Latin America),
kept by hand in `data/aliases_es.csv` and loaded into the `aliases` table.

The file is the project's own (tmdb_id,title_es,region,notes; region es, latam or both);
rows for films absent from `movies` are skipped, so the same file serves the demo sample,
the real subset and the full catalogue.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

REGIONS = ("both", "es", "latam")
_REPO_ROOT = Path(__file__).resolve().parent.parent


def aliases_file() -> Path:
    """The hand-written Spanish titles (`MOVIEBOT_ALIASES`, else data/aliases_es.csv)."""
    return Path(os.environ.get("MOVIEBOT_ALIASES", _REPO_ROOT / "data" / "aliases_es.csv"))


def load_aliases(con: duckdb.DuckDBPyConnection, path: Path | None) -> int:
    """Create `aliases` (movie_id, title, lang, region) from `path`; returns its rows.

    A missing file gives an empty table: the catalogue works, Spanish titles are not found."""
    con.execute(
        "CREATE OR REPLACE TABLE aliases "
        "(movie_id INTEGER, title VARCHAR, lang VARCHAR, region VARCHAR)"
    )
    if path is None or not Path(path).is_file():
        return 0
    quoted = str(path).replace("'", "''")
    con.execute(
        f"""
        INSERT INTO aliases
        SELECT DISTINCT a.tmdb_id, trim(a.title_es), 'es',
               CASE WHEN lower(trim(a.region)) IN {REGIONS} THEN lower(trim(a.region))
                    ELSE 'both' END
        FROM read_csv('{quoted}', header = true, all_varchar = false,
                      columns = {{'tmdb_id': 'INTEGER', 'title_es': 'VARCHAR',
                                 'region': 'VARCHAR', 'notes': 'VARCHAR'}}) a
        JOIN movies m ON m.id = a.tmdb_id
        WHERE trim(coalesce(a.title_es, '')) <> ''
        ORDER BY 1, 4, 2
        """
    )
    return con.execute("SELECT count(*) FROM aliases").fetchone()[0]
