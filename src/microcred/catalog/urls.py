"""URLs of the catalog app (mounted under the language prefix by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "catalog"
urlpatterns: list[URLPattern | URLResolver] = []
