"""People and the `cast`/`crew` cells of a generated credits.csv.

People come from pools (actors, directors, other crew) drawn with Zipf-like reuse, so a few
names have dozens of films and most have one or two, as in the real file. A person's name,
gender, TMDB id and profile path depend only on their pool index, so they are identical in
every film they appear in. Cells are formatted the way Python's `str()` prints a list of
dicts (the real file's encoding), one chunk of films at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from benchmarks.wordlists import (
    CHARACTER_ROLES,
    CREW_JOBS,
    FIRST_NAMES,
    LAST_NAMES,
    NATIVE_FULL_NAMES,
)

_B62 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", np.uint8)
_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def zipf_cdf(n: int, *, a: float, k: float, uniform: float = 0.0) -> np.ndarray:
    """Cumulative distribution of ranks 0..n-1 with weight (rank + k) ** -a, mixed with a
    `uniform` share spread evenly (the many one-film people of real credits)."""
    w = (np.arange(n, dtype=np.float64) + k) ** -a
    w = (1.0 - uniform) * w / w.sum() + uniform / n
    cdf = np.cumsum(w)
    return cdf / cdf[-1]


def draw(rng: np.random.Generator, cdf: np.ndarray, size: int) -> np.ndarray:
    """`size` ranks drawn from a cumulative distribution."""
    return np.minimum(np.searchsorted(cdf, rng.random(size)), len(cdf) - 1)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: a cheap, well-spread hash of uint64 values."""
    with np.errstate(over="ignore"):
        x = (x + np.uint64(0x9E3779B97F4A7C15)) & _M64
        x = ((x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & _M64
        x = ((x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & _M64
        return x ^ (x >> np.uint64(31))


def tmdb_paths(keys: np.ndarray, salt: int) -> list[str]:
    """Deterministic TMDB-style image paths ('/' + 27 base-62 chars + '.jpg') per key."""
    keys = keys.astype(np.uint64) ^ np.uint64(salt)
    chars = np.empty((len(keys), 27), dtype=np.uint8)
    h = keys
    for block in range(3):  # 3 hashes x 9 base-62 digits each
        h = _mix(h + np.uint64(block))
        v = h.copy()
        for j in range(9):
            chars[:, block * 9 + j] = _B62[(v % np.uint64(62)).astype(np.intp)]
            v //= np.uint64(62)
    text = chars.tobytes().decode("ascii")
    return [f"/{text[i : i + 27]}.jpg" for i in range(0, len(text), 27)]


def person_names(index: np.ndarray) -> list[str]:
    """Distinct names for person keys: a bijective shuffle of first x last names for the
    first len(first) x len(last) keys, then the same with middle initials (and a few names
    in their own scripts, which may repeat, as real names do)."""
    nf, nl = len(FIRST_NAMES), len(LAST_NAMES)
    m = nf * nl
    j = (index.astype(np.int64) * 7919 + 104729) % m  # 7919 is prime and coprime to m
    first, last, tier = j % nf, j // nf, index // m
    native = _mix(index.astype(np.uint64)) % np.uint64(700) == 0  # ~0.15 %: own script
    names = []
    for f, la, t, nat, i in zip(
        first.tolist(), last.tolist(), tier.tolist(), native.tolist(), index.tolist(), strict=True
    ):
        if nat:
            names.append(NATIVE_FULL_NAMES[i % len(NATIVE_FULL_NAMES)])
        elif t:  # beyond first x last combinations: initials keep names distinct
            mid = chr(65 + (t - 1) % 26) + "." + ("" if t <= 26 else f" {chr(65 + t // 26)}.")
            names.append(f"{FIRST_NAMES[f]} {mid} {LAST_NAMES[la]}")
        else:
            names.append(f"{FIRST_NAMES[f]} {LAST_NAMES[la]}")
    return names


@dataclass(frozen=True)
class Pools:
    """Person pools: global index ranges and their reuse distributions."""

    n_actors: int
    n_directors: int
    n_crew: int
    actor_cdf: np.ndarray
    director_cdf: np.ndarray
    crew_cdf: np.ndarray

    @classmethod
    def for_movies(cls, movies: int) -> Pools:
        # Real credits: ~2.8 films per actor with ~45 % of them in one film, the busiest near
        # 200; directors ~2.8 films each, the busiest near 100.
        na, nd, nc = max(500, movies * 5), max(100, int(movies * 0.45)), max(500, movies * 4)
        return cls(
            na,
            nd,
            nc,
            zipf_cdf(na, a=1.0, k=200.0, uniform=0.4),
            zipf_cdf(nd, a=0.9, k=40.0, uniform=0.35),
            zipf_cdf(nc, a=1.0, k=200.0, uniform=0.35),
        )

    # Person keys interleave the pools (rank * 3 + pool), so the busiest people of every
    # pool get the low keys, hence plain unique names (see `person_names`).
    def actor(self, rank: np.ndarray) -> np.ndarray:
        return rank * 3

    def director(self, rank: np.ndarray) -> np.ndarray:
        return rank * 3 + 1

    def crew(self, rank: np.ndarray) -> np.ndarray:
        return rank * 3 + 2


class PersonText:
    """Literal fragments for the people of one chunk: 'gender'+'id', 'name', 'profile_path'."""

    def __init__(self, people: np.ndarray, *, salt: int) -> None:
        self.unique, self.inverse = np.unique(people, return_inverse=True)
        u = self.unique.astype(np.uint64)
        h = _mix(u ^ np.uint64(salt))
        gender = np.select([h % np.uint64(100) < 35, h % np.uint64(100) < 60], [0, 1], 2)
        tmdb_id = self.unique * 3 + 1 + (h % np.uint64(3)).astype(np.int64)
        has_photo = (h >> np.uint64(8)) % np.uint64(100) < 45
        paths = tmdb_paths(u, salt + 1)
        self.gender_id = [
            f"'gender': {g}, 'id': {i}"
            for g, i in zip(gender.tolist(), tmdb_id.tolist(), strict=True)
        ]
        self.name = [f"'name': {n!r}" for n in person_names(self.unique)]
        self.profile = [
            f"'profile_path': {p!r}" if ok else "'profile_path': None"
            for p, ok in zip(paths, has_photo.tolist(), strict=True)
        ]


def _characters(rng: np.random.Generator, n: int) -> list[str]:
    """A pool of character names as literals: roles, first names, nicknames, empty."""
    out = []
    kind = rng.integers(0, 10, n)
    f = rng.integers(0, len(FIRST_NAMES), n)
    la = rng.integers(0, len(LAST_NAMES), n)
    r = rng.integers(0, len(CHARACTER_ROLES), n)
    for k, fi, li, ri in zip(kind.tolist(), f.tolist(), la.tolist(), r.tolist(), strict=True):
        if k == 0:
            s = ""
        elif k <= 3:
            s = CHARACTER_ROLES[ri]
        elif k <= 5:
            s = FIRST_NAMES[fi]
        elif k == 6:
            s = f'{FIRST_NAMES[fi]} "{CHARACTER_ROLES[ri].split()[-1]}" {LAST_NAMES[li]}'
        elif k == 7:
            s = (
                f"{FIRST_NAMES[fi]} {LAST_NAMES[li]} (voice)"
                if ri % 3 == 0
                else f"Mrs. {LAST_NAMES[li]}"
            )
        else:
            s = f"{FIRST_NAMES[fi]} {LAST_NAMES[li]}"
        out.append(repr(s))
    return out


def _credit_ids(rng: np.random.Generator, n: int) -> list[str]:
    text = rng.bytes(12 * n).hex()
    return [text[i : i + 24] for i in range(0, len(text), 24)]


def _segments(sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start offsets of each film's entries, and each entry's position within its film."""
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    pos = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(starts, sizes)
    return starts, pos


def _join(entries: list[str], sizes: np.ndarray) -> list[str]:
    out, i = [], 0
    for n in sizes.tolist():
        out.append("[" + ", ".join(entries[i : i + n]) + "]" if n else "[]")
        i += n
    return out


class CreditsMaker:
    """Makes the `cast` and `crew` cells for chunks of films."""

    _JOB_P = np.array([w for _, _, w in CREW_JOBS]) / sum(w for _, _, w in CREW_JOBS)

    def __init__(self, rng: np.random.Generator, pools: Pools, *, seed: int) -> None:
        self.rng, self.pools, self.salt = rng, pools, seed * 1_000_003
        self.characters = _characters(rng, 6000)
        self.jobs = [f"'department': {d!r}, " for d, _, _ in CREW_JOBS] + [
            "'department': 'Directing', "
        ]
        self.job_names = [f"'job': {j!r}" for _, j, _ in CREW_JOBS] + ["'job': 'Director'"]

    def sizes(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cast size, other-crew size and number of directors per film (long tails)."""
        rng = self.rng
        cast = np.minimum(np.rint(rng.lognormal(2.2, 0.85, n)), 313).astype(np.int64)
        cast[rng.random(n) < 0.05] = 0
        crew = np.minimum(np.rint(rng.lognormal(1.75, 1.05, n)), 430).astype(np.int64)
        crew[rng.random(n) < 0.02] = 0
        directors = rng.choice(4, n, p=[0.03, 0.88, 0.08, 0.01])
        directors[crew == 0] = 0
        return cast, crew, directors

    def cast_cells(self, sizes: np.ndarray, stars: np.ndarray) -> list[str]:
        """One cast literal per film; `stars` (n, 2) forces actor ranks at order 0/1 (-1: none)."""
        rng, total = self.rng, int(sizes.sum())
        starts, order = _segments(sizes)
        rank = draw(rng, self.pools.actor_cdf, total)
        for col in range(2):  # franchise stars keep their top billing across a collection
            want = (stars[:, col] >= 0) & (sizes > col)
            rank[starts[want] + col] = stars[want, col]
        people = PersonText(self.pools.actor(rank), salt=self.salt)
        cast_id = (
            order + np.repeat(rng.integers(1, 20, len(sizes)), sizes) + rng.integers(0, 3, total)
        )
        chars = rng.integers(0, len(self.characters), total)
        entries = [
            f"{{'cast_id': {c}, 'character': {self.characters[ch]}, 'credit_id': '{cr}', "
            f"{people.gender_id[p]}, {people.name[p]}, 'order': {o}, {people.profile[p]}}}"
            for c, ch, cr, p, o in zip(
                cast_id.tolist(),
                chars.tolist(),
                _credit_ids(rng, total),
                people.inverse.tolist(),
                order.tolist(),
                strict=True,
            )
        ]
        return _join(entries, sizes)

    def crew_cells(self, crew: np.ndarray, directors: np.ndarray, fixed: np.ndarray) -> list[str]:
        """One crew literal per film: `directors` Director entries at random positions among
        `crew` others; `fixed` >= 0 forces that director rank for the film's first one."""
        rng = self.rng
        sizes = crew + directors
        total = int(sizes.sum())
        starts, _ = _segments(sizes)
        job = rng.choice(len(CREW_JOBS), total, p=self._JOB_P)
        is_dir = np.zeros(total, dtype=bool)
        has = directors > 0
        # Directors sit anywhere in the list, not always first (a rare collision of two
        # random positions just leaves one director fewer).
        first_dir = starts[has] + (rng.random(int(has.sum())) * sizes[has]).astype(np.int64)
        is_dir[first_dir] = True
        for k in range(1, int(directors.max(initial=0))):
            sel = directors > k
            at = starts[sel] + (rng.random(int(sel.sum())) * sizes[sel]).astype(np.int64)
            is_dir[at] = True
        rank = np.where(
            is_dir, draw(rng, self.pools.director_cdf, total), draw(rng, self.pools.crew_cdf, total)
        )
        people_idx = np.where(is_dir, self.pools.director(rank), self.pools.crew(rank))
        want = has & (fixed >= 0)
        people_idx[first_dir[want[has]]] = self.pools.director(fixed[want])
        job = np.where(is_dir, len(CREW_JOBS), job)
        people = PersonText(people_idx, salt=self.salt)
        entries = [
            f"{{'credit_id': '{cr}', {self.jobs[j]}{people.gender_id[p]}, {self.job_names[j]}, "
            f"{people.name[p]}, {people.profile[p]}}}"
            for cr, j, p in zip(
                _credit_ids(rng, total), job.tolist(), people.inverse.tolist(), strict=True
            )
        ]
        return _join(entries, sizes)
