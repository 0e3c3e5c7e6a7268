"""``microcred keys``: create a signing key and publish its did:web document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from microcred.cli.common import dump, issuer_identity, load_key, write_private, write_text
from microcred.vc import Ed25519KeyPair, build_did_web_document

app = typer.Typer(help="Ed25519 signing keys.", no_args_is_help=True)


@app.command()
def generate(
    out: Annotated[Path, typer.Option("--out", help="Key file to create (mode 0600).")],
) -> None:
    """Create a new Ed25519 key; print its did:key."""
    key = Ed25519KeyPair.generate()
    write_private(out, json.dumps(key.to_file_json(), indent=2) + "\n")
    did, _ = issuer_identity(key, None)
    typer.echo(did)


@app.command("did-web")
def did_web(
    key_file: Annotated[Path, typer.Option("--key", help="Key file.")],
    did_web: Annotated[str, typer.Option("--did-web", help="DOMAIN or DOMAIN/PATH.")],
    out: Annotated[Path | None, typer.Option("--out", help="Write did.json here.")] = None,
) -> None:
    """Print (or write) the did:web DID document that authorises this key to issue."""
    key = load_key(key_file)
    did, method = issuer_identity(key, did_web)
    fragment = method.split("#", 1)[1]
    document = build_did_web_document(did, [(fragment, key.public)])
    if out is None:
        typer.echo(dump(document), nl=False)
    else:
        write_text(out, dump(document))
        typer.echo(did)
