"""Evidence files of an application: bounded, typed by their content, stored privately.

A file is accepted only if its first bytes are those of an allowed type (PDF, PNG, JPEG,
OpenDocument/Office Open XML, plain UTF-8 text), whatever its name says; it is stored
under ``<var>/evidence/`` with a random name (the name the provider gave is kept for
display only, cleaned), mode 0600, and served only through a view that checks who asks.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.registry.errors import RegistryError
from microcred.registry.models import Application, ApplicationEvent, EvidenceFile

__all__ = [
    "MAX_FILES",
    "CheckedFile",
    "add_evidence",
    "check_upload",
    "evidence_path",
    "max_bytes",
    "safe_name",
    "write_private",
]

MAX_FILES = 20
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Extension → (media type, how its content must begin).
TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    "txt": ("text/plain; charset=utf-8", ()),
}


def max_bytes() -> int:
    return int(getattr(settings, "MICROCRED_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def evidence_dir() -> Path:
    return Path(settings.VAR_DIR) / "evidence"


def evidence_path(item: EvidenceFile) -> Path:
    return evidence_dir() / item.stored_name


def safe_name(name: str) -> str:
    """The file's base name, without control or path characters, at most 120 long."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    cleaned = re.sub(r"[^\w .()\-]", "_", base).strip(" .")
    return cleaned[-120:] or "evidence"


def _kind(name: str, head: bytes, data: bytes) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = TYPES.get(extension)
    if allowed is None:
        raise RegistryError(
            _(
                "This kind of file is not accepted. "
                "Send PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS or TXT."
            ),
            code="registry.evidence_type",
        )
    media_type, magic = allowed
    if magic and not head.startswith(magic):
        raise RegistryError(
            _("The file's content does not match its name (.%(ext)s).") % {"ext": extension},
            code="registry.evidence_content",
        )
    if not magic:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RegistryError(
                _("A text file must be UTF-8 text."), code="registry.evidence_content"
            ) from exc
    return media_type


def _read(upload: UploadedFile) -> bytes:
    limit = max_bytes()
    if upload.size is not None and upload.size > limit:
        raise _too_large(limit)
    data: bytes = bytes(upload.read(limit + 1))
    if len(data) > limit:
        raise _too_large(limit)
    if not data:
        raise RegistryError(_("The file is empty."), code="registry.evidence_empty")
    return data


def _too_large(limit: int) -> RegistryError:
    return RegistryError(
        _("The file is larger than %(mb)s MB.") % {"mb": f"{limit / 1024 / 1024:g}"},
        code="registry.evidence_too_large",
    )


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """An upload that passed the limits: its cleaned name, its type, its bytes."""

    name: str
    media_type: str
    data: bytes


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Size and type checked (``RegistryError`` with a precise message otherwise); shared
    with the recognition desk, whose learners attach evidence under the same rules."""
    data = _read(upload)
    name = safe_name(upload.name or "")
    return CheckedFile(name, _kind(name, data[:16], data), data)


@transaction.atomic
def add_evidence(application: Application, upload: UploadedFile, *, by: User) -> EvidenceFile:
    current = Application.objects.select_for_update().get(pk=application.pk)
    if current.state not in (Application.State.DRAFT, Application.State.CHANGES_REQUESTED):
        raise RegistryError(
            _("Evidence can be added while the application is a draft or returned for changes."),
            code="registry.application_locked",
        )
    if current.evidence.count() >= MAX_FILES:
        raise RegistryError(
            _("An application holds at most %(n)d files.") % {"n": MAX_FILES},
            code="registry.evidence_too_many",
        )
    checked = check_upload(upload)
    name, media_type, data = checked.name, checked.media_type, checked.data
    stored = secrets.token_hex(20)
    path = evidence_dir() / stored
    write_private(path, data)
    try:
        item = EvidenceFile.objects.create(
            application=current,
            name=name,
            stored_name=stored,
            content_type=media_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=by,
        )
        ApplicationEvent.objects.create(
            application=current, kind=ApplicationEvent.Kind.EVIDENCE_ADDED, text=name, author=by
        )
    except BaseException:
        path.unlink(missing_ok=True)  # no row, no file
        raise
    return item


def write_private(path: Path, data: bytes) -> None:
    """Private (0600) from its first byte, under a private directory."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with path.open("xb") as handle:
        path.chmod(0o600)
        handle.write(data)
