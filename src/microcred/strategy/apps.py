"""Opportunity Scoping canvas, STEEP, readiness self-assessment, reports."""

from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "microcred.strategy"
    label = "strategy"
    default_auto_field = "django.db.models.BigAutoField"
