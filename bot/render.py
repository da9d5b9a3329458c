"""Core results as Telegram HTML, in the reader's language; every dynamic string escaped."""

from __future__ import annotations

from moviebot.bot.formatting import (
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    decimal,
    esc,
    money,
    number,
    ratio,
    truncate,
    visible_length,
)
from moviebot.bot.i18n import MONTHS_ES, STRINGS, WEEKDAYS_ES, t
from moviebot.core import lookups
from moviebot.core.interpret.genres import spanish_name as spanish_genre
from moviebot.core.models import (
    ActorStats,
    CollectionStats,
    CompanyStats,
    Count,
    DirectorStats,
    FilmLine,
    Filters,
    MovieCard,
    MovieRef,
    Recommendations,
    Recommended,
    Returns,
    Runtime,
    Score,
    TopList,
    Votes,
)
from moviebot.core.stats import by_fame


# -- names in the reader's language (core's lookup tables: English and Spanish) ------------
def genre_name(name: str, lang: str) -> str:
    """A TMDB genre in `lang`: "Science Fiction" -> "ciencia ficción" in Spanish."""
    if lang != "es":
        return name
    spanish = spanish_genre(name)
    return spanish[:1].upper() + spanish[1:] if spanish else name


def language_name(code: str, english: str, lang: str) -> str:
    """An original language in `lang` ("es", "Spanish" -> "español"); English otherwise."""
    return lookups.LANGUAGE_NAMES_ES.get(str(code), english) if lang == "es" else english


def country_name(code: str, english: str, lang: str) -> str:
    """A production country in `lang` ("DE", "Germany" -> "Alemania"); English otherwise."""
    return lookups.COUNTRY_NAMES_ES.get(str(code), english) if lang == "es" else english


def label(ref: MovieRef) -> str:
    """`Titanic (1997)`, escaped."""
    return esc(ref.label)


def _year(ref: MovieRef) -> str:
    return str(ref.year) if ref.year else "?"


def _rating(value: float | None, lang: str = "en") -> str:
    return decimal(value, 1, lang) if value is not None else "–"


def card(c: MovieCard, lang: str, *, limit: int = MESSAGE_LIMIT) -> str:
    """The movie card; the overview is shortened so the whole stays under `limit`."""
    unknown = t(lang, "unknown_value")
    head = f"<b>{esc(c.title)}</b>" + (f" ({c.year})" if c.year else "")
    if c.runtime:
        head += " · " + t(lang, "card_runtime", minutes=c.runtime)
    lines = [head]
    if c.original_title and c.original_title != c.title:
        lines.append(f"<i>{esc(c.original_title)}</i>")
    if lang == "es" and c.spanish_titles:
        lines.append("🇪🇸 " + esc(" / ".join(c.spanish_titles)))
    if c.genres:
        lines.append("🎞 " + esc(", ".join(genre_name(g, lang) for g in c.genres)))
    if c.directors:
        lines.append(f"{t(lang, 'card_director')}: {esc(', '.join(c.directors[:3]))}")
    if c.cast:
        lines.append(f"{t(lang, 'card_cast')}: {esc(', '.join(c.cast[:5]))}")
    if c.vote_count and c.vote_average is not None:
        lines.append(
            t(
                lang,
                "card_rating",
                average=_rating(c.vote_average, lang),
                votes=number(c.vote_count, lang),
            )
        )
    else:
        lines.append(t(lang, "card_no_votes"))
    if c.budget or c.revenue:
        lines.append(
            t(
                lang,
                "card_money",
                budget=money(c.budget, unknown, lang),
                revenue=money(c.revenue, unknown, lang),
                ret=ratio(c.return_, unknown, lang),
            )
        )
    if c.collection:
        lines.append(t(lang, "card_collection", name=esc(c.collection)))
    if c.tagline:
        lines.append(f"<i>{esc(truncate(c.tagline, 200))}</i>")
    links = [f'<a href="{esc(c.tmdb_url)}">TMDB</a>']
    if c.imdb_url:
        links.append(f'<a href="{esc(c.imdb_url)}">IMDb</a>')
    tail = " · ".join(links)
    if c.overview:
        used = sum(visible_length(line) + 1 for line in lines) + visible_length(tail) + 2
        room = limit - used
        if room > 40:
            lines.append("\n" + esc(truncate(c.overview, room)))
    lines.append(tail)
    return "\n".join(lines)


def caption(c: MovieCard, lang: str) -> str:
    return card(c, lang, limit=CAPTION_LIMIT)


def score(s: Score, lang: str) -> str:
    popularity = (
        decimal(s.popularity, 2, lang) if s.popularity is not None else t(lang, "unknown_value")
    )
    head = t(lang, "score", title=esc(s.movie.title), year=_year(s.movie), popularity=popularity)
    if s.vote_average is None:
        return head
    # People asking "how good is it" mean the rating: it comes first.
    return t(lang, "score_rated", title=esc(s.movie.title), year=_year(s.movie),
             rating=decimal(s.vote_average, 1, lang), votes=number(s.vote_count, lang),
             popularity=popularity)


def votes(v: Votes, lang: str) -> str:
    """The count and average the card shows, and whether the vote question's rule (at least
    `v.required` votes) is met."""
    if not v.vote_count or v.vote_average is None:
        key = "votes_none"
    else:
        key = "votes_ok" if v.qualifies else "votes_few"
    return t(
        lang,
        key,
        title=esc(v.movie.title),
        year=_year(v.movie),
        votes=number(v.vote_count, lang),
        average=_rating(v.vote_average, lang),
        required=number(v.required, lang),
        short=number(max(0, v.required - v.vote_count), lang),
    )


def runtime(r: Runtime, lang: str) -> str:
    if r.minutes is None:
        return t(lang, "runtime_unknown", title=esc(r.movie.title), year=_year(r.movie))
    return t(lang, "runtime", title=esc(r.movie.title), year=_year(r.movie), minutes=r.minutes)


def count(c: Count, lang: str) -> str:
    name = c.name
    if lang == "es" and c.kind == "month" and int(c.key) in MONTHS_ES:
        name = MONTHS_ES[int(c.key)]
    elif lang == "es" and c.kind == "day" and int(c.key) in WEEKDAYS_ES:
        name = WEEKDAYS_ES[int(c.key)]
    elif c.kind == "language":
        name = language_name(str(c.key), name, lang)
    elif c.kind == "country":
        name = country_name(str(c.key), name, lang)
    text = t(lang, f"count_{c.kind}", count=number(c.count, lang), n=c.count, name=esc(name),
             key=esc(c.key))
    return _with_best_known(text, c.best_known, lang)


def _with_best_known(text: str, films: list[FilmLine], lang: str) -> str:
    if not films:
        return text
    return "\n".join([text, t(lang, "best_known"), *(_film_line(f, lang) for f in films)])


def film_rating(f: FilmLine | MovieCard, lang: str) -> str:
    """The one rating people see for a film: its TMDB average with its vote count."""
    if not f.vote_count or f.vote_average is None:
        return t(lang, "no_votes_short")
    return t(lang, "film_rating", average=_rating(f.vote_average, lang),
             votes=number(f.vote_count, lang))


def _film_line(f: FilmLine, lang: str) -> str:
    return f"• {label(f.movie)} · {film_rating(f, lang)}"


PAGE = 10  # films per page of /actor and /director


def pages(films: int) -> int:
    """How many pages a list of `films` takes (at least one)."""
    return max(1, -(-films // PAGE))


def _page_head(lang: str, key: str, page: int, total: int) -> str:
    if total <= PAGE:
        return t(lang, "films_best_known")
    first = page * PAGE + 1
    return t(lang, key, first=first, last=min(total, first + PAGE - 1), total=number(total, lang))


def returns(r: Returns, lang: str) -> str:
    """Total revenue / total budget and the median film's return, each named."""
    if r.overall is None or r.median is None:
        return t(lang, "returns_unknown")
    return t(
        lang,
        "returns",
        known=r.films,
        overall=ratio(r.overall, "?", lang),
        median=ratio(r.median, "?", lang),
        revenue=money(r.total_revenue, "?", lang),
        budget=money(r.total_budget, "?", lang),
    )


def actor(a: ActorStats, lang: str, *, page: int = 0) -> str:
    """Films, returns, and one page of the films best known first."""
    page = max(0, min(page, pages(len(a.best_known)) - 1))
    lines = [
        t(lang, "actor", name=esc(a.name), films=number(a.films, lang), n=a.films),
        returns(a.returns, lang),
    ]
    if a.best_known:
        lines.append(_page_head(lang, "films_page", page, len(a.best_known)))
        lines += [_film_line(f, lang) for f in a.best_known[page * PAGE:(page + 1) * PAGE]]
    return "\n".join(lines)


def director(d: DirectorStats, lang: str, *, page: int = 0) -> str:
    """Films, returns, and one page of the films (best known first) with their money."""
    unknown = t(lang, "unknown_value")
    page = max(0, min(page, pages(len(d.films)) - 1))
    lines = [
        t(lang, "director", name=esc(d.name), films=number(len(d.films), lang), n=len(d.films)),
        returns(d.returns, lang),
    ]
    if d.films:
        lines.append(_page_head(lang, "films_page", page, len(d.films)))
    for f in by_fame(d.films)[page * PAGE:(page + 1) * PAGE]:
        lines.append(
            "• "
            + t(
                lang,
                "director_line",
                date=f.release_date.isoformat() if f.release_date else "?",
                title=label(f.movie),
                ret=ratio(f.return_, unknown, lang),
                budget=money(f.budget, unknown, lang),
                revenue=money(f.revenue, unknown, lang),
            )
        )
    return "\n".join(lines)


def franchise(c: CollectionStats, lang: str) -> str:
    unknown = t(lang, "unknown_value")
    lines = [
        t(
            lang,
            "franchise",
            name=esc(c.name),
            films=number(len(c.films), lang),
            n=len(c.films),
            total=money(c.total_revenue, unknown, lang),
            average=money(c.average_revenue, unknown, lang),
            known=c.films_with_revenue,
        )
    ]
    lines += [f"• {label(f.movie)} · {money(f.revenue, unknown, lang)}" for f in c.films]
    return "\n".join(lines)


def company(c: CompanyStats, lang: str) -> str:
    text = t(
        lang,
        "company",
        name=esc(c.name),
        films=number(c.films, lang),
        n=c.films,
        total=money(c.total_revenue, t(lang, "unknown_value"), lang),
        known=c.films_with_revenue,
    )
    return _with_best_known(text, c.best_known, lang)


def top(tl: TopList, lang: str) -> str:
    """The ranking is by weighted rating and says so; each film shows its own rating."""
    what = ""
    if tl.genre:
        what += f" · {esc(genre_name(tl.genre, lang))}"
    if tl.year_from or tl.year_to:
        if tl.year_from == tl.year_to:
            what += f" · {tl.year_from}"
        else:
            what += f" · {tl.year_from or '…'}–{tl.year_to or '…'}"
    if not tl.items:
        if tl.first_year is None:
            return t(lang, "top_empty")
        key = "top_empty_genre" if tl.genre else "top_empty_range"
        genre = esc(genre_name(tl.genre, lang)) if tl.genre else ""
        return t(lang, key, what=what.removeprefix(" · "), genre=genre,
                 first=tl.first_year, last=tl.last_year)
    lines = [t(lang, "top", n=len(tl.items), what=what)]
    for i, f in enumerate(tl.items, 1):
        lines.append(f"{i}. {label(f.movie)} · {film_rating(f, lang)}")
    lines.append(t(lang, "top_note"))
    return "\n".join(lines)


def filters(f: Filters | None, lang: str) -> str:
    """The active filters, short: "horror · 1990–2010 · Spanish · ⭐ ≥ 7" ("" for none)."""
    if f is None:
        return ""
    parts = []
    if f.genre:
        parts.append(esc(genre_name(f.genre, lang)))
    if f.year_from is not None or f.year_to is not None:
        if f.year_from == f.year_to:
            parts.append(str(f.year_from))
        elif f.year_to is None:
            parts.append(t(lang, "filter_since", year=f.year_from))
        elif f.year_from is None:
            parts.append(t(lang, "filter_until", year=f.year_to))
        else:
            parts.append(f"{f.year_from}–{f.year_to}")
    if f.language:
        english = lookups.LANGUAGE_NAMES.get(f.language, f.language)
        parts.append(esc(language_name(f.language, english, lang)))
    if f.min_rating is not None:
        shown = f"{f.min_rating:g}"
        parts.append("⭐ ≥ " + (shown.replace(".", ",") if lang == "es" else shown))
    return " · ".join(parts)


def recommendations(r: Recommendations, lang: str, f: Filters | None = None) -> str:
    seeds = ", ".join(label(s) for s in r.seeds)
    shown = filters(f, lang)
    if not r.results:
        if shown:
            return t(lang, "recommend_empty_filtered", seeds=seeds, filters=shown)
        return t(lang, "recommend_empty", seeds=seeds)
    lines = [t(lang, "recommend", seeds=seeds)]
    if shown:
        lines[0] = t(lang, "recommend_filtered", seeds=seeds, filters=shown)
    for i, item in enumerate(r.results, 1):
        text = reason(item, lang, several=len(r.seeds) > 1)
        reason_html = f" — <i>{esc(text)}</i>" if text else ""
        lines.append(f"{i}. {label(item.movie)}{reason_html}")
    return "\n".join(lines)


def reason(item: Recommended, lang: str, *, several: bool = False) -> str:
    """Why a film is recommended, in `lang` (core's English text when no translation)."""
    if lang == "en" or f"reason_{item.reason_kind}" not in STRINGS:
        return item.reason
    args = item.reason_args or {}
    seed = str(args.get("seed_title", ""))
    names = [str(n) for n in args.get("names") or []]
    if item.reason_kind == "genre":
        names = [genre_name(n, lang) for n in names]
    joiner = " / " if item.reason_kind == "genre" else ", "
    text = t(lang, f"reason_{item.reason_kind}", names=joiner.join(names), seed=seed)
    if several and item.reason_kind not in ("liked", "story"):
        text += t(lang, "reason_like_seed", seed=seed)
    return text
