"""Public machine documents of the issuing app, mounted at the site root (no language)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.issuing import public_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("status/<str:public_id>", public_views.status_list, name="status_list"),
]
