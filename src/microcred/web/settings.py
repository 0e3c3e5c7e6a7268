"""Minimal settings; replaced by the web platform's full settings."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "dev-only-not-secret"  # noqa: S105
DEBUG = True
INSTALLED_APPS: list[str] = ["django.contrib.contenttypes", "django.contrib.auth"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
