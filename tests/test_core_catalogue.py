"""Every catalogue question against the demo sample and the real subset, as users would check.

Facts below were looked up in the built catalogues (and are true of the films themselves).
"""

from __future__ import annotations

import statistics
import threading
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from moviebot.core.catalogue import Catalogue, CatalogueError
from moviebot.core.models import (
    ActorStats,
    CollectionStats,
    CompanyStats,
    Count,
    DirectorStats,
    NotFound,
    TopList,
)


@pytest.fixture(scope="module")
def sample(sample_db) -> Catalogue:
    cat = Catalogue.open(sample_db)
    yield cat
    cat.close()


@pytest.fixture(scope="module")
def real(real_db) -> Catalogue:
    cat = Catalogue.open(real_db)
    yield cat
    cat.close()


@pytest.fixture(params=["sample", "real"])
def cat(request) -> Catalogue:
    return request.getfixturevalue(request.param)


# -- opening ---------------------------------------------------------------------------------
def test_missing_file(tmp_path):
    with pytest.raises(CatalogueError, match="no catalogue"):
        Catalogue.open(tmp_path / "nope.duckdb")


def test_not_a_duckdb_file(tmp_path):
    bad = tmp_path / "movies.duckdb"
    bad.write_text("hello, not a database\n")
    with pytest.raises(CatalogueError, match="not a readable DuckDB file"):
        Catalogue.open(bad)


def test_wrong_schema(tmp_path):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE movies (id INTEGER, title VARCHAR)")
    con.close()
    with pytest.raises(CatalogueError, match="not a moviebot catalogue"):
        Catalogue.open(other)


def test_unknown_schema_version(sample_db, tmp_path):
    copy = tmp_path / "v99.duckdb"
    copy.write_bytes(Path(sample_db).read_bytes())
    con = duckdb.connect(str(copy))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(CatalogueError, match="schema version"):
        Catalogue.open(copy)


def test_opens_read_only(sample_db):
    with Catalogue.open(sample_db) as cat, pytest.raises(duckdb.Error):
        cat.connection().execute("DELETE FROM movies").fetchall()


def test_info(real):
    info = real.info()
    assert info.movies == 4995  # 5,000 rows, minus the duplicate id and rows without a date
    assert info.schema_version == 2 and info.has_ratings
    assert info.people > 5000


# -- resolving titles ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "movie_id"),
    [
        ("Titanic", 597), ("titanic 1997", 597), ("Titanic (1997)", 597),
        ("titanic (1953)", 16535), ("Titanic, 1953", 16535), ("TITANIK", 597),
        ("toy story", 862), ("toy stroy", 862), ("Toy Story 2", 863),
        ("amelie", 194), ("Le fabuleux destin d'Amélie Poulain", 194),
        ("the godfather", 238), ("godfather part 2", 240), ("the godfahter", 238),
        ("jumanji", 8844), ("heat 1995", 949), ("the movie heat", 949),
    ],
)
def test_resolve_both(cat, text, movie_id):
    res = cat.resolve(text)
    assert res.movie is not None and res.movie.id == movie_id, res
    assert 0.6 <= res.confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "movie_id"),
    [
        ("el laberinto del fauno", 1417), ("pans labyrinth", 1417), ("laberinto del fauno", 1417),
        ("cidade de deus", 598), ("city of god", 598), ("spirited away", 129),
        ("千と千尋の神隠し", 129), ("harry potter azkaban", 673), ("titanic 1943", 31390),
        ("star wars revenge of the sith", 1895),
    ],
)
def test_resolve_sample(sample, text, movie_id):
    res = sample.resolve(text)
    assert res.movie is not None and res.movie.id == movie_id, res


@pytest.mark.parametrize(
    ("text", "movie_id"),
    [
        ("todo sobre mi madre", 99), ("all about my mother", 99), ("amores perros", 55),
        ("lord of the rings fellowship", 120), ("fellowship of the ring", 120),
        ("la vita e bella", 637), ("nuovo cinema paradiso", 11216), ("se7en", 807),
        ("el espinazo del diablo", 1433), ("the devils backbone", 1433),
    ],
)
def test_resolve_real(real, text, movie_id):
    res = real.resolve(text)
    assert res.movie is not None and res.movie.id == movie_id, res


def test_same_title_offers_the_others(cat):
    res = cat.resolve("titanic")
    assert res.movie.id == 597
    assert 16535 in [a.id for a in res.alternatives]
    assert len(res.alternatives) <= 5
    assert res.to_json()["alternatives"][0].keys() == {"id", "title", "year"}


def test_year_picks_the_film_and_a_wrong_year_is_not_confident(cat):
    assert cat.resolve("titanic 1953").movie.id == 16535
    res = cat.resolve("titanic 2005")
    assert res.movie is None
    assert {597, 16535} <= {a.id for a in res.alternatives}


@pytest.mark.parametrize(
    "text",
    ["avengers endgame", "oppenheimer", "xyzzy", "toy story 5", "titanic 3",
     "star wars episode 9", "hello how are you", "matrix resurrections"],
)
def test_not_found_is_never_a_confident_film(cat, text):
    res = cat.resolve(text)
    assert res.movie is None, res


def test_ambiguous_partial_is_not_confident(real):
    # "star trek": which of the films? Say so instead of guessing. ("seven" is Se7en's
    # release title in Spanish, so it is no longer ambiguous.)
    res = real.resolve("star trek")
    assert res.movie is None
    assert len(res.alternatives) >= 2


def test_a_common_prefix_of_several_titles_asks(sample):
    res = sample.resolve("harry potter")  # four films: which one?
    assert res.movie is None
    assert {671, 672, 673, 674} <= {a.id for a in res.alternatives}


def test_suggest(cat):
    labels = [m.id for m in cat.suggest("toy sto")]
    assert labels[:1] == [862]
    assert cat.suggest("") == []


def test_resolve_person(real, sample):
    assert real.resolve_person("pedro almodovar").name == "Pedro Almodóvar"
    assert real.resolve_person("almodobar", role="director").name == "Pedro Almodóvar"
    assert real.resolve_person("Penelope Cruz").name == "Penélope Cruz"
    assert real.resolve_person("guillermo del toro").name == "Guillermo del Toro"
    assert real.resolve_person("tom hnaks").name == "Tom Hanks"
    assert real.resolve_person("zzyzx qwerty").name is None
    assert sample.resolve_person("john lasseter", role="director").name == "John Lasseter"
    # Tom Hanks acts; as a director he is not who "tom hanks" means in the sample.
    assert sample.resolve_person("tom hanks", role="director").name != "Tom Hanks"


# -- one film ---------------------------------------------------------------------------------
def test_movie_card_toy_story(cat):
    card = cat.movie(862)
    assert card.title == "Toy Story" and card.year == 1995
    assert card.directors == ["John Lasseter"]
    assert card.cast[:2] == ["Tom Hanks", "Tim Allen"]
    assert card.budget == 30_000_000 and card.revenue == 373_554_033
    assert card.return_ == pytest.approx(373_554_033 / 30_000_000)
    assert card.runtime == 81
    assert card.genres == ["Animation", "Comedy", "Family"]
    assert card.collection == "Toy Story Collection"
    assert card.imdb_url == "https://www.imdb.com/title/tt0114709/"
    assert card.tmdb_url == "https://www.themoviedb.org/movie/862"
    assert card.poster_url.startswith("https://image.tmdb.org/t/p/w500/")
    assert card.weighted_rating is not None and card.vote_count > 2000


def test_cards_keep_order_and_skip_unknown(cat):
    cards = cat.cards([597, 999_999_999, 862, 597])
    assert [c.id for c in cards] == [597, 862]
    assert cat.movie(-1) is None and cat.movie(2**40) is None and cat.movie("862") is None


def test_score_votes_runtime(real):
    assert real.score(862).popularity == pytest.approx(21.946943)
    assert real.runtime(597).minutes == 194
    toy = real.votes(862)
    assert toy.vote_count == 5415 and toy.vote_average == 7.7 and toy.qualifies
    heat = real.votes(949)  # 1,886 votes: shown, but under the 2,000-vote rule
    assert heat.vote_count == 1886 and not heat.qualifies
    assert real.votes(123456789) is None


def test_votes_rule_sample(sample):
    assert sample.votes(597).qualifies
    old = sample.votes(16535)
    assert not old.qualifies and old.vote_count < 2000


# -- counts ---------------------------------------------------------------------------------
def _dates(cat: Catalogue):
    return [r[0] for r in cat.connection().execute("SELECT release_date FROM movies").fetchall()]


def test_months_count_like_python(cat):
    by_month = Counter(d.month for d in _dates(cat))
    for text, month in [("enero", 1), ("January", 1), ("1", 1), ("Diciembre", 12),
                        ("july", 7)]:
        got = cat.films_in_month(text)
        assert isinstance(got, Count) and got.key == month
        assert got.count == by_month[month]
    assert cat.films_in_month("diciembre").name == "December"


def test_weekdays_count_like_python(cat):
    by_day = Counter(d.weekday() for d in _dates(cat))
    for text, day in [("miércoles", 2), ("miercoles", 2), ("Wednesday", 2), ("lunes", 0),
                      ("domingo", 6), ("SABADO", 5)]:
        got = cat.films_on_day(text)
        assert isinstance(got, Count) and got.key == day
        assert got.count == by_day[day]


def test_language(real):
    (n_es,) = real.connection().execute(
        "SELECT count(*) FROM movies WHERE original_language = 'es'").fetchall()[0]
    for text in ("es", "Spanish", "español", "espanol", "castellano"):
        got = real.language(text)
        assert isinstance(got, Count) and got.key == "es" and got.count == n_es
    assert real.language("English").count > 3000
    assert isinstance(real.language("klingon"), NotFound)


def test_country(real, sample):
    us = real.country("EEUU")
    assert us.key == "US" and us.name == "United States of America"
    assert real.country("Estados Unidos").count == us.count == real.country("usa").count
    es = real.country("España")
    assert es.key == "ES" and es.count == real.country("Spain").count == real.country("ES").count
    assert es.count > 10
    assert isinstance(real.country("Atlantis"), NotFound)
    assert sample.country("Francia").key == "FR"


# -- people, franchises, companies -------------------------------------------------------
def test_actor(real):
    hanks = real.actor("tom hanks")
    assert isinstance(hanks, ActorStats) and hanks.name == "Tom Hanks"
    assert hanks.films == len(hanks.all_films) >= 20
    known = [f for f in hanks.all_films if f.budget > 0 and f.revenue > 0]
    r = hanks.returns
    assert r.films == len(known) < hanks.films
    # The total return is money over money, not a sum of per-film ratios.
    assert r.total_budget == sum(f.budget for f in known)
    assert r.total_revenue == sum(f.revenue for f in known)
    assert r.overall == pytest.approx(r.total_revenue / r.total_budget)
    assert r.median == pytest.approx(statistics.median(f.revenue / f.budget for f in known))
    assert 1 < r.overall < 20 and r.overall < sum(f.return_ for f in known)
    assert hanks.best_known[0].movie.title == "Forrest Gump"
    assert len(hanks.best_known) == hanks.films
    cruz = real.actor("penelope cruz")
    assert cruz.name == "Penélope Cruz" and cruz.films == 8


def test_director(real):
    pedro = real.director("pedro almodovar")
    assert isinstance(pedro, DirectorStats) and pedro.name == "Pedro Almodóvar"
    titles = [f.movie.title for f in pedro.films]
    assert titles[0] == "Women on the Verge of a Nervous Breakdown"
    assert "All About My Mother" in titles and len(titles) == 6
    mother = next(f for f in pedro.films if f.movie.id == 99)
    assert mother.budget == 8_272_296 and mother.revenue == 67_872_296
    assert mother.release_date.year == 1999
    assert pedro.returns.films == 2  # only two films with both budget and revenue
    assert pedro.returns.total_budget == sum(
        f.budget for f in pedro.films if f.budget and f.revenue)
    cameron = real.director("james cameron")
    assert 597 in [f.movie.id for f in cameron.films]
    assert real.director("guillermo del toro").name == "Guillermo del Toro"


def test_sample_people(sample):
    lasseter = sample.director("John Lasseter")
    assert [f.movie.id for f in lasseter.films][:2] == [862, 863]
    assert sample.actor("Tom Hanks").films >= 3


def test_collection(cat):
    toy = cat.collection("toy story")
    assert isinstance(toy, CollectionStats) and toy.name == "Toy Story Collection"
    ids = [f.movie.id for f in toy.films]
    assert ids[:2] == [862, 863]
    known = [f.revenue for f in toy.films if f.revenue > 0]
    assert toy.films_with_revenue == len(known)
    assert toy.total_revenue == sum(known)
    assert toy.average_revenue == pytest.approx(sum(known) / len(known))
    assert cat.collection("saga toy story").name == "Toy Story Collection"


def test_collection_real(real):
    bond = real.collection("james bond")
    assert bond.name == "James Bond Collection" and len(bond.films) == 17


def test_company(real):
    pixar = real.company("pixar")
    assert isinstance(pixar, CompanyStats) and pixar.name == "Pixar Animation Studios"
    assert pixar.films == 4 and pixar.films_with_revenue == 4
    assert pixar.total_revenue == 1_796_996_017
    assert isinstance(real.company("zzqx films"), NotFound)


def test_top(real):
    top = real.top(limit=5)
    assert isinstance(top, TopList) and len(top.items) == 5
    wr = [f.weighted_rating for f in top.items]
    assert wr == sorted(wr, reverse=True)
    comedy = real.top(genre="comedia", year_from=1990, year_to=1999, limit=3)
    assert comedy.genre == "Comedy"
    assert comedy.items[0].movie.title == "Forrest Gump"
    assert all(1990 <= f.movie.year <= 1999 for f in comedy.items)
    bad = real.top(genre="nonsense")
    assert isinstance(bad, NotFound) and bad.kind == "genre" and "Comedy" in bad.suggestions
    assert "Science Fiction" in real.genres()


def test_top_sample(sample):
    ani = sample.top(genre="Animation", limit=20)
    assert {862, 129} <= {f.movie.id for f in ani.items}
    assert all(f.movie.year == 1997 for f in sample.top(year_from=1997, year_to=1997).items)


# -- absurd input -------------------------------------------------------------------------------
ABSURD = ["", "   ", "x" * 10_000, "🎬🍿😀", "'; DROP TABLE movies; --",
          "<script>alert(1)</script>", "%", "_", "\x00", "1' OR '1'='1", None]


@pytest.mark.parametrize("text", ABSURD)
def test_absurd_input_never_raises(cat, text):
    assert cat.resolve(text).movie is None
    assert cat.resolve_person(text).name is None
    assert isinstance(cat.suggest(text), list)
    for question in (cat.films_in_month, cat.films_on_day, cat.language, cat.country,
                     cat.actor, cat.director, cat.collection, cat.company):
        got = question(text)
        assert isinstance(got, NotFound), (question.__name__, got)
    # Words that are no genre are "genre not found"; no words at all is the unfiltered list.
    top = cat.top(genre=text)
    if text and any(ch.isalnum() for ch in text):
        assert isinstance(top, NotFound) and top.kind == "genre"
    else:
        assert isinstance(top, TopList) and top.items == cat.top().items


def test_threads_share_a_catalogue(real):
    errors = []

    def work():
        try:
            for _ in range(20):
                assert real.resolve("titanic 1997").movie.id == 597
                assert real.movie(862).directors == ["John Lasseter"]
                assert real.films_on_day("lunes").count > 0
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_warm_in_background(sample_db):
    with Catalogue.open(sample_db) as cat:
        thread = cat.warm(background=True)
        assert cat.actor("tom hanks").films >= 3  # safe while the thread builds
        thread.join(timeout=60)
        assert not thread.is_alive()


def test_cards_same_before_and_after_warm(real_db):
    ids = [862, 597, 99, 120, 11216, 637]
    with Catalogue.open(real_db) as cold, Catalogue.open(real_db) as warm:
        warm.warm()
        assert cold.cards(ids) == warm.cards(ids)
