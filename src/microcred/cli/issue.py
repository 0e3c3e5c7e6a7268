"""``microcred issue``: compose an OpenBadgeCredential, sign it, check it, write it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from microcred.cli.common import (
    dump,
    fail,
    issuer_identity,
    load_key,
    read_json_object,
    write_text,
)
from microcred.vc.dates import format_datetime
from microcred.vc.did import build_did_web_document
from microcred.vc.issue import FORMATS, IssuanceError, issue_credential
from microcred.vc.openbadges import credential_context
from microcred.vc.status import status_entry


def compose(
    achievement: dict[str, Any],
    subject: dict[str, Any],
    *,
    issuer: dict[str, Any],
    now: datetime,
    status: dict[str, Any] | None,
    valid_until: str | None,
) -> dict[str, Any]:
    credential: dict[str, Any] = {
        "@context": credential_context(achievement),
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer,
        "validFrom": format_datetime(now),
        "name": achievement.get("name", "Open Badge"),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            **subject,
            "achievement": achievement,
        },
    }
    if valid_until:
        credential["validUntil"] = valid_until
    if status is not None:
        credential["credentialStatus"] = status
    return credential


def _status_from(path: Path, index: int) -> dict[str, Any]:
    listed = read_json_object(path, "status list")
    subject = listed.get("credentialSubject")
    if not isinstance(listed.get("id"), str) or not isinstance(subject, Mapping):
        fail(f"{path} is not a status list credential (no id or credentialSubject)")
    return status_entry(
        list_credential=listed["id"], index=index, purpose=str(subject.get("statusPurpose"))
    )


def issue(
    key_file: Annotated[Path, typer.Option("--key", help="Issuer key file.")],
    achievement_file: Annotated[Path, typer.Option("--achievement", help="Achievement JSON.")],
    subject_file: Annotated[Path, typer.Option("--subject", help="AchievementSubject JSON.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the credential.")],
    did_web: Annotated[str | None, typer.Option("--did-web", help="DOMAIN/PATH.")] = None,
    status_list: Annotated[Path | None, typer.Option("--status-list")] = None,
    status_index: Annotated[int | None, typer.Option("--status-index", min=0)] = None,
    fmt: Annotated[str, typer.Option("--format", help="di-rdfc | di-jcs | jwt")] = "di-rdfc",
    issuer_name: Annotated[str | None, typer.Option("--issuer-name")] = None,
    valid_until: Annotated[str | None, typer.Option("--valid-until")] = None,
) -> None:
    """Issue a signed OpenBadgeCredential (verified before it is written)."""
    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if (status_list is None) != (status_index is None):
        fail("--status-list and --status-index go together")
    key = load_key(key_file)
    did, method = issuer_identity(key, did_web)
    issuer: dict[str, Any] = {"id": did, "type": ["Profile"]}
    if issuer_name:
        issuer["name"] = issuer_name
    status = None
    if status_list is not None and status_index is not None:
        status = _status_from(status_list, status_index)
    now = datetime.now(UTC)
    credential = compose(
        read_json_object(achievement_file, "achievement"),
        read_json_object(subject_file, "subject"),
        issuer=issuer,
        now=now,
        status=status,
        valid_until=valid_until,
    )
    documents = {}
    if did_web is not None:
        documents[did] = build_did_web_document(did, [(method.split("#", 1)[1], key.public)])
    try:
        secured = issue_credential(
            credential,
            key=key,
            verification_method=method,
            now=now,
            format=fmt,
            documents=documents,
        )
    except IssuanceError as exc:
        fail(str(exc))
    write_text(out, secured + "\n" if isinstance(secured, str) else dump(secured))
    typer.echo(f"{out}: {credential['id']}")
