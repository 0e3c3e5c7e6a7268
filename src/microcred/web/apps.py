"""The web project as an app, so its templates, static files, translations and checks load."""

from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "microcred.web"
    label = "microcred_web"
    verbose_name = "Microcred web"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from microcred.web import checks  # noqa: F401 - registers the start-up checks
        from microcred.web.file_modes import private_sqlite_files

        connection_created.connect(private_sqlite_files, dispatch_uid="microcred-private-sqlite")
