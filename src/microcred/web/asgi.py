"""ASGI entry point (e.g. ``uvicorn microcred.web.asgi:application``)."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.web.settings")

application = get_asgi_application()

from microcred.web.checks import refuse_to_start_if_misconfigured  # noqa: E402

refuse_to_start_if_misconfigured()
