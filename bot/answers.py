"""Reply building blocks the command handlers share: which film a title means (or "which
one?"), "not found" with suggestions, movie buttons, cards, recommendation lists, counts
and charts. Each block is Telegram-agnostic and never raises on user input.
"""

from __future__ import annotations

import logging

from moviebot.bot import callbacks, render
from moviebot.bot.formatting import esc, truncate
from moviebot.bot.i18n import t
from moviebot.bot.replies import Button, Reply, Who
from moviebot.core.catalogue import Catalogue
from moviebot.core.contract import CatalogueError
from moviebot.core.interpret import filters
from moviebot.core.models import FilmLine, Filters, MovieCard, MovieRef, NotFound, Resolution
from moviebot.core.served import Service

log = logging.getLogger(__name__)

AMBIGUOUS_BELOW = 0.7  # a resolution under this confidence with alternatives asks "which one?"

Buttons = tuple[tuple[Button, ...], ...]


class Answers:
    """The blocks, bound to the service whose data version tags every button."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def tag(self) -> str:
        return callbacks.version_tag(self.service.data_version)

    def resolve(
        self, cat: Catalogue, text: str, who: Who, action: str, *, lenient: bool = False
    ) -> tuple[MovieRef | None, list[Reply]]:
        """(the film meant, []) or (None, [the "not found / which one?" reply]).

        When a film is found and others were close, the second item holds one reply whose
        buttons offer them ("Also: Titanic (1953)"); callers attach those buttons.
        `lenient` takes the best match instead of asking "which one?".
        """
        res: Resolution = cat.resolve(text)
        lang = who.lang
        if res.movie is None:
            return None, [self.movie_not_found(res, who, action)]
        if res.alternatives and res.confidence < AMBIGUOUS_BELOW and not lenient:
            buttons = self.movie_buttons([res.movie, *res.alternatives], who, action)
            return None, [Reply(t(lang, "pick_one"), buttons=buttons)]
        if res.alternatives:
            buttons = self.movie_buttons(res.alternatives[:3], who, action)
            also = ", ".join(render.label(a) for a in res.alternatives[:3])
            return res.movie, [Reply(t(lang, "also", items=also), buttons=buttons)]
        return res.movie, []

    def movie_not_found(self, res: Resolution, who: Who, action: str) -> Reply:
        text = t(who.lang, "not_found_movie", query=esc(truncate(res.query, 100)))
        if res.alternatives:
            text += "\n" + t(who.lang, "did_you_mean")
        else:  # nothing close: say what can be asked instead
            text += "\n" + t(who.lang, "try_examples")
        return Reply(text, buttons=self.movie_buttons(res.alternatives, who, action))

    def not_found(self, nf: NotFound, who: Who, action: str | None = None) -> Reply:
        lang = who.lang
        text = t(
            lang,
            "not_found_kind",
            kind=t(lang, f"kind_{nf.kind}"),
            query=esc(truncate(nf.query, 100)),
        )
        buttons: list[tuple[Button, ...]] = []
        if nf.suggestions:
            text += (
                "\n" + t(lang, "did_you_mean") + " " + ", ".join(esc(s) for s in nf.suggestions[:5])
            )
            if action:
                for name in nf.suggestions[:5]:
                    data = callbacks.encode(action, name, tag=self.tag(), lang=lang)
                    if data:
                        buttons.append((Button(name, data),))
        return Reply(text, buttons=tuple(buttons))

    def unknown_filter(self, cat: Catalogue, nf: NotFound, who: Who) -> Reply:
        """An unknown genre lists the genres (in the reader's language); else "did you mean"."""
        if nf.kind != "genre":
            return self.not_found(nf, who)
        names = ", ".join(esc(render.genre_name(g, who.lang)) for g in cat.genres())
        return Reply(t(who.lang, "unknown_genre", query=esc(truncate(nf.query, 60)), genres=names))

    def movie_buttons(self, refs: list[MovieRef], who: Who, action: str) -> Buttons:
        tag = self.tag()
        rows = []
        for ref in refs[:6]:
            data = callbacks.encode(action, ref.id, tag=tag, lang=who.lang)
            if data:
                rows.append((Button(truncate(ref.label, 60), data),))
        return tuple(rows)

    def about_movie(self, cat: Catalogue, arg: str, who: Who, question, renderer) -> list[Reply]:
        """A one-figure question about a film (score, votes, runtime)."""
        movie, replies = self.resolve(cat, arg, who, "m")
        if movie is None:
            return replies
        answer = question(movie.id)
        if answer is None:
            return [Reply(t(who.lang, "not_found_movie", query=esc(movie.label)))]
        text = renderer(answer, who.lang)
        for also in replies:  # "Also: Titanic (1953)" in the same message, with its buttons
            return [Reply(f"{text}\n{also.text}", buttons=also.buttons)]
        return [Reply(text)]

    def card(self, card: MovieCard, who: Who, *, also: list[Reply] = ()) -> list[Reply]:
        lang = who.lang
        more = callbacks.encode("r", card.id, tag=self.tag(), lang=lang)
        buttons: list[tuple[Button, ...]] = []
        if more:
            buttons.append((Button(t(lang, "more_like_this"), more),))
        for reply in also:  # "also: Titanic (1953)" alternatives
            buttons.extend(reply.buttons)
        return [
            Reply(
                render.card(card, lang),
                buttons=tuple(buttons),
                photo_url=card.poster_url,
                caption=render.caption(card, lang) if card.poster_url else None,
            )
        ]

    def more_button(self, movie_id: int, who: Who) -> Buttons:
        data = callbacks.encode("r", movie_id, tag=self.tag(), lang=who.lang)
        return ((Button(t(who.lang, "more_like_this"), data),),) if data else ()

    def recommend(
        self, cat: Catalogue, ids: list[int], who: Who, wanted: Filters | None = None
    ) -> list[Reply]:
        try:
            result = cat.recommend(ids, k=5, filters=wanted if filters.active(wanted) else None)
        except CatalogueError as exc:  # e.g. a file built before the recommender (ModelMissing)
            log.warning("recommendations unavailable: %s", exc)
            reason = esc(truncate(str(exc) or type(exc).__name__, 300))
            return [Reply(t(who.lang, "recommend_unavailable", reason=reason))]
        tag = self.tag()
        packed = callbacks.pack_filters(wanted) if filters.active(wanted) else ""
        rows = []
        for item in result.results[:5]:
            card = callbacks.encode("m", item.movie.id, tag=tag, lang=who.lang)
            # "More like this" keeps the list's filters when they fit in the button.
            more = packed and callbacks.encode(
                "r", f"{item.movie.id}~{packed}", tag=tag, lang=who.lang)
            more = more or callbacks.encode("r", item.movie.id, tag=tag, lang=who.lang)
            row = []
            if card:
                row.append(Button(truncate(item.movie.label, 40), card))
            if more:
                row.append(Button(t(who.lang, "more_like_this"), more))
            rows.append(tuple(row))
        text = render.recommendations(result, who.lang, wanted)
        return [Reply(text, buttons=tuple(rows))]

    def count(self, result, who: Who) -> list[Reply]:
        """A count with its best-known films, each a button to its card."""
        if isinstance(result, NotFound):
            return [self.not_found(result, who)]
        buttons = self.movie_buttons([f.movie for f in result.best_known], who, "m")
        return [Reply(render.count(result, who.lang), buttons=buttons)]

    def person(
        self, cat: Catalogue, role: str, text: str, who: Who, *, page: int = 0,
        chart: bool = True,
    ) -> list[Reply]:
        """/actor or /director: the totals and one page of films, with buttons to the
        pages before and after (callback actions "A"/"D"), and the chart on request."""
        lang = who.lang
        result = cat.actor(text) if role == "actor" else cat.director(text)
        if isinstance(result, NotFound):
            return [self.not_found(result, who, role[0])]
        films = result.best_known if role == "actor" else result.films
        last = render.pages(len(films)) - 1
        page = max(0, min(page, last))
        if role == "actor":
            body = render.actor(result, lang, page=page)
        else:
            body = render.director(result, lang, page=page)
        nav = []
        action = "A" if role == "actor" else "D"
        for wanted, key in ((page - 1, "page_previous"), (page + 1, "page_next")):
            if 0 <= wanted <= last:
                data = callbacks.encode(action, f"{wanted}:{result.name}", tag=self.tag(),
                                        lang=lang)
                if data:  # a name too long for 64 bytes gets no page buttons
                    nav.append(Button(t(lang, key), data))
        replies = [Reply(body, buttons=(tuple(nav),) if nav else ())]
        if chart:
            all_films = result.all_films if role == "actor" else result.films
            replies += self.chart(all_films, result.name, who)
        return replies

    def chart(self, films: list[FilmLine], name: str, who: Who) -> list[Reply]:
        from moviebot.bot import charts  # matplotlib only once someone asks for a chart

        png = charts.return_per_film(films, t(who.lang, "chart_title", name=name))
        if png is None:
            return []
        return [Reply(t(who.lang, "chart_caption", name=esc(name)), photo_png=png)]
