"""Evidence files a learner attaches: checked before anything is written, stored privately.

The limits are the registry's (``registry.evidence.check_upload``: size, and a type proven
by the file's first bytes), plus a count per request. Every file of a submission is checked
first; then all are written (random names, mode 0600); if anything fails after that, the
files already written are removed, so nothing half-written is kept.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from microcred.recognition.errors import RecognitionError
from microcred.recognition.models import Appeal, EvidenceFile, Request
from microcred.registry.errors import RegistryError
from microcred.registry.evidence import CheckedFile, check_upload, write_private

__all__ = ["MAX_FILES", "checked_files", "evidence_path", "store_evidence"]

MAX_FILES = 10


def evidence_dir() -> Path:
    return Path(settings.VAR_DIR) / "recognition-evidence"


def evidence_path(item: EvidenceFile) -> Path:
    return evidence_dir() / item.stored_name


def checked_files(uploads: Sequence[UploadedFile]) -> list[CheckedFile]:
    """Every upload checked (size, type, count); ``RecognitionError`` names the file."""
    if len(uploads) > MAX_FILES:
        raise RecognitionError(
            _("Attach at most %(n)d files.") % {"n": MAX_FILES},
            code="recognition.evidence_too_many",
        )
    checked = []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except RegistryError as error:
            raise RecognitionError(
                _("%(file)s: %(problem)s") % {"file": upload.name, "problem": error.message},
                code=error.code,
            ) from error
    return checked


def store_evidence(
    request: Request, files: Sequence[CheckedFile], appeal: Appeal | None = None
) -> list[EvidenceFile]:
    """Write the files and their rows, as the last step of the caller's transaction; if
    one fails, the files already written are removed (the transaction removes the rows)."""
    written: list[Path] = []
    try:
        rows = []
        for item in files:
            stored = secrets.token_hex(20)
            path = evidence_dir() / stored
            write_private(path, item.data)
            written.append(path)
            rows.append(
                EvidenceFile.objects.create(
                    request=request,
                    appeal=appeal,
                    name=item.name,
                    stored_name=stored,
                    content_type=item.media_type,
                    size=len(item.data),
                    sha256=hashlib.sha256(item.data).hexdigest(),
                )
            )
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return rows
