"""/reload and `moviebot health` refuse a catalogue that cannot serve: no films, or a
recommender model whose tables are damaged; the catalogue being served stays."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from moviebot.bot.commands import Commands, Who
from moviebot.core.served import Service, self_check
from tests.conftest import run_cli

ADMIN = Who(user_id=42, lang="en", is_admin=True)


def _damaged(sample_db, tmp_path, sql: str):
    bad = tmp_path / "bad.duckdb"
    shutil.copy(sample_db, bad)
    con = duckdb.connect(str(bad))
    con.execute(sql)
    con.close()
    return bad


DAMAGE = {
    "no films": "DELETE FROM movies",
    "damaged model": "UPDATE rec_features SET feature_id = feature_id + 100000000",
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_reload_refuses_and_keeps_the_old_catalogue(sample_db, tmp_path, kind):
    good = tmp_path / "good.duckdb"
    shutil.copy(sample_db, good)
    bad = _damaged(sample_db, tmp_path, DAMAGE[kind])
    service = Service(good)
    try:
        commands = Commands(service)
        before = service.data_version
        text = commands.handle(f"/reload {bad}", ADMIN)[0].text
        assert "still serving" in text.lower() or before in text, text
        assert service.data_version == before
        # The old catalogue still answers, recommendations included.
        assert "If you liked" in commands.handle("/recommend Toy Story", ADMIN)[0].text
    finally:
        service.close()


@pytest.mark.parametrize("kind", DAMAGE)
def test_health_refuses_a_catalogue_that_cannot_serve(sample_db, tmp_path, kind):
    bad = _damaged(sample_db, tmp_path, DAMAGE[kind])
    result = run_cli("health", "--db", str(bad))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert ("no films" in result.stderr + result.stdout
            or "self-check" in result.stderr + result.stdout)


def test_a_good_catalogue_passes_the_self_check(sample_db):
    service = Service(sample_db)
    try:
        with service.lease() as cat:
            assert self_check(cat) is None
    finally:
        service.close()
