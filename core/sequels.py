"""Numbered entries of a franchise, as people ask for them: "harry potter 3",
"piratas del caribe 2", "star wars episode 1", "el padrino parte ii".

A title often does not carry its number (Harry Potter and the Prisoner of Azkaban), so the
number is read against the franchise's films: the one whose title has that number, else
the n-th by release date (not for episodes, which are not numbered in release order).

    >>> split_number("harry potter 3"), split_number("star wars episodio i")
    (('harry potter', 3, False), ('star wars', 1, True))
"""

from __future__ import annotations

import re

from moviebot.core.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12}
_EPISODE = r"episode|episodio|ep|chapter|cap[ií]tulo"
_NUMBERED = re.compile(
    r"^(?P<name>.+?)[\s,:\-–]+(?:(?P<episode>" + _EPISODE + r")|part|parte|pt|vol|volume|"
    r"volumen)?[\s.]*(?P<n>\d{1,2}|[ivx]{1,4})$")
# A number inside a title: "Part II", "Episode I -", "3", "Alien³" (folded to "alien3")
_IN_TITLE = re.compile(r"(?:^|[\s:\-–])(\d{1,2}|[ivx]{1,4})(?=$|[\s:\-–])|[a-z](\d)$")


def _value(token: str) -> int | None:
    return int(token) if token.isdigit() else _ROMAN.get(token)


def split_number(query: str) -> tuple[str, int, bool] | None:
    """(franchise words, number, asked as an episode) for a query ending in a number from 1
    to 19 or a roman numeral; None otherwise (a year, or no number)."""
    m = _NUMBERED.match(fold(query))
    if m is None:
        return None
    n = _value(m.group("n"))
    if n is None or not 1 <= n <= 19:
        return None
    return m.group("name").strip(), n, m.group("episode") is not None


def numbers_in(title: str) -> set[int]:
    """The numbers a title carries ("The Godfather: Part II" -> {2})."""
    found = set()
    for m in _IN_TITLE.finditer(fold(title).replace("³", "3").replace("²", "2")):
        token = m.group(1) or m.group(2)
        if m.start() == 0 and token in ("i", "v", "x"):
            continue  # "I, Robot", "V for Vendetta": a word, not a number
        value = _value(token)
        if value is not None:
            found.add(value)
    return found
