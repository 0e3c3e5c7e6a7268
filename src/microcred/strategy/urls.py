"""Pages of the strategy app, mounted under the language prefix."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "strategy"

urlpatterns: list[URLPattern | URLResolver] = []
