"""Fixtures for the web tests: pages rendered without a collectstatic run."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings


@pytest.fixture(autouse=True)
def _static_without_manifest(settings: Settings) -> None:
    """Hashed static names need ``collectstatic``; page tests serve the sources, as in
    development. (The server test runs the real thing: collectstatic, hashed names.)
    """
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
