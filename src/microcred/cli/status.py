"""``microcred status``: create and update a signed Bitstring Status List credential."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from microcred.cli.common import dump, fail, issuer_identity, load_key, read_json_object, write_text
from microcred.vc import (
    BitstringStatusList,
    Ed25519KeyPair,
    IssuanceError,
    VcError,
    build_did_web_document,
    format_datetime,
    issue_credential,
    status_list_credential,
)

app = typer.Typer(help="Bitstring Status Lists (revocation and suspension).", no_args_is_help=True)
PURPOSES = ("revocation", "suspension")
KeyOpt = Annotated[Path, typer.Option("--key", help="Issuer key file.")]
DidWebOpt = Annotated[str | None, typer.Option("--did-web", help="DOMAIN/PATH.")]


def _sign(document: dict[str, Any], key: Ed25519KeyPair, did_web: str | None) -> dict[str, Any]:
    did, method = issuer_identity(key, did_web)
    documents = {}
    if did_web is not None:
        documents[did] = build_did_web_document(did, [(method.split("#", 1)[1], key.public)])
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    try:
        signed = issue_credential(
            unsigned,
            key=key,
            verification_method=method,
            now=datetime.now(UTC),
            documents=documents,
        )
    except IssuanceError as exc:
        fail(str(exc))
    assert isinstance(signed, dict)
    return signed


@app.command()
def new(
    key_file: KeyOpt,
    url: Annotated[str, typer.Option("--url", help="Where the list will be published.")],
    out: Annotated[Path, typer.Option("--out")],
    purpose: Annotated[str, typer.Option("--purpose")] = "revocation",
    size: Annotated[int, typer.Option("--size", min=131072)] = 131072,
    did_web: DidWebOpt = None,
) -> None:
    """Create an empty signed status list (at least 131,072 entries)."""
    if purpose not in PURPOSES:
        fail(f"--purpose must be one of {', '.join(PURPOSES)}")
    key = load_key(key_file)
    did, _ = issuer_identity(key, did_web)
    document = status_list_credential(
        id=url,
        issuer=did,
        purpose=purpose,
        encoded_list=BitstringStatusList(size).encode(),
        valid_from=format_datetime(datetime.now(UTC)),
    )
    write_text(out, dump(_sign(document, key, did_web)))
    typer.echo(f"{out}: {purpose} list of {size} entries at {url}")


def _update(
    key_file: Path, file: Path, index: int, value: int, needs: str | None, did_web: str | None
) -> None:
    key = load_key(key_file)
    document = read_json_object(file, "status list")
    subject = document.get("credentialSubject")
    if not isinstance(subject, dict) or not isinstance(subject.get("encodedList"), str):
        fail(f"{file} is not a status list credential")
    if needs is not None and subject.get("statusPurpose") != needs:
        fail(f"{file} is a {subject.get('statusPurpose')} list; this needs a {needs} list")
    try:
        bits = BitstringStatusList.decode(subject["encodedList"])
        bits.set(index, value)
    except (VcError, IndexError, ValueError) as exc:
        fail(f"cannot update entry {index}: {exc}")
    subject["encodedList"] = bits.encode()
    write_text(file, dump(_sign(document, key, did_web)))
    typer.echo(f"{file}: entry {index} set to {value}")


IndexOpt = Annotated[int, typer.Option("--index", min=0)]
FileArg = Annotated[Path, typer.Argument(help="Status list credential file (rewritten).")]


@app.command()
def revoke(key_file: KeyOpt, file: FileArg, index: IndexOpt, did_web: DidWebOpt = None) -> None:
    """Revoke entry INDEX (permanent)."""
    _update(key_file, file, index, 1, "revocation", did_web)


@app.command()
def suspend(key_file: KeyOpt, file: FileArg, index: IndexOpt, did_web: DidWebOpt = None) -> None:
    """Suspend entry INDEX of a suspension list."""
    _update(key_file, file, index, 1, "suspension", did_web)


@app.command()
def reinstate(key_file: KeyOpt, file: FileArg, index: IndexOpt, did_web: DidWebOpt = None) -> None:
    """Lift the suspension of entry INDEX (revocation cannot be undone)."""
    _update(key_file, file, index, 0, "suspension", did_web)
