"""One fact, one answer (issue 12): what a person reads in chat and from `moviebot ask`.

The vote rule read with the card, one rating per film, honest returns, one locale per
Spanish reply, counts that list their films, an empty /top that says where films are, and
/actor or /director in pages.
"""

from __future__ import annotations

import re
import statistics

import pytest

from moviebot.bot import callbacks
from moviebot.bot.commands import Commands, Who
from moviebot.bot.formatting import MESSAGE_LIMIT, visible_length
from moviebot.core.served import Service
from tests.conftest import run_cli

EN = Who(user_id=1, lang="en")
ES = Who(user_id=2, lang="es")


def text_of(commands, message, who=EN) -> str:
    replies = commands.handle(message, who)
    assert replies, message
    return plain(replies[0].text)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def buttons(replies):
    return [b for r in replies for row in r.buttons for b in row]


# -- the 2,000-vote rule and the card read as one system -------------------------------------
def test_votes_under_the_rule_give_the_cards_figures_and_name_the_rule(commands):
    card = text_of(commands, "/movie titanic 1953")
    assert "⭐ 6.7/10 (61 votes)" in card
    votes = text_of(commands, "/votes titanic 1953")
    assert "61 votes averaging 6.7/10" in votes
    assert "does not qualify" in votes and "at least 2,000 votes" in votes
    assert "1,939 short" in votes and "won't give" not in votes
    es = text_of(commands, "/votes titanic 1953", ES)
    assert "61 votos con una media de 6,7/10" in es
    assert "No cumple" in es and "al menos 2.000 votos" in es and "le faltan 1.939" in es


def test_votes_over_the_rule_qualify(commands):
    votes = text_of(commands, "/votes titanic 1997")
    card = text_of(commands, "/movie titanic 1997")
    count = re.search(r"⭐ (\d\.\d)/10 \(([\d,]+) votes\)", card)
    assert f"{count.group(2)} votes averaging {count.group(1)}/10" in votes
    assert "It qualifies" in votes and "2,000" in votes
    assert "Cumple la condición" in text_of(commands, "/votes titanic 1997", ES)


def test_zero_votes_say_no_votes_yet(commands):
    votes = text_of(commands, "/votes saved from the titanic")
    assert "has no votes yet" in votes and not re.search(r"\b0 votes", votes)
    assert "aún no tiene votos" in text_of(commands, "/votes saved from the titanic", ES)
    assert "no votes yet" in text_of(commands, "/movie saved from the titanic")


# -- one rating shown for a film, everywhere ----------------------------------------------
def test_one_rating_per_film_across_card_top_and_lists(commands, service):
    with service.lease() as cat:
        casablanca = cat.movie(cat.resolve("casablanca").movie.id)
    shown = f"⭐ {casablanca.vote_average:.1f}"
    own = f"{shown} ({casablanca.vote_count:,} votes)"
    top = text_of(commands, "/top drama 1940s")
    assert "ranked by weighted rating" in top
    assert f"Casablanca (1942) · {own}" in top
    assert f"{shown}/10 ({casablanca.vote_count:,} votes)" in text_of(commands, "/movie casablanca")
    assert f"Casablanca (1942) · {own}" in text_of(commands, "/actor humphrey bogart")
    assert "weighted" not in text_of(commands, "/movie casablanca")
    assert own in commands.inline("casablanca", EN)[0].description


def test_top_never_prints_the_weighted_rating_as_a_films_rating(commands, service):
    top = text_of(commands, "/top")
    with service.lease() as cat:
        ranked = cat.top(limit=10).items
    for n, film in enumerate(ranked, 1):
        line = next(x for x in top.splitlines() if x.startswith(f"{n}. "))
        assert f"⭐ {film.vote_average:.1f} ({film.vote_count:,} votes)" in line, line
        if round(film.weighted_rating, 1) != round(film.vote_average, 1):
            assert f"{film.weighted_rating:.1f}" not in line
    es = text_of(commands, "/top", ES)
    assert "ordenado por nota ponderada" in es and "votos)" in es


# -- returns: money over money, and the median film ----------------------------------------
@pytest.mark.parametrize("role", ["actor", "director"])
def test_returns_are_total_revenue_over_total_budget_and_the_median(commands, service, role):
    name = "tom hanks" if role == "actor" else "james cameron"
    with service.lease() as cat:
        stats = getattr(cat, role)(name)
    films = stats.all_films if role == "actor" else stats.films
    known = [f for f in films if f.budget > 0 and f.revenue > 0]
    overall = sum(f.revenue for f in known) / sum(f.budget for f in known)
    median = statistics.median(f.revenue / f.budget for f in known)
    text = text_of(commands, f"/{role} {name}")
    assert f"Over the {len(known)} films whose budget and revenue are known" in text
    assert f"total return {overall:.2f}×" in text
    assert f"the median film returned {median:.2f}×" in text
    es = text_of(commands, f"/{role} {name}", ES)
    assert f"retorno total {overall:.2f}×".replace(".", ",") in es
    assert f"la película mediana devolvió {median:.2f}×".replace(".", ",") in es


# -- one locale per reply -------------------------------------------------------------------
SPANISH = ["/pelicula titanic 1997", "/franquicia toy story", "/director james cameron",
           "/actor tom hanks", "/productora pixar", "/top", "/mes diciembre", "/votes heat",
           "/pais españa"]


@pytest.mark.parametrize("message", SPANISH)
def test_spanish_replies_use_one_locale(commands, message):
    text = text_of(commands, message, ES)
    assert not re.search(r"\d\.\d{1,2}(?!\d)", text), text  # an English decimal point
    assert not re.search(r"\d,\d{3}(?!\d)", text), text  # an English thousands comma
    assert not re.search(r"\$[\d.,]+[BK]\b", text), text  # English money suffixes


def test_spanish_money_has_the_decimal_comma(commands):
    es = text_of(commands, "/franquicia toy story", ES)
    assert re.search(r"\$\d+(,\d+)? M", es) and "$1.938 M" in es
    en = text_of(commands, "/franchise toy story")
    assert "$1.94B" in en
    assert "Presupuesto $10 M · Recaudación $174 M" in text_of(commands, "/pelicula amelie", ES)


# -- counts come with their best-known films -----------------------------------------------
@pytest.mark.parametrize(
    ("message", "who", "head"),
    [
        ("/month december", EN, "24 films were released in December."),
        ("/mes diciembre", ES, "Se estrenaron 24 películas en diciembre."),
        ("/day friday", EN, "released on a Friday"),
        ("/country spain", EN, "produced in Spain (ES)"),
        ("/idioma español", ES, "en español (es)"),
    ],
)
def test_counts_list_the_five_best_known_with_buttons(commands, service, message, who, head):
    replies = commands.handle(message, who)
    text = plain(replies[0].text)
    assert head in text
    pressed = buttons(replies)
    assert len(pressed) == 5
    with service.lease() as cat:
        cards = [cat.movie(int(callbacks.decode(b.data).arg)) for b in pressed]
    assert all(callbacks.decode(b.data).action == "m" for b in pressed)
    for card in cards:
        assert f"• {card.title} ({card.year}) · ⭐" in text
    votes = [c.vote_count for c in cards]
    assert votes == sorted(votes, reverse=True)  # best known first


def test_franchise_and_company_have_film_buttons_too(commands):
    for message in ("/franchise toy story", "/company pixar"):
        assert buttons(commands.handle(message, EN)), message


# -- an empty /top says where the catalogue has films ---------------------------------------
def test_empty_top_says_what_range_the_catalogue_covers(commands, service):
    with service.lease() as cat:
        comedies = cat.top(genre="Comedy", limit=100).items
    years = [f.movie.year for f in comedies]
    text = text_of(commands, "/top comedy 2050s")
    assert "Top 0" not in text and "Nothing to rank for Comedy · 2050–2059" in text
    assert f"run from {min(years)} to {max(years)}" in text
    es = text_of(commands, "/top comedia 2050s", ES)
    assert "No hay nada que clasificar en Comedia · 2050–2059" in es
    assert f"van de {min(years)} a {max(years)}" in es
    assert "the catalogue's rated films run from" in text_of(commands, "/top 2050s")


# -- /director and /actor in pages ---------------------------------------------------------
def test_a_short_filmography_is_one_page_without_buttons(commands):
    replies = commands.handle("/director steven spielberg", EN)
    text = plain(replies[0].text)
    assert "Steven Spielberg directed 10 films." in text and "Best known first:" in text
    assert text.count("\n• ") == 10 and not replies[0].buttons
    assert any(r.photo_png for r in replies)  # the chart still comes with the answer


def test_hitchcock_pages_through_all_52_films(real_db):
    svc = Service(real_db)
    try:
        commands = Commands(svc)
        for who, first, more, back in ((EN, "(1–10 of 52)", "More ▶", "◀ Back"),
                                       (ES, "(1–10 de 52)", "Más ▶", "◀ Anteriores")):
            replies = commands.handle("/director alfred hitchcock", who)
            text = plain(replies[0].text)
            assert "directed 52 films" in text or "dirigió 52 películas" in text
            assert first in text and "💰" in text
            assert [b.text for b in replies[0].buttons[0]] == [more]
            seen = _films(text)
            for _ in range(10):
                nav = {b.text: b.data for b in replies[0].buttons[0]}
                if more not in nav:
                    break
                assert len(nav[more].encode()) <= callbacks.MAX_BYTES
                replies = commands.press(nav[more], who)
                assert len(replies) == 1 and not replies[0].photo_png  # no chart again
                assert back in [b.text for b in replies[0].buttons[0]]
                assert visible_length(replies[0].text) <= MESSAGE_LIMIT
                seen += _films(plain(replies[0].text))
            assert len(seen) == len(set(seen)) == 52
            assert "Psycho (1960)" in seen[:10]  # the best known on the first page
    finally:
        svc.close()


def _films(text: str) -> list[str]:
    return re.findall(r"^• (?:\d{4}-\d\d-\d\d · )?(.+?\(\d{4}\))", text, re.M)


def test_a_page_button_of_unknown_shape_expires(commands, service):
    tag = callbacks.version_tag(service.data_version)
    for arg in ("x:John Lasseter", "1:", "2"):
        data = callbacks.encode("D", arg, tag=tag, lang="en")
        assert "expired" in plain(commands.press(data, EN)[0].text)
    data = callbacks.encode("A", "99:Tom Hanks", tag=tag, lang="en")
    assert "Tom Hanks appears in" in plain(commands.press(data, EN)[0].text)  # last page


# -- the same answers from `moviebot ask` -------------------------------------------------
def test_ask_prints_the_same_answers(sample_db):
    r = run_cli("ask", "/votes titanic 1953", "--db", str(sample_db))
    assert r.returncode == 0 and "does not qualify" in r.stdout and "6.7/10" in r.stdout
    r = run_cli("ask", "/mes enero", "--db", str(sample_db))
    assert "Se estrenó 1 película en enero." in r.stdout and "[1] Dr. Strangelove" in r.stdout


def test_readme_console_excerpt_is_what_the_console_prints(sample_db):
    """The README's session, from /votes on (the recommendation lines belong to the
    recommender and are refreshed with it)."""
    from moviebot.core.paths import REPO_ROOT

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    command = ("$ printf '/recommend Toy Story\\n/votes titanic 1953\\n/mes enero\\n'"
               " | moviebot chat")
    block = readme.split(command + "\n", 1)[1].split("```", 1)[0]
    r = run_cli("chat", "--db", str(sample_db),
                input="/recommend Toy Story\n/votes titanic 1953\n/mes enero\n")
    assert r.returncode == 0, r.stderr
    tail = "Titanic (1953) has 61 votes"
    assert tail in block and tail in r.stdout
    assert r.stdout[r.stdout.index(tail):].strip() == block[block.index(tail):].strip()
