"""WSGI entry point (gunicorn ``microcred.web.wsgi:application``)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.web.settings")

application = get_wsgi_application()

from microcred.web.checks import refuse_to_start_if_misconfigured  # noqa: E402

refuse_to_start_if_misconfigured()
