"""URLs of the accounts app (mounted under the language prefix by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "accounts"
urlpatterns: list[URLPattern | URLResolver] = []
