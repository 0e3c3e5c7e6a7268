"""The registry's pages for people (under /en/ and /tr/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.registry import public_views

app_name = "registry"

urlpatterns: list[URLPattern | URLResolver] = [
    path("achievements/<str:public_id>/", public_views.achievement_page, name="achievement"),
    path("issuers/<slug:slug>/", public_views.issuer_page, name="issuer"),
]
