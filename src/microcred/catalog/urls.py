"""URLs of the catalog app (mounted at /<lang>/catalog/ by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.catalog import draft_views, review_views, views

app_name = "catalog"
urlpatterns: list[URLPattern | URLResolver] = [
    path("skills/search", views.skill_search, name="skill_search"),
    path("skills/pick", views.skill_pick, name="skill_pick"),
    path("<slug:org>/specifications/", views.specification_list, name="list"),
    path("<slug:org>/specifications/new", views.specification_new, name="new"),
    path("<slug:org>/specifications/check", views.check, name="check"),
    path("<slug:org>/specifications/autosave", draft_views.autosave_new, name="autosave_new"),
    path("<slug:org>/specifications/v/<str:version_id>/", views.version_detail, name="version"),
    path("<slug:org>/specifications/v/<str:version_id>/edit", views.version_edit, name="edit"),
    path(
        "<slug:org>/specifications/v/<str:version_id>/autosave",
        draft_views.autosave,
        name="autosave",
    ),
    path(
        "<slug:org>/specifications/v/<str:version_id>/delete",
        draft_views.version_delete,
        name="delete",
    ),
    path(
        "<slug:org>/specifications/v/<str:version_id>/publish",
        views.version_publish,
        name="publish",
    ),
    path(
        "<slug:org>/specifications/v/<str:version_id>/submit",
        review_views.version_submit,
        name="submit",
    ),
    path("<slug:org>/approval-policy", review_views.approval_policy, name="approval_policy"),
    path("<slug:org>/reviews/", review_views.review_queue, name="review_queue"),
    path("<slug:org>/reviews/<str:review_id>/", review_views.review_detail, name="review"),
]
