"""URLs of the recognition desk (mounted at /<lang>/recognition/ by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.recognition import desk_views, learner_views, target_views

app_name = "recognition"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", learner_views.my_requests, name="mine"),
    path("new/", learner_views.new_request, name="new"),
    path("requests/<str:request_id>/", learner_views.request_detail, name="request"),
    path("requests/<str:request_id>/appeal", learner_views.request_appeal, name="appeal"),
    path("files/<str:evidence_id>", learner_views.evidence, name="evidence"),
    path("desk/<slug:org>/", desk_views.desk, name="desk"),
    path("desk/<slug:org>/requests/<str:request_id>/", desk_views.review, name="review"),
    path("desk/<slug:org>/requests/<str:request_id>/decide", desk_views.decide, name="decide"),
    path("desk/<slug:org>/requests/<str:request_id>/rule", desk_views.make_rule, name="make_rule"),
    path("desk/<slug:org>/files/<str:evidence_id>", desk_views.evidence, name="desk_evidence"),
    path("desk/<slug:org>/rules/", desk_views.rule_list, name="rules"),
    path(
        "desk/<slug:org>/rules/<str:rule_id>/withdraw",
        desk_views.rule_withdraw,
        name="rule_withdraw",
    ),
    path("desk/<slug:org>/targets/", target_views.target_list, name="targets"),
    path(
        "desk/<slug:org>/targets/<str:target_id>/open", target_views.target_open, name="target_open"
    ),
]
