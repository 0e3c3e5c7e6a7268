"""Evidence uploads: bounded, typed by content, stored privately under a random name."""

from __future__ import annotations

import stat
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from microcred.accounts.models import User
from microcred.registry import evidence
from microcred.registry.errors import RegistryError
from microcred.registry.models import Application, EvidenceFile

pytestmark = pytest.mark.django_db


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "registry.evidence_type"),
        ("plan.pdf", b"<html>not a pdf</html>", "registry.evidence_content"),
        ("notes.txt", b"\xff\xfe\x00bad", "registry.evidence_content"),
        ("empty.pdf", b"", "registry.evidence_empty"),
    ],
)
def test_refused_files_leave_nothing(
    draft: Application, provider_admin: User, settings: Any, name: str, data: bytes, code: str
) -> None:
    with pytest.raises(RegistryError) as refused:
        evidence.add_evidence(draft, upload(name, data), by=provider_admin)
    assert refused.value.code == code
    assert not EvidenceFile.objects.exists()
    folder = settings.VAR_DIR / "evidence"
    assert not folder.exists() or not any(folder.iterdir())


def test_too_large_is_refused(draft: Application, provider_admin: User, settings: Any) -> None:
    settings.MICROCRED_EVIDENCE_MAX_BYTES = 10
    with pytest.raises(RegistryError) as refused:
        evidence.add_evidence(draft, upload("a.pdf", b"%PDF-" + b"x" * 20), by=provider_admin)
    assert refused.value.code == "registry.evidence_too_large"


def test_a_file_is_kept_privately_under_a_random_name(
    draft: Application, provider_admin: User
) -> None:
    item = evidence.add_evidence(
        draft, upload("../../etc/İç Denetim\x00Raporu.pdf", b"%PDF-1.7 x"), by=provider_admin
    )
    assert item.name == "İç Denetim_Raporu.pdf"
    path = evidence.evidence_path(item)
    assert path.read_bytes() == b"%PDF-1.7 x"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert item.stored_name not in item.name
    assert item.content_type == "application/pdf"


def test_no_evidence_once_submitted(submitted: Application, provider_admin: User) -> None:
    with pytest.raises(RegistryError) as refused:
        evidence.add_evidence(submitted, upload("late.pdf", b"%PDF-1"), by=provider_admin)
    assert refused.value.code == "registry.application_locked"
