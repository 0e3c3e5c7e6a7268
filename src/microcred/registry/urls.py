"""The registry's pages for people (under /en/ and /tr/): public ones without sign-in,
and the recognition pages of providers and quality-assurance bodies."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.registry import (
    evidence_views,
    provider_views,
    public_views,
    registry_views,
    review_views,
)

app_name = "registry"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", registry_views.index, name="index"),
    path("qa-bodies/", registry_views.bodies, name="qa_bodies"),
    path("qa-bodies/<slug:slug>/", registry_views.body, name="qa_body"),
    path("providers/", registry_views.providers, name="providers"),
    path("achievements/<str:public_id>/", public_views.achievement_page, name="achievement"),
    path("issuers/<slug:slug>/", public_views.issuer_page, name="issuer"),
    # A provider's recognition (its admins).
    path("manage/<slug:org>/recognition/", provider_views.recognition, name="applications"),
    path("manage/<slug:org>/recognition/apply/", provider_views.apply, name="apply"),
    path(
        "manage/<slug:org>/recognition/<slug:application>/",
        provider_views.application,
        name="application",
    ),
    path(
        "manage/<slug:org>/recognition/<slug:application>/submit/",
        provider_views.submit,
        name="application_submit",
    ),
    path(
        "manage/<slug:org>/recognition/<slug:application>/evidence/",
        provider_views.add_evidence,
        name="application_evidence",
    ),
    path(
        "manage/<slug:org>/recognition/<slug:application>/comment/",
        provider_views.comment,
        name="application_comment",
    ),
    path("manage/<slug:org>/evidence/<slug:evidence>/", evidence_views.download, name="evidence"),
    # A quality-assurance body's reviews (its QA reviewers and admins).
    path("manage/<slug:org>/reviews/", review_views.reviews, name="reviews"),
    path("manage/<slug:org>/reviews/<slug:application>/", review_views.review, name="review"),
    path(
        "manage/<slug:org>/reviews/<slug:application>/comment/",
        review_views.review_comment,
        name="review_comment",
    ),
    path(
        "manage/<slug:org>/reviews/<slug:application>/changes/",
        review_views.review_changes,
        name="review_changes",
    ),
    path(
        "manage/<slug:org>/reviews/<slug:application>/decide/",
        review_views.review_decide,
        name="review_decide",
    ),
    path("manage/<slug:org>/providers/", review_views.providers, name="body_providers"),
    path("manage/<slug:org>/providers/<slug:provider>/end/", review_views.end, name="end"),
]
