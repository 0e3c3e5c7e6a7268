"""Pages of the verification app, mounted under the language prefix.

The verify page itself is mounted at ``/<lang>/verify/`` (``web/urls.py``, name ``verify``)
so its address stays short enough for a QR code; nothing else is needed here yet.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "verification"

urlpatterns: list[URLPattern | URLResolver] = []
