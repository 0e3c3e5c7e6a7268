"""The site's URLs plus the API, mounted as the lead will mount it in web/urls.py."""

from django.urls import URLPattern, URLResolver, include, path

from microcred.web.urls import urlpatterns as site

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("microcred.api.urls")),
    *site,
]
