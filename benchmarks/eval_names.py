"""Accuracy of person resolution: names typed with slips, and surnames alone.

    python -m benchmarks.eval_names [--db DB] [--split dev|heldout] [--failures] [--json]

Queries are made at run time from the real subset's credits (../shared; nothing committed)
with benchmarks/typos.py: one random edit in one word of the name, one in every word, a
QWERTY neighbour, a respelling by sound, accents dropped, and the surname alone. Expected:
the person; for a surname, the best-known person of that surname (most votes over their
films, the measure the catalogue uses). Well-known people are asked for more often, as people
do. `--split dev` (seed 7) is for looking at failures; `heldout` is evaluated once at the end.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from unidecode import unidecode

from benchmarks import realdata, typos
from moviebot.core.catalogue import Catalogue
from moviebot.core.text import fold

KINDS = ["typo1", "typo_each", "keyboard", "phonetic", "no_accent", "surname"]
PER_KIND = 60
SEEDS = {"dev": 7, "heldout": 20261205}

_FAME = """
    SELECT name, sum(vote_count) + count(*) AS fame, count(*) AS films FROM (
        SELECT DISTINCT c.name, c.movie_id FROM cast_members c
        UNION SELECT DISTINCT d.name, d.movie_id FROM directors d
    ) p JOIN movies m ON m.id = p.movie_id
    WHERE name IS NOT NULL AND trim(name) <> ''
    GROUP BY name
"""


def queries(cat: Catalogue, *, seed: int, per_kind: int = PER_KIND) -> list[tuple[str, str, str]]:
    """(kind, query, expected name)."""
    rng = random.Random(seed)
    people = cat.connection().execute(_FAME).fetchall()
    by_surname: dict[str, tuple[float, str]] = {}
    for name, fame, _films in people:
        words = fold(name).split()
        if len(words) >= 2 and len(words[-1]) >= 4:
            best = by_surname.get(words[-1])
            if best is None or fame > best[0]:
                by_surname[words[-1]] = (fame, name)
    known = sorted((p for p in people if p[2] >= 3 and len(p[0].split()) >= 2),
                   key=lambda p: -p[1])[:800]
    rng.shuffle(known)
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    names = {fold(p[0]) for p in people}

    def add(kind: str, text: str, expected: str) -> None:
        if len(out[kind]) < per_kind and fold(text) != fold(expected) and fold(text) not in names:
            out[kind].append((kind, text, expected))

    def each(name: str, how, count: int | None) -> str:
        words = unidecode(name).lower().split()
        spots = [i for i, w in enumerate(words) if len(w) >= 3 and w.isalpha()]
        if not spots:
            return name
        for i in (spots if count is None else rng.sample(spots, min(count, len(spots)))):
            words[i] = how(words[i])
        return " ".join(words)

    for name, _fame, _films in known:
        add("typo1", each(name, lambda w: typos.edit(w, rng), 1), name)
        add("typo_each", each(name, lambda w: typos.edit(w, rng), None), name)
        add("keyboard", each(name, lambda w: typos.keyboard(w, rng), 1), name)
        add("phonetic", each(name, lambda w: typos.phonetic(w, rng), 1), name)
        if unidecode(name) != name:
            add("no_accent", unidecode(name).lower(), name)
        surname = fold(name).split()[-1]
        if surname in by_surname and by_surname[surname][1] == name:
            out["surname"].append(("surname", surname, name)) if len(
                out["surname"]) < per_kind else None
    return [q for kind in KINDS for q in out[kind]]


def evaluate(cat: Catalogue, qs: list[tuple[str, str, str]]) -> dict:
    score: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures = []
    for kind, text, expected in qs:
        got = cat.resolve_person(text).name
        ok = got == expected
        score[kind][0] += ok
        score[kind][1] += 1
        if not ok:
            failures.append(f"{kind:10} {text!r}: got {got}, want {expected}")
    right = sum(v[0] for v in score.values())
    total = sum(v[1] for v in score.values())
    return {"kinds": dict(score), "right": right, "total": total,
            "accuracy": right / total if total else 0.0, "failures": failures}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--db", type=Path, help="catalogue built from ../shared")
    p.add_argument("--split", choices=sorted(SEEDS), default="dev")
    p.add_argument("--failures", action="store_true")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            if not realdata.available():
                print("eval_names: the real subset (../shared) is absent; pass --db.")
                return 2
            db = realdata.build_catalogue(Path(tmp))
        with Catalogue.open(db) as cat:
            result = evaluate(cat, queries(cat, seed=SEEDS[args.split]))
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"== names ({args.split}): {result['right']}/{result['total']} = "
          f"{result['accuracy']:.1%} (target >= 95%)")
    for kind in KINDS:
        if kind in result["kinds"]:
            r, t = result["kinds"][kind]
            print(f"  {kind:10} {r:4}/{t:<4} {r / t:6.1%}")
    if args.failures:
        for line in result["failures"]:
            print("  FAIL " + line)
    return 0 if result["accuracy"] >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
