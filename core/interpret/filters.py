"""Filters people put on a request, as filter words (`genre:horror since:1990 min:7`) or as
phrases ("from the 90s", "de los 80", "de terror", "en español", "after 2000",
"con nota mayor a 7"), in English and Spanish.

    genre:horror   género:terror      a genre, English or Spanish ("genre:sci-fi",
                                      "genre:"science fiction"", "género:ciencia_ficción")
    since:1990     desde:1990         released in or after that year
    until:2010     hasta:2010         released in or before that year
    year:1995      año:1995           that year only
    lang:es        idioma:español     original language: ISO code or name (core's lookup)
    min:7          mín:7,5            minimum vote average (0-10)

`parse` takes the words out of a text (what is left are the seeds); `phrases` takes the
phrases out; `resolve` turns either into core's `Filters` with canonical genre and
language, or says what is wrong. Words that are not filter keys stay in the title
("Mission: Impossible" is a title).

>>> phrases("alien from the 80s in spanish").values
{'since': '1980', 'until': '1989', 'lang': 'spanish'}
>>> phrases("algo de terror con nota mayor a 7").values
{'min': '7', 'genre': 'Horror'}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from moviebot.core.interpret.genres import NAMES as GENRE_NAMES
from moviebot.core.interpret.genres import genre as genre_of
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
    """The filters of a message, as typed (values not yet checked)."""

    rest: str  # the message without them: the seed titles
    values: dict[str, str] = field(default_factory=dict)  # canonical key -> value

    def __bool__(self) -> bool:
        return bool(self.values)

    def as_words(self) -> str:
        """The filters as filter words: `genre:science_fiction since:1980`."""
        return " ".join(f"{k}:{v.replace(' ', '_')}" for k, v in self.values.items())


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


# -- phrases ---------------------------------------------------------------------------------
_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90, "veinte": 20, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90,
}
_DW = "|".join(_DECADE_WORDS)
_Y = r"(1[89]\d\d|20\d\d)"
# Phrases on folded text (lower-case ASCII, single spaces). Order matters: longer first.
_PRE = r"\b(?:(?:from|of|in|de|del|en|durante)\s+)?"
_ART = r"(?:the|los|las|la)\s+"
_DECADE_WORD = r"(?:(?:decada|decade|anos|ano)\s+(?:de\s+|of\s+)?(?:los\s+|the\s+)?)"
# "the 80s", "1980s", "'80s", "los ochenta", "the eighties"
_DECADE = re.compile(_PRE + "(?:" + _ART + ")?" + _DECADE_WORD + "?"
                     r"(?:(1[89]\d0|20\d0)\s?s|(\d0)\s?s|(" + _DW + r"))\b")
# "los 80", "años 90", "the 80", "de la década de los 70" (a bare number needs the words)
_DECADE_BARE = re.compile(_PRE + "(?:(?:" + _ART + ")?" + _DECADE_WORD + "|" + _ART + ")"
                          r"(\d0|1[89]\d0|20[0-2]0)\b")
_BETWEEN = re.compile(r"\b(?:between|entre)\s+(?:el\s+)?" + _Y + r"\s+(?:and|y|e|-)\s+(?:el\s+)?"
                      + _Y + r"\b")
_AFTER = re.compile(r"\b(?:after|post|newer than|later than|despues de(?:l)?|posterior(?:es)? a"
                    r"|mas nuevas? que|tras)\s+(?:el\s+)?" + _Y + r"\b")
_SINCE = re.compile(r"\b(?:since|from|starting|desde(?: el)?|a partir de(?:l)?)\s+" + _Y
                    + r"(?:\s+(?:on|onwards|en adelante|or later|o despues))?\b")
_BEFORE = re.compile(r"\b(?:before|older than|earlier than|pre|antes de(?:l)?|anterior(?:es)? a"
                     r"|mas antiguas? que)\s+(?:el\s+)?" + _Y + r"\b")
_UNTIL = re.compile(r"\b(?:until|up to|till|hasta(?: el)?)\s+" + _Y + r"\b")
_IN_YEAR = re.compile(r"\b(?:in|from|of|de|del|en|year|ano)\s+(?:el\s+)?(?:ano\s+)?" + _Y + r"\b")
_RATING = re.compile(
    r"\b(?:(?:with|con|de|y|and|que tengan?|que tenga|that have|having)\s+)?(?:(?:a|an|una|un)\s+)?"
    r"(?:(?:rating|score|nota|puntuacion|valoracion|calificacion|puntaje|stars|estrellas)\s+)?"
    r"(?:(?:mayor|mas|superior|above|over|higher|greater|more|at least|minimo|minima|min"
    r"|al menos|de al menos|por encima|gt)\s*(?:a|de|que|than|of|del)?\s*)"
    r"(\d{1,2}(?:d\d)?)(?:\s*(?:plus|o mas|or more|or higher|or above|para arriba|de 10"
    r"|out of 10|sobre 10|de nota))?"
    r"(?:\s+(?:rating|de nota|nota|stars|estrellas|points|puntos))?\b"
)
_RATED = re.compile(r"\b(?:rated|nota|rating)\s+(\d{1,2}(?:d\d)?)\s*(?:plus|or more|o mas)\b")
_LANGUAGE = re.compile(
    r"\b(?:(?:spoken|hablada?s?|rodada?s?)\s+)?(?:in|en)\s+(?:the\s+)?(?:original\s+)?"
    r"(?:(?:language|idioma|lengua|version original)\s+)?"
    r"(english|ingles|spanish|espanol|castellano|french|frances|german|aleman|italian|italiano"
    r"|japanese|japones|korean|coreano|chinese|chino|mandarin|portuguese|portugues|russian|ruso"
    r"|hindi|swedish|sueco|danish|danes|catalan|catala)\b"
)
# Genre words; multi-word names first ("ciencia ficcion" before "ficcion").
_GENRE_KEYS = sorted((k for k in GENRE_NAMES if len(k) >= 3), key=len, reverse=True)
_GENRE = re.compile(r"\b(?:(?:of|de|del|genre|genero|type|tipo)\s+)?(?:(?:the|el|la)\s+)?("
                    + "|".join(re.escape(k) for k in _GENRE_KEYS) + r")\b")


def _prep(text: str) -> str:
    """Folded text that keeps what rating phrases need: "7.5" -> "7d5", "7+" -> "7 plus",
    "> 7" -> "gt 7" (plain `fold` would drop the point and the signs)."""
    text = (text or "")[:1200]
    text = re.sub(r"(?<=\d)[.,](?=\d)", "d", text)
    text = text.replace(">=", " gt ").replace(">", " gt ").replace("+", " plus ")
    return fold(text)


def _decade(m: re.Match) -> tuple[int, int]:
    groups = m.groups()
    word = groups[2] if len(groups) == 3 else None
    number = next((g for g in groups if g and g[0].isdigit()), None)
    d = int(number) if number else _DECADE_WORDS[word]
    if d < 100:  # "80s" -> 1980, "10s" -> 2010
        d += 1900 if d >= 20 else 2000
    start = d // 10 * 10
    return start, start + 9


def phrases(text: str, *, genre: bool = True) -> FilterWords:
    """Take filter phrases out of `text` (folded first); `rest` is what is left.

    `genre=False` leaves genre words in place (in a title: "alien" is not a genre, but
    "The Horror of Dracula" must not lose "horror")."""
    t = f" {_prep(text)} "
    values: dict[str, str] = {}

    def cut(pattern: re.Pattern, take) -> None:
        nonlocal t
        m = pattern.search(t)
        if m:
            take(m)
            t = t[: m.start()] + " " + t[m.end():]

    cut(_BETWEEN, lambda m: values.update(since=m.group(1), until=m.group(2)))
    cut(_AFTER, lambda m: values.update(since=str(int(m.group(1)) + 1)))
    cut(_SINCE, lambda m: values.update(since=m.group(1)))
    cut(_BEFORE, lambda m: values.update(until=str(int(m.group(1)) - 1)))
    cut(_UNTIL, lambda m: values.update(until=m.group(1)))
    cut(_RATED, lambda m: values.update(min=m.group(1).replace("d", ".")))
    cut(_RATING, lambda m: values.update(min=m.group(1).replace("d", ".")))
    if "since" not in values and "until" not in values:
        def decade(m: re.Match) -> None:
            start, end = _decade(m)
            values.update(since=str(start), until=str(end))
        cut(_DECADE, decade)
        if "since" not in values:
            cut(_DECADE_BARE, decade)
        cut(_IN_YEAR, lambda m: values.update(year=m.group(1)))
    cut(_LANGUAGE, lambda m: values.update(lang=m.group(1)))
    if genre:
        cut(_GENRE, lambda m: values.update(genre=GENRE_NAMES[m.group(1)]))
    return FilterWords(" ".join(t.split()), values)


# -- checking the values ---------------------------------------------------------------------
def resolve(cat, words: FilterWords) -> Filters | NotFound | Problem:
    """core `Filters` from the words; NotFound for an unknown genre or language.

    `cat` is an open `Catalogue` (its genres and languages)."""
    v = words.values
    genre = language = None
    if "genre" in v:
        found = genre_in(cat, v["genre"])
        if isinstance(found, NotFound):
            return found
        genre = found
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


def genre_in(
    cat, text: str, *, lookup: Callable[[str], str | None] = genre_of
) -> str | NotFound:
    """The catalogue's name of a genre typed in English or Spanish, or NotFound listing
    the catalogue's genres. The one genre resolution for chat, CLI, API and core; `lookup`
    reads the words (a filter word by default; `lookups.genre` also skips frame words such
    as "movies" for /top questions)."""
    text = clean_query(text)
    known = {fold(g): g for g in cat.genres()}
    name = lookup(text)
    found = known.get(fold(name)) if name else known.get(fold(text))
    return found if found is not None else NotFound(text, "genre", cat.genres())


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


def parse_top(arg: str) -> tuple[str | None, int | None, int | None]:
    """`/top` arguments: "comedy 1990s", "drama 1995", "1980-1989", "comedia años 90",
    "terror de los 80" -> (genre as typed or canonical, first year, last year)."""
    text = fold(arg or "")
    year_from = year_to = None
    m = re.search(r"\b" + _Y + r"\s*[-–]?\s*" + _Y + r"\b", text)
    if m:
        year_from, year_to = sorted((int(m.group(1)), int(m.group(2))))
        text = text[: m.start()] + " " + text[m.end():]
    found = phrases(text)
    v = found.values
    if year_from is None:
        if "year" in v:
            year_from = year_to = int(v["year"])
        else:
            year_from = int(v["since"]) if "since" in v else None
            year_to = int(v["until"]) if "until" in v else None
    rest = found.rest
    m = re.fullmatch(r"(?:(.*?)\s+)?" + _Y + r"(?:\s+(.*))?", rest)
    if m and year_from is None:  # "drama 1995"
        year_from = year_to = int(m.group(2))
        rest = " ".join(x for x in (m.group(1), m.group(3)) if x)
    genre = v.get("genre") or (rest.strip() or None)
    return genre, year_from, year_to
