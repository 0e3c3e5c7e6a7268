"""Pathways: rules over micro-credentials, the learner's progress, stacked credentials."""

from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "microcred.pathways"
    label = "pathways"
    default_auto_field = "django.db.models.BigAutoField"
