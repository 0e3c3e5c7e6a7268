"""Pages of the wallet app, mounted under the language prefix."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "wallet"

urlpatterns: list[URLPattern | URLResolver] = []
