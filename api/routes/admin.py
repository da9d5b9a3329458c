"""POST /admin/reload: swap the catalogue, the same code as the chat's /reload.

Off unless MOVIEBOT_ADMIN_TOKEN is set; the bearer token is compared in constant time.
Requests in flight finish on the catalogue they leased; a missing or corrupt file keeps
the old one serving and the answer says why.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from moviebot.api import schemas
from moviebot.api.deps import LangDep, ServiceDep
from moviebot.api.errors import ApiError
from moviebot.api.routes.v1 import facts
from moviebot.api.texts import text

router = APIRouter(prefix="/admin", tags=["admin"])


def check_token(request: Request, authorization: str | None) -> None:
    expected: str | None = request.app.state.admin_token
    if not expected:
        raise ApiError(404, "admin_off", "admin_off")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "unauthorized", "admin_no_token",
                       headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(403, "forbidden", "admin_bad_token")


@router.post("/reload", response_model=schemas.Reload,
             responses={401: {"model": schemas.Error}, 403: {"model": schemas.Error},
                        404: {"model": schemas.Error}, 409: {"model": schemas.Reload},
                        422: {"model": schemas.Reload}})
async def reload(
    request: Request, service: ServiceDep, lang: LangDep,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
    path: Annotated[str | None, Query(max_length=1000,
                                      description="another catalogue file (default: the "
                                      "one being served)")] = None,
):
    """Open the catalogue file again (or `path`) and swap it in without a restart."""
    check_token(request, authorization)
    before = service.data_version or "–"
    result = await run_in_threadpool(service.reload, path or None)
    with service.lease() as cat:
        current = facts(cat) if cat is not None else None
    if result.ok and result.info:
        info = result.info
        message = text(lang, "reload_ok", version=info.data_version, movies=f"{info.movies:,}",
                       seconds=result.seconds)
        return schemas.Reload(ok=True, message=message, seconds=round(result.seconds, 3),
                              catalogue=current)
    busy = result.reason == "busy"
    message = (text(lang, "reload_busy") if busy else
               text(lang, "reload_failed", version=before, reason=(result.reason or "?")[:500]))
    body = schemas.Reload(ok=False, message=message, seconds=round(result.seconds, 3),
                          catalogue=current)
    return JSONResponse(body.model_dump(mode="json"), status_code=409 if busy else 422)
