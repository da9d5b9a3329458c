"""Free-text requests: is each message read as the command and argument a person meant?

    python -m benchmarks.eval_freetext [--db DB] [--split dev|heldout|all] [--failures] [--json]

`benchmarks/freetext_requests.csv` holds requests written the way people type them (lower
case, no accents, typos, chatty phrasing; about half Spanish) with the expected command and
argument. The argument is compared by meaning, through the catalogue: a title resolves to
the same film, a name to the same person, a genre/years/month/language/country to the same
value, recommendation filters to the same filters. Rows carry a split: tune on `dev`, report
`heldout` once at the end. Needs the real subset (../shared) or --db; parse latency
(interpreter alone, and with the catalogue) is printed with p50/p99.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks import realdata
from benchmarks.common import percentiles
from moviebot.core import lookups
from moviebot.core.catalogue import Catalogue
from moviebot.core.interpret import filters as f
from moviebot.core.interpret import interpret
from moviebot.core.text import fold

REQUESTS_CSV = Path(__file__).with_name("freetext_requests.csv")
MOVIE_COMMANDS = {"movie", "runtime", "score", "votes"}


def load(split: str) -> list[dict[str, str]]:
    with REQUESTS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r for r in rows if split == "all" or r["split"] == split]


def _film(cat: Catalogue, text: str) -> int | None:
    res = cat.resolve(text)
    return res.movie.id if res.movie else None


def _seed_and_filters(text: str) -> tuple[str, dict[str, str]]:
    words = f.parse(text)
    return words.rest, {k: fold(v) for k, v in words.values.items()}


def same_arg(cat: Catalogue, command: str, got: str, want: str) -> bool:
    """Whether two arguments of `command` mean the same thing."""
    if command in MOVIE_COMMANDS:
        return _film(cat, got) is not None and _film(cat, got) == _film(cat, want)
    if command in ("actor", "director"):
        a, b = cat.resolve_person(got), cat.resolve_person(want)
        return a.name is not None and a.name == b.name
    if command == "recommend":
        (gs, gf), (ws, wf) = _seed_and_filters(got), _seed_and_filters(want)
        if "lang" in gf:
            gf["lang"] = lookups.language(gf["lang"]) or gf["lang"]
        if "lang" in wf:
            wf["lang"] = lookups.language(wf["lang"]) or wf["lang"]
        return _film(cat, gs) is not None and _film(cat, gs) == _film(cat, ws) and gf == wf
    if command == "top":
        g, w = f.parse_top(got), f.parse_top(want)
        norm = [(f.genre_of(x[0]) if x[0] else None, x[1], x[2]) for x in (g, w)]
        return norm[0] == norm[1]
    if command == "month":
        return lookups.month(got) == int(want)
    if command == "day":
        return lookups.weekday(got) == int(want)
    if command == "language":
        return lookups.language(got) == want
    if command == "country":
        return lookups.country(got) == want
    return True  # start, help, thanks: the command is the answer


def evaluate(cat: Catalogue, rows: list[dict[str, str]]) -> dict:
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures = []
    bare_ms, full_ms = [], []
    for r in rows:  # warm-up: first-use costs (regex compiling, people index) are not parsing
        interpret(r["text"] + "  ")
        interpret(r["text"], catalogue=cat)
    for rounds in range(1, 6):  # the rules alone, five rounds (fresh strings: no cache)
        for r in rows:
            t0 = time.perf_counter()
            interpret(r["text"] + " " * (rounds + 2))
            bare_ms.append((time.perf_counter() - t0) * 1000)
    for r in rows:
        t0 = time.perf_counter()
        got = interpret(r["text"], catalogue=cat)
        full_ms.append((time.perf_counter() - t0) * 1000)
        ok = got.command == r["command"] and same_arg(cat, r["command"], got.arg, r["arg"])
        by_lang[r["lang"]][0] += ok
        by_lang[r["lang"]][1] += 1
        if not ok:
            failures.append(f"{r['text']!r}: got /{got.command} {got.arg!r} ({got.rule}), "
                            f"want /{r['command']} {r['arg']!r}")
    right = sum(v[0] for v in by_lang.values())
    total = sum(v[1] for v in by_lang.values())
    return {
        "right": right, "total": total, "accuracy": right / total if total else 0.0,
        "by_lang": dict(by_lang), "failures": failures,
        "parse_ms": dict(zip(("p50", "p99"), percentiles(bare_ms), strict=True)),
        "with_catalogue_ms": dict(zip(("p50", "p99"), percentiles(full_ms), strict=True)),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--db", type=Path, help="catalogue built from ../shared")
    p.add_argument("--split", choices=["dev", "heldout", "all"], default="dev")
    p.add_argument("--failures", action="store_true")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            if not realdata.available():
                print("eval_freetext: the real subset (../shared) is absent; pass --db.")
                return 2
            db = realdata.build_catalogue(Path(tmp))
        with Catalogue.open(db) as cat:
            cat.warm()
            result = evaluate(cat, load(args.split))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"== free text ({args.split}): {result['right']}/{result['total']} = "
              f"{result['accuracy']:.1%} (target >= 95%)")
        for lang, (r, t) in sorted(result["by_lang"].items()):
            print(f"  {lang}: {r}/{t} = {r / t:.1%}")
        print(f"  parse p50 {result['parse_ms']['p50']:.3f} ms, p99 "
              f"{result['parse_ms']['p99']:.3f} ms (target p99 <= 2 ms); with the catalogue "
              f"p50 {result['with_catalogue_ms']['p50']:.2f} ms, p99 "
              f"{result['with_catalogue_ms']['p99']:.2f} ms")
        if args.failures:
            for line in result["failures"]:
                print("  FAIL " + line)
    return 0 if result["accuracy"] >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
