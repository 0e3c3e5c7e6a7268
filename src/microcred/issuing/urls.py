"""URLs of the issuing app (mounted under the language prefix by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "issuing"
urlpatterns: list[URLPattern | URLResolver] = []
