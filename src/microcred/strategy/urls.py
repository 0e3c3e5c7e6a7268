"""Pages of the strategy app, mounted under the language prefix (/<lang>/strategy/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from microcred.strategy.canvas import views
from microcred.strategy.readiness import views as readiness_views
from microcred.strategy.report import views as report_views
from microcred.strategy.steep import views as steep_views

app_name = "strategy"

S = "<slug:org>/s/<str:sid>/"
ITEM = S + "items/<str:kind>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:org>/", views.strategy_list, name="list"),
    path(S, views.canvas, name="canvas"),
    path(S + "checks", views.checks, name="checks"),
    path(S + "progress", views.progress_view, name="progress"),
    path(S + "history", views.history, name="history"),
    path(S + "team", views.team, name="team"),
    path(S + "delete", views.strategy_delete, name="delete"),
    path(S + "notes/<str:block>", views.notes, name="notes"),
    path(ITEM + "add", views.item_add, name="item_add"),
    path(ITEM + "<str:item>/", views.item_save, name="item_save"),
    path(ITEM + "<str:item>/delete", views.item_delete, name="item_delete"),
    path(S + "steep/", steep_views.steep, name="steep"),
    path(S + "steep/themes", steep_views.theme_add, name="theme_add"),
    path(S + "steep/<str:fid>/", steep_views.factor_save, name="factor_save"),
    path(S + "steep/<str:fid>/delete", steep_views.factor_delete, name="factor_delete"),
    path(S + "steep/<str:fid>/send", steep_views.factor_send, name="factor_send"),
    # readiness and reports
    path(S + "readiness/", readiness_views.readiness, name="readiness"),
    path(S + "readiness/answers", readiness_views.readiness_answer, name="readiness_answer"),
    path(S + "readiness/<str:aid>/", readiness_views.readiness_result, name="readiness_result"),
    path(S + "recommendations/", readiness_views.recommendations, name="recommendations"),
    path(S + "report/", report_views.report_page, name="report"),
    path(S + "report.pdf", report_views.report_pdf, name="report_pdf"),
]
