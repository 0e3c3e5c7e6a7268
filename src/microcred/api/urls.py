"""Mount with ``path("", include("microcred.api.urls"))`` at the root, outside i18n."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from microcred.api.main import api

app_name = "api"

_patterns, _app, _namespace = api.urls
#: Everything but ninja's catch-all root view, which would shadow the site's "/".
urlpatterns: list[URLPattern | URLResolver] = [
    p for p in _patterns if getattr(p, "name", None) != "api-root"
]
