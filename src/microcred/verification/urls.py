"""Pages of the verification app, mounted under the language prefix."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "verification"

urlpatterns: list[URLPattern | URLResolver] = []
