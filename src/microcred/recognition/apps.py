from __future__ import annotations

from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "microcred.recognition"
    label = "recognition"
    default_auto_field = "django.db.models.BigAutoField"
