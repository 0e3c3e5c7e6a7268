"""WSGI entry point (gunicorn ``microcred.web.wsgi:application``)."""

from __future__ import annotations

import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.web.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402

from microcred.web.checks import refuse_to_start_if_misconfigured  # noqa: E402

refuse_to_start_if_misconfigured()

logging.getLogger("microcred.web").info(
    "starting",
    extra={
        "event": "startup",
        "public_url": settings.MICROCRED_PUBLIC_URL,
        "did_web_host": settings.MICROCRED_DID_WEB_HOST,
        "debug": settings.DEBUG,
    },
)
