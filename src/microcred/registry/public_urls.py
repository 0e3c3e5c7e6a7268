"""Public, language-independent documents that credentials name (mounted at the root)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.registry import public_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("contexts/elements/v1.jsonld", public_views.elements_context, name="elements_context"),
    path(
        "catalog/achievements/<str:public_id>",
        public_views.achievement_document,
        name="achievement_document",
    ),
    path("orgs/<slug:slug>/profile", public_views.profile_document, name="profile_document"),
    path(
        "contexts/trust-list/v1.jsonld",
        public_views.trust_list_context,
        name="trust_list_context",
    ),
    path("registry/trust-lists/<slug:slug>", public_views.trust_list, name="trust_list"),
    path(
        "registry/trust-lists/<slug:slug>/v<int:number>",
        public_views.trust_list_version,
        name="trust_list_version",
    ),
]
