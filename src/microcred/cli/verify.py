"""``microcred verify``: one report per file, offline unless told otherwise.

Exit status: 0 when every file verified, 1 when any did not, 2 on misuse (bad flags,
unreadable maps). A file that cannot be read is reported as not verified, not as misuse:
it is the credential that is bad, not the command line.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from microcred.cli.common import fail, read_json_object
from microcred.vc.dates import parse_datetime
from microcred.vc.errors import VcError
from microcred.vc.verify import Check, CheckStatus, TrustList, VerificationReport, verify_credential

out = Console(highlight=False)
_MARK = {
    CheckStatus.PASSED: "[green]✓[/]",
    CheckStatus.FAILED: "[red]✗[/]",
    CheckStatus.SKIPPED: "[dim]–[/]",
    CheckStatus.WARNING: "[yellow]![/]",
}


def _documents(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    return read_json_object(path, "documents map")


def _trust(
    path: Path | None, issuer: str | None, documents: dict[str, Any], now: datetime
) -> TrustList | None:
    """A plain list (an operator's own file), or a signed one: verified with the same
    documents and clock as the credentials, and issued by ``--trust-list-issuer``."""
    if path is None:
        if issuer is not None:
            fail("--trust-list-issuer needs --trust-list")
        return None
    data = read_json_object(path, "trust list")
    if "proof" not in data:
        try:
            return TrustList.from_json(data)
        except ValueError as exc:
            fail(f"trust list {path}: {exc}")
    if issuer is None:
        fail("a signed trust list needs --trust-list-issuer DID (the body expected to sign it)")
    try:
        return TrustList.from_signed(data, expected_issuer=issuer, now=now, documents=documents)
    except VcError as exc:
        fail(f"trust list {path} refused ({exc.code}): {exc}")


def _now(text: str | None) -> datetime:
    if text is None:
        return datetime.now(UTC)
    try:
        return parse_datetime(text)
    except ValueError as exc:
        fail(f"--now: {exc}")


def _read(path: Path) -> bytes | VerificationReport:
    try:
        return path.read_bytes()
    except OSError as exc:
        check = Check(
            "structure",
            "json_malformed",
            CheckStatus.FAILED,
            {"detail": f"cannot read {path}: {exc.strerror}"},
        )
        return VerificationReport(checks=(check,))


def _print_human(path: Path, report: VerificationReport, lang: str) -> None:
    verdict = "[bold green]VERIFIED[/]" if report.verified else "[bold red]NOT VERIFIED[/]"
    out.print(f"{path}: {verdict}")
    table = Table(show_header=False, box=None, padding=(0, 1))
    for check in report.checks:
        table.add_row(_MARK[check.status], check.code, check.message(lang))
    out.print(table)


def verify(
    files: Annotated[list[Path], typer.Argument(help="Credential files (JSON or vc+jwt).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    documents: Annotated[
        Path | None, typer.Option("--documents", help="URL/DID → doc map.")
    ] = None,
    now: Annotated[str | None, typer.Option("--now", help="Verification time, ISO 8601.")] = None,
    trust_list: Annotated[
        Path | None, typer.Option("--trust-list", help="Trust list: plain, or signed.")
    ] = None,
    trust_list_issuer: Annotated[
        str | None,
        typer.Option("--trust-list-issuer", help="DID that must have signed the trust list."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="en | tr")] = "en",
    proof_only: Annotated[bool, typer.Option("--proof-only", help="Check proofs only.")] = False,
) -> None:
    """Verify credentials; exit 0 only if every one verified."""
    if lang not in ("en", "tr"):
        fail("--lang must be en or tr")
    docs, moment = _documents(documents), _now(now)
    trust = _trust(trust_list, trust_list_issuer, docs, moment)
    cache: dict[str, Any] = {}
    all_ok = True
    for path in files:
        data = _read(path)
        report = (
            data
            if isinstance(data, VerificationReport)
            else verify_credential(
                data,
                now=moment,
                documents=docs,
                trust_list=trust,
                status_cache=cache,
                scope="proof" if proof_only else "credential",
            )
        )
        all_ok &= report.verified
        if as_json:
            typer.echo(json.dumps({"file": str(path), **report.to_json(lang)}, ensure_ascii=False))
        else:
            _print_human(path, report, lang)
    raise typer.Exit(0 if all_ok else 1)
