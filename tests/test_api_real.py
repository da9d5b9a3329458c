"""The API over the real 5,000-film subset (skips without ../shared): every endpoint answers."""

from __future__ import annotations

import pytest

from tests.api_harness import ApiServer

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def api(real_db):
    with ApiServer(real_db) as server:
        yield server


# (path, a check on the JSON answer)
ENDPOINTS = [
    ("/cantidad_filmaciones_mes/octubre", lambda j: j["cantidad"] > 100 and j["clave"] == 10),
    ("/cantidad_filmaciones_dia/Friday",
     lambda j: j["cantidad"] > 500 and j["nombre"] == "viernes"),
    ("/score_titulo/toy story", lambda j: j["id"] == 862 and j["score"] > 1),
    ("/votos_titulo/toy story", lambda j: j["id"] == 862 and j["cumple"] and j["promedio"]),
    ("/votos_titulo/jumanji", lambda j: j["id"] == 8844 and j["votos"] > 2000),
    ("/get_actor/tom hanks",
     lambda j: j["nombre"] == "Tom Hanks" and j["cantidad_filmaciones"] > 10),
    ("/get_director/john lasseter", lambda j: 862 in [p["id"] for p in j["peliculas"]]),
    ("/recomendacion/toy story", lambda j: len(j["recomendaciones"]) == 5),
    ("/peliculas_idioma/francés", lambda j: j["clave"] == "fr" and j["cantidad"] > 50),
    ("/peliculas_duracion/heat", lambda j: j["duracion"] and j["anio"]),
    ("/franquicia/toy story", lambda j: j["cantidad"] >= 2),
    ("/peliculas_pais/Francia", lambda j: j["clave"] == "FR" and j["cantidad"] > 50),
    ("/productoras_exitosas/pixar", lambda j: j["cantidad"] >= 3 and j["revenue"] > 0),
    ("/v1/movies/search?q=toy stroy", lambda j: j["movie"]["id"] == 862),
    ("/v1/movies/862", lambda j: j["title"] == "Toy Story" and j["genres"]),
    ("/v1/movies/862/similar?k=5&since=1990", lambda j: len(j["results"]) == 5
     and all(r["year"] >= 1990 for r in j["results"])),
    ("/v1/recommendations?seed=toy story&seed=jumanji", lambda j: len(j["seeds"]) == 2),
    ("/v1/people/search?q=tom hanks", lambda j: j["name"] == "Tom Hanks"),
    ("/v1/people/Tom Hanks", lambda j: len(j["acted_in"]) > 10),
    ("/v1/top?genre=drama&decade=1990s&limit=5", lambda j: len(j["items"]) == 5),
    ("/v1/catalogue", lambda j: j["movies"] > 4000 and j["has_ratings"]),
    ("/health", lambda j: j["status"] == "ok"),
]


@pytest.mark.parametrize(("path", "check"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_endpoint_on_real_data(api, path, check):
    r = api.get(path)
    assert r.status_code == 200, r.text
    assert check(r.json()), r.json()


def test_unknown_title_on_real_data_suggests(api):
    r = api.get("/score_titulo/toy storyy 5")
    assert r.status_code == 404, r.text
    assert 862 in [m["id"] for m in r.json()["did_you_mean"]]
