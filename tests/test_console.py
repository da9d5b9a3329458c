"""`moviebot ask`, `chat`, `health` and `start` as real processes, the way users run them."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def env_for(db) -> dict:
    return {"MOVIEBOT_DB": str(db), "LANG": "C.UTF-8"}


def test_ask_one_shot(sample_db):
    result = run_cli("ask", "/recommend Toy Story", env=env_for(sample_db))
    assert result.returncode == 0, result.stderr
    assert "Toy Story 2" in result.stdout
    assert "[1]" in result.stdout  # buttons are listed
    assert "<b>" not in result.stdout  # HTML is rendered for the terminal


def test_ask_json_structured_reply(sample_db):
    result = run_cli("ask", "/movie titanic 1997", "--json", env=env_for(sample_db))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    reply = data["replies"][0]
    assert data["message"] == "/movie titanic 1997"
    assert "Titanic" in reply["text"] and reply["photo_url"].startswith("https://image.tmdb")
    assert all(len(b["data"].encode()) <= 64 for row in reply["buttons"] for b in row)


def test_ask_in_spanish_and_db_option(sample_db):
    result = run_cli("ask", "/runtime titanic", "--lang", "es", "--db", str(sample_db))
    assert result.returncode == 0, result.stderr
    assert "minutos" in result.stdout


def test_chat_with_piped_stdin_buttons_and_prompts(sample_db, tmp_path):
    lines = "\n".join([
        "/movie titanic",  # card + buttons: [1] more like this, [2] Titanic (1953), ...
        "2",  # press "Titanic (1953)"
        "/pelicula",  # ForceReply prompt in Spanish
        "amelie",  # the answer to the prompt
        "/director james cameron",  # text + chart saved as a PNG
        "/frobnicate",
        "/quit",
        "/movie never reached",
    ]) + "\n"
    result = run_cli("chat", "--charts", str(tmp_path), input=lines, env=env_for(sample_db))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Titanic (1997)" in out and "Titanic (1953) · 98 min" in out
    assert "¿Qué película?" in out and "Dirección: Jean-Pierre Jeunet" in out
    assert "James Cameron" in out and list(tmp_path.glob("moviebot-chart-*.png"))
    assert "/help" in out
    assert "never reached" not in out


def test_health(sample_db, tmp_path):
    ok = run_cli("health", env=env_for(sample_db))
    assert ok.returncode == 0 and "data version" in ok.stdout
    missing = run_cli("health", env=env_for(tmp_path / "missing.duckdb"))
    assert missing.returncode == 1 and "moviebot etl" in missing.stderr


def test_start_without_token_builds_the_demo_and_chats(tmp_path):
    db = tmp_path / "data" / "movies.duckdb"
    result = run_cli("start", "--db", str(db), input="/runtime titanic\n",
                     env={"LANG": "C.UTF-8", "MOVIEBOT_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()
    assert "console chat" in result.stderr
    assert "194" in result.stdout


def test_ask_recommend_with_filter_words(sample_db):
    result = run_cli("ask", "/recomendar Alien; Blade Runner género:terror desde:1990",
                     "--json", env=env_for(sample_db))
    assert result.returncode == 0, result.stderr
    text = json.loads(result.stdout)["replies"][0]["text"]
    assert "Si te gustó Alien (1979), Blade Runner (1982)</b> (Terror · desde 1990):" in text
    assert "\n1. " in text
