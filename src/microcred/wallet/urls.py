"""URLs of the wallet app (mounted at /<lang>/wallet/ by microcred.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.wallet import (
    claim_views,
    contest_views,
    data_views,
    import_views,
    pathway_views,
    share_views,
    views,
)

app_name = "wallet"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.passport_page, name="passport"),
    path("items/<str:item_id>/", views.item_detail, name="item"),
    path("items/<str:item_id>/check", views.item_recheck, name="item_recheck"),
    path("items/<str:item_id>/download", views.item_download, name="item_download"),
    path("items/<str:item_id>/certificate.pdf", views.item_pdf, name="item_pdf"),
    path("items/<str:item_id>/linkedin", views.item_linkedin, name="item_linkedin"),
    path("items/<str:item_id>/remove", views.item_remove, name="item_remove"),
    path("items/<str:item_id>/contest", contest_views.item_contest, name="item_contest"),
    path("claim/<str:token>/", claim_views.claim, name="claim"),
    path("import/", import_views.import_page, name="import"),
    path("pathways/<str:pathway_id>/stack", pathway_views.stack_request, name="stack_request"),
    path("shares/", share_views.shares_page, name="shares"),
    path("shares/<str:share_id>/revoke", share_views.share_revoke, name="share_revoke"),
    path("s/<str:token>/", share_views.shared, name="shared"),
    path("s/<str:token>/holder", share_views.shared_holder, name="shared_holder"),
    path(
        "s/<str:token>/<str:item_id>/download", share_views.shared_download, name="shared_download"
    ),
    path("s/<str:token>/<str:item_id>/certificate.pdf", share_views.shared_pdf, name="shared_pdf"),
    path("data/", data_views.data_page, name="data"),
    path("data/export.json", data_views.export_personal, name="export_personal"),
    path("data/presentation.json", data_views.export_presentation, name="export_presentation"),
    path("data/clr.json", data_views.export_clr, name="export_clr"),
    path("data/delete", data_views.delete_account, name="delete_account"),
    path("deleted/", data_views.deleted, name="deleted"),
]
