"""The bootcamp's endpoints: same names and path parameters, Spanish fields and sentence.

English and Spanish inputs both work ("enero"/"January", "lunes"/"Monday", "España"/"ES").
"""

# No `from __future__ import annotations`: FastAPI reads the Path(...) annotations below.
from typing import Annotated

from fastapi import APIRouter, Path

from moviebot.api import interpret, schemas
from moviebot.api.deps import CatalogueDep
from moviebot.api.errors import ApiError
from moviebot.api.texts import MONTHS_ES, WEEKDAYS_ES, mensaje
from moviebot.core import lookups
from moviebot.core.catalogue import CatalogueError

MAX_TEXT = 200  # characters: longer input is refused (422) before it reaches the matcher

router = APIRouter(tags=["bootcamp (español)"])


def _text(description: str, example: str):
    return Annotated[str, Path(min_length=1, max_length=MAX_TEXT, description=description,
                               examples=[example])]


def _num(value: float | None, digits: int = 2) -> str:
    return "desconocido" if value is None else f"{value:.{digits}f}"


@router.get("/cantidad_filmaciones_mes/{mes}", response_model=schemas.Cantidad)
async def cantidad_filmaciones_mes(mes: _text("month: enero, January, 1", "enero"),
                                   cat: CatalogueDep):
    """Films released in a month."""
    c = interpret.month(cat, mes)
    nombre = MONTHS_ES[int(c.key) - 1]
    return schemas.Cantidad(cantidad=c.count, clave=c.key, nombre=nombre,
                            mensaje=mensaje("mes", n=c.count, mes=nombre))


@router.get("/cantidad_filmaciones_dia/{dia}", response_model=schemas.Cantidad)
async def cantidad_filmaciones_dia(dia: _text("weekday: lunes, Monday", "lunes"),
                                   cat: CatalogueDep):
    """Films released on a weekday."""
    c = interpret.weekday(cat, dia)
    nombre = WEEKDAYS_ES[int(c.key)]
    return schemas.Cantidad(cantidad=c.count, clave=c.key, nombre=nombre,
                            mensaje=mensaje("dia", n=c.count, dia=nombre))


@router.get("/score_titulo/{titulo}", response_model=schemas.ScoreTitulo)
async def score_titulo(titulo: _text("a title, typos forgiven", "titanic 1997"),
                       cat: CatalogueDep):
    """A film's release year and TMDB popularity score."""
    s = cat.score(interpret.film(cat, titulo).id)
    key = "score" if s.popularity is not None else "score_desconocido"
    return schemas.ScoreTitulo(
        id=s.movie.id, titulo=s.movie.title, anio=s.movie.year, score=s.popularity,
        mensaje=mensaje(key, titulo=s.movie.title, anio=s.movie.year or "?",
                        score=_num(s.popularity)))


@router.get("/votos_titulo/{titulo}", response_model=schemas.VotosTitulo)
async def votos_titulo(titulo: _text("a title", "toy story"), cat: CatalogueDep):
    """Votes and average; under 2,000 votes the average is not given (the bootcamp's rule)."""
    v = cat.votes(interpret.film(cat, titulo).id)
    m = v.movie
    key = "votos" if v.qualifies else "votos_pocos"
    return schemas.VotosTitulo(
        id=m.id, titulo=m.title, anio=m.year, votos=v.vote_count,
        promedio=v.vote_average if v.qualifies else None, cumple=v.qualifies,
        mensaje=mensaje(key, titulo=m.title, anio=m.year or "?", votos=v.vote_count,
                        promedio=_num(v.vote_average, 1)))


@router.get("/get_actor/{nombre_actor}", response_model=schemas.Actor)
async def get_actor(nombre_actor: _text("an actor's name", "tom hanks"), cat: CatalogueDep):
    """An actor's films and what they returned, over the films whose budget and revenue are
    both known: total revenue / total budget, and the median film's return."""
    a = interpret.actor(cat, nombre_actor)
    r = a.returns
    return schemas.Actor(
        nombre=a.name, cantidad_filmaciones=a.films, filmaciones_con_retorno=r.films,
        retorno_total=_round(r.overall), retorno_promedio=_round(r.median),
        mensaje=mensaje("actor", nombre=a.name, n=a.films, retorno=_num(r.overall),
                        promedio=_num(r.median)))


@router.get("/get_director/{nombre_director}", response_model=schemas.Director)
async def get_director(nombre_director: _text("a director's name", "john lasseter"),
                       cat: CatalogueDep):
    """A director's total return and each film with date, return, budget and revenue."""
    d = interpret.director(cat, nombre_director)
    return schemas.Director(
        nombre=d.name, retorno_total=_round(d.returns.overall),
        retorno_mediano=_round(d.returns.median),
        peliculas=[schemas.Pelicula.of_line(f) for f in d.films],
        mensaje=mensaje("director", nombre=d.name, n=len(d.films),
                        retorno=_num(d.returns.overall)))


@router.get("/recomendacion/{titulo}", response_model=schemas.Recomendacion)
async def recomendacion(titulo: _text("a title", "toy story"), cat: CatalogueDep):
    """Five films like this one."""
    seed = interpret.film(cat, titulo)
    try:
        result = cat.recommend([seed.id], k=5)
    except CatalogueError as exc:
        raise ApiError(503, "unavailable", "unavailable", reason=str(exc)) from None
    films = [schemas.Movie.of(r.movie) for r in result.results]
    return schemas.Recomendacion(
        titulo=seed.title, id=seed.id, recomendaciones=films,
        mensaje=mensaje("recomendacion", titulo=seed.label,
                        lista=", ".join(f"{f.title} ({f.year})" if f.year else f.title
                                        for f in films)))


@router.get("/peliculas_idioma/{idioma}", response_model=schemas.Cantidad)
async def peliculas_idioma(idioma: _text("a language: es, español, Spanish", "español"),
                           cat: CatalogueDep):
    """Films whose original language is this one."""
    c = interpret.language(cat, idioma)
    nombre = lookups.LANGUAGE_NAMES_ES.get(str(c.key), c.name)
    return schemas.Cantidad(cantidad=c.count, clave=c.key, nombre=nombre,
                            mensaje=mensaje("idioma", n=c.count, idioma=nombre))


@router.get("/peliculas_duracion/{pelicula}", response_model=schemas.Duracion)
async def peliculas_duracion(pelicula: _text("a title", "titanic"), cat: CatalogueDep):
    """A film's runtime and year."""
    r = cat.runtime(interpret.film(cat, pelicula).id)
    minutos = f"{r.minutes} minutos" if r.minutes else "desconocida"
    return schemas.Duracion(
        id=r.movie.id, titulo=r.movie.title, anio=r.movie.year, duracion=r.minutes,
        mensaje=mensaje("duracion", titulo=r.movie.title, minutos=minutos,
                        anio=r.movie.year or "?"))


@router.get("/franquicia/{franquicia}", response_model=schemas.Franquicia)
async def franquicia(franquicia: _text("a franchise (collection)", "toy story"),
                     cat: CatalogueDep):
    """A franchise's films, total and average revenue (over the films where it is known)."""
    c = interpret.collection(cat, franquicia)
    return schemas.Franquicia(
        nombre=c.name, cantidad=len(c.films), ganancia_total=c.total_revenue,
        ganancia_promedio=c.average_revenue,
        peliculas=[schemas.Movie.of(f.movie) for f in c.films],
        mensaje=mensaje("franquicia", nombre=c.name, n=len(c.films), total=c.total_revenue,
                        promedio=_num(c.average_revenue)))


@router.get("/peliculas_pais/{pais}", response_model=schemas.Cantidad)
async def peliculas_pais(pais: _text("a country: ES, España, Spain", "España"),
                         cat: CatalogueDep):
    """Films produced in a country."""
    c = interpret.country(cat, pais)
    nombre = lookups.COUNTRY_NAMES_ES.get(str(c.key), c.name)
    return schemas.Cantidad(cantidad=c.count, clave=c.key, nombre=nombre,
                            mensaje=mensaje("pais", n=c.count, pais=nombre))


@router.get("/productoras_exitosas/{productora}", response_model=schemas.Productora)
async def productoras_exitosas(productora: _text("a production company", "pixar"),
                               cat: CatalogueDep):
    """A production company's total revenue and number of films."""
    c = interpret.company(cat, productora)
    return schemas.Productora(
        nombre=c.name, cantidad=c.films, revenue=c.total_revenue,
        mensaje=mensaje("productora", nombre=c.name, revenue=c.total_revenue, n=c.films))


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)
