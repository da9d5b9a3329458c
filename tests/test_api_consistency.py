"""The chat, the CLI and the API give the same answer to the same question.

One table: each question asked of the chat (the bot's `Commands`, as Telegram and
`moviebot ask` use them), of `moviebot query ... --json` (a real process) and of the API
(a real server); the answer each gives is reduced to the facts a user compares.
"""

from __future__ import annotations

import json
import re

import pytest

from moviebot.bot.commands import Commands, Who
from moviebot.core.served import Service
from tests.api_harness import ApiServer
from tests.conftest import run_cli

pytestmark = pytest.mark.timeout(300)


def _numbers(text: str) -> list[int]:
    """Integers in a chat reply, thousands separators removed ("5,390" -> 5390)."""
    plain = re.sub(r"<[^>]+>", "", text)
    return [int(n.replace(",", "").replace(".", "")) for n in re.findall(r"\d[\d,.]*\d|\d", plain)]


def _ids(replies) -> list[int]:
    """Film ids behind a reply's film buttons (`...|m|597`), in order."""
    return [int(b.data.rsplit("|", 1)[1]) for r in replies for row in r.buttons for b in row
            if b.data.split("|")[-2] == "m"]


# question, chat message, CLI query, API path, and how each answer reads as facts
QUESTIONS = [
    ("films in January", "/month enero", ["month", "enero"], "/cantidad_filmaciones_mes/January",
     lambda r: _numbers(r[0].text)[0], lambda j: j["count"], lambda a: a["cantidad"]),
    ("films on Mondays", "/day lunes", ["day", "lunes"], "/cantidad_filmaciones_dia/lunes",
     lambda r: _numbers(r[0].text)[0], lambda j: j["count"], lambda a: a["cantidad"]),
    ("votes of Titanic 1953", "/votes titanic 1953", ["votes", "titanic 1953"],
     "/votos_titulo/titanic 1953",
     lambda r: _numbers(r[0].text)[1], lambda j: j["vote_count"], lambda a: a["votos"]),
    ("votes of Toy Story", "/votes toy story", ["votes", "toy story"], "/votos_titulo/toy story",
     lambda r: _numbers(r[0].text)[1], lambda j: j["vote_count"], lambda a: a["votos"]),
    ("runtime of Titanic", "/runtime titanic", ["runtime", "titanic"],
     "/peliculas_duracion/titanic",
     lambda r: _numbers(r[0].text)[1], lambda j: j["minutes"], lambda a: a["duracion"]),
    ("Tom Hanks's films", "/actor tom hanks", ["actor", "tom hanks"], "/get_actor/tom hanks",
     lambda r: _numbers(r[0].text)[0], lambda j: j["films"], lambda a: a["cantidad_filmaciones"]),
    ("Lasseter's films", "/director lasseter", ["director", "lasseter"],
     "/get_director/lasseter",
     lambda r: len(re.findall(r"^• ", r[0].text, re.M)), lambda j: len(j["films"]),
     lambda a: len(a["peliculas"])),
    ("the Toy Story franchise", "/franchise toy story", ["franchise", "toy story"],
     "/franquicia/toy story",
     lambda r: _numbers(r[0].text)[0], lambda j: len(j["films"]), lambda a: a["cantidad"]),
    ("Pixar's films", "/company pixar", ["company", "pixar"], "/productoras_exitosas/pixar",
     lambda r: _numbers(r[0].text)[0], lambda j: j["films"], lambda a: a["cantidad"]),
    ("films in Spanish", "/language español", ["language", "español"],
     "/peliculas_idioma/Spanish",
     lambda r: _numbers(r[0].text)[0], lambda j: j["count"], lambda a: a["cantidad"]),
    ("films from Spain", "/country España", ["country", "España"], "/peliculas_pais/ES",
     lambda r: _numbers(r[0].text)[0], lambda j: j["count"], lambda a: a["cantidad"]),
    ("more like Toy Story", "/recommend toy story", ["recommend", "toy story", "-k", "5"],
     "/recomendacion/toy story",
     _ids, lambda j: [x["id"] for x in j["results"]],
     lambda a: [x["id"] for x in a["recomendaciones"]]),
    ("more like Alien", "/recommend alien", ["recommend", "alien", "-k", "5"],
     "/v1/movies/348/similar?k=5",
     _ids, lambda j: [x["id"] for x in j["results"]], lambda a: [x["id"] for x in a["results"]]),
]


@pytest.fixture(scope="module")
def api(sample_db):
    with ApiServer(sample_db) as server:
        yield server


@pytest.fixture(scope="module")
def chat(sample_db):
    service = Service(sample_db)
    yield Commands(service)
    service.close()


@pytest.mark.parametrize("row", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_chat_cli_and_api_agree(row, api, chat, sample_db):
    _, message, query, path, from_chat, from_cli, from_api = row
    replies = chat.handle(message, Who(user_id=1, lang="en"))
    cli = run_cli("query", *query, "--db", str(sample_db), "--json")
    assert cli.returncode == 0, cli.stderr
    r = api.get(path)
    assert r.status_code == 200, r.text
    answers = (from_chat(replies), from_cli(json.loads(cli.stdout)), from_api(r.json()))
    assert answers[0] == answers[1] == answers[2], answers
    assert answers[0] not in (0, [])  # a question with an answer, not three empty ones
