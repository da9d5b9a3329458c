"""`moviebot query` as processes: the same honest answers as the chat, and usage errors
refused with a message and exit status 2 (issue 12)."""

from __future__ import annotations

import json
import shutil

import pytest

from benchmarks import realdata
from tests.conftest import SKIP_SHARED, run_cli


def query(db, *args, input=None):
    return run_cli("query", *args, "--db", str(db), input=input)


def test_month_count_names_no_unexplained_number_and_lists_films(sample_db):
    r = query(sample_db, "month", "enero")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "1 film released in January"
    assert lines[1] == "best known:" and "Dr. Strangelove" in lines[2] and "/10 (" in lines[2]
    r = query(sample_db, "language", "español")
    assert r.stdout.startswith("15 films originally in Spanish (language code es)")
    out = json.loads(query(sample_db, "month", "december", "--json").stdout)
    assert out["count"] == 24 and len(out["best_known"]) == 5


def test_votes_state_the_rule_and_no_votes_yet(sample_db):
    r = query(sample_db, "votes", "titanic 1953")
    assert r.stdout.strip() == ("Titanic (1953): 61 votes, average 6.7/10 (does not qualify: "
                                "the vote question counts films with at least 2,000 votes; "
                                "1,939 short)")
    r = query(sample_db, "votes", "saved from the titanic")
    assert "no votes yet" in r.stdout
    card = query(sample_db, "movie", "titanic 1953").stdout
    assert "rating: 6.7/10 (61 votes)" in card and "weighted" not in card


def test_top_is_named_as_ranked_and_shows_each_films_own_rating(sample_db):
    r = query(sample_db, "top", "--decade", "1940s")
    assert "ranked by weighted rating" in r.stdout.splitlines()[0]
    assert "Casablanca (1942)  7.9/10 (1,810 votes)" in r.stdout
    r = query(sample_db, "top", "comedy", "--decade", "2050s")
    assert r.returncode == 0
    assert r.stdout.startswith("Nothing to rank for Comedy 2050-2059: the catalogue's rated "
                               "Comedy films run from ")


def test_actor_returns_are_money_over_money(sample_db):
    out = json.loads(query(sample_db, "actor", "tom hanks", "--json").stdout)
    r = out["returns"]
    assert r["overall"] == pytest.approx(r["total_revenue"] / r["total_budget"])
    text = query(sample_db, "actor", "tom hanks").stdout
    assert f"total {r['overall']:.2f}x" in text and f"median film {r['median']:.2f}x" in text
    assert "total return" not in text.replace("return over", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["top", "--decade", "199"], "argument --decade: write a decade like 1990s, not '199'"),
        (["top", "--limit", "0"], "--limit goes from 1 to 100, not 0"),
        (["recommend", "toy story", "-k", "0"], "goes from 1 to 50, not 0"),
        (["recommend", "toy story", "-k", "-5"], "goes from 1 to 50, not -5"),
        (["recommend", "toy story", "-k", "100000"], "goes from 1 to 50, not 100000"),
        (["recommend", "toy story", "-k", "many"], "takes a whole number"),
        (["recommend", "toy story", "--min-rating", "11"],
         "the minimum rating goes from 0 to 10, not 11"),
        (["recommend", "toy story", "--min-rating", "-1"], "the minimum rating goes from 0 to 10"),
    ],
)
def test_usage_errors_are_refused_with_exit_status_2(sample_db, args, message):
    r = query(sample_db, *args)
    assert r.returncode == 2, r.stdout
    assert r.stdout == "" and message in r.stderr and "Traceback" not in r.stderr


def test_the_edges_of_the_ranges_work(sample_db):
    r = query(sample_db, "recommend", "toy story", "-k", "50", "--min-rating", "7,5", "--json")
    assert r.returncode == 0, r.stderr
    assert 0 < len(json.loads(r.stdout)["results"]) <= 50
    r = query(sample_db, "top", "--decade", "1990", "--limit", "100")
    assert r.returncode == 0 and "1990-1999" in r.stdout.splitlines()[0]


# -- the ETL reads a folder whose files are named for the cut they are -------------------
def test_etl_reads_head_and_reconstructed_names(sample_source, tmp_path):
    src = tmp_path / "cut"
    src.mkdir()
    renamed = {
        "movies_metadata.csv": "movies_metadata_head160.csv",
        "credits.csv": "credits_head160.RECONSTRUCTED.csv",
        "keywords.csv": "keywords.csv",
    }
    for kaggle, cut in renamed.items():
        shutil.copy(sample_source / kaggle, src / cut)
    # A derivative with other columns must not be taken for credits.
    (src / "credits_top3cast_director_head160.DERIVATIVE.csv").write_text("id,top3\n1,x\n")
    db = tmp_path / "movies.duckdb"
    r = run_cli("etl", "--source", str(src), "--db", str(db), "--quiet")
    assert r.returncode == 0, r.stderr
    card = json.loads(query(db, "movie", "toy story", "--json").stdout)
    assert card["directors"] == ["John Lasseter"]


def test_readme_etl_example_on_the_shared_folder(tmp_path):
    if not realdata.available():
        pytest.skip(SKIP_SHARED)
    from moviebot.core.paths import shared_data_dir

    db = tmp_path / "movies.duckdb"
    r = run_cli("etl", "--source", str(shared_data_dir()), "--db", str(db), "--progress")
    assert r.returncode == 0, r.stderr
    assert "credits_head5000.RECONSTRUCTED.csv.gz" in r.stdout + r.stderr
    assert "Alfred Hitchcock: 52 films" in query(db, "director", "alfred hitchcock").stdout
