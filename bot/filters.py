"""Filter words in a /recommend message: `/recommend Alien genre:horror since:1990 min:7`.

    genre:horror   género:terror      a genre, English or Spanish ("genre:sci-fi",
                                      "genre:"science fiction"", "género:ciencia_ficción")
    since:1990     desde:1990         released in or after that year
    until:2010     hasta:2010         released in or before that year
    year:1995      año:1995           that year only
    lang:es        idioma:español     original language: ISO code or name (core's lookup)
    min:7          mín:7,5            minimum vote average (0-10)

`parse` takes the words out of the text (what is left are the seeds); `resolve` turns them
into core's `Filters` with canonical genre and language, or says what is wrong. Words that
are not filter keys stay in the title ("Mission: Impossible" is a title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from moviebot.core import lookups
from moviebot.core.catalogue import Catalogue
from moviebot.core.models import Count, Filters, NotFound
from moviebot.core.text import clean_query, fold

KEYS = {
    "genre": "genre", "genero": "genre",
    "since": "since", "from": "since", "desde": "since",
    "until": "until", "to": "until", "hasta": "until",
    "year": "year", "ano": "year",
    "lang": "lang", "language": "lang", "idioma": "lang",
    "min": "min", "rating": "min", "nota": "min",
}  # folded key -> canonical key ("género" folds to "genero", "año" to "ano", "mín" to "min")

_WORD = re.compile(r'(?<![^\s;])([^\s:;"]{2,9}):(?:"([^"]*)"?|([^\s;]+))')
YEARS = (1870, 2100)


@dataclass(frozen=True, slots=True)
class FilterWords:
    """The filter words of a message, as typed (values not yet checked)."""

    rest: str  # the message without them: the seed titles
    values: dict[str, str] = field(default_factory=dict)  # canonical key -> value

    def __bool__(self) -> bool:
        return bool(self.values)


@dataclass(frozen=True, slots=True)
class Problem:
    """A filter value we cannot use: `key` is an i18n key, `values` its arguments."""

    key: str
    values: dict[str, str] = field(default_factory=dict)


def parse(text: str) -> FilterWords:
    """Take `key:value` words with a known key out of `text` (the last of a key wins)."""
    values: dict[str, str] = {}

    def take(m: re.Match) -> str:
        key = KEYS.get(fold(m.group(1)))
        if key is None:
            return m.group(0)
        value = m.group(2) if m.group(2) is not None else m.group(3)
        values[key] = value.replace("_", " ").strip().rstrip(",.")
        return " "

    rest = _WORD.sub(take, text or "")
    return FilterWords(re.sub(r"[ \t]+", " ", rest).strip(), values)


def resolve(cat: Catalogue, words: FilterWords) -> Filters | NotFound | Problem:
    """core `Filters` from the words; NotFound for an unknown genre or language."""
    v = words.values
    genre = language = None
    if "genre" in v:
        text = clean_query(v["genre"])
        known = {fold(g): g for g in cat.genres()}
        name = lookups.genre(text)
        genre = known.get(fold(name)) if name else known.get(fold(text))
        if genre is None:
            return NotFound(text, "genre", cat.genres())
    if "lang" in v:
        found = cat.language(v["lang"])
        if not isinstance(found, Count):
            return found
        language = str(found.key)
    years: dict[str, int] = {}
    for key in ("since", "until", "year"):
        if key in v:
            year = _year(v[key])
            if year is None:
                return Problem("filter_bad_year", {"word": f"{key}:{v[key]}"})
            years[key] = year
    since, until = years.get("since"), years.get("until")
    if "year" in years:
        since = until = years["year"]
    if since is not None and until is not None and since > until:
        since, until = until, since
    min_rating = None
    if "min" in v:
        try:
            min_rating = float(v["min"].replace(",", "."))
        except ValueError:
            min_rating = -1.0
        if not 0 <= min_rating <= 10:
            return Problem("filter_bad_min", {"word": f"min:{v['min']}"})
    return Filters(
        year_from=since, year_to=until, genre=genre, language=language, min_rating=min_rating
    )


def _year(text: str) -> int | None:
    m = re.fullmatch(r"(\d{4})s?", text.strip().lower())
    if not m or not YEARS[0] <= int(m.group(1)) <= YEARS[1]:
        return None
    return int(m.group(1))


def active(filters: Filters | None) -> bool:
    """True when `filters` restricts anything."""
    return filters is not None and any(
        x is not None
        for x in (filters.year_from, filters.year_to, filters.genre, filters.language,
                  filters.min_rating)
    )
