"""Pydantic response models: every field the API answers, so /openapi.json documents it.

The models mirror core's results (core/models.py); `from_core` helpers turn one core
dataclass into its model. Money is in US dollars as in TMDB; 0 means "unknown".
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from moviebot.core.models import FilmLine, MovieCard, MovieRef


# -- shared --------------------------------------------------------------------------------
class Movie(BaseModel):
    """A film as people name it: `Titanic (1997)`."""

    id: int = Field(examples=[597])
    title: str = Field(examples=["Titanic"])
    year: int | None = Field(examples=[1997])

    @classmethod
    def of(cls, ref: MovieRef) -> Movie:
        return cls(id=ref.id, title=ref.title, year=ref.year)


class Film(Movie):
    """A film in a list, with its figures (budget/revenue 0 = unknown)."""

    release_date: date | None
    budget: int
    revenue: int
    return_: float = Field(alias="return", serialization_alias="return",
                           description="revenue / budget (0 when either is unknown)")
    vote_average: float | None
    vote_count: int

    model_config = {"populate_by_name": True}

    @classmethod
    def of_line(cls, f: FilmLine) -> Film:
        m = f.movie
        return cls(id=m.id, title=m.title, year=m.year, release_date=f.release_date,
                   budget=f.budget, revenue=f.revenue, return_=round(f.return_, 4),
                   vote_average=f.vote_average, vote_count=f.vote_count)


class Error(BaseModel):
    """Every error answer (4xx, 5xx): a code, a sentence for people, and suggestions."""

    error: str = Field(examples=["not_found"])
    message: str = Field(examples=["No film matches «titanik»."])
    did_you_mean: list[Movie] | list[str] = Field(
        default_factory=list,
        description="films (id, title, year) for titles; names for people, months, ...",
    )
    details: list[str] = Field(default_factory=list, description="what was wrong (422)")


# -- /v1 -----------------------------------------------------------------------------------
class Search(BaseModel):
    query: str
    movie: Movie | None = Field(description="the film meant; null when not sure enough")
    confidence: float
    alternatives: list[Movie]


class Card(Movie):
    """Everything about one film."""

    original_title: str | None
    release_date: date | None
    runtime: int | None = Field(description="minutes")
    genres: list[str]
    directors: list[str]
    cast: list[str]
    vote_average: float | None
    vote_count: int
    weighted_rating: float | None
    popularity: float | None
    budget: int
    revenue: int
    return_: float = Field(alias="return", serialization_alias="return")
    collection: str | None
    overview: str | None
    tagline: str | None
    original_language: str | None
    poster_url: str | None
    tmdb_url: str
    imdb_url: str | None

    model_config = {"populate_by_name": True}

    @classmethod
    def of_card(cls, c: MovieCard, *, genres: list[str]) -> Card:
        return cls(
            id=c.id, title=c.title, year=c.year, original_title=c.original_title,
            release_date=c.release_date, runtime=c.runtime, genres=genres,
            directors=c.directors, cast=c.cast, vote_average=c.vote_average,
            vote_count=c.vote_count, weighted_rating=c.weighted_rating,
            popularity=c.popularity, budget=c.budget, revenue=c.revenue,
            return_=round(c.return_, 4), collection=c.collection, overview=c.overview,
            tagline=c.tagline, original_language=c.original_language,
            poster_url=c.poster_url, tmdb_url=c.tmdb_url, imdb_url=c.imdb_url,
        )


class Similar(Movie):
    score: float = Field(description="relative to the best match (1.0), never rising")
    reason: str = Field(examples=["also directed by John Lasseter"])
    reason_kind: str


class Recommendations(BaseModel):
    seeds: list[Movie]
    results: list[Similar]
    signal: str = Field(description='"hybrid" (ratings and content) or "content"')


class PersonMatch(BaseModel):
    query: str
    name: str | None = Field(description="the person meant (also their id in /v1/people/)")
    confidence: float
    alternatives: list[str]


class Person(BaseModel):
    name: str
    acted_in: list[Film] = Field(description="films as an actor, by release date")
    directed: list[Film] = Field(description="films directed, by release date")


class Top(BaseModel):
    genre: str | None
    year_from: int | None
    year_to: int | None
    items: list[Film]


class CatalogueFacts(BaseModel):
    schema_version: int
    data_version: str
    built_at: str
    movies: int
    people: int
    has_ratings: bool
    genres: list[str]


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    data_version: str | None
    movies: int | None
    reloading: bool


class Reload(BaseModel):
    ok: bool
    message: str
    seconds: float
    catalogue: CatalogueFacts | None = Field(description="the catalogue serving now")


# -- the bootcamp's endpoints (Spanish field names, as its clients read them) --------------
class Cantidad(BaseModel):
    """A count of films (month, weekday, language, country)."""

    cantidad: int
    clave: str | int = Field(description="month 1-12, weekday 0 = Monday, ISO code")
    nombre: str
    mensaje: str


class ScoreTitulo(BaseModel):
    id: int
    titulo: str
    anio: int | None
    score: float | None = Field(description="TMDB popularity")
    mensaje: str


class VotosTitulo(BaseModel):
    id: int
    titulo: str
    anio: int | None
    votos: int
    promedio: float | None = Field(description="null under 2,000 votes")
    cumple: bool = Field(description="at least 2,000 votes (the bootcamp's rule)")
    mensaje: str


class Actor(BaseModel):
    nombre: str
    cantidad_filmaciones: int
    filmaciones_con_retorno: int = Field(description="films whose budget and revenue are known")
    retorno_total: float | None = Field(
        description="total revenue / total budget over those films (None: none known)")
    retorno_promedio: float | None = Field(
        description="the median film's return over those films (a median: one film with a "
        "token budget cannot dominate it)")
    mensaje: str


class Pelicula(BaseModel):
    id: int
    titulo: str
    fecha_estreno: date | None
    retorno: float
    presupuesto: int
    ganancia: int

    @classmethod
    def of_line(cls, f: FilmLine) -> Pelicula:
        return cls(id=f.movie.id, titulo=f.movie.title, fecha_estreno=f.release_date,
                   retorno=round(f.return_, 4), presupuesto=f.budget, ganancia=f.revenue)


class Director(BaseModel):
    nombre: str
    retorno_total: float | None = Field(
        description="total revenue / total budget over the films where both are known")
    retorno_mediano: float | None = Field(description="the median film's return")
    peliculas: list[Pelicula]
    mensaje: str


class Recomendacion(BaseModel):
    titulo: str
    id: int
    recomendaciones: list[Movie]
    mensaje: str


class Duracion(BaseModel):
    id: int
    titulo: str
    anio: int | None
    duracion: int | None = Field(description="minutes")
    mensaje: str


class Franquicia(BaseModel):
    nombre: str
    cantidad: int
    ganancia_total: int
    ganancia_promedio: float | None = Field(description="over films whose revenue is known")
    peliculas: list[Movie]
    mensaje: str


class Productora(BaseModel):
    nombre: str
    cantidad: int
    revenue: int
    mensaje: str
