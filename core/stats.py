"""Figures over a list of films: what they returned, and which are best known.

Kept apart from the catalogue so that every answer (chat, CLI, API) computes them one way.
"""

from __future__ import annotations

import statistics

import numpy as np

from moviebot.core.models import FilmLine, Returns


def returns_of(films: list[FilmLine]) -> Returns:
    """Total revenue / total budget and the median film's return, over the films whose
    budget and revenue are both known (a sum of per-film ratios would mean nothing).

    >>> returns_of([]).overall is None
    True
    """
    known = [f for f in films if f.budget > 0 and f.revenue > 0]
    budget = sum(f.budget for f in known)
    revenue = sum(f.revenue for f in known)
    return Returns(
        films=len(known),
        total_budget=budget,
        total_revenue=revenue,
        overall=revenue / budget if known else None,
        median=statistics.median(f.revenue / f.budget for f in known) if known else None,
    )


def by_fame(films: list[FilmLine]) -> list[FilmLine]:
    """`films` best known first: most votes, then by id (a stable order)."""
    return sorted(films, key=lambda f: (-f.vote_count, f.movie.id))


def best_rows(mask: np.ndarray, vote_count: np.ndarray, ids: np.ndarray, n: int) -> np.ndarray:
    """Rows of `mask` with the most votes (ties by id), at most `n`, best first."""
    rows = np.flatnonzero(mask)
    if len(rows) > n:
        # Only films with at least the n-th highest count can make the list.
        cut = np.partition(vote_count[rows], len(rows) - n)[len(rows) - n]
        rows = rows[vote_count[rows] >= cut]
    order = np.lexsort((ids[rows], -vote_count[rows]))
    return rows[order[:n]]
