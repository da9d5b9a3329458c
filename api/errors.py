"""Errors as JSON people can act on: `{"error", "message", "did_you_mean", "details"}`.

Routes raise `ApiError`; the handlers here write every error answer, in the reader's
language, and never a traceback (unexpected exceptions are logged and answered with 500).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from moviebot.api import texts
from moviebot.bot.i18n import t as kind_name  # the chat's names of kinds; see docs/api.md
from moviebot.core.models import MovieRef, NotFound

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An answer that is not a result: `key` names its message in api/texts.py."""

    def __init__(self, status: int, error: str, key: str, *, did_you_mean: list | None = None,
                 headers: dict[str, str] | None = None, **values: object) -> None:
        super().__init__(key)
        self.status = status
        self.error = error
        self.key = key
        self.values = values
        self.did_you_mean = did_you_mean or []
        self.headers = headers

    @classmethod
    def movie_not_found(cls, query: str, alternatives: list[MovieRef]) -> ApiError:
        return cls(404, "not_found", "not_found_movie", query=_short(query),
                   did_you_mean=[{"id": a.id, "title": a.title, "year": a.year}
                                 for a in alternatives])

    @classmethod
    def not_found(cls, nf: NotFound) -> ApiError:
        if nf.kind == "empty":
            return cls(422, "invalid_parameter", "invalid", problems="empty text")
        if nf.kind == "movie":
            return cls(404, "not_found", "not_found_movie", query=_short(nf.query))
        return cls(404, "not_found", "not_found_kind", kind=nf.kind, query=_short(nf.query),
                   did_you_mean=list(nf.suggestions[:10]))


def lang(request: Request) -> str:
    """The reader's language from `Accept-Language` ("en" or "es")."""
    return texts.lang_of(request.headers.get("accept-language"))


def error_response(request: Request, status: int, error: str, message: str, *,
                   did_you_mean: list | None = None, details: list[str] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": error, "message": message, "did_you_mean": did_you_mean or [],
            "details": details or []}
    return JSONResponse(body, status_code=status, headers=headers)


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    reader = lang(request)
    values = dict(exc.values)
    if "kind" in values:
        values["kind"] = kind_name(reader, f"kind_{values['kind']}")
    return error_response(request, exc.status, exc.error, texts.text(reader, exc.key, **values),
                          did_you_mean=exc.did_you_mean, headers=exc.headers)


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    details = []
    for problem in exc.errors()[:10]:
        where = ".".join(str(x) for x in problem.get("loc", ()) if x not in ("path", "query"))
        details.append(f"{where}: {problem.get('msg', 'invalid')}")
    message = texts.text(lang(request), "invalid", problems="; ".join(details) or "?")
    return error_response(request, 422, "invalid_parameter", message, details=details)


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    reader = lang(request)
    if exc.status_code == 404:
        return error_response(request, 404, "not_found", texts.text(reader, "not_found_route"))
    if exc.status_code == 413:
        return error_response(request, 413, "too_large", texts.text(reader, "too_large"))
    return error_response(request, exc.status_code, "http_error", str(exc.detail),
                          headers=getattr(exc, "headers", None))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(request, 500, "internal", texts.text(lang(request), "internal"))


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
