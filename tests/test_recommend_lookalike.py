""""More like this" looks like the seed: no canon intruders, shared genres, meaningful reasons.

The canon is what the catalogue's own ratings say everybody likes (the 30 most-liked films,
likes = rating >= 4), counted here straight from the `ratings` table, not from the model.
"""

from __future__ import annotations

import duckdb
import pytest

from moviebot.core.catalogue import Catalogue
from moviebot.core.models import Filters
from moviebot.core.paths import REPO_ROOT

CANON = 30
TOP = 5  # the chat shows 5
AMELIE, TITANIC, LION_KING, HEAT, MATRIX = 194, 597, 8587, 949, 603
TOY_STORY, TOY_STORY_2, ALIEN, BLADE_RUNNER = 862, 863, 348, 78
GODFATHER, GOODFELLAS, PULP_FICTION = 238, 769, 680
PANEL = REPO_ROOT / "benchmarks" / "recommend_panel.csv"

def canon_and_genres(db) -> tuple[set[int], dict[int, set[str]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        canon = {r[0] for r in con.execute(
            "SELECT movie_id FROM ratings WHERE rating >= 4 GROUP BY movie_id"
            f" ORDER BY count(DISTINCT user_id) DESC, movie_id LIMIT {CANON}").fetchall()}
        genres: dict[int, set[str]] = {}
        for movie_id, name in con.execute("SELECT movie_id, name FROM genres").fetchall():
            genres.setdefault(movie_id, set()).add(name)
    finally:
        con.close()
    return canon, genres


def check_list(cat: Catalogue, seed: int, canon: set[int], genres: dict[int, set[str]]
               ) -> list[str]:
    """What a film lover would object to in the seed's first five (empty: nothing)."""
    rec = cat.recommend([seed], k=TOP)
    got = [r.movie for r in rec.results]
    problems = []
    if len(got) < TOP:
        problems.append(f"only {len(got)} results")
    mine = genres.get(seed, set())
    intruders = [m.title for m in got if m.id in canon and not genres.get(m.id, set()) & mine]
    if intruders:
        problems.append(f"canon intruders {intruders}")
    sharing = sum(bool(genres.get(m.id, set()) & mine) for m in got)
    if mine and sharing < TOP - 1:
        problems.append(f"only {sharing} of {TOP} share a genre")
    return problems


# -- the real 5,000-film subset with MovieLens ratings ------------------------------------


@pytest.fixture(scope="module")
def real_copy(real_db, tmp_path_factory):
    """A private copy, so this module's own DuckDB connection never meets another's."""
    import shutil

    copy = tmp_path_factory.mktemp("real-lookalike") / "movies.duckdb"
    shutil.copyfile(real_db, copy)
    return copy


@pytest.fixture(scope="module")
def real(real_copy):
    cat = Catalogue.open(real_copy)
    yield cat
    cat.close()


@pytest.mark.parametrize("seed", [AMELIE, TITANIC, LION_KING, HEAT, MATRIX])
def test_real_lists_hold_no_canon_intruder_and_share_genres(real, real_copy, seed):
    canon, genres = canon_and_genres(real_copy)
    assert check_list(real, seed, canon, genres) == []


def test_real_canon_is_not_everyone_s_answer(real, real_copy):
    """Over well-known seeds, no film opens (top 5) more than a few of them (the issue saw
    Shawshank in 11 of 18 lists)."""
    canon, _ = canon_and_genres(real_copy)
    seeds = [AMELIE, TITANIC, LION_KING, HEAT, MATRIX, TOY_STORY, ALIEN, BLADE_RUNNER,
             426, 238, 680, 289, 703, 329, 424, 694, 275, 62]
    counts: dict[int, int] = {}
    for seed in seeds:
        for r in real.recommend([seed], k=TOP).results:
            counts[r.movie.id] = counts.get(r.movie.id, 0) + 1
    assert max(counts.values()) <= 4, counts
    canon_shown = sum(n for film, n in counts.items() if film in canon)
    assert canon_shown <= len(seeds) * TOP * 0.3  # the previous default: 0.57


def test_real_lists_hold_films_a_film_lover_would_name(real):
    """The judged panel (benchmarks/recommend_panel.csv: for 48 well-known seeds, the films
    a film lover names as "more like this"): most seeds get at least one in the first 5."""
    import csv

    judged: dict[int, set[int]] = {}
    with open(PANEL, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            judged.setdefault(int(row["seed_id"]), set()).add(int(row["film_id"]))
    hits = {seed: len({r.movie.id for r in real.recommend([seed], k=TOP).results} & good)
            for seed, good in judged.items()}
    assert len(hits) >= 40
    assert sum(h > 0 for h in hits.values()) >= 0.7 * len(hits), hits
    assert sum(hits.values()) >= 1.3 * len(hits), hits
    assert hits[949] >= 1  # Heat: Casino


def test_real_toy_story_holds_its_sequel_and_family_animation(real):
    rec = real.recommend([TOY_STORY], k=TOP)
    got = [r.movie.id for r in rec.results]
    assert got[0] == TOY_STORY_2 or TOY_STORY_2 in got[:2]
    cards = real.cards(got)
    assert sum(bool({"Animation", "Family"} & set(c.genres)) for c in cards) >= 4


def test_real_canon_seed_meets_the_canon_only_where_it_belongs(real, real_copy):
    """A seed in the canon may bring canon films that share its genres (The Godfather:
    GoodFellas), not the crowd favourites that share one of them (Toy Story: Forrest Gump;
    Pulp Fiction does not open with The Shawshank Redemption)."""
    canon, _ = canon_and_genres(real_copy)
    assert {TOY_STORY, GODFATHER, PULP_FICTION} <= canon
    toy = [r.movie.id for r in real.recommend([TOY_STORY], k=TOP).results]
    assert not set(toy) & canon, toy
    godfather = [r.movie.id for r in real.recommend([GODFATHER], k=TOP).results]
    assert GOODFELLAS in godfather
    pulp = real.recommend([PULP_FICTION], k=TOP).results
    assert pulp[0].movie.id not in canon, pulp[0].movie.title


def test_real_reasons_are_meaningful(real):
    """The strongest shared thing; a keyword reason names at least two shared keywords;
    "fans like it far more than most" only where the co-likes say so."""
    seen_kinds = set()
    for seed in (AMELIE, TITANIC, LION_KING, HEAT, MATRIX, TOY_STORY, ALIEN, 426, 238):
        for r in real.recommend([seed], k=10).results:
            seen_kinds.add(r.reason_kind)
            assert r.reason and r.reason_kind in {
                "collection", "director", "cast", "liked", "keyword", "genre", "story"}
            if r.reason_kind == "keyword":
                assert len(r.reason_args["names"]) >= 2, r.reason
    assert {"collection", "director", "liked"} <= seen_kinds
    sequel = next(r for r in real.recommend([TOY_STORY], k=TOP).results
                  if r.movie.id == TOY_STORY_2)
    assert sequel.reason == "also in Toy Story Collection"


def test_real_several_seeds_and_filters_keep_the_list_in_shape(real, real_copy):
    canon, genres = canon_and_genres(real_copy)
    rec = real.recommend([ALIEN, BLADE_RUNNER], k=TOP, filters=Filters(year_from=1980))
    got = [r.movie for r in rec.results]
    assert len(got) == TOP and all(m.year >= 1980 for m in got)
    assert all(genres[m.id] & (genres[ALIEN] | genres[BLADE_RUNNER]) for m in got)
    assert not [m for m in got if m.id in canon
                and not genres[m.id] & (genres[ALIEN] | genres[BLADE_RUNNER])]


# -- the demo sample (what `make run` shows first) ----------------------------------------


@pytest.fixture(scope="module")
def sample(sample_db):
    cat = Catalogue.open(sample_db)
    yield cat
    cat.close()


def test_sample_every_film_gives_a_list_that_makes_sense(sample, sample_db):
    canon, genres = canon_and_genres(sample_db)
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        films = [r[0] for r in con.execute("SELECT id FROM movies ORDER BY id").fetchall()]
    finally:
        con.close()
    bad = {f: p for f in films if (p := check_list(sample, f, canon, genres))}
    assert bad == {}
    assert len(films) > 150


def test_sample_titanic_is_romance_drama_and_epic_not_the_crowd_favourites(sample):
    rec = sample.recommend([TITANIC], k=TOP)
    cards = sample.cards([r.movie.id for r in rec.results])
    assert sum(bool({"Romance", "Drama", "History", "War"} & set(c.genres))
               for c in cards) == TOP
    assert "Parasite" not in {c.title for c in cards}
