"""How people mistype, as generators for the evaluation sets (independent of the matcher's
rules: edits fall on any letter, the first one included).

    edit(word, rng)          one random edit: substitute, delete, insert, swap, double, undouble
    keyboard(word, rng)      a QWERTY neighbour instead of a letter ("titsnic")
    phonetic(word, rng)      a respelling by sound (ph/f, c/k, y/i, v/b, doubled letters, ...)
    autocorrect(word, words, rng)   a phone's autocorrect: a real word one edit away

>>> import random
>>> len(edit("titanic", random.Random(1))) in (6, 7, 8)
True
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def _neighbours() -> dict[str, str]:
    """Letters next to each letter on a QWERTY keyboard (same row and the rows around)."""
    pos = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
    out = {}
    for ch, (r, c) in pos.items():
        near = []
        for other, (r2, c2) in pos.items():
            # rows are offset by half a key: the keys above/below at c and c+-1
            if other != ch and abs(r - r2) <= 1 and -1 <= (c2 - c) + (0.5 * (r2 - r)) <= 1:
                near.append(other)
        out[ch] = "".join(sorted(near))
    return out


NEIGHBOURS = _neighbours()


def edit(word: str, rng: random.Random) -> str:
    """One random edit anywhere in `word` (at least 2 letters)."""
    if len(word) < 2:
        return word
    for _ in range(10):
        i = rng.randrange(len(word))
        op = rng.choice("sditDU")
        if op == "s":
            out = word[:i] + rng.choice(LETTERS.replace(word[i], "")) + word[i + 1:]
        elif op == "d":
            out = word[:i] + word[i + 1:]
        elif op == "i":
            out = word[:i] + rng.choice(LETTERS) + word[i:]
        elif op == "t" and i < len(word) - 1 and word[i] != word[i + 1]:
            out = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        elif op == "D":  # a doubled letter ("jurrassic")
            out = word[:i] + word[i] + word[i:]
        elif op == "U":  # a doubled letter typed once ("jurasic")
            m = [j for j in range(len(word) - 1) if word[j] == word[j + 1]]
            if not m:
                continue
            j = rng.choice(m)
            out = word[:j] + word[j + 1:]
        else:
            continue
        if out != word and len(out) >= 2:
            return out
    return word


def keyboard(word: str, rng: random.Random) -> str:
    """A neighbouring key instead of one letter (any position)."""
    spots = [i for i, ch in enumerate(word) if ch in NEIGHBOURS]
    if not spots:
        return word
    i = rng.choice(spots)
    return word[:i] + rng.choice(NEIGHBOURS[word[i]]) + word[i + 1:]


_SOUNDS = [
    (r"ph", "f"), (r"f", "ph"), (r"c(?=[aou])", "k"), (r"k", "c"), (r"ck", "k"), (r"y$", "i"),
    (r"i(?=[aeou])", "y"), (r"ie", "ee"), (r"ee", "i"), (r"ou", "u"), (r"v", "b"), (r"b", "v"),
    (r"z", "s"), (r"(?<=[aeiou])s(?=[aeiou])", "z"), (r"qu", "kw"), (r"x", "ks"),
    (r"tion", "shun"), (r"ll", "y"), (r"^h(?=[aeiou])", ""), (r"([bcdfglmnprst])\1", r"\1"),
    (r"(?<=[aeiou])([lmnprst])(?=[aeiouy])", r"\1\1"), (r"th", "t"), (r"wh", "w"),
    (r"oo", "u"), (r"ea", "ee"), (r"c(?=[ei])", "s"), (r"s$", "z"), (r"er$", "a"),
]


def phonetic(word: str, rng: random.Random) -> str:
    """The word respelled as it sounds: one rule that applies, chosen at random."""
    rules = [(p, r) for p, r in _SOUNDS if re.search(p, word)]
    if not rules:
        return word
    pattern, repl = rng.choice(rules)
    matches = list(re.finditer(pattern, word))
    m = rng.choice(matches)
    out = word[: m.start()] + m.expand(repl) + word[m.end():]
    return out if out != word else word


def autocorrect(word: str, words: Sequence[str], rng: random.Random) -> str:
    """What a phone's autocorrect makes of a slip: another real word one edit away, of the
    same first letter (autocorrect keeps it), or `word` when there is none."""
    near = [w for w, d, _ in process.extract(word, words, scorer=Levenshtein.distance,
                                             score_cutoff=1, limit=50)
            if w != word and w[:1] == word[:1] and d == 1]
    return rng.choice(sorted(near)) if near else word
