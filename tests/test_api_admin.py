"""POST /admin/reload against a real server: tokens, a corrupt file, the endpoint off."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.api_harness import ApiServer

pytestmark = pytest.mark.timeout(180)

TOKEN = "test-admin-token-5d1c"


@pytest.fixture
def db(sample_db, tmp_path):
    path = tmp_path / "movies.duckdb"
    shutil.copy(sample_db, path)
    return path


def test_reload_tokens_and_a_corrupt_file(db, tmp_path):
    with ApiServer(db, env={"MOVIEBOT_ADMIN_TOKEN": TOKEN}) as api:
        version = api.get("/health").json()["data_version"]

        r = api.post("/admin/reload")
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert r.json()["error"] == "unauthorized"
        r = api.post("/admin/reload", headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 403 and r.json()["error"] == "forbidden"
        r = api.post("/admin/reload", headers={"Authorization": f"Basic {TOKEN}"})
        assert r.status_code == 401

        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = api.post("/admin/reload", headers=auth)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["ok"] is True and body["catalogue"]["data_version"] == version
        assert TOKEN not in r.text

        # A corrupt file in place of the catalogue: the old one keeps serving, and we say why.
        broken = tmp_path / "broken.duckdb"
        broken.write_bytes(b"this is not a duckdb file" * 100)
        os.replace(broken, db)
        r = api.post("/admin/reload", headers={**auth, "Accept-Language": "es"})
        assert r.status_code == 422
        body = r.json()
        assert body["ok"] is False and body["message"].startswith("La recarga falló")
        assert body["catalogue"]["data_version"] == version
        assert api.get("/votos_titulo/toy story").json()["votos"] == 5390

        r = api.post("/admin/reload", headers=auth, params={"path": str(tmp_path / "gone.duckdb")})
        assert r.status_code == 422 and "does not exist" in r.json()["message"]
        assert api.get("/health").json()["data_version"] == version
    assert TOKEN not in api.log


def test_requests_in_flight_are_answered_during_reloads(db):
    import threading

    import httpx

    with ApiServer(db, env={"MOVIEBOT_ADMIN_TOKEN": TOKEN}) as api:
        statuses: list[int] = []

        def ask() -> None:
            with httpx.Client(base_url=api.base_url, timeout=30) as client:
                for _ in range(60):
                    statuses.append(client.get("/recomendacion/toy story").status_code)

        askers = [threading.Thread(target=ask) for _ in range(3)]
        for t in askers:
            t.start()
        reloads = [api.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
                   for _ in range(3)]
        for t in askers:
            t.join()
        assert all(r.status_code in (200, 409) for r in reloads)
        assert any(r.status_code == 200 for r in reloads)
        assert statuses == [200] * 180


def test_reload_is_off_without_a_token(db):
    with ApiServer(db) as api:
        r = api.post("/admin/reload", headers={"Authorization": "Bearer anything"})
        assert r.status_code == 404
        assert "MOVIEBOT_ADMIN_TOKEN" in r.json()["message"]


def test_answers_are_remembered_until_a_reload_brings_new_data(db, tmp_path):
    """A question asked again is answered from memory, per language; a reload forgets."""
    from moviebot.etl.sample import sample_dir
    from tests.conftest import run_cli

    source = tmp_path / "src"
    shutil.copytree(sample_dir(), source)
    movies = source / "movies_metadata.csv"
    text = movies.read_text(encoding="utf-8")
    assert text.count("Toy Story,False,7.7,5390\n") == 1
    movies.write_text(text.replace("Toy Story,False,7.7,5390\n", "Toy Story,False,7.7,6100\n"),
                      encoding="utf-8")
    newer = tmp_path / "newer.duckdb"
    assert run_cli("etl", "--source", str(source), "--db", str(newer), "--quiet").returncode == 0

    with ApiServer(db, env={"MOVIEBOT_ADMIN_TOKEN": TOKEN}) as api:
        first = api.get("/votos_titulo/toy story")
        again = api.get("/votos_titulo/toy story")
        assert first.json()["votos"] == 5390 and "x-moviebot-cache" not in first.headers
        assert again.headers["x-moviebot-cache"] == "hit" and again.content == first.content

        english = api.get("/v1/movies/862/similar?k=3")
        spanish = api.get("/v1/movies/862/similar?k=3", headers={"Accept-Language": "es"})
        assert "x-moviebot-cache" not in spanish.headers
        assert english.json()["results"][0]["reason"] != spanish.json()["results"][0]["reason"]
        missing = api.get("/v1/movies/999999999")
        assert api.get("/v1/movies/999999999").status_code == missing.status_code == 404
        assert "x-moviebot-cache" not in api.get("/v1/movies/999999999").headers

        r = api.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"},
                     params={"path": str(newer)})
        assert r.status_code == 200, r.text
        after = api.get("/votos_titulo/toy story")
        assert after.json()["votos"] == 6100 and "x-moviebot-cache" not in after.headers
