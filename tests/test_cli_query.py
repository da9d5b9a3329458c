"""`moviebot query ...` run as real processes, the way scripts use it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli


def _lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_resolve_json_shape(sample_db):
    r = run_cli("query", "resolve", "titanic 1997", "--json", "--db", str(sample_db))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) == {"query", "id", "title", "year", "confidence", "alternatives"}
    assert (out["query"], out["id"], out["title"], out["year"]) == (
        "titanic 1997", 597, "Titanic", 1997)
    assert 0 <= out["confidence"] <= 1
    assert all(set(a) == {"id", "title", "year"} for a in out["alternatives"])
    assert 16535 in [a["id"] for a in out["alternatives"]]


def test_resolve_not_found_json(sample_db):
    r = run_cli("query", "resolve", "avengers endgame", "--json", "--db", str(sample_db))
    out = json.loads(r.stdout)
    assert r.returncode == 0 and out["id"] is None and out["title"] is None


def test_batch_mode_one_json_line_per_input(sample_db):
    lines = ["amelie", "titanic (1953)", "", "xyzzy", "El laberinto del fauno", "🎬"]
    r = run_cli("query", "resolve", "-", "--db", str(sample_db), input="\n".join(lines) + "\n")
    assert r.returncode == 0, r.stderr
    out = _lines(r.stdout)
    assert [o["query"] for o in out] == lines
    assert [o["id"] for o in out] == [194, 16535, None, None, 1417, None]


def test_env_var_picks_the_catalogue(sample_db):
    r = run_cli("query", "resolve", "toy", "story", "--json", env={"MOVIEBOT_DB": str(sample_db)})
    assert json.loads(r.stdout)["id"] == 862


def test_missing_catalogue_is_one_friendly_line(tmp_path):
    r = run_cli("query", "movie", "titanic", "--db", str(tmp_path / "none.duckdb"))
    assert r.returncode == 2
    assert r.stdout == ""
    assert "moviebot etl" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_broken_catalogue_is_one_friendly_line(tmp_path):
    bad = tmp_path / "movies.duckdb"
    bad.write_text("not a database")
    r = run_cli("query", "resolve", "titanic", "--db", str(bad))
    assert r.returncode == 2 and "moviebot etl" in r.stderr and "Traceback" not in r.stderr


def test_movie_card_human_and_json(sample_db):
    r = run_cli("query", "movie", "toy story", "--db", str(sample_db))
    assert r.returncode == 0
    assert "Toy Story (1995)" in r.stdout and "John Lasseter" in r.stdout
    assert "$30,000,000" in r.stdout
    r = run_cli("query", "movie", "862", "--id", "--json", "--db", str(sample_db))
    card = json.loads(r.stdout)
    assert card["id"] == 862 and card["budget"] == 30_000_000 and card["return"] > 12


def test_votes_rule_in_output(sample_db):
    r = run_cli("query", "votes", "titanic 1953", "--db", str(sample_db))
    assert "does not qualify" in r.stdout
    r = run_cli("query", "votes", "-", "--db", str(sample_db), input="titanic 1997\ntitanic 1953\n")
    assert [o["qualifies"] for o in _lines(r.stdout)] == [True, False]


@pytest.mark.parametrize(
    ("args", "stdin", "check"),
    [
        (["month"], "enero\nJanuary\nsmarchtember\n",
         lambda o: o[0]["key"] == o[1]["key"] == 1 and o[2]["found"] is False),
        (["day"], "miércoles\nmiercoles\nwednesday\n",
         lambda o: len({x["count"] for x in o}) == 1 and o[0]["key"] == 2),
        (["language"], "es\nSpanish\nespañol\n", lambda o: {x["key"] for x in o} == {"es"}),
        (["country"], "ES\nSpain\nEspaña\n", lambda o: {x["key"] for x in o} == {"ES"}),
        (["runtime"], "toy story\n", lambda o: o[0]["minutes"] == 81),
        (["score"], "toy story\n", lambda o: o[0]["movie"]["id"] == 862),
        (["director"], "john lasseter\n", lambda o: o[0]["name"] == "John Lasseter"),
        (["actor"], "tom hanks\n", lambda o: o[0]["films"] >= 3),
        (["franchise"], "toy story\n", lambda o: o[0]["name"] == "Toy Story Collection"),
        (["company"], "pixar\n", lambda o: o[0]["name"] == "Pixar Animation Studios"),
        (["person"], "penelope cruz\n", lambda o: "name" in o[0]),
        (["top", "--limit", "3"], "comedia\nnonsense\n",
         lambda o: o[0]["genre"] == "Comedy" and len(o[0]["items"]) <= 3
         and o[1]["found"] is False),
    ],
)
def test_every_question_in_batch_mode(sample_db, args, stdin, check):
    r = run_cli("query", *args, "-", "--db", str(sample_db), input=stdin)
    assert r.returncode == 0, r.stderr
    out = _lines(r.stdout)
    assert len(out) == len(stdin.splitlines())
    assert check(out), out


def test_absurd_input_in_batch(sample_db):
    absurd = ["", "x" * 10_000, "🎬🍿", "'; DROP TABLE movies; --", "<b>hi</b>"]
    for question in ("resolve", "movie", "actor", "month", "country", "franchise"):
        r = run_cli("query", question, "-", "--db", str(sample_db), input="\n".join(absurd) + "\n")
        assert r.returncode == 0, (question, r.stderr)
        assert len(_lines(r.stdout)) == len(absurd)


def test_top_human_and_genres_and_info(sample_db):
    r = run_cli("query", "top", "--decade", "1990s", "--limit", "3", "--db", str(sample_db))
    assert r.returncode == 0 and "1990-1999" in r.stdout
    r = run_cli("query", "genres", "--json", "--db", str(sample_db))
    assert "Animation" in json.loads(r.stdout)["genres"]
    r = run_cli("query", "info", "--json", "--db", str(sample_db))
    assert json.loads(r.stdout)["schema_version"] == 2
