"""The Telegram-agnostic command logic over catalogues built by the real ETL."""

from __future__ import annotations

import re
import shutil
import threading

import pytest

from moviebot.bot import callbacks
from moviebot.bot.commands import BY_NAME, COMMANDS, Commands, Who, parse
from moviebot.bot.config import Config, read_dotenv
from moviebot.bot.formatting import CAPTION_LIMIT, MESSAGE_LIMIT, split_message, visible_length
from moviebot.bot.i18n import STRINGS
from moviebot.core.interpret import filters
from moviebot.core.interpret.filters import parse_top
from moviebot.core.models import Filters
from moviebot.core.served import Service

EN = Who(user_id=1, lang="en", first_name="Ana")
ES = Who(user_id=2, lang="es", first_name="Ana")
ADMIN = Who(user_id=3, lang="en", is_admin=True)


def answer(commands, text, who=EN):
    replies = commands.handle(text, who)
    assert replies, text
    return replies


def all_buttons(replies):
    return [b for r in replies for row in r.buttons for b in row]


# -- the command table is the single source of truth ---------------------------------------
def test_help_lists_exactly_the_registered_commands(commands):
    text = answer(commands, "/help")[0].text
    listed = re.findall(r"^/(\w+)", text, re.M)
    assert listed == [c.name for c in COMMANDS if not c.admin]
    admin = answer(commands, "/help", ADMIN)[0].text
    assert re.findall(r"^/(\w+)", admin, re.M) == [c.name for c in COMMANDS]
    spanish = answer(commands, "/help", ES)[0].text
    assert "/recomendar" in spanish and "/pelicula" in spanish


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_example_in_help_answers(service, commands, lang):
    who = Who(user_id=3, lang=lang, is_admin=True)
    errors_before = sum(service.stats.errors.values())
    for command in COMMANDS:
        if command.name == "reload":
            continue
        replies = commands.handle(command.example_line(lang), who)
        assert replies and replies[0].text, command.name
        assert not any(r.force_reply for r in replies), command.name
    assert sum(service.stats.errors.values()) == errors_before


def test_every_i18n_string_has_both_languages():
    for key, entry in STRINGS.items():
        if key.startswith("reason_"):
            continue  # English reasons come from core
        assert set(entry) == {"en", "es"}, key


def test_spanish_aliases_map_to_commands():
    for alias in ("recomendar", "pelicula", "franquicia", "pais", "productora", "idioma",
                  "duracion", "mes", "dia"):
        assert BY_NAME[alias].alias == alias


def test_parse_commands():
    assert parse("/recommend@ThisBot Titanic 1997").addressee == "ThisBot"
    assert parse("/Movie  amelie ").arg == "amelie"
    assert parse("/movie").arg == ""
    assert parse("titanic") is None


# -- answers -------------------------------------------------------------------------------
def test_movie_card_with_poster_and_caption_limit(commands):
    reply = answer(commands, "/movie titanic 1997")[0]
    assert reply.photo_url.startswith("https://image.tmdb.org/t/p/w500/")
    assert "Titanic" in reply.text and "James Cameron" in reply.text
    assert visible_length(reply.caption) <= CAPTION_LIMIT
    assert any(b.text == "Titanic (1953)" for b in all_buttons([reply]))


def test_recommendations_carry_more_like_this_buttons(commands):
    replies = answer(commands, "/recommend Toy Story")
    assert "Toy Story 2" in replies[0].text
    actions = {callbacks.decode(b.data).action for b in all_buttons(replies)}
    assert actions == {"m", "r"}


def test_spanish_replies(commands):
    assert "minutos" in answer(commands, "/duracion titanic")[0].text
    assert "minutos" in answer(commands, "/runtime titanic", ES)[0].text
    assert "minutes" in answer(commands, "/runtime titanic")[0].text
    assert "diciembre" in answer(commands, "/mes diciembre")[0].text


def test_votes_under_2000_do_not_qualify(commands):
    text = answer(commands, "/votes titanic 1953")[0].text
    assert "2,000" in text and "does not" in text


def test_director_and_actor_come_with_a_chart(commands):
    replies = answer(commands, "/director james cameron")
    assert "Titanic" in replies[0].text
    charts = [r for r in replies if r.photo_png]
    assert charts and charts[0].photo_png.startswith(b"\x89PNG")
    assert any(r.photo_png for r in answer(commands, "/actor tom hanks"))


def test_top_arguments():
    assert parse_top("comedy 1990s") == ("Comedy", 1990, 1999)
    assert parse_top("comedia años 90") == ("Comedy", 1990, 1999)
    assert parse_top("1980-1989") == (None, 1980, 1989)
    assert parse_top("drama 1995") == ("Drama", 1995, 1995)
    assert parse_top("") == (None, None, None)


# -- bad input -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["", "   ", "/movie " + "x" * 5000, "🎬🍿", "/movie 🎬", "<b>&", "/actor <b>&amp;",
     "/country ' OR 1=1 --", "/top nonsense-genre", "/month 13", "/day funday",
     "/franchise ???", "/company \x00", "/recommend ;;;", "/language zz"],
)
def test_bad_input_never_raises(service, commands, text):
    errors = sum(service.stats.errors.values())
    replies = commands.handle(text, EN)
    assert sum(service.stats.errors.values()) == errors
    for reply in replies:
        assert len(reply.text) <= MESSAGE_LIMIT
        assert "<b>&" not in reply.text  # user text is escaped


def test_missing_argument_asks_with_force_reply(commands):
    reply = answer(commands, "/pelicula")[0]
    assert reply.force_reply and reply.text.startswith("/pelicula")
    answered = commands.answer_prompt(reply.text, "amelie", EN)
    assert "Amélie" in answered[0].text and "Dirección" in answered[0].text  # Spanish kept
    assert commands.answer_prompt("something else", "amelie", EN) is None


def test_unknown_command(commands):
    assert "/help" in answer(commands, "/frobnicate")[0].text


# -- buttons -------------------------------------------------------------------------------
def test_callback_data_fits_and_round_trips():
    data = callbacks.encode("a", "Ñ" * 40, tag="abcd", lang="es")
    assert data is None  # would not fit in 64 bytes
    data = callbacks.encode("m", 12345678, tag="abcd", lang="es")
    assert len(data.encode()) <= 64
    cb = callbacks.decode(data)
    assert (cb.action, cb.arg, cb.lang, cb.tag) == ("m", "12345678", "es", "abcd")
    assert callbacks.decode("garbage") is None and callbacks.decode(None) is None


@pytest.mark.parametrize(("text", "at_least"), [
    ("/recommend Toy Story; Alien", 10),  # five films, each with its card and "more like this"
    ("/recommend Alien género:terror desde:1970 hasta:2020 idioma:inglés mín:5", 2),
    ("/movie titanic", 1),
    ("/top", 5),
    ("/movie Toy Stroy", 1),
])
def test_every_button_is_there_and_fits_in_64_bytes(commands, text, at_least):
    """The encoder drops a button that would not fit, so count them too: none went missing."""
    buttons = all_buttons(commands.handle(text, ES))
    assert len(buttons) >= at_least, [b.text for b in buttons]
    for button in buttons:
        assert len(button.data.encode()) <= 64


def test_start_deep_link_answers_more_like_this(commands):
    """Inline cards' "more like this" opens a first private chat with /start more-<id>."""
    assert "If you liked" in answer(commands, "/start more-597")[0].text
    assert "Titanic" in answer(commands, "/start more-597")[0].text
    assert "/help" in answer(commands, "/start more-424242424")[0].text  # gone: the welcome
    more = callbacks.encode("r", "597~gDrama,y1990-", tag="abcd", lang="en")
    assert Commands.start_parameter(more) == "more-597"
    assert Commands.start_parameter(callbacks.encode("m", 597, tag="abcd", lang="en")) == "help"
    assert Commands.start_parameter("garbage") == "help"
    items = commands.inline("titanic", EN)
    assert items and all(callbacks.decode(i.buttons[0][0].data).arg == i.id for i in items)


def test_stale_buttons(commands):
    old = callbacks.encode("m", 597, tag="zzzz", lang="en")
    assert "Titanic" in commands.press(old, EN)[0].text
    assert "older version" in commands.press(
        callbacks.encode("r", 424242424, tag="zzzz", lang="en"), EN)[0].text
    assert "expired" in commands.press("0|x", EN)[0].text
    assert "caducado" in commands.press("0|x", ES)[0].text


# -- reload --------------------------------------------------------------------------------
def test_reload_rules(service, commands, tmp_path):
    assert "admins only" in answer(commands, "/reload")[0].text
    ok = answer(commands, "/reload", ADMIN)[0].text
    assert "Reloaded" in ok and service.info.data_version in ok
    corrupt = tmp_path / "bad.duckdb"
    corrupt.write_text("not a catalogue")
    version = service.data_version
    failed = answer(commands, f"/reload {corrupt}", ADMIN)[0].text
    assert "failed" in failed and version in failed
    assert service.data_version == version
    assert "194" in answer(commands, "/runtime titanic")[0].text


def test_answers_during_reloads(service, commands):
    """Many threads ask while another reloads in a loop: every answer is right."""
    stop = threading.Event()
    failures: list[str] = []

    def reloads():
        while not stop.is_set():
            assert service.reload().ok

    def asks():
        for _ in range(40):
            text = commands.handle("/runtime titanic", EN)[0].text
            if "194" not in text:
                failures.append(text)

    reloader = threading.Thread(target=reloads)
    reloader.start()
    askers = [threading.Thread(target=asks) for _ in range(4)]
    for a in askers:
        a.start()
    for a in askers:
        a.join()
    stop.set()
    reloader.join()
    assert not failures


def test_stats_report(service, commands):
    text = answer(commands, "/stats", ADMIN)[0].text
    assert "Uptime" in text and "p50" in text and "p99" in text and "runtime" in text


# -- formatting and configuration ----------------------------------------------------------
def test_split_message_respects_the_limit():
    text = "\n".join(f"<b>line {i}</b> " + "x" * 80 for i in range(200))
    chunks = split_message(text)
    assert len(chunks) > 1 and all(len(c) <= MESSAGE_LIMIT for c in chunks)
    assert "".join(c.replace("\n", "") for c in chunks) == text.replace("\n", "")
    assert all(len(c) <= MESSAGE_LIMIT for c in split_message("&" * 10000))


def test_config_from_env_and_dotenv(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# comment\nexport TELEGRAM_BOT_TOKEN='123:abc'\nADMIN_IDS=1, 2 3\n")
    assert read_dotenv(env_file)["TELEGRAM_BOT_TOKEN"] == "123:abc"
    config = Config.load({}, dotenv=env_file)
    assert config.token == "123:abc" and config.admin_ids == {1, 2, 3}
    assert "123:abc" not in repr(config)
    assert Config.load({"TELEGRAM_BOT_TOKEN": "9:z"}, dotenv=env_file).token == "9:z"
    assert Config.load({}, dotenv=tmp_path / "none").token is None
    assert not config.is_admin(4) and config.is_admin(2)


# -- /recommend: several seeds and filter words --------------------------------------------
def test_several_seeds_blend(commands):
    text = answer(commands, "/recommend Alien; Blade Runner")[0].text
    assert "Alien (1979)" in text and "Blade Runner (1982)" in text
    assert "like Blade Runner" in text or "like Alien" in text  # reasons name their seed
    assert text.count("\n") >= 3


def test_filter_words_are_parsed_out_of_the_titles():
    words = filters.parse("Alien; Blade Runner genre:horror since:1990 until:2010 lang:es min:7")
    assert words.rest == "Alien; Blade Runner"
    assert words.values == {"genre": "horror", "since": "1990", "until": "2010", "lang": "es",
                            "min": "7"}
    spanish = filters.parse('Alien género:"ciencia ficción" desde:1980 hasta:1999 idioma:español '
                            "mín:7,5")
    assert spanish.rest == "Alien"
    assert spanish.values == {"genre": "ciencia ficción", "since": "1980", "until": "1999",
                              "lang": "español", "min": "7,5"}
    assert filters.parse("Mission: Impossible").rest == "Mission: Impossible"  # not a key
    between = filters.parse("Alien since:1990; Blade Runner;min:7, Heat")
    assert between.values == {"since": "1990", "min": "7"}
    assert [p.strip() for p in between.rest.split(";")] == ["Alien", "Blade Runner", "Heat"]
    assert not filters.parse("Star Wars: Episode IV")


def test_filters_are_respected(service, commands):
    text = answer(commands, "/recommend Alien genre:horror since:1990 until:2010 min:7")[0].text
    assert "(Horror · 1990–2010 · ⭐ ≥ 7)" in text
    with service.lease() as cat:
        for line in re.findall(r"^\d+\. (.+?) \((\d{4})\)", text, re.M):
            ref = cat.resolve(f"{line[0]} {line[1]}").movie
            card = cat.movie(ref.id)
            assert "Horror" in card.genres and 1990 <= card.year <= 2010, card.title
            assert card.vote_average >= 7, card.title
    assert re.search(r"^1\. ", text, re.M)


def test_more_like_this_keeps_the_lists_filters(commands):
    """A button under a filtered list answers with the same filters."""
    first = answer(commands, "/recommend Alien genre:horror since:1990 until:2010 min:7")[0]
    more = [b for b in all_buttons([first]) if callbacks.decode(b.data).action == "r"]
    assert more and all("~" in b.data and len(b.data.encode()) <= 64 for b in more)
    text = commands.press(more[0].data, EN)[0].text
    assert "(Horror · 1990–2010 · ⭐ ≥ 7)" in text
    assert re.search(r"^1\. ", text, re.M)
    # the same button made by a Spanish conversation answers in Spanish, still filtered
    es = callbacks.decode(more[0].data)
    data = callbacks.encode("r", es.arg, tag=es.tag, lang="es")
    assert "Terror · 1990–2010" in commands.press(data, ES)[0].text


def test_unfiltered_lists_make_plain_buttons_and_odd_filters_expire(commands):
    plain = all_buttons(answer(commands, "/recommend Alien"))
    assert plain and all("~" not in b.data for b in plain)
    bad = callbacks.encode("r", "348~zzz", tag="abcd", lang="en")
    assert "expired" in commands.press(bad, EN)[0].text


@pytest.mark.parametrize("f", [
    Filters(genre="Science Fiction", year_from=1990, year_to=2010, language="fr",
            min_rating=7.5),
    Filters(year_from=1990), Filters(year_to=1985), Filters(min_rating=7.0),
    Filters(genre="TV Movie"),
])
def test_filters_pack_into_buttons_and_back(f):
    packed = callbacks.pack_filters(f)
    assert callbacks.unpack_filters(packed) == f
    assert len(callbacks.encode("r", f"12345678~{packed}", tag="abcd", lang="es")) <= 64


def test_spanish_filter_words_and_language_names(commands):
    text = answer(commands, "/recomendar Alien género:terror desde:1990 idioma:español")[0].text
    assert "Si te gustó" in text and "Terror · desde 1990 · español" in text
    assert "1." in text


def test_filter_problems_answer_kindly(commands):
    genre = answer(commands, "/recommend Alien genre:spaghetti")[0].text
    assert "spaghetti" in genre and "Horror" in genre and "Science Fiction" in genre
    genero = answer(commands, "/recomendar Alien género:zzzzz", ES)[0].text
    assert "No conozco el género" in genero and "Ciencia ficción" in genero
    assert "language" in answer(commands, "/recommend Alien lang:klingon")[0].text
    assert "since:1990" in answer(commands, "/recommend Alien since:19x")[0].text
    assert "0 to 10" in answer(commands, "/recommend Alien min:11")[0].text
    assert "/recommend Alien genre:horror" in answer(commands, "/recommend genre:horror")[0].text
    empty = answer(commands, "/recommend Alien genre:western min:9.9")[0].text
    assert "fewer filters" in empty


def test_help_documents_the_filters(commands):
    assert "genre:horror since:1990" in answer(commands, "/help")[0].text
    assert "género:terror desde:1990" in answer(commands, "/help", ES)[0].text


# -- names in Spanish ----------------------------------------------------------------------
def test_spanish_replies_name_countries_languages_and_genres_in_spanish(commands):
    assert "<b>Alemania</b>" in answer(commands, "/country Germany", ES)[0].text
    assert "<b>Germany</b>" in answer(commands, "/country Alemania", EN)[0].text
    assert "<b>alemán</b>" in answer(commands, "/language German", ES)[0].text
    assert "<b>German</b>" in answer(commands, "/language alemán", EN)[0].text
    assert "🎞 Comedia, Romance" in answer(commands, "/pelicula amelie")[0].text
    assert "🎞 Comedy, Romance" in answer(commands, "/movie amelie")[0].text
    assert "Ciencia ficción" in answer(commands, "/top ciencia ficción", ES)[0].text


# -- /stats, /help in groups, a catalogue without recommender ------------------------------
def test_stats_by_command_with_latency_memory_and_last_load(service, commands):
    commands.handle("/runtime titanic", EN)
    commands.handle("/recommend alien", EN)
    text = answer(commands, "/stats", ADMIN)[0].text
    assert re.search(r"^• runtime: \d+ \(\d+ ✗\) · [\d.]+ / [\d.]+ ms$", text, re.M)
    assert re.search(r"^• recommend: \d+ ", text, re.M)
    assert re.search(r"^Memory: \d+ MB resident \(peak \d+ MB\)$", text, re.M)
    assert "Last load (start or /reload):" in text and "ok in" in text
    assert "recommendations: content + ratings" in text and service.info.path in text
    spanish = answer(commands, "/stats", Who(user_id=3, lang="es", is_admin=True))[0].text
    assert "Memoria:" in spanish and "Por comando" in spanish


def test_failed_reload_shows_in_stats(service, commands, tmp_path):
    answer(commands, f"/reload {tmp_path / 'nothing.duckdb'}", ADMIN)
    text = answer(commands, "/stats", ADMIN)[0].text
    assert "failed:" in text and "does not exist" in text
    assert answer(commands, "/reload", ADMIN)[0].text.startswith("✅")


def test_help_in_a_group_explains_addressing(commands):
    group = Who(user_id=1, lang="en", bot_username="ThisBot", in_group=True)
    text = answer(commands, "/help", group)[0].text
    assert "In groups" in text and "/movie@ThisBot titanic" in text
    assert re.findall(r"^/(\w+)", text, re.M) == [c.name for c in COMMANDS if not c.admin]
    assert "In groups" not in answer(commands, "/help", EN)[0].text
    es = Who(user_id=1, lang="es", bot_username="ThisBot", in_group=True)
    assert "/pelicula@ThisBot" in answer(commands, "/help", es)[0].text


def test_recommend_without_a_model_says_why(service, monkeypatch):
    """A catalogue built before the recommender (core raises a CatalogueError such as
    ModelMissing): /recommend says so; other commands keep working."""
    from moviebot.core.catalogue import CatalogueError

    def no_model(*args, **kwargs):
        raise CatalogueError("this catalogue has no recommender model; rebuild it")

    commands = Commands(service)
    with service.lease() as cat:
        monkeypatch.setattr(cat._catalogue, "recommend", no_model)
        text = answer(commands, "/recommend alien")[0].text
        assert "not available" in text and "rebuild it" in text
        assert "194" in answer(commands, "/runtime titanic")[0].text


def test_spanish_numbers_use_the_decimal_comma(commands):
    es = answer(commands, "/pelicula amelie")[0].text
    assert "⭐ 7,8/10 (3.410 votos)" in es and "Retorno 17,4×" in es
    en = answer(commands, "/movie amelie")[0].text
    assert "⭐ 7.8/10 (3,410 votes)" in en and "Return 17.4×" in en
    assert "⭐ ≥ 7,5" in answer(commands, "/recomendar Alien mín:7,5")[0].text


def test_an_unsure_seed_among_several_or_with_filters_takes_the_best_match(commands):
    """Alone, an unsure title asks "which one?"; with other seeds or filters the buttons
    would drop the rest of the request, so the best match is taken (the header shows it)."""
    alone = answer(commands, "/recommend termin")[0]
    assert "Which one" in alone.text and alone.buttons
    several = answer(commands, "/recommend termin; alien")[0].text
    assert "If you liked The Terminator (1984), Alien (1979)" in several
    filtered = answer(commands, "/recommend termin since:1985")[0].text
    assert "If you liked The Terminator (1984)</b> (since 1985)" in filtered


def test_reload_after_a_new_etl_run_on_the_same_file_serves_the_new_data(sample_source, tmp_path):
    """The admin's real flow: `moviebot etl` replaces the file the bot has open, then /reload."""
    from moviebot.etl.build import build_catalogue

    db = tmp_path / "movies.duckdb"
    shutil.copytree(sample_source, tmp_path / "src")
    build_catalogue(tmp_path / "src", db, progress=False)
    svc = Service(db)
    try:
        commands = Commands(svc)
        assert "themoviedb.org/movie/597" in answer(commands, "/movie titanic 1997")[0].text
        old_version = svc.data_version
        # New data lands: Titanic (1997) is gone from the source, the ETL rebuilds in place.
        metadata = tmp_path / "src" / "movies_metadata.csv"
        lines = metadata.read_text(encoding="utf-8").splitlines(keepends=True)
        metadata.write_text(
            "".join(line for line in lines if ",597,tt0120338," not in line), encoding="utf-8"
        )
        build_catalogue(tmp_path / "src", db, progress=False)
        reloaded = answer(commands, "/reload", ADMIN)[0].text
        assert svc.data_version != old_version and svc.data_version in reloaded
        assert "themoviedb.org/movie/597" not in answer(commands, "/movie titanic 1997")[0].text
    finally:
        svc.close()


def test_counts_agree_in_number(commands):
    """One film is "1 film" / "1 película", never "1 films"."""
    assert "1 film was released in January" in plain(answer(commands, "/month january")[0].text)
    assert "Se estrenó 1 película en enero" in plain(answer(commands, "/mes enero", ES)[0].text)
    text = plain(answer(commands, "/director pedro almodovar")[0].text)
    assert "Over the 1 film whose budget and revenue are known" in text


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)
