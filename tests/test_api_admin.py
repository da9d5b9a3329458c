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
