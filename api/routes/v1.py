"""/v1: the clean English API (Spanish texts with `Accept-Language: es`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi import Path as PathParam

from moviebot.api import interpret, schemas
from moviebot.api.deps import CatalogueDep, LangDep, ServiceDep
from moviebot.api.errors import ApiError
from moviebot.api.routes.bootcamp import MAX_TEXT
from moviebot.bot.render import genre_name, reason  # the chat's en/es names: docs/api.md
from moviebot.core.catalogue import Catalogue, CatalogueError
from moviebot.core.models import Filters, NotFound, Recommendations

router = APIRouter(prefix="/v1", tags=["v1"])

Q = Annotated[str, Query(min_length=1, max_length=MAX_TEXT, description="what people type")]
MovieId = Annotated[int, PathParam(ge=1, le=2**31, description="TMDB id", examples=[862])]
K = Annotated[int, Query(ge=1, le=50, description="how many films")]
Year = Annotated[int | None, Query(ge=1870, le=2100)]
ShortText = Annotated[str | None, Query(max_length=60)]


def recommendations(cat: Catalogue, ids: list[int], *, k: int, filters: Filters | None,
                    lang: str) -> schemas.Recommendations:
    try:
        result: Recommendations = cat.recommend(ids, k=k, filters=filters)
    except CatalogueError as exc:  # a file without the recommender model
        raise ApiError(503, "unavailable", "unavailable", reason=str(exc)) from None
    return schemas.Recommendations(
        seeds=[schemas.Movie.of(s) for s in result.seeds],
        results=[schemas.Similar(id=r.movie.id, title=r.movie.title, year=r.movie.year,
                                 score=round(r.score, 4),
                                 reason=reason(r, lang, several=len(result.seeds) > 1),
                                 reason_kind=r.reason_kind)
                 for r in result.results],
        signal=result.signal,
    )


def _filters(cat: Catalogue, *, genre: str | None, since: int | None, until: int | None,
             lang: str | None, min_rating: float | None) -> Filters | None:
    if since is not None and until is not None and since > until:
        since, until = until, since
    wanted = Filters(year_from=since, year_to=until, genre=interpret.genre(cat, genre),
                     language=interpret.language_code(cat, lang), min_rating=min_rating)
    return wanted if wanted != Filters() else None


@router.get("/movies/search", response_model=schemas.Search)
async def search(q: Q, cat: CatalogueDep):
    """The film meant by `q` (typos, Spanish titles, a year), with alternatives."""
    res = interpret.search(cat, q)
    return schemas.Search(
        query=res.query, movie=schemas.Movie.of(res.movie) if res.movie else None,
        confidence=res.confidence, alternatives=[schemas.Movie.of(a) for a in res.alternatives])


@router.get("/movies/{movie_id}", response_model=schemas.Card)
async def movie(movie_id: MovieId, cat: CatalogueDep, lang: LangDep):
    """The card: facts, people, figures, overview, links."""
    card = cat.movie(movie_id)
    if card is None:
        raise ApiError(404, "not_found", "not_found_id", id=movie_id)
    return schemas.Card.of_card(card, genres=[genre_name(g, lang) for g in card.genres])


@router.get("/movies/{movie_id}/similar", response_model=schemas.Recommendations)
async def similar(
    movie_id: MovieId, cat: CatalogueDep, lang: LangDep, k: K = 10,
    genre: ShortText = None, since: Year = None, until: Year = None,
    original_language: Annotated[str | None, Query(alias="lang", max_length=60,
                                                    description="es, Spanish, español")] = None,
    min_rating: Annotated[float | None, Query(ge=0, le=10)] = None,
):
    """Films like this one, best first, each with a reason; filters apply before ranking."""
    if cat.ref(movie_id) is None:
        raise ApiError(404, "not_found", "not_found_id", id=movie_id)
    wanted = _filters(cat, genre=genre, since=since, until=until, lang=original_language,
                      min_rating=min_rating)
    return recommendations(cat, [movie_id], k=k, filters=wanted, lang=lang)


@router.get("/recommendations", response_model=schemas.Recommendations)
async def recommend(
    cat: CatalogueDep, lang: LangDep,
    seed: Annotated[list[Annotated[str, Query(min_length=1, max_length=MAX_TEXT)]],
                    Query(min_length=1, max_length=5,
                          description="a title or an id; repeat for up to 5 seeds")],
    k: K = 10,
):
    """Films like several seeds at once (they blend)."""
    ids = list(dict.fromkeys(interpret.seed(cat, s).id for s in seed))
    return recommendations(cat, ids, k=k, filters=None, lang=lang)


@router.get("/people/search", response_model=schemas.PersonMatch)
async def people_search(q: Q, cat: CatalogueDep):
    """The actor or director meant by `q` ("penelope cruz", "almodovar")."""
    res = interpret.person(cat, q)
    return schemas.PersonMatch(query=res.query, name=res.name, confidence=res.confidence,
                               alternatives=res.alternatives)


@router.get("/people/{name}", response_model=schemas.Person)
async def person(name: Annotated[str, PathParam(min_length=1, max_length=MAX_TEXT,
                                                description="a name, as /v1/people/search "
                                                "gives it", examples=["Tom Hanks"])],
                 cat: CatalogueDep):
    """A person's films as an actor and as a director (the name is the id: core has no
    person ids)."""
    res = interpret.person(cat, name)
    if res.name is None:
        raise ApiError(404, "not_found", "not_found_kind", kind="person",
                       query=res.query[:100], did_you_mean=res.alternatives)
    acted = cat.actor(res.name)
    directed = cat.director(res.name)
    return schemas.Person(
        name=res.name,
        acted_in=[] if isinstance(acted, NotFound) or acted.name != res.name
        else [schemas.Film.of_line(f) for f in acted.all_films],
        directed=[] if isinstance(directed, NotFound) or directed.name != res.name
        else [schemas.Film.of_line(f) for f in directed.films],
    )


@router.get("/top", response_model=schemas.Top)
async def top(
    cat: CatalogueDep, genre: ShortText = None,
    decade: Annotated[str | None, Query(pattern=r"^\d{3}0s?$", examples=["1990s"])] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
):
    """Best films by weighted rating (IMDb's formula), for a genre and a decade."""
    year_from = int(decade[:4]) if decade else None
    result = cat.top(genre=interpret.genre(cat, genre), year_from=year_from,
                     year_to=year_from + 9 if year_from else None, limit=limit)
    if isinstance(result, NotFound):
        raise ApiError.not_found(result)
    return schemas.Top(genre=result.genre, year_from=result.year_from, year_to=result.year_to,
                       items=[schemas.Film.of_line(f) for f in result.items])


@router.get("/catalogue", response_model=schemas.CatalogueFacts)
async def catalogue(cat: CatalogueDep):
    """The catalogue file being served: version, counts, build facts."""
    return facts(cat)


def facts(cat: Catalogue) -> schemas.CatalogueFacts:
    info = cat.info()
    return schemas.CatalogueFacts(
        schema_version=info.schema_version, data_version=info.data_version,
        built_at=info.built_at, movies=info.movies, people=info.people,
        has_ratings=info.has_ratings, genres=cat.genres())


health_router = APIRouter(tags=["health"])


@health_router.get("/health", response_model=schemas.Health,
                   responses={503: {"model": schemas.Error}})
async def health(service: ServiceDep):
    """200 while a catalogue is serving (container health checks), else 503."""
    info = service.info
    if info is None:
        raise ApiError(503, "no_catalogue", "no_catalogue",
                       reason=service.load_error or "not loaded")
    return schemas.Health(status="ok", data_version=info.data_version, movies=info.movies,
                          reloading=service.reloading)
