"""The API as a Django app, so that its translations are found."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "microcred.api"
    label = "api"
    verbose_name = "API"
