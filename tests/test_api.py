"""The HTTP API over the demo sample: a real `moviebot serve` process, called with httpx."""

from __future__ import annotations

import pytest

from tests.api_harness import ApiServer

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def api(sample_db):
    with ApiServer(sample_db) as server:
        yield server


# -- the bootcamp's endpoints: (path, expected fields, words the sentence holds) ------------
BOOTCAMP = [
    ("/cantidad_filmaciones_mes/enero", {"cantidad": 1, "clave": 1, "nombre": "enero"},
     "1 cantidad de películas fueron estrenadas en el mes de enero"),
    ("/cantidad_filmaciones_mes/January", {"clave": 1, "nombre": "enero"}, "mes de enero"),
    ("/cantidad_filmaciones_dia/lunes", {"cantidad": 11, "clave": 0}, "en los días lunes"),
    ("/cantidad_filmaciones_dia/Monday", {"cantidad": 11, "nombre": "lunes"}, "lunes"),
    ("/score_titulo/titanic 1997", {"id": 597, "anio": 1997}, "con un score/popularidad de 26.90"),
    ("/votos_titulo/toy story", {"id": 862, "votos": 5390, "promedio": 7.7, "cumple": True},
     "un total de 5390 valoraciones, con un promedio de 7.7"),
    ("/votos_titulo/titanic 1953", {"id": 16535, "votos": 61, "promedio": None, "cumple": False},
     "no cumple con las 2000"),
    ("/get_actor/tom hanks", {"nombre": "Tom Hanks", "cantidad_filmaciones": 8},
     "ha participado de 8 cantidad de filmaciones"),
    ("/get_director/john lasseter", {"nombre": "John Lasseter"}, "ha dirigido 2 películas"),
    ("/recomendacion/toy story", {"id": 862}, "Películas similares a Toy Story (1995): "),
    ("/peliculas_idioma/español", {"clave": "es", "cantidad": 15}, "en idioma español"),
    ("/peliculas_idioma/Spanish", {"clave": "es", "cantidad": 15}, "en idioma español"),
    ("/peliculas_duracion/titanic", {"id": 597, "duracion": 194},
     "Titanic. Duración: 194 minutos. Año: 1997"),
    ("/franquicia/toy story", {"nombre": "Toy Story Collection", "cantidad": 3},
     "La franquicia Toy Story Collection posee 3 películas"),
    ("/peliculas_pais/España", {"clave": "ES", "cantidad": 15}, "en el país España"),
    ("/peliculas_pais/Spain", {"clave": "ES"}, "en el país España"),
    ("/productoras_exitosas/pixar", {"nombre": "Pixar Animation Studios", "cantidad": 8},
     "ha realizado 8 películas"),
]


@pytest.mark.parametrize(("path", "fields", "sentence"), BOOTCAMP, ids=[b[0] for b in BOOTCAMP])
def test_bootcamp_endpoint(api, path, fields, sentence):
    r = api.get(path)
    assert r.status_code == 200, r.text
    body = r.json()
    for key, value in fields.items():
        assert body[key] == value, (key, body)
    assert sentence in body["mensaje"]


def test_director_lists_each_film_with_its_figures(api):
    body = api.get("/get_director/lasseter").json()
    first = body["peliculas"][0]
    assert first == {"id": 862, "titulo": "Toy Story", "fecha_estreno": "1995-10-30",
                     "retorno": 12.4518, "presupuesto": 30000000, "ganancia": 373554033}


def test_recomendacion_gives_five_titles_without_the_seed(api):
    body = api.get("/recomendacion/toy story").json()
    ids = [m["id"] for m in body["recomendaciones"]]
    assert len(ids) == 5 and 862 not in ids
    assert 863 in ids  # Toy Story 2


# -- /v1 -----------------------------------------------------------------------------------
def test_search_resolves_typos_with_alternatives(api):
    body = api.get("/v1/movies/search", params={"q": "titanic 1953"}).json()
    assert body["movie"] == {"id": 16535, "title": "Titanic", "year": 1953}
    assert {"id": 597, "title": "Titanic", "year": 1997} in body["alternatives"]
    body = api.get("/v1/movies/search", params={"q": "el laberinto del fauno"}).json()
    assert body["movie"]["title"] == "Pan's Labyrinth"


def test_search_not_sure_answers_null_with_alternatives(api):
    body = api.get("/v1/movies/search", params={"q": "xyzzy plugh"}).json()
    assert body["movie"] is None and body["confidence"] < 0.7


def test_movie_card(api):
    body = api.get("/v1/movies/862").json()
    assert body["title"] == "Toy Story" and body["year"] == 1995
    assert body["directors"] == ["John Lasseter"] and "Tom Hanks" in body["cast"]
    assert body["return"] == pytest.approx(12.4518)
    assert body["tmdb_url"].endswith("/862")


def test_movie_card_in_spanish(api):
    body = api.get("/v1/movies/862", headers={"Accept-Language": "es-ES,es;q=0.9"}).json()
    assert body["genres"] == ["Animación", "Comedia", "Familia"]


def test_similar_with_filters(api):
    body = api.get("/v1/movies/862/similar", params={"k": 3, "genre": "animación",
                                                     "since": 2000}).json()
    assert body["seeds"] == [{"id": 862, "title": "Toy Story", "year": 1995}]
    assert 0 < len(body["results"]) <= 3
    assert all(r["year"] >= 2000 for r in body["results"])
    assert body["results"][0]["score"] == 1.0 and body["results"][0]["reason"]
    spanish = api.get("/v1/movies/862/similar", params={"k": 3},
                      headers={"Accept-Language": "es"}).json()
    assert any(r["reason"].startswith(("gustó", "también")) for r in spanish["results"])


def test_recommendations_blend_seeds_by_title_or_id(api):
    body = api.get("/v1/recommendations", params={"seed": ["Alien", "862"], "k": 4}).json()
    assert [s["id"] for s in body["seeds"]] == [348, 862]
    ids = [r["id"] for r in body["results"]]
    assert len(ids) == 4 and not {348, 862} & set(ids)


def test_people(api):
    body = api.get("/v1/people/search", params={"q": "penelope cruz"}).json()
    assert body["name"] == "Penélope Cruz"
    person = api.get(f"/v1/people/{body['name']}").json()
    assert len(person["acted_in"]) == 6 and person["directed"] == []
    director = api.get("/v1/people/Pedro Almodóvar").json()
    assert director["directed"]


def test_top(api):
    body = api.get("/v1/top", params={"genre": "comedia", "decade": "1990s", "limit": 3}).json()
    assert body["genre"] == "Comedy" and (body["year_from"], body["year_to"]) == (1990, 1999)
    assert body["items"][0]["title"] == "Forrest Gump"
    assert len(body["items"]) == 3


def test_catalogue_and_health(api):
    facts = api.get("/v1/catalogue").json()
    assert facts["movies"] == 154 and facts["has_ratings"] is True and "Comedy" in facts["genres"]
    health = api.get("/health").json()
    assert health == {"status": "ok", "data_version": facts["data_version"], "movies": 154,
                      "reloading": False}


# -- errors --------------------------------------------------------------------------------
def _error(r, status):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error", "message", "did_you_mean", "details"}
    assert "Traceback" not in r.text
    return body


def test_unknown_title_is_404_with_did_you_mean(api):
    body = _error(api.get("/score_titulo/the godfaher part"), 404)
    assert body["error"] == "not_found" and "godfaher" in body["message"]
    assert {"id": 240, "title": "The Godfather: Part II", "year": 1974} in body["did_you_mean"]
    spanish = _error(api.get("/votos_titulo/the godfaher part",
                             headers={"Accept-Language": "es"}), 404)
    assert spanish["message"].startswith("No encontré la película")


def test_unknown_names_suggest(api):
    body = _error(api.get("/cantidad_filmaciones_mes/brumario"), 404)
    assert body["error"] == "not_found"
    body = _error(api.get("/v1/top", params={"genre": "cyberpunk"}), 404)
    assert "Comedy" in body["did_you_mean"]


def test_unknown_id_and_route(api):
    body = _error(api.get("/v1/movies/999999999"), 404)
    assert body["message"] == "No film has the id 999999999."
    assert _error(api.get("/v1/movies/999999999/similar"), 404)["error"] == "not_found"
    assert _error(api.get("/no/such/thing"), 404)["message"].endswith("see /docs.")


@pytest.mark.parametrize("path", [
    "/v1/movies/abc",
    "/v1/movies/862/similar?k=0",
    "/v1/movies/862/similar?min_rating=11",
    "/v1/top?decade=nineties",
    "/v1/top?limit=1000",
    "/v1/movies/search",
    "/v1/recommendations",
    "/v1/recommendations?seed=a&seed=b&seed=c&seed=d&seed=e&seed=f",
])
def test_bad_parameters_are_422(api, path):
    body = _error(api.get(path), 422)
    assert body["error"] == "invalid_parameter" and body["details"]


def test_oversized_input_is_refused_before_the_matcher(api):
    long = "a" * 5000
    for path in (f"/score_titulo/{long}", f"/v1/movies/search?q={long}",
                 f"/get_actor/{long}", f"/v1/people/{long}"):
        body = _error(api.get(path), 422)
        assert "at most 200 characters" in body["message"]


# -- documentation -------------------------------------------------------------------------
def test_openapi_documents_every_endpoint_and_field(api):
    spec = api.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/cantidad_filmaciones_mes/{mes}", "/productoras_exitosas/{productora}",
            "/v1/movies/search", "/v1/movies/{movie_id}/similar", "/v1/recommendations",
            "/v1/people/{name}", "/v1/top", "/v1/catalogue", "/health",
            "/admin/reload"} <= paths
    assert "mensaje" in spec["components"]["schemas"]["VotosTitulo"]["properties"]
    assert "return" in spec["components"]["schemas"]["Card"]["properties"]


def test_docs_are_served_without_a_cdn(api):
    for page in ("/docs", "/redoc"):
        html = api.get(page).text
        assert "/static-offline-docs/" in html and "cdn" not in html.lower()
    assert api.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    assert api.get("/static-offline-docs/redoc.standalone.js").status_code == 200
