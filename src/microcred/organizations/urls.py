"""URLs of the organizations app (mounted under the language prefix by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "organizations"
urlpatterns: list[URLPattern | URLResolver] = []
