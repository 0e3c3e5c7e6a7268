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
from microcred.vc import (
    FORMATS,
    IssuanceError,
    build_did_web_document,
    compose_credential,
    issue_credential,
    parse_datetime,
    status_entry,
)


def _status_from(path: Path, index: int) -> dict[str, Any]:
    listed = read_json_object(path, "status list")
    subject = listed.get("credentialSubject")
    if not isinstance(listed.get("id"), str) or not isinstance(subject, Mapping):
        fail(f"{path} is not a status list credential (no id or credentialSubject)")
    return status_entry(
        list_credential=listed["id"], index=index, purpose=str(subject.get("statusPurpose"))
    )


def _moment(value: str | None) -> datetime | None:
    """``--valid-until`` as a moment: refused here, with the reason, if it is no dateTime."""
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except ValueError as exc:
        fail(f"--valid-until: {exc}")


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
    credential = compose_credential(
        credential_id=f"urn:uuid:{uuid.uuid4()}",
        achievement=read_json_object(achievement_file, "achievement"),
        issuer=issuer,
        subject=read_json_object(subject_file, "subject"),
        issued=now,
        status=[] if status is None else [status],
        valid_until=_moment(valid_until),
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
