"""PNG charts rendered in memory with matplotlib's Agg backend (no display, no files)."""

from __future__ import annotations

import io
import threading

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure

from moviebot.core.models import FilmLine

MAX_BARS = 25
_lock = threading.Lock()  # matplotlib's font cache and text layout are not thread-safe


def return_per_film(films: list[FilmLine], title: str) -> bytes | None:
    """A horizontal bar chart of revenue / budget per film (known returns only).

    Returns PNG bytes, or None when fewer than two films have a known return (a single bar
    says nothing the text does not).
    """
    known = [f for f in films if f.return_ and f.return_ > 0]
    if len(known) < 2:
        return None
    known.sort(key=lambda f: (f.release_date is None, f.release_date or 0, f.movie.title))
    known = known[-MAX_BARS:]
    labels = [f.movie.label for f in known]
    values = [f.return_ for f in known]
    with _lock:
        fig = Figure(figsize=(8, 1.2 + 0.35 * len(known)), dpi=100)
        ax = fig.subplots()
        colors = ["#2a9d8f" if v >= 1 else "#e76f51" for v in values]
        ax.barh(range(len(known)), values, color=colors)
        ax.set_yticks(range(len(known)), labels=labels, fontsize=8)
        ax.invert_yaxis()
        ax.axvline(1.0, color="#555555", linewidth=0.8, linestyle="--")
        if max(values) / max(min(values), 1e-9) > 50:
            ax.set_xscale("log")
        ax.set_xlabel("revenue ÷ budget")
        ax.set_title(title, fontsize=10)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    return buffer.getvalue()
