"""The one NinjaAPI instance: every endpoint, one parser, one error map, one schema."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from microcred.api import awards, credentials, errors, specifications, vcapi
from microcred.api.docs import OPENAPI_URL, PlainDocs
from microcred.api.parser import BoundedJsonParser
from microcred.registry import api as registry_api


class MicrocredApi(NinjaAPI):
    """Mounted at the site root (VC-API paths are fixed by the spec), so paths are absolute
    and the root path is never claimed: ``/`` belongs to the language redirect."""

    def get_root_path(self, path_params: dict[str, Any]) -> str:
        return "/"


api = MicrocredApi(
    title="Microcred API",
    version="1.0.0",
    urls_namespace="api",
    parser=BoundedJsonParser(),
    openapi_url=OPENAPI_URL,
    docs=PlainDocs(),
    docs_url="/api/v1/docs",
)
api.add_router("/api/v1", awards.router)
api.add_router("/api/v1", specifications.router)
api.add_router("/api/v1", credentials.router)
api.add_router("/api/v1", registry_api.router)
api.add_router("", vcapi.router)
errors.install(api)
