"""URLs: every page exists under /en/ and /tr/; an unprefixed URL redirects by language."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from microcred.web import views
from microcred.web.verify_page import views as verify_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    *i18n_patterns(
        path("", views.home, name="home"),
        path("verify/", verify_views.verify, name="verify"),
        prefix_default_language=True,
    ),
]
