"""Titles, overviews, taglines and other free text for the data generator.

Everything is composed from `benchmarks.wordlists`; nothing comes from the real dataset.
"""

from __future__ import annotations

import re

import numpy as np

from benchmarks.wordlists import (
    ACTIONS,
    ADJECTIVES,
    CLOSERS,
    EVENTS,
    FIRST_NAMES,
    GOALS,
    LANGUAGES,
    LAST_NAMES,
    NOUNS,
    OPENERS,
    PLACES,
    TAGLINES,
)

# (weight, pattern); A adjective, N/M nouns, F/L first/last name, P place, Y two-digit year.
_TITLE_PATTERNS = [
    (14, "The {A} {N}"),
    (12, "{A} {N}"),
    (1.5, "The {N}"),
    (1, "{N}"),
    (7, "{N} of the {M}"),
    (5, "{F}'s {N}"),
    (4, "{N} & {M}"),
    (5, "A {N} in {P}"),
    (0.5, "{P}"),
    (5, "{N} in {P}"),
    (5, "The {N} and the {M}"),
    (3, "{F} {L}"),
    (0.5, "Summer of '{Y}"),
    (3, "The {N} of {F} {L}"),
    (5, "{A} {N}: The {M}"),
    (1, "Love, {P}"),
    (4, "{N} {M}"),
    (1, "Don't Wake the {N}"),
    (5, "The {A} {N} of {P}"),
    (4, "{F} and the {A} {N}"),
    (4, "{A} {N}, {A2} {M}"),
    (3, "The Last {N} of {P}"),
    (3, "Return to {P}: The {A} {N}"),
    (3, "{N} {Y2}"),
]
_NO_SPACE = {"ja", "zh", "cn"}


def titles(rng: np.random.Generator, n: int) -> list[str]:
    """`n` English titles; short patterns over small word lists collide now and then, as
    real titles do."""
    w = np.array([p[0] for p in _TITLE_PATTERNS], dtype=float)
    pat = rng.choice(len(_TITLE_PATTERNS), n, p=w / w.sum())
    cols = [
        rng.integers(0, len(x), n)
        for x in (ADJECTIVES, NOUNS, NOUNS, FIRST_NAMES, LAST_NAMES, PLACES)
    ]
    years = rng.integers(0, 100, n)
    out = []
    for p, a, nn, m, f, la, pl, y in zip(
        pat.tolist(), *(c.tolist() for c in cols), years.tolist(), strict=True
    ):
        out.append(
            _TITLE_PATTERNS[p][1].format(
                A=ADJECTIVES[a],
                A2=ADJECTIVES[(a * 7 + y) % len(ADJECTIVES)],
                N=NOUNS[nn],
                M=NOUNS[m],
                F=FIRST_NAMES[f],
                L=LAST_NAMES[la],
                P=PLACES[pl],
                Y=f"{y:02d}",
                Y2=1900 + (a * 31 + y * 17) % 130,
            )
        )
    return out


def original_titles(rng: np.random.Generator, titles_: list[str], lang: np.ndarray) -> list[str]:
    """The title in the film's original language: the English title for English films,
    else `[article] noun [connector noun]` in that language (native script where it has one)."""
    parts = [words.split("|") if words else None for _, _, _, words in LANGUAGES]
    picks = rng.integers(0, 1 << 30, (len(titles_), 4)).tolist()
    out = []
    for t, li, (a, n1, n2, shape) in zip(titles_, lang.tolist(), picks, strict=True):
        if parts[li] is None:
            out.append(t)
            continue
        articles, nouns, joiner = parts[li][0].split(), parts[li][1].split(), parts[li][2]
        sep = "" if LANGUAGES[li][0] in _NO_SPACE else " "
        text = nouns[n1 % len(nouns)]
        if shape % 3 == 1:
            text = f"{text}{sep}{joiner}{sep}{nouns[n2 % len(nouns)]}"
        if articles and shape % 2 == 0:
            text = f"{articles[a % len(articles)]} {text}"
        out.append(text[:1].upper() + text[1:])
    return out


_SENTENCES = [
    "{O} {E}, a {adj} {noun} named {first} {act} the {noun2}.",
    "{first} {last}, a {adj} {noun} from {place}, must {goal}.",
    "In {place}, {first} {act} a {adj} {noun2} and nothing will ever be the same.",
    'Known to everyone as "the {noun}", {first} {act} the {adj} {noun2}.',
    "{first}'s {noun} {act} {last}'s {noun2}, and the two of them have to {goal}.",
    "{closer}",
    "With the help of a {adj} {noun}, {first} sets out to {goal}.",
]
_A_AN = re.compile(r"\b([Aa]) (?=[aeiouAEIOU])")


def sentence_pool(rng: np.random.Generator, n: int = 3000) -> list[str]:
    """Plot sentences; some hold apostrophes, commas and double quotes, as real overviews do."""
    out = []
    for k, row in enumerate(rng.integers(0, 1 << 30, (n, 9)).tolist()):
        a, nn, m, f, la, pl, act, g, e = row
        text = _SENTENCES[k % len(_SENTENCES)].format(
            O=OPENERS[g % len(OPENERS)],
            E=EVENTS[e % len(EVENTS)],
            adj=ADJECTIVES[a % len(ADJECTIVES)].lower(),
            noun=NOUNS[nn % len(NOUNS)].lower(),
            noun2=NOUNS[m % len(NOUNS)].lower(),
            first=FIRST_NAMES[f % len(FIRST_NAMES)],
            last=LAST_NAMES[la % len(LAST_NAMES)],
            place=PLACES[pl % len(PLACES)],
            act=ACTIONS[act % len(ACTIONS)],
            goal=GOALS[g % len(GOALS)],
            closer=CLOSERS[act % len(CLOSERS)],
        )
        out.append(_A_AN.sub(lambda mo: mo.group(1) + "n ", text))
    return out


def overviews(rng: np.random.Generator, pool: list[str], n: int) -> list[str]:
    """`n` overviews of a few sentences, about 300 characters on average (0-1000), 2% empty."""
    target = np.clip(rng.gamma(3.2, 84.0, n), 20, 1000)
    picks = rng.integers(0, len(pool), (n, 12)).tolist()
    empty = (rng.random(n) < 0.02).tolist()
    out = []
    for t, row, e in zip(target.tolist(), picks, empty, strict=True):
        if e:
            out.append("")
            continue
        parts, size = [], 0
        for i in row:
            parts.append(pool[i])
            size += len(pool[i]) + 1
            if size >= t:
                break
        out.append(" ".join(parts))
    return out


def tagline_pool(rng: np.random.Generator, n: int = 600) -> list[str]:
    r = rng.integers(0, 1 << 30, (n, 3)).tolist()
    out = list(TAGLINES)
    for a, nn, f in r[: n - len(out)]:
        noun, adj = NOUNS[nn % len(NOUNS)].lower(), ADJECTIVES[a % len(ADJECTIVES)].lower()
        out.append(
            [
                f"The {noun} is only the beginning.",
                f"Every {noun} has a {adj} side.",
                f"{FIRST_NAMES[f % len(FIRST_NAMES)]} is back.",
                f"Don't trust the {noun}.",
            ][f % 4]
        )
    return out


def slug(title: str) -> str:
    return "".join(ch for ch in title.lower() if ch.isascii() and ch.isalnum()) or "movie"
