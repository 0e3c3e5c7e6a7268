"""What the sub-commands share: reading files strictly and failing with exit status 2."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

from microcred.vc import Ed25519KeyPair, VcError, did_key_for, did_web_for

err = Console(stderr=True)
MISUSE = 2


def fail(message: str) -> NoReturn:
    """Misuse (bad flags, unreadable files): a clear message and exit status 2."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(MISUSE)


def read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        fail(f"{what} file not found: {path}")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {what} file {path}: {exc}")
    except json.JSONDecodeError as exc:
        fail(f"{what} file {path} is not valid JSON: {exc.msg} at line {exc.lineno}")


def read_json_object(path: Path, what: str) -> dict[str, Any]:
    value = read_json(path, what)
    if not isinstance(value, dict):
        fail(f"{what} file {path} must hold a JSON object")
    return value


def load_key(path: Path) -> Ed25519KeyPair:
    data = read_json_object(path, "key")
    try:
        return Ed25519KeyPair.from_file_json(data)
    except VcError as exc:
        fail(f"key file {path} is not a usable Ed25519 key: {exc}")


def write_private(path: Path, text: str) -> None:
    """Create ``path`` readable by its owner only (0600) before any secret is written."""
    if path.exists():
        fail(f"{path} already exists; refusing to overwrite a key")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def issuer_identity(key: Ed25519KeyPair, did_web: str | None) -> tuple[str, str]:
    """(issuer DID, verification method URL) for a did:key or a did:web issuer.

    The verification method's fragment is the key's own Multikey value in both cases, so a
    did:web document built by ``microcred keys did-web`` always matches what was signed.
    """
    if did_web is None:
        did = did_key_for(key.public)
        return did, f"{did}#{did.removeprefix('did:key:')}"
    domain, _, path = did_web.partition("/")
    try:
        did = did_web_for(domain, path or None)
    except VcError as exc:
        fail(f"--did-web {did_web!r}: {exc}")
    return did, f"{did}#{key.public.multikey}"
