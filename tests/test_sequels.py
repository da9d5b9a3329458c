"""Titles as people qualify them: a franchise number ("harry potter 3", "el padrino 3") or
the person who made it ("pulp fiction de tarantino", "psycho de van sant")."""

from __future__ import annotations

import pytest
from conftest import run_cli

from moviebot.core.catalogue import Catalogue
from moviebot.core.sequels import numbers_in, split_number


def test_a_trailing_number_is_read_and_a_year_is_not():
    assert split_number("harry potter 3") == ("harry potter", 3, False)
    assert split_number("star wars episodio I") == ("star wars", 1, True)
    assert split_number("el padrino parte ii") == ("el padrino", 2, False)
    assert split_number("titanic 1997") is None
    assert split_number("titanic") is None
    assert numbers_in("The Godfather: Part II") == {2}
    assert numbers_in("Alien³") == {3}
    assert numbers_in("Harry Potter and the Prisoner of Azkaban") == set()
    assert numbers_in("V for Vendetta") == set()


@pytest.fixture(scope="module")
def sample(sample_db):
    cat = Catalogue.open(sample_db)
    yield cat
    cat.close()


@pytest.mark.parametrize(("query", "title"), [
    ("harry potter 1", "Harry Potter and the Philosopher's Stone"),
    ("harry potter 3", "Harry Potter and the Prisoner of Azkaban"),
    ("star wars episode 1", "Star Wars: Episode I - The Phantom Menace"),
    ("el señor de los anillos 3", "The Lord of the Rings: The Return of the King"),
    ("lord of the rings 2", "The Lord of the Rings: The Two Towers"),
    ("matrix 2", "The Matrix Reloaded"),
    ("el padrino 3", "The Godfather: Part III"),
    ("toy story 3", "Toy Story 3"),
    ("titanic 1997", "Titanic"),
    ("estar wars", "Star Wars"),  # the e Spanish speakers put before s + consonant
])
def test_the_franchise_film_people_mean(sample, query, title):
    res = sample.resolve(query)
    assert res.movie is not None and res.movie.title == title, (query, res)


@pytest.mark.parametrize("query", ["toy story 4", "titanic 2", "harry potter 5", "parasite 2"])
def test_a_number_past_the_franchise_is_not_answered(sample, query):
    res = sample.resolve(query)
    assert res.movie is None and res.alternatives, (query, res)


@pytest.fixture(scope="module")
def real(real_db):
    cat = Catalogue.open(real_db)
    yield cat
    cat.close()


def test_real_subset_numbers_beat_a_close_title(real):
    assert real.resolve("pesadilla en elm street 3").movie.title == \
        "A Nightmare on Elm Street 3: Dream Warriors"
    assert real.resolve("pesadilla en elm street").movie.title == "A Nightmare on Elm Street"
    assert real.resolve("alien 2").movie.title == "Aliens"
    assert real.resolve("batman 2").movie.title == "Batman Returns"
    assert real.resolve("rocky 3").movie.title == "Rocky III"


def test_the_chat_and_cli_read_the_number(sample_db):
    result = run_cli("ask", "algo como harry potter 2", "--db", str(sample_db))
    assert result.returncode == 0, result.stderr
    assert "Harry Potter and the Chamber of Secrets" in result.stdout.splitlines()[0]


@pytest.mark.parametrize(("query", "title", "year"), [
    ("pulp fiction de tarantino", "Pulp Fiction", 1994),
    ("psicosis de hitchcock", "Psycho", 1960),
    ("psycho de van sant", "Psycho", 1998),
    ("the shining by kubrick", "The Shining", 1980),
    ("heat con al pacino", "Heat", 1995),
    ("vertigo hitchcock", "Vertigo", 1958),
])
def test_a_title_with_its_director_or_actor(real, query, title, year):
    res = real.resolve(query)
    assert res.movie is not None and (res.movie.title, res.movie.year) == (title, year)


def test_a_person_not_in_the_film_finds_nothing(real):
    assert real.resolve("heat de tom hanks").movie is None


def test_a_surname_particle_apart_or_joined(real):
    found = {typed: real.resolve_person(typed).name
             for typed in ("di caprio", "deniro", "robert deniro", "vandamme", "espilberg")}
    assert found == {"di caprio": "Leonardo DiCaprio", "deniro": "Robert De Niro",
                     "robert deniro": "Robert De Niro", "vandamme": "Jean-Claude Van Damme",
                     "espilberg": "Steven Spielberg"}
