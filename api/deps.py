"""FastAPI dependencies: the catalogue leased for one request, and the reader's language.

Routes are `async def` and call core inline: every core answer is a millisecond or two of
CPU under the GIL, so a thread hop would only add latency. Slow work (a reload) goes to a
worker thread in its own route.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request

from moviebot.api.errors import ApiError
from moviebot.api.errors import lang as _lang
from moviebot.core.catalogue import Catalogue
from moviebot.core.served import Service


# Dependencies are `async def` even where they do not await: FastAPI runs a plain `def`
# dependency in its thread pool, a thread hop per request for a dictionary lookup.
async def service(request: Request) -> Service:
    return request.app.state.service


async def language(request: Request) -> str:
    """The reader's language from `Accept-Language` ("en" or "es")."""
    return _lang(request)


async def catalogue(request: Request) -> AsyncIterator[Catalogue]:
    """The catalogue serving now, held for the whole request (a reload waits for it)."""
    svc: Service = request.app.state.service
    with svc.lease() as cat:
        if cat is None:
            raise ApiError(503, "no_catalogue", "no_catalogue",
                           reason=svc.load_error or "not loaded")
        yield cat


CatalogueDep = Annotated[Catalogue, Depends(catalogue)]
LangDep = Annotated[str, Depends(language)]
ServiceDep = Annotated[Service, Depends(service)]
