"""A script-free docs page: the CSP forbids the CDN assets of Swagger UI, so we list the
operations as plain HTML and point at the OpenAPI document for tools."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

OPENAPI_URL = "/api/v1/openapi.json"


class PlainDocs(DocsBase):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_prefix="/")
        rows = format_html_join(
            "",
            "<li><code>{} {}</code> — {}</li>",
            (
                (method.upper(), path, operation.get("summary", ""))
                for path, methods in schema["paths"].items()
                for method, operation in methods.items()
            ),
        )
        page = format_html(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{} {}</title>'
            '</head><body><h1>{} {}</h1><p><a href="{}">OpenAPI document</a></p><ul>{}</ul>'
            "</body></html>",
            api.title,
            api.version,
            api.title,
            api.version,
            OPENAPI_URL,
            rows,
        )
        return HttpResponse(page)
