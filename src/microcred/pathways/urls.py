"""URLs of the pathways app (mounted at /<lang>/pathways/ by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.pathways import public_views, views

app_name = "pathways"
urlpatterns: list[URLPattern | URLResolver] = [
    path("p/<str:pathway_id>/", public_views.pathway_page, name="public"),
    path("p/<str:pathway_id>/follow", public_views.pathway_follow, name="follow"),
    path("p/<str:pathway_id>/unfollow", public_views.pathway_unfollow, name="unfollow"),
    path("<slug:org>/", views.pathway_list, name="list"),
    path("<slug:org>/new", views.pathway_new, name="new"),
    path("<slug:org>/<str:pathway_id>/", views.pathway_edit, name="edit"),
    path("<slug:org>/<str:pathway_id>/rules", views.rule_add, name="rule_add"),
    path(
        "<slug:org>/<str:pathway_id>/rules/<int:index>/remove",
        views.rule_remove,
        name="rule_remove",
    ),
    path("<slug:org>/<str:pathway_id>/publish", views.pathway_publish, name="publish"),
]
