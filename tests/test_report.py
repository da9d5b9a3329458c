"""`moviebot report`: PNG charts and one index.html linking them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from moviebot.etl.build import build_catalogue
from moviebot.etl.report import ReportError, write_report

FIXTURE = Path(__file__).parent / "fixtures" / "kaggle_small"
CHARTS = {
    "missing_values.png", "zeros.png", "popularity.png", "vote_average.png",
    "releases_per_year.png", "top_genres.png", "return.png",
}


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("report") / "movies.duckdb"
    build_catalogue(FIXTURE, db, progress=False)
    return db


def test_report_writes_charts_and_index(fixture_db, tmp_path):
    result = write_report(fixture_db, tmp_path / "out")
    assert {c.name for c in result.charts} == CHARTS
    for chart in result.charts:
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = result.index.read_text(encoding="utf-8")
    for name in CHARTS:
        assert f'href="{name}"' in page
    # The rejects table lists each reason.
    for reason in ("malformed_row", "duplicate_id", "missing_release_date", "unparseable_genres"):
        assert reason in page


def test_report_on_the_real_subset(real_db, tmp_path):
    result = write_report(real_db, tmp_path / "out")
    page = result.index.read_text(encoding="utf-8")
    assert "popularity skew" in page and "duplicate_id" in page


def test_report_without_catalogue_is_a_clear_error(tmp_path):
    with pytest.raises(ReportError, match="moviebot etl"):
        write_report(tmp_path / "missing.duckdb", tmp_path / "out")


def test_cli_report(fixture_db, tmp_path):
    out = tmp_path / "charts"
    result = run_cli("report", "--db", str(fixture_db), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").exists() and "index.html" in result.stdout
    missing = run_cli("report", "--db", str(tmp_path / "nope.duckdb"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
