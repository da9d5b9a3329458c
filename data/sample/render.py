"""Render the demo sample CSVs (raw Kaggle layout) from the hand-written facts in films.py.

Usage (from the repo root):

    .venv/bin/python data/sample/render.py          # writes the CSVs next to this file
    .venv/bin/python data/sample/make_ratings.py    # writes ratings_small.csv (reads the CSVs)
    .venv/bin/python data/sample/render.py --check  # parses the output, reports the defects

Writes movies_metadata.csv, credits.csv, keywords.csv and links_small.csv. Nested cells are
written with Python's str() of lists/dicts, exactly as the Kaggle files were, and CSV-quoted
the way pandas' to_csv quotes (csv.QUOTE_MINIMAL). Ids of people, keywords and companies
that films.py does not fix are derived from a hash of the name, so the same name always gets
the same id. The deliberate defects (see README.md) are produced here, from the DEFECTS table
in films.py.
"""

from __future__ import annotations

import csv
import hashlib
import io
import string
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import films as F  # noqa: E402

MOVIE_COLUMNS = [
    "adult", "belongs_to_collection", "budget", "genres", "homepage", "id", "imdb_id",
    "original_language", "original_title", "overview", "popularity", "poster_path",
    "production_companies", "production_countries", "release_date", "revenue", "runtime",
    "spoken_languages", "status", "tagline", "title", "video", "vote_average", "vote_count",
]

GENRES = {
    "Act": (28, "Action"), "Adv": (12, "Adventure"), "Ani": (16, "Animation"),
    "Com": (35, "Comedy"), "Cri": (80, "Crime"), "Doc": (99, "Documentary"),
    "Dra": (18, "Drama"), "Fam": (10751, "Family"), "Fan": (14, "Fantasy"),
    "His": (36, "History"), "Hor": (27, "Horror"), "Mus": (10402, "Music"),
    "Mys": (9648, "Mystery"), "Rom": (10749, "Romance"), "SF": (878, "Science Fiction"),
    "Thr": (53, "Thriller"), "War": (10752, "War"), "Wes": (37, "Western"),
}

COUNTRIES = {
    "US": "United States of America", "GB": "United Kingdom", "FR": "France", "ES": "Spain",
    "MX": "Mexico", "BR": "Brazil", "JP": "Japan", "DE": "Germany", "IT": "Italy",
    "AR": "Argentina", "KR": "South Korea", "CN": "China", "TW": "Taiwan", "HK": "Hong Kong",
    "NZ": "New Zealand", "CA": "Canada", "AU": "Australia", "CZ": "Czech Republic",
    "MT": "Malta", "IN": "India", "IE": "Ireland", "BE": "Belgium", "CH": "Switzerland",
    "IR": "Iran", "PT": "Portugal",
}

LANGUAGES = {
    "en": "English", "fr": "Français", "es": "Español", "ja": "日本語", "de": "Deutsch",
    "it": "Italiano", "pt": "Português", "ko": "한국어/조선말", "zh": "普通话", "la": "Latin",
    "ru": "Pусский", "ar": "العربية", "he": "עִבְרִית", "pl": "Polski", "hu": "Magyar",
    "sw": "Kiswahili", "vi": "Tiếng Việt", "el": "ελληνικά", "ca": "Català", "eu": "euskera",
    "gl": "Galego", "nl": "Nederlands", "sv": "svenska", "hi": "हिन्दी", "cn": "广州话 / 廣州話",
    "tr": "Türkçe", "af": "Afrikaans", "th": "ภาษาไทย", "ur": "اردو", "no": "Norsk",
    "da": "Dansk", "fa": "فارسی", "cs": "Český", "ga": "Gaeilge",
}

ALNUM = string.ascii_letters + string.digits


def digest(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest(), 16)


def fake_path(*seed: object) -> str:
    """A TMDB-style image path ('/' + 27 letters/digits + '.jpg'); made up, not real."""
    n, out = digest("path", *seed), []
    for _ in range(27):
        n, r = divmod(n, len(ALNUM))
        out.append(ALNUM[r])
    return "/" + "".join(out) + ".jpg"


def credit_id(*seed: object) -> str:
    return hashlib.sha1("|".join(map(str, seed)).encode()).hexdigest()[:24]


def split(text: str) -> list[str]:
    return [p.strip() for p in text.split("|") if p.strip()] if text else []


class Ids:
    """name -> id, fixed by a table or derived from a hash in [lo, lo + span); never shared."""

    def __init__(self, kind: str, fixed: dict[str, int], lo: int, span: int) -> None:
        self.kind, self.lo, self.span = kind, lo, span
        self.by_name = dict(fixed)
        self.by_id: dict[int, str] = {}
        for name, i in fixed.items():
            self._claim(i, name)

    def _claim(self, i: int, name: str) -> None:
        other = self.by_id.setdefault(i, name)
        if other != name:
            raise SystemExit(f"{self.kind} id {i} given to both {other!r} and {name!r}")

    def __call__(self, name: str) -> int:
        if name not in self.by_name:
            i = self.lo + digest(self.kind, name) % self.span
            while i in self.by_id:
                i += 1
            self.by_name[name] = i
            self._claim(i, name)
        return self.by_name[name]


PERSON_IDS = Ids("person", {n: v[0] for n, v in F.PEOPLE.items()}, 9_000_000, 900_000)
KEYWORD_IDS = Ids("keyword", F.KEYWORD_IDS, 1000, 230_000)
COMPANY_IDS = Ids("company", F.COMPANY_IDS, 20_000, 70_000)
CREW_DEPARTMENT = {
    "Director": "Directing", "Screenplay": "Writing", "Writer": "Writing", "Novel": "Writing",
    "Story": "Writing", "Producer": "Production", "Executive Producer": "Production",
    "Original Music Composer": "Sound", "Music": "Sound", "Director of Photography": "Camera",
    "Editor": "Editing",
}


def person(name: str, default_gender: int) -> tuple[str, int, int]:
    """'*Name' marks a woman not in PEOPLE. Returns (name, id, gender)."""
    female = name.startswith("*")
    name = name.lstrip("*")
    if name in F.PEOPLE:
        gender = F.PEOPLE[name][1]
    else:
        gender = 1 if female else default_gender
    return name, PERSON_IDS(name), gender


def profile(name: str) -> str | None:
    # about one person in six has no picture, as in the real file
    return None if digest("nopic", name) % 6 == 0 else fake_path("person", name)


def num(x: float | None, dotzero: bool) -> str:
    if x is None:
        return ""
    return f"{x}.0" if dotzero and isinstance(x, int) else str(x)


def movie_fields(f: dict, index: int) -> list[str]:
    coll = ""
    if f.get("coll"):
        cid, cname = F.COLLECTIONS[f["coll"]]
        coll = str({"id": cid, "name": cname, "poster_path": fake_path("coll", cid),
                    "backdrop_path": fake_path("collbg", cid)})
    genres = [{"id": GENRES[g][0], "name": GENRES[g][1]} for g in f["genres"].split()]
    companies = [{"name": c, "id": COMPANY_IDS(c)} for c in split(f.get("comp", ""))]
    countries = [{"iso_3166_1": c, "name": COUNTRIES[c]} for c in f.get("ctry", "").split()]
    spoken = [{"iso_639_1": c, "name": LANGUAGES[c]} for c in f.get("spoken", f["lang"]).split()]
    # later rows of the real file carry '.0' on revenue and vote_count; imitate that
    dotzero = index % 3 == 2
    pop = round(f["pop"] + (digest("pop", f["id"]) % 9999) / 1e6, 6)
    runtime = f.get("runtime")
    return [
        "False", coll, str(f.get("budget", 0)), str(genres), f.get("home", ""), str(f["id"]),
        f["imdb"], f["lang"], f.get("orig", f["title"]), f["ov"], repr(pop),
        fake_path("poster", f["id"], f["title"]), str(companies), str(countries),
        f.get("date", ""), num(f.get("revenue", 0), dotzero),
        "" if runtime is None else f"{float(runtime)}", str(spoken),
        f.get("status", "Released"), f.get("tag", ""), f["title"], "False",
        str(float(f["va"])), num(f["vc"], dotzero),
    ]


def csv_line(fields: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(fields)
    return buf.getvalue()


def broken_movie_lines(fields: list[str], tail: str) -> str:
    """The real file's defect: an unquoted overview holding a raw line break.

    The first physical line ends inside the overview (10 fields; pandas pads the rest
    with NaN). The second starts with the rest of the overview, so every later field is
    shifted 9 columns left: `adult` gets overview text, `budget` the poster path, `id`
    the release date.
    """
    head, ov = fields[:9], fields[9]
    assert ov.endswith(tail), (fields[5], tail)
    first = ov[: -len(tail)]
    for part in (first, tail):
        assert not any(ch in part for ch in ',"\n'), part
    return csv_line(head)[:-1] + "," + first + "\n" + tail + "," + csv_line(fields[10:])


def cast_cell(f: dict) -> str:
    cast = []
    for order, item in enumerate(split(f.get("cast", ""))):
        raw, _, character = item.partition("=")
        name, pid, gender = person(raw, 2)
        cast.append({
            "cast_id": 2 + order * 3 + digest("cid", f["id"]) % 5, "character": character,
            "credit_id": credit_id(f["id"], "cast", name, character), "gender": gender,
            "id": pid, "name": name, "order": order, "profile_path": profile(name),
        })
    return str(cast)


def crew_cell(f: dict) -> str:
    crew = []
    jobs = [("Director", d) for d in split(f.get("dirs", ""))]
    for item in split(f.get("crew", "")):
        job, _, who = item.partition("=")
        jobs.extend((job, w.strip()) for w in who.split("&&"))
    for job, raw in jobs:
        name, pid, gender = person(raw, 0)
        crew.append({
            "credit_id": credit_id(f["id"], "crew", name, job),
            "department": CREW_DEPARTMENT[job], "gender": gender, "id": pid, "job": job,
            "name": name, "profile_path": profile(name),
        })
    return str(crew)


def keywords_cell(f: dict) -> str:
    return str([{"id": KEYWORD_IDS(k), "name": k} for k in split(f.get("kw", ""))])


def render() -> None:
    seen_ml: dict[int, int] = {}
    ml_next = 200_001
    movies = [",".join(MOVIE_COLUMNS) + "\n"]
    credits = [csv_line(["cast", "crew", "id"])]
    keywords = [csv_line(["id", "keywords"])]
    links = [csv_line(["movieId", "imdbId", "tmdbId"])]
    for index, f in enumerate(F.FILMS):
        fields = movie_fields(f, index)
        if f["id"] in F.DEFECTS["movie_line_break"]:
            movies.append(broken_movie_lines(fields, F.DEFECTS["movie_line_break"][f["id"]]))
        else:
            movies.append(csv_line(fields))
        copies = 2 if f.get("dup") else 1
        if f.get("dup"):  # the same film again, with a slightly different vote_count
            movies.append(csv_line(movie_fields({**f, "vc": f["dup"]}, index)))
        cast, crew = cast_cell(f), crew_cell(f)
        if f["id"] == F.DEFECTS["credits_truncated"]:
            cast = cast[: cast.index("}, {") + 1]  # cut after the first dict: no closing ]
        kw = keywords_cell(f)
        if f["id"] == F.DEFECTS["keywords_truncated"]:
            kw = kw[: kw.index("}, {")]  # "[{'id': ..., 'name': '...'" and nothing more
        for _ in range(copies):
            credits.append(csv_line([cast, crew, str(f["id"])]))
            keywords.append(csv_line([str(f["id"]), kw]))
        ml = f.get("ml")
        if ml is None:
            ml, ml_next = ml_next, ml_next + 1
        if ml in seen_ml:
            raise SystemExit(f"MovieLens id {ml} used by {seen_ml[ml]} and {f['id']}")
        if f["id"] in seen_ml.values():
            continue  # a duplicated film gets one link
        seen_ml[ml] = f["id"]
        links.append(csv_line([str(ml), f["imdb"][2:], str(f["id"])]))
    for name, lines in [("movies_metadata.csv", movies), ("credits.csv", credits),
                        ("keywords.csv", keywords), ("links_small.csv", links)]:
        (HERE / name).write_text("".join(lines), encoding="utf-8")
        print(f"wrote {name}: {len(lines) - 1} records")


def check() -> None:
    import ast

    import pandas as pd

    m = pd.read_csv(HERE / "movies_metadata.csv", low_memory=False)
    print("movies_metadata:", m.shape)
    bad_id = m[~m["id"].astype(str).str.fullmatch(r"\d+")]
    print("rows whose id is not an integer (shifted):", bad_id["id"].tolist())
    print("rows without release_date:", m[m["release_date"].isna()]["id"].tolist())
    ok = m[m["id"].astype(str).str.fullmatch(r"\d+") & m["release_date"].notna()]
    print("duplicate ids:", ok[ok["id"].duplicated()]["id"].tolist())
    for col in ["belongs_to_collection", "genres", "production_companies",
                "production_countries", "spoken_languages"]:
        for v in ok[col].dropna():
            ast.literal_eval(v)
    for name, cols in [("credits.csv", ["cast", "crew"]), ("keywords.csv", ["keywords"])]:
        d = pd.read_csv(HERE / name)
        for col in cols:
            for i, v in zip(d["id"], d[col]):
                try:
                    ast.literal_eval(v)
                except (SyntaxError, ValueError):
                    print(f"{name}: id {i}: unparseable {col}: {v[:60]}...")
        missing = set(ok["id"].astype(int)) - set(d["id"])
        print(f"{name}: {len(d)} rows; movie ids without a row: {sorted(missing)}")
    ratings = HERE / "ratings_small.csv"
    if ratings.exists():
        r = pd.read_csv(ratings)
        links = pd.read_csv(HERE / "links_small.csv")
        print("ratings:", len(r), "rows,", r["userId"].nunique(), "users,",
              "unknown movieIds:", sorted(set(r["movieId"]) - set(links["movieId"])))


if __name__ == "__main__":
    check() if "--check" in sys.argv else render()
