"""Generate the synthetic MovieLens-style ratings of the demo sample (ratings_small.csv).

Usage (from the repo root, after render.py):

    .venv/bin/python data/sample/make_ratings.py

Reads movies_metadata.csv (genres, language, year, TMDB votes) and links_small.csv (TMDB id
-> MovieLens movieId) next to this file. Writes ratings_small.csv with the MovieLens columns
userId,movieId,rating,timestamp, sorted by userId then movieId.

The ratings are invented, not MovieLens data. 160 users are drawn from ten taste profiles
(animation/family, science fiction, Spanish-language cinema, crime drama, blockbusters,
classics, world cinema, romance/period drama, horror/mystery, comedy). Each user rates 15-60 films, picked with a preference for films that
match the profile and for well-known films. A rating is

    3.0 + 0.9 * (TMDB vote_average - 7.2) + 0.7 * affinity + user bias + noise

clipped to 0.5-5.0 and rounded to halves, so good films score higher and fans score their
genre higher. One extra row (user 7, movieId 999999) points at a movie that is in no links
file, on purpose. Everything is seeded: re-running gives byte-identical output.
"""

from __future__ import annotations

import ast
import csv
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
SEED = 20171110
UNKNOWN_MOVIE = (7, 999999, 4.0)  # (userId, movieId, rating): movieId not in links_small

# profile -> (number of users, genre weights, language weights, extra weights)
PROFILES = {
    "animation_family": (20, {"Animation": 2.0, "Family": 1.5, "Fantasy": 0.5, "Horror": -2.0,
                              "Crime": -0.8, "War": -0.8}, {}, {}),
    "scifi": (18, {"Science Fiction": 2.0, "Adventure": 0.8, "Action": 0.6, "Fantasy": 0.4,
                   "Romance": -0.8}, {}, {}),
    "spanish_cinema": (16, {"Drama": 0.3, "Animation": -0.5}, {"es": 2.5, "pt": 1.0},
                       {"blockbuster": -0.5}),
    "crime_drama": (20, {"Crime": 2.0, "Thriller": 1.0, "Drama": 0.6, "Family": -1.2,
                         "Animation": -1.0}, {}, {}),
    "blockbuster": (22, {"Action": 1.2, "Adventure": 1.2, "Science Fiction": 0.5,
                         "Documentary": -2.0}, {"en": 0.3}, {"blockbuster": 1.5, "old": -1.0}),
    "classics": (12, {"Drama": 0.4, "Mystery": 0.6, "Romance": 0.4}, {},
                 {"old": 2.0, "blockbuster": -0.3}),
    "world_cinema": (12, {"Drama": 0.5}, {"fr": 1.5, "ja": 1.5, "ko": 1.5, "it": 1.5,
                                          "de": 1.5, "zh": 1.5, "es": 1.0, "pt": 1.0}, {}),
    # Appended (not inserted) so the users above keep their seeded draws.
    "romance_drama": (16, {"Romance": 2.5, "History": 1.0, "Drama": 0.3, "Horror": -1.5,
                           "Science Fiction": -1.0, "Animation": -0.8, "Crime": -1.0,
                           "Action": -0.5}, {}, {}),
    "horror_mystery": (12, {"Horror": 2.0, "Mystery": 1.2, "Thriller": 0.6, "Family": -1.5,
                            "Animation": -1.2, "Romance": -0.5}, {}, {}),
    "comedy": (12, {"Comedy": 2.0, "Romance": 0.3, "Horror": -1.0, "War": -1.0,
                    "Thriller": -0.5}, {}, {}),
}


def load_movies() -> pd.DataFrame:
    m = pd.read_csv(HERE / "movies_metadata.csv", low_memory=False, dtype=str)
    m = m[m["id"].str.fullmatch(r"\d+", na=False) & m["release_date"].notna()].copy()
    m["id"] = m["id"].astype(int)
    m["vote_count"] = pd.to_numeric(m["vote_count"]).fillna(0)
    m = m.sort_values("vote_count", ascending=False).drop_duplicates("id")
    m["vote_average"] = pd.to_numeric(m["vote_average"]).fillna(0)
    m["year"] = m["release_date"].str[:4].astype(int)
    m["genre_names"] = [[g["name"] for g in ast.literal_eval(x)] for x in m["genres"]]
    links = pd.read_csv(HERE / "links_small.csv")
    m = m.merge(links[["movieId", "tmdbId"]], left_on="id", right_on="tmdbId")
    return m.sort_values("movieId").reset_index(drop=True)


def affinity(m: pd.DataFrame, genres: dict, langs: dict, extra: dict) -> np.ndarray:
    a = np.array([sum(genres.get(g, 0.0) for g in gs) for gs in m["genre_names"]])
    a = a + m["original_language"].map(lambda x: langs.get(x, 0.0)).to_numpy()
    big = (m["vote_count"] >= 4000).to_numpy(dtype=float)
    old = (m["year"] < 1975).to_numpy(dtype=float)
    a = a + extra.get("blockbuster", 0.0) * big + extra.get("old", 0.0) * old
    return np.clip(a, -2.5, 2.5) / 2.5  # -1 .. 1


def main() -> None:
    rng = np.random.default_rng(SEED)
    m = load_movies()
    fame = (m["vote_count"].to_numpy() + 5.0) ** 0.5
    quality = np.where(m["vote_count"] > 0, m["vote_average"], 6.0)
    release = pd.to_datetime(m["release_date"]).map(lambda d: d.timestamp()).to_numpy()
    start_lo = datetime(2009, 1, 1, tzinfo=UTC).timestamp()
    start_hi = datetime(2016, 6, 30, tzinfo=UTC).timestamp()
    rows: list[tuple[int, int, float, int]] = []
    user = 0
    for n_users, genres, langs, extra in PROFILES.values():
        aff = affinity(m, genres, langs, extra)
        weight = fame * np.exp(2.0 * aff)
        p = weight / weight.sum()
        for _ in range(n_users):
            user += 1
            n = int(rng.integers(15, 61))
            picks = rng.choice(len(m), size=n, replace=False, p=p)
            bias = rng.normal(0.0, 0.3)
            start = rng.uniform(start_lo, start_hi)
            for i in sorted(picks, key=lambda j: m.at[j, "movieId"]):
                r = 3.0 + 0.9 * (quality[i] - 7.2) + 0.7 * aff[i] + bias + rng.normal(0, 0.55)
                r = float(np.clip(np.round(r * 2) / 2, 0.5, 5.0))
                ts = max(start + rng.uniform(0, 2 * 365 * 86400), release[i] + 7 * 86400)
                rows.append((user, int(m.at[i, "movieId"]), r, int(ts)))
    u, mid, r = UNKNOWN_MOVIE
    rows.append((u, mid, r, 1300000000))
    rows.sort(key=lambda x: (x[0], x[1]))
    with open(HERE / "ratings_small.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["userId", "movieId", "rating", "timestamp"])
        w.writerows(rows)
    print(f"wrote ratings_small.csv: {len(rows)} ratings from {user} users on "
          f"{len({x[1] for x in rows})} movies")


if __name__ == "__main__":
    main()
