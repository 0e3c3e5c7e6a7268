"""The size cap of a learners CSV, enforced while the request body arrives.

Without it a 183 MB upload was read whole, then parsed; now a request that declares a
larger body is answered before any of it is read, and one that does not (chunked) is cut
off by an upload handler as soon as the file passes the cap.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

#: Default for ``MICROCRED_CSV_MAX_BYTES``: 20 MiB, about 100,000 ordinary rows.
MAX_BYTES = 20 * 1024 * 1024
#: What the rest of the form (boundaries, the version field, the CSRF token) may add.
FORM_OVERHEAD = 64 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "MICROCRED_CSV_MAX_BYTES", MAX_BYTES))


def too_large_message() -> str:
    return _(
        "The file is larger than %(limit)s. Split it into smaller files and upload them one by one."
    ) % {"limit": filesizeformat(max_bytes())}


def declared_too_large(request: HttpRequest) -> bool:
    """The body the client announced is larger than any acceptable upload."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > max_bytes() + FORM_OVERHEAD


class CappedUploadHandler(FileUploadHandler):
    """First of the request's handlers: stops reading once a file passes the cap.

    The parser then drains the rest of the body without keeping it, so the browser still
    gets the page that says why.
    """

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = max_bytes()
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> Any:
        return None  # the next handler keeps the file


def cap_uploads(request: HttpRequest) -> CappedUploadHandler:
    """Put the cap in front of the request's upload handlers (before the body is read)."""
    handler = CappedUploadHandler(request)
    request.upload_handlers = [handler, *request.upload_handlers]
    return handler
