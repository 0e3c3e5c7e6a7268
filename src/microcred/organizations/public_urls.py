"""Public, language-independent documents of organisations (e.g. ``orgs/<slug>/did.json``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
