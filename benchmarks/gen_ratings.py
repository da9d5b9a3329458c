"""MovieLens-style `links.csv` and `ratings.csv` for the data generator.

Proportions follow the full MovieLens files that ship with The Movies Dataset: 26,024,289
ratings by 270,896 users (about 96 each, long-tailed), 45,843 links rows of which 219 have no
tmdbId, ratings 0.5-5.0 in halves (whole stars more common), CRLF line ends, ratings sorted by
userId then movieId. Each film's ratings centre on its TMDB vote_average, so the
collaborative and the quality signals agree the way they do in the real data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks.gen_credits import draw

REAL_RATINGS = 26_024_289
REAL_USERS = 270_896
USER_CHUNK = 5_000  # users per streamed chunk: bounds memory at 10x
_RATING_TEXT = [f"{x / 2:.1f}" for x in range(11)]  # index = rating * 2
_T0, _T1 = 789_652_009, 1_501_545_600  # first MovieLens rating; Aug 2017


def write_links(
    path: Path,
    rng: np.random.Generator,
    *,
    tmdb_ids: np.ndarray,
    imdb_ids: np.ndarray,
    extra_id_base: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Write links.csv; return (movieId per row, index into `tmdb_ids` or -1 for extra rows)."""
    n_films = len(tmdb_ids)
    n_extra = max(1, round(n_films * 0.008))  # MovieLens films absent from the metadata
    n = n_films + n_extra
    movie_ids = np.cumsum(rng.geometric(0.26, n))  # gaps: ids reach ~176k for 45k rows
    film_of_row = np.full(n, -1, dtype=np.int64)
    film_rows = np.sort(rng.choice(n, n_films, replace=False))
    film_of_row[film_rows] = np.arange(n_films)
    missing = rng.random(n) < 0.0048  # links rows without a tmdbId
    extra_tmdb = extra_id_base + rng.choice(10 * n_extra + 10, n, replace=True)
    extra_imdb = rng.integers(1_000, 9_999_999, n)
    lines = ["movieId,imdbId,tmdbId\r\n"]
    for mid, f, miss, et, ei in zip(
        movie_ids.tolist(),
        film_of_row.tolist(),
        missing.tolist(),
        extra_tmdb.tolist(),
        extra_imdb.tolist(),
        strict=True,
    ):
        tmdb, imdb = (int(tmdb_ids[f]), int(imdb_ids[f])) if f >= 0 else (et, ei)
        lines.append(f"{mid},{imdb:07d},{'' if miss else tmdb}\r\n")
    path.write_text("".join(lines), encoding="utf-8", newline="")
    film_of_row[missing] = -2  # unlinked: no ratings can reach the catalogue through it
    return movie_ids, film_of_row


def _user_counts(rng: np.random.Generator, n_users: int, total: int, *, cap: int) -> np.ndarray:
    """Long-tailed ratings per user (MovieLens: median ~30, mean ~96) summing to ~`total`;
    no user rates more than `cap` films, the others make up the difference."""
    raw = np.maximum(1.0, rng.lognormal(3.58, 1.4, n_users))
    counts = raw * (total / raw.sum())
    for _ in range(8):  # water-filling: rescale the users below the cap
        counts = np.minimum(counts, cap)
        free = counts < cap
        missing = total - counts.sum()
        if missing <= 0.5 or not free.any():
            break
        counts = np.where(free, counts * (1 + missing / counts[free].sum()), counts)
    return np.maximum(1, np.rint(np.minimum(counts, cap))).astype(np.int64)


def write_ratings(
    path: Path,
    rng: np.random.Generator,
    *,
    n_ratings: int,
    n_users: int,
    movie_ids: np.ndarray,
    film_of_row: np.ndarray,
    vote_count: np.ndarray,
    vote_average: np.ndarray,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Write ratings.csv in user chunks (bounded memory); return the rows written."""
    # Item popularity follows TMDB vote counts (long tail); extra MovieLens-only films get a
    # small weight so a few ratings point outside the catalogue, as in the real files.
    votes = np.where(film_of_row >= 0, vote_count[np.maximum(film_of_row, 0)], 2)
    weight = (votes.astype(np.float64) + 0.5) ** 0.95
    cdf = np.cumsum(weight)
    cdf /= cdf[-1]
    mean = np.where(
        (film_of_row >= 0) & (votes > 0), vote_average[np.maximum(film_of_row, 0)] / 2 + 0.42, 3.3
    )
    per_user = _user_counts(rng, n_users, n_ratings, cap=max(1, len(movie_ids) // 3))
    bias = rng.normal(0.0, 0.45, n_users)
    start = rng.integers(_T0, _T1 - 86_400, n_users)
    span = rng.lognormal(15.0, 2.0, n_users)  # seconds: one sitting to many years

    written = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("userId,movieId,rating,timestamp\r\n")
        for lo in range(0, n_users, USER_CHUNK):
            hi = min(n_users, lo + USER_CHUNK)
            counts = per_user[lo:hi]
            # Over-draw, keep each user's first distinct films up to their count: one rating
            # per (user, film) without shrinking the total.
            want = np.minimum(counts, len(movie_ids) // 2)
            factor = 1.4 + 4.0 * want / len(movie_ids)  # heavy users meet more repeats
            users = np.repeat(np.arange(lo, hi), np.ceil(want * factor).astype(np.int64) + 2)
            key = users * len(movie_ids) + draw(rng, cdf, len(users))
            _, first = np.unique(key, return_index=True)
            first.sort()  # back to draw order, which is grouped by user
            u = users[first]
            starts = np.searchsorted(u, np.arange(lo, hi))
            rank = np.arange(len(first)) - starts[u - lo]
            key = np.sort(key[first[rank < want[u - lo]]])  # userId, then movieId order
            users, items = key // len(movie_ids), key % len(movie_ids)
            x = mean[items] + bias[users] + rng.normal(0.0, 0.85, len(key))
            halves = np.clip(np.rint(x * 2), 1, 10).astype(np.int64)
            # MovieLens users give whole stars more often than half stars.
            odd = (halves % 2 == 1) & (rng.random(len(key)) < 0.45)
            halves = np.clip(halves + odd * np.where(x * 2 > halves, 1, -1), 1, 10)
            ts = np.minimum(start[users] + rng.exponential(1.0, len(key)) * span[users], _T1)
            fh.write(
                "".join(
                    f"{u + 1},{m},{_RATING_TEXT[r]},{t}\r\n"
                    for u, m, r, t in zip(
                        users.tolist(),
                        movie_ids[items].tolist(),
                        halves.tolist(),
                        ts.astype(np.int64).tolist(),
                        strict=True,
                    )
                )
            )
            written += len(key)
            if progress:
                progress(f"ratings: users {hi:,}/{n_users:,}, {written:,} rows")
    return written
