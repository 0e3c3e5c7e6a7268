"""Serving an uploaded file back: as an attachment, with its checked type, and inert.

Uploads (a provider's evidence for the registry, a learner's for the recognition desk) are
served only to the people allowed to read them, but their content is whatever was sent. So
the browser is told not to guess the type, not to keep a copy, and, should it render the
file anyway, to run nothing in it.
"""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404

__all__ = ["attachment"]


def attachment(path: Path, *, name: str, content_type: str) -> FileResponse:
    """``path`` as a download named ``name``; a file gone from the disk is a 404."""
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
