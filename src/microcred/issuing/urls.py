"""URLs of the issuing app (mounted under the language prefix by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.issuing import batch_list_views, claim_views, officer_views, renewal_views, views

app_name = "issuing"
urlpatterns: list[URLPattern | URLResolver] = [
    path("claim/<str:token>/", claim_views.claim, name="claim"),
    path("claim/<str:token>/credential.json", claim_views.claim_download, name="claim_download"),
    path("<slug:org>/issue/", views.issue_one, name="issue"),
    path("<slug:org>/awards/", views.award_list, name="awards"),
    path("<slug:org>/awards/<str:award_id>/", views.award_detail, name="award"),
    path(
        "<slug:org>/awards/<str:award_id>/credential.json",
        views.award_download,
        name="award_download",
    ),
    path("<slug:org>/awards/<str:award_id>/renew", renewal_views.award_renew, name="award_renew"),
    path(
        "<slug:org>/awards/<str:award_id>/contests/<str:contest_id>/answer",
        renewal_views.contest_answer,
        name="contest_answer",
    ),
    path(
        "<slug:org>/awards/<str:award_id>/resend",
        officer_views.award_resend,
        name="award_resend",
    ),
    path(
        "<slug:org>/awards/<str:award_id>/correct",
        officer_views.award_correct,
        name="award_correct",
    ),
    path("<slug:org>/awards/<str:award_id>/<str:action>", views.award_status, name="award_status"),
    path("<slug:org>/bulk-status/<str:action>", views.bulk_status, name="bulk_status"),
    path("<slug:org>/upload/", views.csv_upload, name="upload"),
    path("<slug:org>/upload/template.csv", officer_views.csv_template, name="csv_template"),
    path("<slug:org>/batches/", batch_list_views.batch_list, name="batches"),
    path("<slug:org>/batches/<str:batch_id>/", views.batch_detail, name="batch"),
    path("<slug:org>/batches/<str:batch_id>/start", views.batch_start, name="batch_start"),
    path(
        "<slug:org>/batches/<str:batch_id>/progress",
        views.batch_progress_fragment,
        name="batch_progress",
    ),
    path("<slug:org>/audit/", views.audit_log, name="audit"),
    path("<slug:org>/audit.csv", views.audit_export, name="audit_export"),
]
