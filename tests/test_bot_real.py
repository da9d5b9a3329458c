"""The chat commands over the real 5,000-film subset in ../shared (skipped when absent)."""

from __future__ import annotations

import pytest

from moviebot.bot.commands import COMMANDS, Commands, Who
from moviebot.core.served import Service

EN = Who(user_id=1, lang="en", is_admin=True)
ES = Who(user_id=1, lang="es", is_admin=True)


@pytest.fixture(scope="module")
def commands(real_db):
    service = Service(real_db)
    yield Commands(service)
    service.close()


@pytest.mark.parametrize("who", [EN, ES], ids=["en", "es"])
def test_every_help_example_answers_on_real_data(commands, who):
    errors = sum(commands.service.stats.errors.values())
    for command in COMMANDS:
        if command.name != "reload":
            replies = commands.handle(command.example_line(who.lang), who)
            assert replies and replies[0].text, command.name
    assert sum(commands.service.stats.errors.values()) == errors


def test_real_movie_card(commands):
    reply = commands.handle("/movie toy story", EN)[0]
    assert "Toy Story" in reply.text and "1995" in reply.text
    assert reply.photo_url and reply.photo_url.startswith("https://image.tmdb.org/t/p/w500/")
    assert "themoviedb.org/movie/862" in reply.text


def test_real_recommendations_in_spanish(commands):
    text = commands.handle("/recomendar toy story", EN)[0].text
    assert "Si te gustó" in text and "Toy Story 2" in text


def test_real_director_with_chart(commands):
    replies = commands.handle("/director james cameron", EN)
    assert "Titanic" in replies[0].text
    assert any(r.photo_png for r in replies)


def test_real_inline_mode(commands):
    items = commands.inline("titanic", EN)
    assert items and any(i.title == "Titanic" and "1997" in i.description for i in items)


def test_buttons_made_before_a_reload_to_other_data(sample_db, real_db, tmp_path):
    """Buttons from the demo catalogue, pressed after /reload switched to the real subset."""
    import shutil

    from moviebot.bot import callbacks

    db = tmp_path / "movies.duckdb"
    shutil.copy(sample_db, db)
    service = Service(db)
    commands = Commands(service)
    try:
        old = commands.handle("/movie titanic 1997", EN)[0]
        more = next(b.data for row in old.buttons for b in row if "|r|" in b.data)
        version = service.data_version
        reloaded = commands.handle(f"/reload {real_db}", EN)[0].text
        assert "Reloaded" in reloaded and service.data_version != version
        assert callbacks.decode(more).tag != callbacks.version_tag(service.data_version)
        assert "1." in commands.press(more, EN)[0].text  # Titanic is in both: answered
        gone = callbacks.encode("m", 99999999, tag=callbacks.decode(more).tag, lang="en")
        assert "older version" in commands.press(gone, EN)[0].text
    finally:
        service.close()
