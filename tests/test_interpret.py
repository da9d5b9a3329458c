"""What people type, read by core/interpret: the rules alone, then issue 11's examples through
the chat (Commands) and the command line on the real subset, and chat/CLI agreement."""

from __future__ import annotations

import json

import pytest

from moviebot.bot.commands import Commands, Who
from moviebot.core.interpret import command_name, interpret
from moviebot.core.interpret.filters import parse_top, phrases
from moviebot.core.interpret.genres import genre, spanish_name
from moviebot.core.served import Service
from tests.conftest import run_cli

EN = Who(user_id=1, lang="en")
ES = Who(user_id=2, lang="es")


# -- the rules, no catalogue -------------------------------------------------------------------
@pytest.mark.parametrize(("text", "command", "arg"), [
    ("something like alien", "recommend", "alien"),
    ("quiero ver algo como Titanic", "recommend", "titanic"),
    ("peliculas parecidas a alien", "recommend", "alien"),
    ("recomiéndame algo como matrix", "recommend", "matrix"),
    ("something like alien from the 90s", "recommend", "alien since:1990 until:1999"),
    ("algo como alien de los 80 de terror", "recommend",
     "alien since:1980 until:1989 genre:Horror"),
    ("algo como titanic en español", "recommend", "titanic lang:espanol"),
    ("algo como el padrino con nota mayor a 7", "recommend", "el padrino min:7"),
    ("something like die hard after 2000", "recommend", "die hard since:2001"),
    ("who directed jaws", "movie", "jaws"),
    ("quién dirigió el padrino", "movie", "el padrino"),
    ("movies with tom hanks", "actor", "tom hanks"),
    ("películas con penélope cruz", "actor", "penelope cruz"),
    ("películas de Almodóvar", "director", "almodovar"),
    ("best horror films of the 80s", "top", "Horror 1980-1989"),
    ("mejores películas de terror de los 80", "top", "Horror 1980-1989"),
    ("recommend me a horror movie from the 80s", "top", "Horror 1980-1989"),
    ("how long is titanic", "runtime", "titanic"),
    ("cuánto dura el padrino", "runtime", "el padrino"),
    ("how many films came out in January", "month", "january"),
    ("cuántas películas se estrenaron en enero", "month", "enero"),
    ("hello", "start", ""),
    ("hola", "start", ""),
    ("thanks", "thanks", ""),
    ("gracias", "thanks", ""),
    ("help", "help", ""),
    ("ayuda", "help", ""),
    ("/", "help", ""),
    ("/ayuda", "help", ""),
    ("/votos titanic", "votes", "titanic"),
    ("/puntuacion titanic", "score", "titanic"),
    ("/mejores terror", "top", "terror"),
    ("/recomend alien", "recommend", "alien"),  # a slip in the command's name
    ("jurasic prak", "movie", "jurasic prak"),  # a bare title goes to the card
    ("somethign liek alien", "recommend", "alien"),  # slips in the request's words
    # Questions a card answers: when, what about, where to see it.
    ("cuándo se estrenó alien", "movie", "alien"),
    ("when did jaws come out", "movie", "jaws"),
    ("de qué trata el padrino", "movie", "el padrino"),
    ("what is alien about", "movie", "alien"),
    ("dónde puedo ver titanic", "movie", "titanic"),
    ("where can i watch titanic", "movie", "titanic"),
    # A rating question: /score, whose answer leads with the rating.
    ("qué nota tiene el padrino", "score", "el padrino"),
    ("vale la pena el padrino", "score", "el padrino"),
    ("how good is pulp fiction", "score", "pulp fiction"),
    # "The best of" a person is that person's films; of a year, the year's top.
    ("lo mejor de kubrick", "director", "kubrick"),
    ("best movies by spielberg", "director", "spielberg"),
    ("mejores películas de 1999", "top", "1999"),
    ("what is the best horror movie", "top", "Horror"),
    ("una de acción con bruce willis", "actor", "bruce willis"),
    ("películas de 1999", "top", "1999"),
    ("algo para ver con niños", "top", "Family"),
    ("pelis con niños de los 90", "top", "Family 1990-1999"),
    ("películas francesas", "language", "francesas"),
    ("pelis en español", "language", "espanol"),
    ("me gustó mucho el padrino, qué más me recomiendas", "recommend", "el padrino"),
    ("vi matrix y me encantó", "recommend", "matrix"),
    ("i watched heat and loved it", "recommend", "heat"),
    ("westerns buenos", "top", "Western"),
    ("el mejor thriller", "top", "Thriller"),
    ("la mejor película de la historia", "top", ""),
    ("best movies of all time", "top", ""),
    ("dime películas de clint eastwood como director", "director", "clint eastwood"),
    ("info titanic", "movie", "titanic"),
    ("películas de leonardo dicaprio de los 90", "director", "leonardo dicaprio"),
])
def test_rules_read_requests(text, command, arg):
    intent = interpret(text)
    assert (intent.command, intent.arg) == (command, arg), intent


def test_spanish_words_answer_in_spanish():
    assert interpret("quiero ver algo como Titanic").lang == "es"
    assert interpret("/ayuda").lang == "es"
    assert interpret("something like alien").lang == "en"
    assert interpret("titanic").lang is None  # a bare title keeps the user's language


def test_one_genre_vocabulary():
    # "suspense" is Thriller everywhere (issue 11: chat said Thriller, the CLI Mystery).
    assert genre("suspense") == "Thriller" and genre("misterio") == "Mystery"
    assert genre("ciencia ficcion") == genre("sci-fi") == "Science Fiction"
    assert genre("alien") is None
    assert parse_top("suspense") == ("Thriller", None, None)
    assert parse_top("comedia años 90") == ("Comedy", 1990, 1999)


def test_filter_phrases():
    assert phrases("alien from the 80s in spanish").values == {
        "since": "1980", "until": "1989", "lang": "spanish"}
    assert phrases("titanic con nota mayor a 7,5").values == {"min": "7.5"}
    assert phrases("10 things i hate about you").values == {}  # "10" is no decade
    assert phrases("apollo 13").values == {}


def test_command_names_in_both_languages():
    assert command_name("ayuda") == ("help", "es")
    assert command_name("votos") == ("votes", "es")
    assert command_name("recommend") == ("recommend", None)
    assert command_name("xyzzy") is None


@pytest.mark.parametrize("text", ["", "   ", "🎬🍿", "x" * 5000, "'; DROP TABLE x; --", None])
def test_absurd_input_never_raises(text):
    assert interpret(text).command


# -- issue 11's examples through the chat, on the real subset ---------------------------------
@pytest.fixture(scope="module")
def commands(real_db):
    service = Service(real_db)
    yield Commands(service)
    service.close()


def say(commands, text, who=EN) -> str:
    replies = commands.handle(text, who)
    assert replies, text
    return "\n".join(r.text for r in replies)


@pytest.mark.parametrize(("text", "title"), [
    ("jurasic prak", "Jurassic Park</b> (1993)"),
    ("the godfahter prat ii", "The Godfather: Part II</b>"),
    ("el padrino", "The Godfather</b> (1972)"),
    ("la vida es bella", "Life Is Beautiful</b>"),
    ("el rey león", "The Lion King</b>"),
    ("tiburón", "Jaws</b> (1975)"),
    ("volver al futuro", "Back to the Future</b> (1985)"),
    ("lo que el viento se llevó", "Gone with the Wind</b>"),
    ("duro de matar", "Die Hard</b> (1988)"),
    ("jungla de cristal", "Die Hard</b> (1988)"),
    ("E.T.", "E.T. the Extra-Terrestrial</b>"),
    ("et", "E.T. the Extra-Terrestrial</b>"),
    ("titanik", "Titanic</b> (1997)"),
])
def test_typed_titles_answer_with_the_card(commands, text, title):
    assert title in say(commands, text)


def test_spanish_card_shows_the_spanish_titles(commands):
    text = say(commands, "duro de matar", ES)
    assert "Jungla de cristal" in text and "Duro de matar" in text
    assert "Jungla de cristal" not in say(commands, "die hard", EN)


@pytest.mark.parametrize(("text", "name"), [
    ("/actor tom hank", "Tom Hanks"),
    ("/actor penélope crus", "Penélope Cruz"),
    ("/director stephen spilberg", "Steven Spielberg"),
    ("/director kubrick", "Stanley Kubrick"),
    ("/actor hanks", "Tom Hanks"),
    ("tom hanks", "Tom Hanks"),
    ("almodovar", "Pedro Almodóvar"),
    ("movies with tom hanks", "Tom Hanks"),
    ("películas de almodóvar", "Pedro Almodóvar"),
])
def test_names_with_slips_and_surnames(commands, text, name):
    text = say(commands, text)
    assert name in text.split("\n")[0] and "Did you mean" not in text


def test_free_text_requests(commands):
    assert "If you liked Alien (1979)" in say(commands, "something like alien")
    assert "Si te gustó Titanic (1997)" in say(commands, "quiero ver algo como Titanic")
    top = say(commands, "recommend me a horror movie from the 80s")
    assert "Horror" in top and "1980–1989" in top and "The Shining" in top
    assert "Steven Spielberg" in say(commands, "who directed jaws")
    assert "175" in say(commands, "cuánto dura el padrino")
    assert "January" in say(commands, "how many films came out in January")
    assert "enero" in say(commands, "cuántas películas se estrenaron en enero")


@pytest.mark.parametrize(("text", "who", "expect"), [
    ("hello", EN, "Hi Ana"),
    ("hola", EN, "Hola"),
    ("/", EN, "/recommend"),
    ("/ayuda", EN, "/recomendar"),
    ("thanks", EN, "welcome"),
    ("/votos titanic", EN, "votos"),
])
def test_greetings_help_and_spanish_commands(commands, text, who, expect):
    who = Who(user_id=who.user_id, lang=who.lang, first_name="Ana")
    text_out = say(commands, text, who)
    assert expect in text_out and "no movie called" not in text_out
    assert "I don't know" not in text_out and "No conozco" not in text_out


@pytest.mark.parametrize("text", [
    "avengers endgame", "oppenheimer", "bohemian rhapsody", "knives out", "toy story 5",
    "parasite bong joon ho", "xyzzy", "estoy aburrido",
])
def test_not_in_catalogue_is_never_a_confident_card(commands, text):
    replies = commands.handle(text, EN)
    assert not any(r.photo_url for r in replies), text
    assert "found no movie" in replies[0].text or "Which one" in replies[0].text


# -- the command line, and chat/CLI agreement ----------------------------------------------------
def test_cli_ask_reads_free_text(real_db):
    r = run_cli("ask", "--db", str(real_db), "algo como titanic de los 90")
    assert r.returncode == 0, r.stderr
    assert "Si te gustó Titanic (1997)" in r.stdout
    r = run_cli("query", "understand", "--db", str(real_db), "--json", "kubrick")
    assert json.loads(r.stdout)["command"] == "director"


@pytest.mark.parametrize(("chat", "cli"), [
    ("/top suspense", ["top", "suspense"]),
    ("/top terror de los 80", ["top", "terror", "de", "los", "80"]),
    ("/mejores comedia 1990s", ["top", "comedia", "1990s"]),
])
def test_chat_and_cli_agree_on_top(commands, real_db, chat, cli):
    r = run_cli("query", *cli, "--db", str(real_db), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    chat_text = say(commands, chat)
    titles = [item["movie"]["title"] for item in data["items"]]
    assert titles, data
    for title in titles[:5]:
        assert title in chat_text.replace("&amp;", "&").replace("&#x27;", "'")
    spanish = spanish_name(data["genre"])
    assert data["genre"] in chat_text or spanish[:1].upper() + spanish[1:] in chat_text


@pytest.mark.parametrize("text", ["el padrino", "jurasic prak", "tiburón", "tom hank"])
def test_chat_and_cli_agree_on_what_is_meant(commands, real_db, text):
    r = run_cli("query", "understand", "--db", str(real_db), "--json", text)
    intent = json.loads(r.stdout)
    cli = run_cli("ask", "--db", str(real_db), f"/{intent['command']} {intent['arg']}")
    assert cli.returncode == 0, cli.stderr
    chat_first = say(commands, text).split("\n")[0]
    plain = chat_first.replace("<b>", "").replace("</b>", "")
    assert plain.split(" · ")[0] in cli.stdout


def test_a_rating_question_is_answered_with_the_rating(commands):
    """"How good is it" wants the rating, not only the bootcamp's popularity figure."""
    spanish = commands.handle("qué nota tiene el padrino", ES)[0].text
    assert "tiene una nota de <b>" in spanish and "/10</b>" in spanish and "popularidad" in spanish
    english = commands.handle("how good is titanic", EN)[0].text
    assert "is rated <b>" in english and "/10</b>" in english, english


def test_more_recent_or_older_than_the_seed(sample_db):
    """"algo como titanic pero más reciente": after the seed's year; given years win."""
    from moviebot.core.catalogue import Catalogue

    cat = Catalogue.open(sample_db)
    try:
        newer = interpret("algo como titanic pero más reciente", catalogue=cat)
        assert (newer.command, newer.arg) == ("recommend", "titanic since:1998")
        older = interpret("something like the matrix but older", catalogue=cat)
        assert (older.command, older.arg) == ("recommend", "the matrix until:1998")
        given = interpret("algo como alien de los 80 pero más reciente", catalogue=cat)
        assert given.arg == "alien since:1980 until:1989"
    finally:
        cat.close()
