"""The API's texts in English and Spanish, and the bootcamp's Spanish sentences ("mensaje").

`text(lang, key, **values)` gives one message; `lang_of(accept_language)` picks "en" or "es"
from an `Accept-Language` header. Example:

    >>> text("es", "not_found_movie", query="titanik")
    'No encontré la película «titanik».'
"""

from __future__ import annotations

LANGS = ("en", "es")

_TEXTS: dict[str, dict[str, str]] = {
    "not_found_movie": {
        "en": "No film matches «{query}».",
        "es": "No encontré la película «{query}».",
    },
    "not_found_kind": {  # {kind}: the chat's name for it (bot/i18n.py kind_*)
        "en": "No {kind} matches «{query}».",
        "es": "Sin resultados de {kind} para «{query}».",
    },
    "not_found_id": {
        "en": "No film has the id {id}.",
        "es": "Ninguna película tiene el id {id}.",
    },
    "not_found_route": {
        "en": "No such endpoint: see /docs.",
        "es": "No existe ese endpoint: consulta /docs.",
    },
    "invalid": {
        "en": "Invalid parameters: {problems}.",
        "es": "Parámetros no válidos: {problems}.",
    },
    "too_large": {
        "en": "The request is too large.",
        "es": "La petición es demasiado grande.",
    },
    "no_catalogue": {
        "en": "No catalogue is loaded: {reason}",
        "es": "No hay catálogo cargado: {reason}",
    },
    "internal": {
        "en": "Something went wrong on our side; the error was logged.",
        "es": "Algo falló de nuestro lado; el error quedó registrado.",
    },
    "unavailable": {
        "en": "Recommendations are unavailable: {reason}",
        "es": "Las recomendaciones no están disponibles: {reason}",
    },
    "admin_off": {
        "en": "The admin API is off: set MOVIEBOT_ADMIN_TOKEN to turn it on.",
        "es": "La API de administración está apagada: define MOVIEBOT_ADMIN_TOKEN.",
    },
    "admin_no_token": {
        "en": "Send the admin token as `Authorization: Bearer TOKEN`.",
        "es": "Envía el token de administración como `Authorization: Bearer TOKEN`.",
    },
    "admin_bad_token": {
        "en": "Wrong admin token.",
        "es": "Token de administración incorrecto.",
    },
    "reload_ok": {
        "en": "Catalogue {version} loaded: {movies} films in {seconds:.2f} s.",
        "es": "Catálogo {version} cargado: {movies} películas en {seconds:.2f} s.",
    },
    "reload_failed": {
        "en": "Reload failed, still serving {version}: {reason}",
        "es": "La recarga falló, sigue el catálogo {version}: {reason}",
    },
    "reload_busy": {
        "en": "A reload is already running.",
        "es": "Ya hay una recarga en curso.",
    },
    "webhook_refused": {
        "en": "Wrong or missing secret token.",
        "es": "Token secreto incorrecto o ausente.",
    },
}

# The bootcamp's sentences, kept in Spanish whatever the reader's language: clients of the
# original API read them.
MENSAJES = {
    "mes": "{n} cantidad de películas fueron estrenadas en el mes de {mes}",
    "dia": "{n} cantidad de películas fueron estrenadas en los días {dia}",
    "score": "La película {titulo} fue estrenada en el año {anio} con un score/popularidad "
             "de {score}",
    "score_desconocido": "La película {titulo} fue estrenada en el año {anio}; su "
                         "score/popularidad no se conoce",
    "votos": "La película {titulo} fue estrenada en el año {anio}. La misma cuenta con un "
             "total de {votos} valoraciones, con un promedio de {promedio}",
    "votos_pocos": "La película {titulo} ({anio}) tiene {votos} valoraciones: no cumple con "
                   "las 2000 necesarias, así que no se da su promedio",
    "actor": "El actor {nombre} ha participado de {n} cantidad de filmaciones, el mismo ha "
             "conseguido un retorno total de {retorno} (recaudación total / presupuesto "
             "total) y un retorno mediano de {promedio} por filmación",
    "director": "El director {nombre} ha dirigido {n} películas, con un retorno total de "
                "{retorno}",
    "recomendacion": "Películas similares a {titulo}: {lista}",
    "idioma": "{n} cantidad de películas fueron estrenadas en idioma {idioma}",
    "duracion": "{titulo}. Duración: {minutos}. Año: {anio}",
    "franquicia": "La franquicia {nombre} posee {n} películas, una ganancia total de "
                  "{total} y una ganancia promedio de {promedio}",
    "pais": "Se produjeron {n} películas en el país {pais}",
    "productora": "La productora {nombre} ha tenido un revenue de {revenue} y ha realizado "
                  "{n} películas",
}


def text(lang: str, key: str, **values: object) -> str:
    """One message in `lang` (English where no translation exists)."""
    entry = _TEXTS[key]
    return (entry.get(lang) or entry["en"]).format(**values)


def mensaje(key: str, **values: object) -> str:
    """The bootcamp's Spanish sentence `key`."""
    return MENSAJES[key].format(**values)


def lang_of(accept_language: str | None) -> str:
    """"es" when Spanish is the reader's most preferred language we have, else "en".

    >>> lang_of("es-ES,es;q=0.9,en;q=0.8"), lang_of("en-US,en;q=0.9,es;q=0.5"), lang_of(None)
    ('es', 'en', 'en')
    """
    best, best_q = "en", -1.0
    for part in (accept_language or "")[:200].split(","):
        tag, _, params = part.strip().partition(";")
        code = tag.strip().lower()[:2]
        if code not in LANGS:
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if q > best_q:
            best, best_q = code, q
    return best


# Spanish month and weekday names, as the bootcamp's sentences print them.
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre"]
WEEKDAYS_ES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
